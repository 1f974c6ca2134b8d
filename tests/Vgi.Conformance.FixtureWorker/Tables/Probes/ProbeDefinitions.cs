using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Filters;
using Vgi.Functions;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>
/// The pushdown probes of fixtures.md §2.4.2 that are hand-written definitions:
/// <list type="bullet">
/// <item><c>dict_filter_echo</c> emits a <c>dictionary&lt;int8, utf8&gt;</c> column (no C# row type maps to it);</item>
/// <item><c>dynamic_filter_echo</c>, <c>expression_filter_test</c> and <c>spatial_filter_example</c> take a
/// <c>batch_size</c> without a declared bound, and a non-positive one fails the bind with
/// <c>ValueError: batch_size must be positive</c>, a check [TableFunction] cannot declare.</item>
/// </list>
/// <c>dynamic_filter_echo</c> is per batch: <c>batch_size</c> rows per tick, each batch echoing the filters in
/// force for that tick (dynamic Top-N filters included). <c>expression_filter_test</c> and
/// <c>spatial_filter_example</c> advertise <c>supported_expression_filters</c>; the calls they accept
/// (<c>contains</c>, <c>list_contains</c>, <c>prefix</c>, <c>starts_with</c>, <c>&amp;&amp;</c>,
/// <c>st_intersects_extent</c>) are applied exactly by the worker's automatic filtering, so they emit every
/// row of each chunk and leave the filtering to it. <c>spatial_filter_example</c>'s <c>geom</c> column carries
/// <c>geoarrow.wkb</c> extension metadata.
/// </summary>
internal static class ProbeDefinitions
{
    private static readonly Schema CountBatchSize = Hand.Arguments(
        HandWritten.Positional("count", Int64Type.Default), HandWritten.Named("batch_size", Int64Type.Default));

    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        DictFilterEcho(),
        DynamicFilterEcho(),
        ExpressionFilterTest(),
        SpatialFilterExample(),
    ];

    /// <summary>Batches of <paramref name="batchSize"/> rows over 0..count-1: (first row, length).</summary>
    private static IEnumerable<(long First, int Length)> Chunks(long count, long batchSize)
    {
        for (long first = 0; first < count; first += batchSize) yield return (first, (int)Math.Min(batchSize, count - first));
    }

    private static TableFunctionDefinition DictFilterEcho() => new()
    {
        Name = "dict_filter_echo",
        Description = "Emits a dictionary-encoded VARCHAR column for filter-pushdown testing",
        Arguments = CountBatchSize,
        FilterPushdown = true,
        Categories = ["generator", "diagnostic", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "dict_filter_echo(count BIGINT, batch_size := BIGINT)", 1, "batch_size");
            long count = args.Int64(0, "count", min: 0);
            long batchSize = args.Int64("batch_size", 2048, min: 1);
            var type = new DictionaryType(Int8Type.Default, StringType.Default, false);
            var output = HandWritten.Schema(HandWritten.Column("n", Int64Type.Default), HandWritten.Column("s", type));
            var colors = Col.Utf8(3, i => i switch { 0 => "red", 1 => "green", _ => "blue" });
            return new TableBinding(output, scan => new IteratorScan(Chunks(count, batchSize).Select(chunk => new Emitted(HandWritten.Project(scan, chunk.Length, c =>
            {
                if (c == 0) return Col.Int64(chunk.Length, i => chunk.First + i);
                var indices = new Int8Array.Builder().Reserve(chunk.Length);
                for (int i = 0; i < chunk.Length; i++) indices.Append((sbyte)((chunk.First + i) % 3));
                return new DictionaryArray(type, indices.Build(), colors);
            })))), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary>
    /// Descending rows, <c>batch_size</c> per tick; each batch echoes the filters in force: the init
    /// filters until a tick brings dynamic (Top-N) filters, which replace them (§6.6.2). The worker
    /// applies the init filters AND the latest dynamic set to the rows.
    /// </summary>
    private static TableFunctionDefinition DynamicFilterEcho() => new()
    {
        Name = "dynamic_filter_echo",
        Description = "Generates descending integers, echoes dynamic tick filter per batch",
        Arguments = CountBatchSize,
        FilterPushdown = true,
        Categories = ["generator", "diagnostic"],
        Bind = context =>
        {
            var args = new BindArgs(context, "dynamic_filter_echo(count BIGINT, batch_size := BIGINT)", 1, "batch_size");
            long count = args.Int64(0, "count", min: 1);
            long batchSize = Positive(args.Int64("batch_size", 100));
            var output = HandWritten.Schema(HandWritten.Column("n", Int64Type.Default), HandWritten.Column("pushed_filters", StringType.Default));
            return new TableBinding(output, scan => new IteratorScan(Batches(scan, count, batchSize)), args.Score)
            {
                CardinalityEstimate = count,
                CardinalityMax = count,
            };

            static IEnumerable<Emitted> Batches(TableScanContext scan, long count, long batchSize)
            {
                for (long high = count - 1; high >= 0; high -= batchSize)
                {
                    int length = (int)Math.Min(batchSize, high + 1);
                    long top = high;
                    string echo = FilterText.DebugRepr(InForce(scan.Filters));
                    yield return new Emitted(HandWritten.Project(scan, length, c => c == 0 ? Col.Int64(length, i => top - i) : Col.Utf8(length, _ => echo)));
                }
            }
        },
    };

    private static TableFunctionDefinition ExpressionFilterTest() => new()
    {
        Name = "expression_filter_test",
        Description = "Generates rows for non-spatial expression filter testing",
        Arguments = CountBatchSize,
        FilterPushdown = true,
        SupportedExpressionFilters = ["list_contains", "prefix", "starts_with", "contains"],
        Categories = ["generator", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "expression_filter_test(count BIGINT, batch_size := BIGINT)", 1, "batch_size");
            long count = args.Int64(0, "count", min: 1);
            long batchSize = Positive(args.Int64("batch_size", 1024));
            var tagsType = new ListType(new Field("item", StringType.Default, true));
            var output = HandWritten.Schema(
                HandWritten.Column("id", Int64Type.Default), HandWritten.Column("name", StringType.Default),
                HandWritten.Column("tags", tagsType), HandWritten.Column("score", DoubleType.Default));
            return new TableBinding(output, scan => new IteratorScan(Rows(scan, Chunks(count, batchSize), (rows, c) => c switch
            {
                0 => Col.Int64(rows.Length, i => rows[i]),
                1 => Col.Utf8(rows.Length, i => "item_" + rows[i]),
                2 => Tags(rows),
                _ => Col.Float64(rows.Length, i => rows[i] * 1.1),
            })), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary><c>['tag_' + i % 5, 'tag_' + (i + 1) % 5]</c> per row.</summary>
    private static ListArray Tags(long[] rows)
    {
        var builder = new ListArray.Builder(StringType.Default);
        var values = (StringArray.Builder)builder.ValueBuilder;
        foreach (long i in rows)
        {
            builder.Append();
            values.Append("tag_" + i % 5);
            values.Append("tag_" + (i + 1) % 5);
        }
        return builder.Build();
    }

    private static TableFunctionDefinition SpatialFilterExample() => new()
    {
        Name = "spatial_filter_example",
        Description = "Generates points on a grid with geometry for spatial filter testing",
        Arguments = CountBatchSize,
        FilterPushdown = true,
        SupportedExpressionFilters = ["&&", "st_intersects_extent"],
        Categories = ["generator", "spatial", "testing"],
        Bind = context =>
        {
            var args = new BindArgs(context, "spatial_filter_example(count BIGINT, batch_size := BIGINT)", 1, "batch_size");
            long count = args.Int64(0, "count", min: 1);
            long batchSize = Positive(args.Int64("batch_size", 1024));
            long cols = Math.Max(1, (long)Math.Ceiling(Math.Sqrt(count)));
            var output = HandWritten.Schema(
                HandWritten.Column("n", Int64Type.Default), HandWritten.Column("x", DoubleType.Default), HandWritten.Column("y", DoubleType.Default),
                Hand.Column("geom", BinaryType.Default, "ARROW:extension:name", "geoarrow.wkb", "ARROW:extension:metadata", "{}"));
            double X(long i) => (double)(i % cols) / cols;
            double Y(long i) => (double)(i / cols) / cols;
            return new TableBinding(output, scan => new IteratorScan(Rows(scan, Chunks(count, batchSize), (rows, c) => c switch
            {
                0 => Col.Int64(rows.Length, i => rows[i]),
                1 => Col.Float64(rows.Length, i => X(rows[i])),
                2 => Col.Float64(rows.Length, i => Y(rows[i])),
                _ => Col.Binary(rows.Length, i => Point(X(rows[i]), Y(rows[i]))),
            })), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary>A 21-byte little-endian WKB point.</summary>
    private static byte[] Point(double x, double y)
    {
        var wkb = new byte[21];
        wkb[0] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(wkb.AsSpan(1), 1);
        BinaryPrimitives.WriteDoubleLittleEndian(wkb.AsSpan(5), x);
        BinaryPrimitives.WriteDoubleLittleEndian(wkb.AsSpan(13), y);
        return wkb;
    }

    /// <summary>
    /// The filters Python holds in force: the init filters until a tick brings dynamic (Top-N) filters,
    /// which replace them (vgi-functions §6.4). The worker itself keeps the init filters AND the dynamic set.
    /// </summary>
    internal static TableFilters InForce(TableFilters filters) =>
        filters.DynamicFilters.Count > 0 ? new TableFilters(filters.DynamicFilters) : filters;

    /// <summary>The unbounded <c>batch_size</c> arguments (Python declares no bound; a non-positive size cannot make batches).</summary>
    private static long Positive(long batchSize) =>
        batchSize > 0 ? batchSize : throw new RpcException("ValueError", "batch_size must be positive");

    /// <summary>
    /// For the fixtures that receive expression filters: per chunk of row numbers, the projected columns
    /// of every row in it. The worker then applies the filters in force (init AND dynamic) to the batch.
    /// </summary>
    private static IEnumerable<Emitted> Rows(TableScanContext scan, IEnumerable<(long First, int Length)> chunks, Func<long[], int, IArrowArray> column)
    {
        foreach (var (first, length) in chunks)
        {
            long[] rows = new long[length];
            for (int i = 0; i < length; i++) rows[i] = first + i;
            yield return new Emitted(HandWritten.Project(scan, rows.Length, c => column(rows, c)));
        }
    }
}
