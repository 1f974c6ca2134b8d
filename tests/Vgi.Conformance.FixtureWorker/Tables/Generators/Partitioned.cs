using System.Buffers.Binary;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// Parallel sequences (fixtures.md §2.4.1): the primary <c>init</c> pushes <c>[start, end)</c> work
/// items onto the execution's shared queue before answering, and every stream (primary or
/// secondary) pops items until the queue is empty, so the union of the streams is the sequence
/// exactly once, whichever stream takes which range.
/// </summary>
/// <remarks>
/// <see cref="ExecutionStorage"/> is per process: a secondary stream DuckDB opens on another worker
/// process finds the queue empty and finishes at once, and this process produces every row.
/// </remarks>
internal static class Partitioned
{
    private const string Queue = "ranges";

    /// <summary>Python's default <c>max_workers</c>.</summary>
    private const int ParallelWorkers = 99999;

    [TableFunction("partitioned_sequence", Description = "Generates a partitioned sequence for multi-worker execution",
        ProjectionPushdown = false, MaxWorkers = ParallelWorkers, BatchSize = 1000, Categories = ["generator", "utility"])]
    public static IEnumerable<IntegerRow> PartitionedSequence([Min(0), RowCount] long count, TableScanContext scan, [Min(1)] long increment = 1)
    {
        // 24 partitions: chunk = max(1, ceil(count / 24)).
        long chunk = Math.Max(1, count / 24 + (count % 24 == 0 ? 0 : 1));
        Publish(scan, count, chunk);
        return Drain(scan.Storage, increment);
    }

    [TableFunction("partitioned_preserves_order",
        Description = "Multi-worker partitioned sequence; preserves_order=PRESERVES_ORDER (maps to DuckDB INSERTION_ORDER).",
        ProjectionPushdown = false, MaxWorkers = ParallelWorkers, BatchSize = 1000, Order = ScanOrder.PreservesOrder,
        Categories = ["generator", "utility"])]
    public static IEnumerable<IntegerRow> PartitionedPreservesOrder([Min(0), RowCount] long count, TableScanContext scan) => Thousands(count, scan);

    [TableFunction("partitioned_no_order_guarantee",
        Description = "Multi-worker partitioned sequence; preserves_order=NO_ORDER_GUARANTEE (maps to DuckDB NO_ORDER).",
        ProjectionPushdown = false, MaxWorkers = ParallelWorkers, BatchSize = 1000, Order = ScanOrder.NoOrderGuarantee,
        Categories = ["generator", "utility"])]
    public static IEnumerable<IntegerRow> PartitionedNoOrderGuarantee([Min(0), RowCount] long count, TableScanContext scan) => Thousands(count, scan);

    [TableFunction("partitioned_fixed_order",
        Description = "Multi-worker partitioned sequence; preserves_order=FIXED_ORDER (DuckDB serializes the pipeline so a single worker produces all rows).",
        ProjectionPushdown = false, MaxWorkers = ParallelWorkers, BatchSize = 1000, Order = ScanOrder.FixedOrder,
        Categories = ["generator", "utility"])]
    public static IEnumerable<IntegerRow> PartitionedFixedOrder([Min(0), RowCount] long count, TableScanContext scan) => Thousands(count, scan);

    /// <summary>Work items of exactly 1000 rows (the last one shorter), values idx.</summary>
    private static IEnumerable<IntegerRow> Thousands(long count, TableScanContext scan)
    {
        Publish(scan, count, 1000);
        return Drain(scan.Storage, 1);
    }

    /// <summary>The primary stream's items <c>[start, min(start + chunk, count))</c>, pushed at init (this runs in the scan factory, not lazily).</summary>
    private static void Publish(TableScanContext scan, long count, long chunk)
    {
        if (scan.IsSecondary) return;
        scan.Storage.Enqueue(Queue, Ranges(count, chunk));
    }

    private static IEnumerable<byte[]> Ranges(long count, long chunk)
    {
        for (long start = 0; start < count; start += chunk)
        {
            var item = new byte[16];
            BinaryPrimitives.WriteInt64LittleEndian(item, start);
            BinaryPrimitives.WriteInt64LittleEndian(item.AsSpan(8), Math.Min(start + chunk, count));
            yield return item;
        }
    }

    /// <summary>Pops items until the queue is empty, producing <c>idx × increment</c> for each.</summary>
    private static IEnumerable<IntegerRow> Drain(ExecutionStorage storage, long increment)
    {
        while (storage.TryDequeue(Queue, out var item))
        {
            long start = BinaryPrimitives.ReadInt64LittleEndian(item);
            long end = BinaryPrimitives.ReadInt64LittleEndian(item.AsSpan(8));
            for (long i = start; i < end; i++) yield return new IntegerRow(unchecked(i * increment));
        }
    }
}
