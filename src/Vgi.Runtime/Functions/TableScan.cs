using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// One scan stream of a bound table function: produces batches of the projected output schema
/// until it returns null. Disposed when the stream ends, however it ends (finished, LIMIT, cancel,
/// closed pipe), so enumerators and connections are released.
/// </summary>
public abstract class TableScan : IAsyncDisposable
{
    /// <summary>The next batch (at most <see cref="TableScanContext.BatchSize"/> rows), or null when the scan is over.</summary>
    public abstract ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken);

    /// <summary>
    /// With <see cref="TableFunctionDefinition.SupportsBatchIndex"/>: the <c>vgi_batch_index</c> of the
    /// batch <see cref="NextAsync"/> last returned (non-decreasing per stream, below 10^13 - 1; with
    /// several streams it orders batches across them). Null lets the worker number the stream's
    /// batches 0, 1, 2, ..., which is right for a single stream.
    /// </summary>
    public virtual long? BatchIndex => null;

    /// <summary>
    /// With a partitioned definition (<see cref="TableFunctionDefinition.PartitionKind"/>): the
    /// partition values of the batch <see cref="NextAsync"/> last returned, as a two-row batch (row 0
    /// the minimum, row 1 the maximum) with one column per partition field. Null lets the worker
    /// compute them from the batch's partition columns.
    /// </summary>
    public virtual RecordBatch? PartitionValues => null;

    /// <summary>
    /// Extra custom metadata for the batch <see cref="NextAsync"/> last returned, written as is and
    /// after the worker's own keys; a test fixture can use it to send a deliberately broken batch.
    /// </summary>
    public virtual IReadOnlyList<KeyValuePair<string, string>>? BatchMetadata => null;

    /// <summary>
    /// False sends the batch <see cref="NextAsync"/> last returned without the worker's contract keys
    /// (<c>vgi_batch_index</c>, <c>vgi_partition_values#b64</c>) even when the definition declares
    /// them: only for a fixture that tests the client's own contract checks.
    /// </summary>
    public virtual bool WriteContractMetadata => true;

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return default;
    }
}

/// <summary>What an <c>init</c> tells a scan: projection, filters, hints, and whether it is a secondary stream.</summary>
public sealed class TableScanContext
{
    /// <summary>Indices into the output schema of the columns to produce, in output order; null = all.</summary>
    public IReadOnlyList<int>? ProjectionIds { get; init; }

    /// <summary>The schema of the batches to emit: the output schema restricted to <see cref="ProjectionIds"/>.</summary>
    public required Schema ProjectedSchema { get; init; }

    /// <summary>
    /// The columns generated row scans write: the projected ones, then partition columns the
    /// projection left out (the worker reads a batch's partition values from them and then drops
    /// them). Null when that is just the projection.
    /// </summary>
    internal (IReadOnlyList<int> Ids, Schema Schema)? WrittenColumns { get; init; }

    private TableFilters _filters = TableFilters.None;

    /// <summary>
    /// Pushed-down filters (empty when none): the init filters AND the latest dynamic (Top-N) set
    /// DuckDB sent with a tick. The worker replaces the value between <see cref="TableScan.NextAsync"/>
    /// calls when a tick brings new dynamic filters, so read it at each call.
    /// </summary>
    public required TableFilters Filters
    {
        get => Volatile.Read(ref _filters);
        init => _filters = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Installs a new filter set (a tick's dynamic filters ANDed with the init filters).</summary>
    internal void UpdateFilters(TableFilters filters) => Volatile.Write(ref _filters, filters);

    /// <summary>
    /// Rows per emitted batch: the call's <see cref="TableBinding.BatchSize"/>, else the definition's
    /// <see cref="TableFunctionDefinition.BatchSize"/> (2048 by default, DuckDB's vector size).
    /// </summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>True on a secondary init of a parallel scan (<c>max_workers</c> &gt; 1).</summary>
    public bool IsSecondary { get; init; }

    /// <summary>The scan's execution id, shared by its primary and secondary streams.</summary>
    public required ReadOnlyMemory<byte> ExecutionId { get; init; }

    /// <summary>ORDER BY hint: column, descending, nulls first, limit (+offset); null when DuckDB sent none.</summary>
    public OrderByHint? OrderBy { get; init; }

    /// <summary>TABLESAMPLE SYSTEM percentage and seed, when pushed.</summary>
    public SampleHint? Sample { get; init; }

    public required VgiContext Context { get; init; }

    /// <summary>
    /// State shared by every stream of this execution (<see cref="ExecutionId"/>): work queues and
    /// values the primary stream publishes for the secondaries.
    /// </summary>
    public required ExecutionStorage Storage { get; init; }

    /// <summary><c>bind_opaque_data</c>: the bytes the bind returned in <see cref="TableBinding.OpaqueData"/>.</summary>
    public ReadOnlyMemory<byte> BindOpaqueData { get; init; }

    /// <summary>The primary init's <see cref="TableBinding.InitOpaqueData"/> (on a secondary, as DuckDB forwarded it).</summary>
    public ReadOnlyMemory<byte> InitOpaqueData { get; init; }

    /// <summary>True when column <paramref name="outputIndex"/> of the output schema is wanted.</summary>
    public bool IsProjected(int outputIndex) => ProjectionIds is null || ProjectionIds.Contains(outputIndex);
}

/// <summary>An ORDER BY hint; <paramref name="Descending"/> and <paramref name="NullsFirst"/> are null when DuckDB did not send them.</summary>
public sealed record OrderByHint(string Column, bool? Descending, bool? NullsFirst, long? Limit);

public sealed record SampleHint(double Percentage, long? Seed);
