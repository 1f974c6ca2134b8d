using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>
/// The pushdown probe of fixtures.md §2.4.2 that is a hand-written definition: <c>dict_filter_echo</c> emits a
/// <c>dictionary&lt;int8, utf8&gt;</c> column (no C# row type maps to it). The other probes are [TableFunction]
/// methods (<see cref="Echoes"/>, <see cref="FilterProbes"/>).
/// </summary>
internal static class ProbeDefinitions
{
    private static readonly Schema CountBatchSize = Hand.Arguments(
        HandWritten.Positional("count", Int64Type.Default), HandWritten.Named("batch_size", Int64Type.Default));

    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        DictFilterEcho(),
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
    /// The filters Python holds in force: the init filters until a tick brings dynamic (Top-N) filters,
    /// which replace them (vgi-functions §6.4). The worker itself keeps the init filters AND the dynamic set.
    /// </summary>
    internal static TableFilters InForce(TableFilters filters) =>
        filters.DynamicFilters.Count > 0 ? new TableFilters(filters.DynamicFilters) : filters;
}
