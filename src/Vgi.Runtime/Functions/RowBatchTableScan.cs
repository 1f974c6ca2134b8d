using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// Turns the <see cref="RowBatch{T}"/> values of a generated table function into batches: one Arrow batch
/// per value, holding its rows (only the projected columns are written), with the value's batch index,
/// partition values, metadata and contract flag. The rows are never split or merged, so
/// <see cref="TableScanContext.BatchSize"/> does not apply; the method sizes its own batches.
/// </summary>
public sealed class RowBatchTableScan<T> : TableScan
{
    private readonly IEnumerator<RowBatch<T>> _batches;
    private readonly TableScanContext _context;
    private readonly RowColumnWriter<T> _write;
    private RowBatch<T> _current;
    private T[] _copy = [];

    public RowBatchTableScan(IEnumerable<RowBatch<T>> batches, TableScanContext context, RowColumnWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = batches.GetEnumerator();
        _context = context;
        _write = write;
    }

    public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_batches.MoveNext())
        {
            _current = default;
            return new ValueTask<RecordBatch?>((RecordBatch?)null);
        }
        _current = _batches.Current;
        return new ValueTask<RecordBatch?>(RowBatches.Build(_context, _current.Rows, ref _copy, _write));
    }

    public override long? BatchIndex => _current.BatchIndex;

    public override RecordBatch? PartitionValues => _current.PartitionValues;

    public override IReadOnlyList<KeyValuePair<string, string>>? BatchMetadata => _current.Metadata;

    public override bool WriteContractMetadata => _current.WriteContractMetadata;

    public override ValueTask DisposeAsync()
    {
        _batches.Dispose();
        return base.DisposeAsync();
    }
}

/// <summary>The <see cref="IAsyncEnumerable{T}"/> counterpart of <see cref="RowBatchTableScan{T}"/>.</summary>
public sealed class AsyncRowBatchTableScan<T> : TableScan
{
    private readonly IAsyncEnumerator<RowBatch<T>> _batches;
    private readonly TableScanContext _context;
    private readonly RowColumnWriter<T> _write;
    private RowBatch<T> _current;
    private T[] _copy = [];

    public AsyncRowBatchTableScan(IAsyncEnumerable<RowBatch<T>> batches, TableScanContext context, RowColumnWriter<T> write)
    {
        ArgumentNullException.ThrowIfNull(batches);
        _batches = batches.GetAsyncEnumerator(context.Context.CancellationToken);
        _context = context;
        _write = write;
    }

    public override async ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!await _batches.MoveNextAsync().ConfigureAwait(false))
        {
            _current = default;
            return null;
        }
        _current = _batches.Current;
        return RowBatches.Build(_context, _current.Rows, ref _copy, _write);
    }

    public override long? BatchIndex => _current.BatchIndex;

    public override RecordBatch? PartitionValues => _current.PartitionValues;

    public override IReadOnlyList<KeyValuePair<string, string>>? BatchMetadata => _current.Metadata;

    public override bool WriteContractMetadata => _current.WriteContractMetadata;

    public override async ValueTask DisposeAsync()
    {
        await _batches.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

internal static partial class RowBatches
{
    /// <summary>
    /// The batch of <paramref name="rows"/>: an array or a <see cref="List{T}"/> is read in place, any other
    /// list is first copied into <paramref name="copy"/> (reused from batch to batch).
    /// </summary>
    public static RecordBatch Build<T>(TableScanContext context, IReadOnlyList<T> rows, ref T[] copy, RowColumnWriter<T> write)
    {
        switch (rows)
        {
            case T[] array:
                return Build(context, new ReadOnlySpan<T>(array), write);
            case List<T> list:
                return Build(context, (ReadOnlySpan<T>)CollectionsMarshal.AsSpan(list), write);
        }
        int count = rows.Count;
        if (copy.Length < count) copy = new T[count];
        for (int i = 0; i < count; i++) copy[i] = rows[i];
        try
        {
            return Build(context, new ReadOnlySpan<T>(copy, 0, count), write);
        }
        finally
        {
            // The rows belong to the method; do not keep them alive until the next batch.
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>()) System.Array.Clear(copy, 0, count);
        }
    }
}
