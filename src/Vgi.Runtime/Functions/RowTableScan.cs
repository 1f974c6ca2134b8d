using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>Writes output column <paramref name="outputIndex"/> for a block of rows (generated per row type).</summary>
public delegate IArrowArray RowColumnWriter<T>(ReadOnlySpan<T> rows, int outputIndex);

/// <summary>
/// Turns the rows of a generated table function into batches: pulls up to
/// <see cref="TableScanContext.BatchSize"/> rows, then writes only the projected columns. The row
/// buffer grows as a batch fills, so a large per-call batch size costs memory only when used.
/// </summary>
public sealed class EnumerableTableScan<T> : TableScan
{
    private readonly IEnumerator<T> _rows;
    private readonly TableScanContext _context;
    private readonly RowColumnWriter<T> _write;
    private readonly int _batchSize;
    private T[] _block;
    private bool _done;

    public EnumerableTableScan(IEnumerable<T> rows, TableScanContext context, RowColumnWriter<T> write)
    {
        _rows = rows.GetEnumerator();
        _context = context;
        _write = write;
        _batchSize = Math.Max(1, context.BatchSize);
        _block = new T[RowBatches.InitialBlock(_batchSize)];
    }

    public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        if (_done) return new ValueTask<RecordBatch?>((RecordBatch?)null);
        int count = 0;
        while (count < _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_rows.MoveNext())
            {
                _done = true;
                break;
            }
            if (count == _block.Length) RowBatches.Grow(ref _block, _batchSize);
            _block[count++] = _rows.Current;
        }
        return new ValueTask<RecordBatch?>(count == 0 ? null : RowBatches.Build(_context, _block.AsSpan(0, count), _write));
    }

    public override ValueTask DisposeAsync()
    {
        _rows.Dispose();
        return base.DisposeAsync();
    }
}

/// <summary>The <see cref="IAsyncEnumerable{T}"/> counterpart of <see cref="EnumerableTableScan{T}"/>.</summary>
public sealed class AsyncEnumerableTableScan<T> : TableScan
{
    private readonly IAsyncEnumerator<T> _rows;
    private readonly TableScanContext _context;
    private readonly RowColumnWriter<T> _write;
    private readonly int _batchSize;
    private T[] _block;
    private bool _done;

    public AsyncEnumerableTableScan(IAsyncEnumerable<T> rows, TableScanContext context, RowColumnWriter<T> write)
    {
        _rows = rows.GetAsyncEnumerator(context.Context.CancellationToken);
        _context = context;
        _write = write;
        _batchSize = Math.Max(1, context.BatchSize);
        _block = new T[RowBatches.InitialBlock(_batchSize)];
    }

    public override async ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        if (_done) return null;
        int count = 0;
        while (count < _batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await _rows.MoveNextAsync().ConfigureAwait(false))
            {
                _done = true;
                break;
            }
            if (count == _block.Length) RowBatches.Grow(ref _block, _batchSize);
            _block[count++] = _rows.Current;
        }
        return count == 0 ? null : RowBatches.Build(_context, _block.AsSpan(0, count), _write);
    }

    public override async ValueTask DisposeAsync()
    {
        await _rows.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}

internal static partial class RowBatches
{
    /// <summary>Rows buffered before the first growth: a batch size beyond it is allocated only as rows arrive.</summary>
    private const int InitialRows = 4096;

    public static int InitialBlock(int batchSize) => Math.Min(batchSize, InitialRows);

    /// <summary>Doubles <paramref name="block"/>, up to <paramref name="batchSize"/> rows.</summary>
    public static void Grow<T>(ref T[] block, int batchSize) => System.Array.Resize(ref block, (int)Math.Min(2L * block.Length, batchSize));

    public static RecordBatch Build<T>(TableScanContext context, ReadOnlySpan<T> rows, RowColumnWriter<T> write)
    {
        (IReadOnlyList<int>? ids, Schema schema) = context.WrittenColumns is { } written ? written : (context.ProjectionIds, context.ProjectedSchema);
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (int c = 0; c < columns.Length; c++) columns[c] = write(rows, ids is null ? c : ids[c]);
        return new RecordBatch(schema, columns, rows.Length);
    }
}
