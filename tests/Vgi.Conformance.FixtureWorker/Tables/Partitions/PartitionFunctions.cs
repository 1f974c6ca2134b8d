using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Tables.Probes;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Partitions;

/// <summary>
/// Batch-index and partition fixtures (fixtures.md §2.4.3) as [TableFunction] methods that yield whole
/// batches (<see cref="RowBatch{T}"/>): each batch carries its own <c>vgi_batch_index</c>
/// (<see cref="RowBatch{T}.BatchIndex"/>) or partition values (extracted by the worker from the
/// [PartitionColumn] columns, or <see cref="RowBatch{T}.PartitionValues"/>), one batch per queue item; the
/// "broken" ones send batches that break the wire contract on purpose. The parallel ones push their work
/// items when the primary stream opens (the method runs at each stream's init, and pushes before it
/// returns its lazy batches); every stream pops items until the queue is empty.
/// </summary>
/// <remarks>
/// Output columns are nullable (<c>T?</c> members), as pyarrow declares them. The one fixture these
/// methods cannot express, a batch without one of the declared columns, stays hand-written in
/// <see cref="PartitionDefinitions"/>.
/// </remarks>
internal static class PartitionFunctions
{
    private const string Queue = "items";

    [TableFunction("partitioned_batch_index",
        Description = "Multi-worker partitioned sequence with per-batch batch_index tagging; parallel scan + ordered sink reassembly.",
        ProjectionPushdown = false, Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "utility"])]
    public static IEnumerable<RowBatch<NumberRow>> PartitionedBatchIndex([Min(0), RowCount] long count, TableScanContext scan)
    {
        Push(scan, Chunks(count, 1000).Select((c, id) => Hand.Item(id, c.Start, c.End)));
        return Drain(scan).Select(item =>
        {
            long id = Hand.ItemValue(item, 0), start = Hand.ItemValue(item, 1), end = Hand.ItemValue(item, 2);
            return new RowBatch<NumberRow>(Rows((int)(end - start), i => new NumberRow(start + i))) { BatchIndex = id };
        });
    }

    [TableFunction("partitioned_batch_index_marked",
        Description = "Two-column batch_index demo: rows are (partition_id, seq). Tests assert that DuckDB's ordered sinks reassemble output in partition_id order under parallel execution.",
        ProjectionPushdown = false, Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "utility", "testing"])]
    public static IEnumerable<RowBatch<MarkedRow>> PartitionedBatchIndexMarked([Min(0), RowCount] long count, TableScanContext scan, [Min(1)] long chunkSize = 1000)
    {
        Push(scan, Chunks(count, chunkSize).Select((c, id) => Hand.Item(id, c.Start, c.End)));
        return Batches(scan);

        // Each item in batches of at most 256 rows, all tagged with the item's partition id.
        static IEnumerable<RowBatch<MarkedRow>> Batches(TableScanContext scan)
        {
            foreach (var item in Drain(scan))
            {
                long id = Hand.ItemValue(item, 0), rows = Hand.ItemValue(item, 2) - Hand.ItemValue(item, 1);
                for (long offset = 0; offset < rows; offset += 256)
                {
                    long first = offset;
                    yield return new(Rows((int)Math.Min(256, rows - offset), i => new MarkedRow(id, first + i))) { BatchIndex = id };
                }
            }
        }
    }

    [TableFunction("country_partitioned_sales",
        Description = "Per-country sales rows, one Arrow batch per country. Declares country as a SINGLE_VALUE partition column.",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.SingleValue, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning"])]
    public static IEnumerable<RowBatch<CountrySalesRow>> CountryPartitionedSales([Min(1)] long rowsPerCountry, TableScanContext scan)
    {
        int rows = checked((int)rowsPerCountry);
        string[] countries = ["AU", "BR", "CA", "FR", "US"];
        Push(scan, countries.Select((_, idx) => Hand.Item(idx)));
        return Drain(scan).Select(item =>
        {
            long idx = Hand.ItemValue(item, 0);
            string country = countries[idx];
            return new RowBatch<CountrySalesRow>(Rows(rows, i => new CountrySalesRow(country, idx * 1_000_000 + i)));
        });
    }

    [TableFunction("region_year_partitioned",
        Description = "Per-(region, year) value rows. Declares both region and year as SINGLE_VALUE partition columns; GROUP BY region, year plans as PARTITIONED_AGGREGATE.",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.SingleValue, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning"])]
    public static IEnumerable<RowBatch<RegionYearRow>> RegionYearPartitioned([Min(1)] long rowsPerPartition, TableScanContext scan)
    {
        int rows = checked((int)rowsPerPartition);
        (string Region, long Year)[] partitions = [("AMER", 2023), ("AMER", 2024), ("EMEA", 2023), ("EMEA", 2024), ("APAC", 2023), ("APAC", 2024)];
        Push(scan, partitions.Select((_, idx) => Hand.Item(idx)));
        return Drain(scan).Select(item =>
        {
            long idx = Hand.ItemValue(item, 0);
            var (region, year) = partitions[idx];
            return new RowBatch<RegionYearRow>(Rows(rows, i => new RegionYearRow(region, year, idx * 1000 + i)));
        });
    }

    [TableFunction("partitioned_with_explicit_override",
        Description = "Partition column ``category`` is in the bind schema and the emitted batches; worker uses the explicit ``partition_values=`` override on ``out.emit`` to exercise the override code path.",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.SingleValue, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning", "testing"])]
    public static IEnumerable<RowBatch<CategoryRevenueRow>> PartitionedWithExplicitOverride([Min(1)] long rowsPerCategory, TableScanContext scan)
    {
        int rows = checked((int)rowsPerCategory);
        string[] categories = ["books", "music", "video"];
        Push(scan, categories.Select((_, idx) => Hand.Item(idx)));
        return Drain(scan).Select(item =>
        {
            long idx = Hand.ItemValue(item, 0);
            string category = categories[idx];
            return new RowBatch<CategoryRevenueRow>(Rows(rows, i => new CategoryRevenueRow(category, (idx + 1) * 100 + i)))
            {
                PartitionValues = Col.MinMax([Hand.PartitionColumn("category", StringType.Default)], (category, category)),
            };
        });
    }

    [TableFunction("disjoint_range_partitioned",
        Description = "Disjoint per-chunk integer ranges on ``key``. Declares DISJOINT_PARTITIONS (wire-level only; DuckDB falls back to HASH_GROUP_BY for now).",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.Disjoint, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning", "testing"])]
    public static IEnumerable<RowBatch<KeyValueRow>> DisjointRangePartitioned([Min(1)] long partitions, TableScanContext scan, [Min(1)] long rowsPerPartition = 10)
    {
        int rows = checked((int)rowsPerPartition);
        Push(scan, Enumerable.Range(0, (int)Math.Min(partitions, int.MaxValue)).Select(idx => Hand.Item(idx)));
        return Drain(scan).Select(item =>
        {
            long idx = Hand.ItemValue(item, 0);
            return new RowBatch<KeyValueRow>(Rows(rows, i => new KeyValueRow(idx * 1000 + i, idx * 10 + i)));
        });
    }

    // ---- Deliberately broken fixtures: the C++ extension's contract checks must reject what they send.
    // The batch-index ones are parallel, and only the primary stream sends their batches.

    /// <summary>
    /// The batch is sent without <c>vgi_batch_index</c> (<see cref="RowBatch{T}.WriteContractMetadata"/> false),
    /// although the function declares batch indices: the extension's contract check must reject it.
    /// </summary>
    [TableFunction("broken_missing_batch_index_tag",
        Description = "DELIBERATELY BROKEN: declares supports_batch_index=True but emits a data batch with no vgi_batch_index metadata. C++ extension's contract check raises.",
        ProjectionPushdown = false, Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<NumberRow>> BrokenMissingBatchIndexTag([Min(1), RowCount] long count, TableScanContext scan)
    {
        if (scan.IsSecondary) yield break;
        yield return new(Numbers(count)) { WriteContractMetadata = false };
    }

    [TableFunction("broken_non_monotone_batch_index",
        Description = "DELIBERATELY BROKEN: emits batches with strictly decreasing partition_id on one stream. C++ extension's monotonicity check raises (DuckDB's debug-only assertion is not relied upon).",
        ProjectionPushdown = false, Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<NumberRow>> BrokenNonMonotoneBatchIndex([Min(1), RowCount] long count, TableScanContext scan)
    {
        if (scan.IsSecondary) yield break;
        yield return new(Numbers(count)) { BatchIndex = 10 };
        yield return new([new NumberRow(42)]) { BatchIndex = 3 };
    }

    [TableFunction("broken_batch_index_overflow",
        Description = "DELIBERATELY BROKEN: emits a batch tagged with a partition_id well above DuckDB's BATCH_INCREMENT=10^13 per-pipeline cap. C++ extension rejects at parse time.",
        ProjectionPushdown = false, Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, MaxWorkers = Hand.ParallelWorkers,
        Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<NumberRow>> BrokenBatchIndexOverflow([Min(1), RowCount] long count, TableScanContext scan)
    {
        if (scan.IsSecondary) yield break;
        yield return new(Numbers(count)) { BatchIndex = 1L << 60 };
    }

    /// <summary>
    /// The batch is sent without <c>vgi_partition_values#b64</c> (<see cref="RowBatch{T}.WriteContractMetadata"/>
    /// false), although the function is partitioned: the extension's contract check must reject it.
    /// </summary>
    [TableFunction("broken_missing_partition_values",
        Description = "DELIBERATELY BROKEN: declares partition_kind + partition-annotated field but emits a data batch without vgi_partition_values#b64 metadata. C++ extension's contract check raises.",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.SingleValue, Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<CountrySalesRow>> BrokenMissingPartitionValues([Min(1), RowCount] long count)
    {
        yield return new(UsSales(count)) { WriteContractMetadata = false };
    }

    [TableFunction("broken_partition_min_neq_max",
        Description = "DELIBERATELY BROKEN: declares SINGLE_VALUE_PARTITIONS but supplies an explicit partition_values override with min != max. The framework's wrapper validation doesn't compare min vs max for SINGLE_VALUE; the C++ extension's defense-in-depth check in InstallBatch raises.",
        ProjectionPushdown = false, Partitioning = ScanPartitioning.SingleValue, Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<CountrySalesRow>> BrokenPartitionMinNeqMax([Min(1), RowCount] long count)
    {
        yield return new(UsSales(count)) { PartitionValues = Col.MinMax([Hand.PartitionColumn("country", StringType.Default)], ("US", "BR")) };
    }

    /// <summary>
    /// Supplies explicit partition values although no output column is a [PartitionColumn]; the worker rejects
    /// them before the wire ("… requires partition-annotated fields in the bind schema …"), as Python's
    /// <c>out.emit</c> does.
    /// </summary>
    [TableFunction("broken_partition_values_no_annotation",
        Description = "DELIBERATELY BROKEN: no field carries vgi.partition_column metadata (and partition_kind defaults to NOT_PARTITIONED), but the worker passes partition_values= on out.emit. The framework rejects with RuntimeError before the wire.",
        ProjectionPushdown = false, Categories = ["testing", "broken"])]
    public static IEnumerable<RowBatch<UnannotatedSalesRow>> BrokenPartitionValuesNoAnnotation([Min(1), RowCount] long count)
    {
        var rows = Rows((int)count, i => new UnannotatedSalesRow("US", i));
        yield return new(rows) { PartitionValues = Col.MinMax([new Field("country", StringType.Default, true)], ("US", "US")) };
    }

    /// <summary>The primary stream's work items; secondaries (and a stream on another process) find them already queued, or none.</summary>
    private static void Push(TableScanContext scan, IEnumerable<byte[]> items)
    {
        if (!scan.IsSecondary) scan.Storage.Enqueue(Queue, items);
    }

    private static IEnumerable<byte[]> Drain(TableScanContext scan)
    {
        while (scan.Storage.TryDequeue(Queue, out var item)) yield return item;
    }

    private static T[] Rows<T>(int count, Func<int, T> row)
    {
        var rows = new T[count];
        for (int i = 0; i < count; i++) rows[i] = row(i);
        return rows;
    }

    /// <summary><c>n</c> = 0..count-1.</summary>
    private static NumberRow[] Numbers(long count) => Rows((int)count, i => new NumberRow(i));

    /// <summary>count rows of country <c>US</c>, sales 0..count-1.</summary>
    private static CountrySalesRow[] UsSales(long count) => Rows((int)count, i => new CountrySalesRow("US", i));

    /// <summary><c>[start, end)</c> chunks of <paramref name="size"/> rows covering 0..count-1.</summary>
    private static IEnumerable<(long Start, long End)> Chunks(long count, long size)
    {
        for (long start = 0; start < count; start += size) yield return (start, Math.Min(count, start + size));
    }
}

/// <summary>One BIGINT column <c>n</c>.</summary>
internal readonly record struct NumberRow(long? N);

internal readonly record struct MarkedRow(long? PartitionId, long? Seq);

internal readonly record struct CountrySalesRow([PartitionColumn] string? Country, long? Sales);

internal readonly record struct UnannotatedSalesRow(string? Country, long? Sales);

internal readonly record struct RegionYearRow([PartitionColumn] string? Region, [PartitionColumn] long? Year, double? Value);

internal readonly record struct CategoryRevenueRow([PartitionColumn] string? Category, long? Revenue);

internal readonly record struct KeyValueRow([PartitionColumn] long? Key, long? Value);
