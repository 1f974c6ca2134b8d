using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// A whole batch of rows that a [TableFunction] yields, with facts about that batch. A method returning
/// <c>IEnumerable&lt;RowBatch&lt;T&gt;&gt;</c> or <c>IAsyncEnumerable&lt;RowBatch&lt;T&gt;&gt;</c> sends
/// exactly one Arrow batch per yielded value (its rows are not split or merged with others, whatever
/// the batch size), so it decides the batch boundaries and can tag each batch:
/// <code>
/// yield return new RowBatch&lt;Sale&gt;(rows) { BatchIndex = partition };
/// </code>
/// </summary>
/// <typeparam name="T">The row type: a record, record struct, named tuple or single mapped value, as for row-yielding functions.</typeparam>
/// <remarks>
/// A batch with no rows is passed on as an empty batch, which the worker skips (as it skips batches that
/// pushed filters empty). <c>default(RowBatch&lt;T&gt;)</c> is such an empty batch.
/// </remarks>
public readonly record struct RowBatch<T>
{
    private readonly IReadOnlyList<T>? _rows;
    private readonly bool _omitContractMetadata;

    /// <param name="rows">The rows of the batch, in order; the list is read when the batch is sent, not copied before.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rows"/> is null.</exception>
    public RowBatch(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;
    }

    /// <summary>The rows of the batch (empty for <c>default</c>).</summary>
    public IReadOnlyList<T> Rows
    {
        get => _rows ?? [];
        init => _rows = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// The batch's <c>vgi_batch_index</c>, for a function declared with
    /// <see cref="TableFunctionAttribute.SupportsBatchIndex"/>: non-decreasing per stream and below 10^13 - 1;
    /// with several streams it orders the batches across them. Null numbers the stream's batches
    /// 0, 1, 2, ..., which is right for a single stream (<see cref="TableScan.BatchIndex"/>).
    /// </summary>
    public long? BatchIndex { get; init; }

    /// <summary>
    /// Explicit partition values of the batch: a two-row batch (row 0 the minimum, row 1 the maximum) with
    /// one column per [PartitionColumn] of the row type, in output order. Null lets the worker compute them
    /// from the batch's partition columns, which is right whenever those columns are in the batch
    /// (<see cref="TableScan.PartitionValues"/>).
    /// </summary>
    public RecordBatch? PartitionValues { get; init; }

    /// <summary>Extra custom metadata written on the batch after the worker's own keys (<see cref="TableScan.BatchMetadata"/>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? Metadata { get; init; }

    /// <summary>
    /// False sends the batch without the worker's contract keys (<c>vgi_batch_index</c>,
    /// <c>vgi_partition_values#b64</c>) even when the function declares them: only for a fixture that tests
    /// the client's own contract checks (<see cref="TableScan.WriteContractMetadata"/>). Default true.
    /// </summary>
    public bool WriteContractMetadata
    {
        get => !_omitContractMetadata;
        init => _omitContractMetadata = !value;
    }
}
