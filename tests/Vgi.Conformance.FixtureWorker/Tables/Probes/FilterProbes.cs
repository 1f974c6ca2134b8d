using System.Buffers.Binary;
using Vgi.Conformance.Fixtures.Filters;
using Vgi.Functions;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>A <c>dynamic_filter_echo</c> row.</summary>
internal readonly record struct DynamicEchoRow(long? N, string? PushedFilters);

/// <summary>An <c>expression_filter_test</c> row.</summary>
internal readonly record struct ExpressionFilterRow(long? Id, string? Name, string?[]? Tags, double? Score);

/// <summary>A <c>spatial_filter_example</c> row: <c>geom</c> is a WKB point with <c>geoarrow.wkb</c> extension metadata.</summary>
internal readonly record struct SpatialFilterRow(
    long? N, double? X, double? Y,
    [ArrowField(Metadata = ["ARROW:extension:name", "geoarrow.wkb", "ARROW:extension:metadata", "{}"])] byte[]? Geom);

/// <summary>
/// The pushdown probes of fixtures.md §2.4.2 that take an unbounded <c>batch_size</c>: Python declares no
/// bound, and a non-positive one fails the bind with <c>ValueError: batch_size must be positive</c> after
/// the declared checks (<see cref="PositiveBatchSize"/>, their Validate method).
/// <c>dynamic_filter_echo</c> is per batch: <c>batch_size</c> rows per tick, each batch echoing the filters in
/// force for that tick (dynamic Top-N filters included). <c>expression_filter_test</c> and
/// <c>spatial_filter_example</c> advertise <c>supported_expression_filters</c>; the calls they accept
/// (<c>contains</c>, <c>list_contains</c>, <c>prefix</c>, <c>starts_with</c>, <c>&amp;&amp;</c>,
/// <c>st_intersects_extent</c>) are applied exactly by the worker's automatic filtering, so they emit every
/// row and leave the filtering to it.
/// </summary>
internal static class FilterProbes
{
    /// <summary>The unbounded <c>batch_size</c> arguments (Python declares no bound; a non-positive size cannot make batches).</summary>
    public static void PositiveBatchSize(long count, long batchSize)
    {
        if (batchSize <= 0) throw new RpcException("ValueError", "batch_size must be positive");
    }

    /// <summary>
    /// Descending rows, <c>batch_size</c> per tick; each batch echoes the filters in force: the init
    /// filters until a tick brings dynamic (Top-N) filters, which replace them (§6.6.2). The worker
    /// applies the init filters AND the latest dynamic set to the rows.
    /// </summary>
    [TableFunction("dynamic_filter_echo", Description = "Generates descending integers, echoes dynamic tick filter per batch",
        FilterPushdown = true, Categories = ["generator", "diagnostic"], Validate = nameof(PositiveBatchSize))]
    public static IEnumerable<RowBatch<DynamicEchoRow>> DynamicFilterEcho([Min(1), RowCount] long count, TableScanContext scan, [BatchSize] long batchSize = 100)
    {
        for (long high = count - 1; high >= 0; high -= batchSize)
        {
            var rows = new DynamicEchoRow[(int)Math.Min(batchSize, high + 1)];
            string echo = FilterText.DebugRepr(ProbeDefinitions.InForce(scan.Filters));
            for (int i = 0; i < rows.Length; i++) rows[i] = new DynamicEchoRow(high - i, echo);
            yield return new RowBatch<DynamicEchoRow>(rows);
        }
    }

    [TableFunction("expression_filter_test", Description = "Generates rows for non-spatial expression filter testing",
        FilterPushdown = true, ExpressionFilters = ["list_contains", "prefix", "starts_with", "contains"], Categories = ["generator", "testing"],
        BatchSize = 1024, Validate = nameof(PositiveBatchSize))]
    public static IEnumerable<ExpressionFilterRow> ExpressionFilterTest([Min(1), RowCount] long count, [BatchSize] long batchSize = 1024)
    {
        for (long i = 0; i < count; i++) yield return new ExpressionFilterRow(i, "item_" + i, ["tag_" + i % 5, "tag_" + (i + 1) % 5], i * 1.1);
    }

    [TableFunction("spatial_filter_example", Description = "Generates points on a grid with geometry for spatial filter testing",
        FilterPushdown = true, ExpressionFilters = ["&&", "st_intersects_extent"], Categories = ["generator", "spatial", "testing"],
        BatchSize = 1024, Validate = nameof(PositiveBatchSize))]
    public static IEnumerable<SpatialFilterRow> SpatialFilterExample([Min(1), RowCount] long count, [BatchSize] long batchSize = 1024)
    {
        long cols = Math.Max(1, (long)Math.Ceiling(Math.Sqrt(count)));
        for (long i = 0; i < count; i++)
        {
            double x = (double)(i % cols) / cols, y = (double)(i / cols) / cols;
            yield return new SpatialFilterRow(i, x, y, Point(x, y));
        }
    }

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
}
