using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Tables.Probes;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Conformance.Fixtures.Tables.Partitions;

/// <summary>
/// Batch-index and partition fixtures (fixtures.md §2.4.3), hand-written: each batch carries its own
/// <c>vgi_batch_index</c> (<see cref="TableScan.BatchIndex"/>) or partition values
/// (<see cref="TableScan.PartitionValues"/>), one batch per queue item, and the "broken" ones send
/// batches that break the wire contract on purpose. Parallel ones push their work items at the primary
/// init onto the execution's shared queue; every stream pops until the queue is empty.
/// </summary>
internal static class PartitionDefinitions
{
    private const string Queue = "items";

    private static readonly Schema N = HandWritten.Schema(HandWritten.Column("n", Int64Type.Default));
    private static readonly Schema CountArgument = Hand.Arguments(HandWritten.Positional("count", Int64Type.Default));
    private static readonly Schema CountrySales = HandWritten.Schema(Hand.PartitionColumn("country", StringType.Default), HandWritten.Column("sales", Int64Type.Default));

    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        PartitionedBatchIndex(),
        PartitionedBatchIndexMarked(),
        CountryPartitionedSales(),
        RegionYearPartitioned(),
        PartitionedWithExplicitOverride(),
        DisjointRangePartitioned(),
        BrokenMissingBatchIndexTag(),
        BrokenNonMonotoneBatchIndex(),
        BrokenBatchIndexOverflow(),
        BrokenMissingPartitionValues(),
        BrokenPartitionMinNeqMax(),
        BrokenPartitionValuesNoAnnotation(),
        BrokenPartitionColumnAbsentFromBatch(),
    ];

    /// <summary>The primary stream's work items; secondaries (and a stream on another process) find them already queued, or none.</summary>
    private static void Push(TableScanContext scan, IEnumerable<byte[]> items)
    {
        if (!scan.IsSecondary) scan.Storage.Enqueue(Queue, items);
    }

    private static IEnumerable<byte[]> Drain(TableScanContext scan)
    {
        while (scan.Storage.TryDequeue(Queue, out var item)) yield return item;
    }

    private static TableFunctionDefinition PartitionedBatchIndex() => new()
    {
        Name = "partitioned_batch_index",
        Description = "Multi-worker partitioned sequence with per-batch batch_index tagging; parallel scan + ordered sink reassembly.",
        Arguments = CountArgument,
        ProjectionPushdown = false,
        OrderPreservation = OrderPreservation.FixedOrder,
        SupportsBatchIndex = true,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "utility"],
        Bind = context =>
        {
            var args = new BindArgs(context, "partitioned_batch_index(count BIGINT)", 1);
            long count = args.Int64(0, "count", min: 0);
            return new TableBinding(N, scan =>
            {
                Push(scan, Chunks(count, 1000).Select((c, id) => Hand.Item(id, c.Start, c.End)));
                return new IteratorScan(Batches(scan));
            }, args.Score) { CardinalityEstimate = count, CardinalityMax = count };

            static IEnumerable<Emitted> Batches(TableScanContext scan)
            {
                foreach (var item in Drain(scan))
                {
                    long id = Hand.ItemValue(item, 0), start = Hand.ItemValue(item, 1), end = Hand.ItemValue(item, 2);
                    yield return new Emitted(HandWritten.Project(scan, (int)(end - start), _ => Col.Int64((int)(end - start), i => start + i)), BatchIndex: id);
                }
            }
        },
    };

    private static TableFunctionDefinition PartitionedBatchIndexMarked() => new()
    {
        Name = "partitioned_batch_index_marked",
        Description = "Two-column batch_index demo: rows are (partition_id, seq). Tests assert that DuckDB's ordered sinks reassemble output in partition_id order under parallel execution.",
        Arguments = Hand.Arguments(HandWritten.Positional("count", Int64Type.Default), HandWritten.Named("chunk_size", Int64Type.Default)),
        OrderPreservation = OrderPreservation.FixedOrder,
        SupportsBatchIndex = true,
        ProjectionPushdown = false,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "utility", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "partitioned_batch_index_marked(count BIGINT, chunk_size := BIGINT)", 1, "chunk_size");
            long count = args.Int64(0, "count", min: 0);
            long chunkSize = args.Int64("chunk_size", 1000, min: 1);
            var output = HandWritten.Schema(HandWritten.Column("partition_id", Int64Type.Default), HandWritten.Column("seq", Int64Type.Default));
            return new TableBinding(output, scan =>
            {
                Push(scan, Chunks(count, chunkSize).Select((c, id) => Hand.Item(id, c.Start, c.End)));
                return new IteratorScan(Batches(scan));
            }, args.Score) { CardinalityEstimate = count, CardinalityMax = count };

            static IEnumerable<Emitted> Batches(TableScanContext scan)
            {
                foreach (var item in Drain(scan))
                {
                    long id = Hand.ItemValue(item, 0), rows = Hand.ItemValue(item, 2) - Hand.ItemValue(item, 1);
                    for (long offset = 0; offset < rows; offset += 256)
                    {
                        int length = (int)Math.Min(256, rows - offset);
                        long first = offset;
                        yield return new Emitted(HandWritten.Project(scan, length, c => c == 0 ? Col.Int64(length, _ => id) : Col.Int64(length, i => first + i)), BatchIndex: id);
                    }
                }
            }
        },
    };

    private static TableFunctionDefinition CountryPartitionedSales() => new()
    {
        Name = "country_partitioned_sales",
        Description = "Per-country sales rows, one Arrow batch per country. Declares country as a SINGLE_VALUE partition column.",
        Arguments = Hand.Arguments(HandWritten.Positional("rows_per_country", Int64Type.Default)),
        PartitionKind = PartitionKind.SingleValuePartitions,
        ProjectionPushdown = false,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning"],
        Bind = context =>
        {
            var args = new BindArgs(context, "country_partitioned_sales(rows_per_country BIGINT)", 1);
            int rows = checked((int)args.Int64(0, "rows_per_country", min: 1));
            string[] countries = ["AU", "BR", "CA", "FR", "US"];
            return new TableBinding(CountrySales, scan =>
            {
                Push(scan, countries.Select((_, idx) => Hand.Item(idx)));
                return new IteratorScan(Drain(scan).Select(item =>
                {
                    long idx = Hand.ItemValue(item, 0);
                    string country = countries[idx];
                    return new Emitted(HandWritten.Project(scan, rows, c => c == 0 ? Col.Utf8(rows, _ => country) : Col.Int64(rows, i => idx * 1_000_000 + i)));
                }));
            }, args.Score);
        },
    };

    private static TableFunctionDefinition RegionYearPartitioned() => new()
    {
        Name = "region_year_partitioned",
        Description = "Per-(region, year) value rows. Declares both region and year as SINGLE_VALUE partition columns; GROUP BY region, year plans as PARTITIONED_AGGREGATE.",
        Arguments = Hand.Arguments(HandWritten.Positional("rows_per_partition", Int64Type.Default)),
        PartitionKind = PartitionKind.SingleValuePartitions,
        ProjectionPushdown = false,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning"],
        Bind = context =>
        {
            var args = new BindArgs(context, "region_year_partitioned(rows_per_partition BIGINT)", 1);
            int rows = checked((int)args.Int64(0, "rows_per_partition", min: 1));
            (string Region, long Year)[] partitions = [("AMER", 2023), ("AMER", 2024), ("EMEA", 2023), ("EMEA", 2024), ("APAC", 2023), ("APAC", 2024)];
            var output = HandWritten.Schema(
                Hand.PartitionColumn("region", StringType.Default),
                Hand.PartitionColumn("year", Int64Type.Default),
                HandWritten.Column("value", DoubleType.Default));
            return new TableBinding(output, scan =>
            {
                Push(scan, partitions.Select((_, idx) => Hand.Item(idx)));
                return new IteratorScan(Drain(scan).Select(item =>
                {
                    long idx = Hand.ItemValue(item, 0);
                    var (region, year) = partitions[idx];
                    return new Emitted(HandWritten.Project(scan, rows, c => c switch
                    {
                        0 => Col.Utf8(rows, _ => region),
                        1 => Col.Int64(rows, _ => year),
                        _ => Col.Float64(rows, i => idx * 1000 + i),
                    }));
                }));
            }, args.Score);
        },
    };

    private static TableFunctionDefinition PartitionedWithExplicitOverride() => new()
    {
        Name = "partitioned_with_explicit_override",
        Description = "Partition column ``category`` is in the bind schema and the emitted batches; worker uses the explicit ``partition_values=`` override on ``out.emit`` to exercise the override code path.",
        Arguments = Hand.Arguments(HandWritten.Positional("rows_per_category", Int64Type.Default)),
        PartitionKind = PartitionKind.SingleValuePartitions,
        ProjectionPushdown = false,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "partitioned_with_explicit_override(rows_per_category BIGINT)", 1);
            int rows = checked((int)args.Int64(0, "rows_per_category", min: 1));
            string[] categories = ["books", "music", "video"];
            var output = HandWritten.Schema(Hand.PartitionColumn("category", StringType.Default), HandWritten.Column("revenue", Int64Type.Default));
            return new TableBinding(output, scan =>
            {
                Push(scan, categories.Select((_, idx) => Hand.Item(idx)));
                return new IteratorScan(Drain(scan).Select(item =>
                {
                    long idx = Hand.ItemValue(item, 0);
                    string category = categories[idx];
                    return new Emitted(
                        HandWritten.Project(scan, rows, c => c == 0 ? Col.Utf8(rows, _ => category) : Col.Int64(rows, i => (idx + 1) * 100 + i)),
                        PartitionValues: Col.MinMax([output.FieldsList[0]], (category, category)));
                }));
            }, args.Score);
        },
    };

    private static TableFunctionDefinition DisjointRangePartitioned() => new()
    {
        Name = "disjoint_range_partitioned",
        Description = "Disjoint per-chunk integer ranges on ``key``. Declares DISJOINT_PARTITIONS (wire-level only; DuckDB falls back to HASH_GROUP_BY for now).",
        Arguments = Hand.Arguments(HandWritten.Positional("partitions", Int64Type.Default), HandWritten.Named("rows_per_partition", Int64Type.Default)),
        PartitionKind = PartitionKind.DisjointPartitions,
        ProjectionPushdown = false,
        MaxWorkers = Hand.ParallelWorkers,
        Categories = ["generator", "partitioning", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "disjoint_range_partitioned(partitions BIGINT, rows_per_partition := BIGINT)", 1, "rows_per_partition");
            long partitions = args.Int64(0, "partitions", min: 1);
            int rows = checked((int)args.Int64("rows_per_partition", 10, min: 1));
            var output = HandWritten.Schema(Hand.PartitionColumn("key", Int64Type.Default), HandWritten.Column("value", Int64Type.Default));
            return new TableBinding(output, scan =>
            {
                Push(scan, Enumerable.Range(0, (int)Math.Min(partitions, int.MaxValue)).Select(idx => Hand.Item(idx)));
                return new IteratorScan(Drain(scan).Select(item =>
                {
                    long idx = Hand.ItemValue(item, 0);
                    return new Emitted(HandWritten.Project(scan, rows, c => c == 0 ? Col.Int64(rows, i => idx * 1000 + i) : Col.Int64(rows, i => idx * 10 + i)));
                }));
            }, args.Score);
        },
    };

    // ---- Deliberately broken fixtures: the C++ extension's contract checks must reject what they send.

    /// <summary>A broken fixture over <c>count BIGINT ≥ 1</c> that emits what <paramref name="batches"/> yields.</summary>
    private static TableFunctionDefinition Broken(string name, string description, Schema output, Func<long, TableScanContext, TableScan> open,
        bool batchIndex, PartitionKind partitionKind, int maxWorkers) => new()
    {
        Name = name,
        Description = description,
        Arguments = CountArgument,
        OrderPreservation = batchIndex ? OrderPreservation.FixedOrder : OrderPreservation.PreservesOrder,
        SupportsBatchIndex = batchIndex,
        PartitionKind = partitionKind,
        ProjectionPushdown = false,
        MaxWorkers = maxWorkers,
        Categories = ["testing", "broken"],
        Bind = context =>
        {
            var args = new BindArgs(context, name + "(count BIGINT)", 1);
            long count = args.Int64(0, "count", min: 1);
            return new TableBinding(output, scan => open(count, scan), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary>The broken batch-index fixtures are parallel; only the primary stream sends the batches (a secondary finishes at once).</summary>
    private static IteratorScan PrimaryOnly(TableScanContext scan, Func<IEnumerable<Emitted>> batches) => new(scan.IsSecondary ? [] : batches());

    private static RecordBatch Sequence(TableScanContext scan, long count) => HandWritten.Project(scan, (int)count, _ => Col.Int64((int)count, i => i));

    private static RecordBatch UsSales(TableScanContext scan, long count) =>
        HandWritten.Project(scan, (int)count, c => c == 0 ? Col.Utf8((int)count, _ => "US") : Col.Int64((int)count, i => i));

    /// <summary>
    /// The batch is sent without <c>vgi_batch_index</c> (<see cref="TableScan.WriteContractMetadata"/> false),
    /// although the definition declares batch indices: the extension's contract check must reject it.
    /// </summary>
    private static TableFunctionDefinition BrokenMissingBatchIndexTag() => Broken(
        "broken_missing_batch_index_tag",
        "DELIBERATELY BROKEN: declares supports_batch_index=True but emits a data batch with no vgi_batch_index metadata. C++ extension's contract check raises.",
        N, (count, scan) => PrimaryOnly(scan, () => [new Emitted(Sequence(scan, count), WithoutContractMetadata: true)]), batchIndex: true, PartitionKind.NotPartitioned, Hand.ParallelWorkers);

    private static TableFunctionDefinition BrokenNonMonotoneBatchIndex() => Broken(
        "broken_non_monotone_batch_index",
        "DELIBERATELY BROKEN: emits batches with strictly decreasing partition_id on one stream. C++ extension's monotonicity check raises (DuckDB's debug-only assertion is not relied upon).",
        N, (count, scan) => PrimaryOnly(scan, () =>
        [
            new Emitted(Sequence(scan, count), BatchIndex: 10),
            new Emitted(HandWritten.Project(scan, 1, _ => Col.Int64(1, _ => 42L)), BatchIndex: 3),
        ]), batchIndex: true, PartitionKind.NotPartitioned, Hand.ParallelWorkers);

    private static TableFunctionDefinition BrokenBatchIndexOverflow() => Broken(
        "broken_batch_index_overflow",
        "DELIBERATELY BROKEN: emits a batch tagged with a partition_id well above DuckDB's BATCH_INCREMENT=10^13 per-pipeline cap. C++ extension rejects at parse time.",
        N, (count, scan) => PrimaryOnly(scan, () => [new Emitted(Sequence(scan, count), BatchIndex: 1L << 60)]), batchIndex: true, PartitionKind.NotPartitioned, Hand.ParallelWorkers);

    /// <summary>
    /// The batch is sent without <c>vgi_partition_values#b64</c> (<see cref="TableScan.WriteContractMetadata"/>
    /// false), although the definition is partitioned: the extension's contract check must reject it.
    /// </summary>
    private static TableFunctionDefinition BrokenMissingPartitionValues() => Broken(
        "broken_missing_partition_values",
        "DELIBERATELY BROKEN: declares partition_kind + partition-annotated field but emits a data batch without vgi_partition_values#b64 metadata. C++ extension's contract check raises.",
        CountrySales, (count, scan) => new IteratorScan([new Emitted(UsSales(scan, count), WithoutContractMetadata: true)]), batchIndex: false, PartitionKind.SingleValuePartitions, 1);

    private static TableFunctionDefinition BrokenPartitionMinNeqMax() => Broken(
        "broken_partition_min_neq_max",
        "DELIBERATELY BROKEN: declares SINGLE_VALUE_PARTITIONS but supplies an explicit partition_values override with min != max. The framework's wrapper validation doesn't compare min vs max for SINGLE_VALUE; the C++ extension's defense-in-depth check in InstallBatch raises.",
        CountrySales, (count, scan) => new IteratorScan([new Emitted(UsSales(scan, count), PartitionValues: Col.MinMax([CountrySales.FieldsList[0]], ("US", "BR")))]),
        batchIndex: false, PartitionKind.SingleValuePartitions, 1);

    /// <summary>
    /// Supplies explicit partition values (<see cref="TableScan.PartitionValues"/>) although no output field is
    /// partition-annotated; the worker rejects them before the wire ("… requires partition-annotated fields in
    /// the bind schema …"), as Python's <c>out.emit</c> does.
    /// </summary>
    private static TableFunctionDefinition BrokenPartitionValuesNoAnnotation() => Broken(
        "broken_partition_values_no_annotation",
        "DELIBERATELY BROKEN: no field carries vgi.partition_column metadata (and partition_kind defaults to NOT_PARTITIONED), but the worker passes partition_values= on out.emit. The framework rejects with RuntimeError before the wire.",
        HandWritten.Schema(HandWritten.Column("country", StringType.Default), HandWritten.Column("sales", Int64Type.Default)),
        (count, scan) => new IteratorScan([new Emitted(UsSales(scan, count), PartitionValues: Col.MinMax([HandWritten.Column("country", StringType.Default)], ("US", "US")))]),
        batchIndex: false, PartitionKind.NotPartitioned, 1);

    /// <summary>
    /// Emits a batch with only <c>revenue</c> and no explicit partition values; the worker, extracting the
    /// partition values from the scan's own batch, fails with "column 'category' is partition-annotated but
    /// absent from emitted batch; …" as Python's auto-extract does.
    /// </summary>
    private static TableFunctionDefinition BrokenPartitionColumnAbsentFromBatch() => Broken(
        "broken_partition_column_absent_from_batch",
        "DELIBERATELY BROKEN: declares partition_kind on 'category' but emits a batch without 'category' AND doesn't supply an explicit partition_values override. The framework's auto-extract fails with RuntimeError before the wire.",
        HandWritten.Schema(Hand.PartitionColumn("category", StringType.Default), HandWritten.Column("revenue", Int64Type.Default)),
        (count, _) => new IteratorScan([new Emitted(Revenue(count))]),
        batchIndex: false, PartitionKind.SingleValuePartitions, 1);

    /// <summary>A batch of <c>revenue</c> 0..count-1 only (no <c>category</c> column).</summary>
    private static RecordBatch Revenue(long count) =>
        HandWritten.Batch(HandWritten.Schema(HandWritten.Column("revenue", Int64Type.Default)), (int)count, Col.Int64((int)count, i => i));

    /// <summary><c>[start, end)</c> chunks of <paramref name="size"/> rows covering 0..count-1.</summary>
    private static IEnumerable<(long Start, long End)> Chunks(long count, long size)
    {
        for (long start = 0; start < count; start += size) yield return (start, Math.Min(count, start + size));
    }
}
