namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>A row of <c>named_params_echo</c>.</summary>
internal readonly record struct NamedParamsRow(long? Id, string? Greeting, long? Value, double? FloatValue, bool? Enabled);

/// <summary>The <c>metadata STRUCT(index BIGINT, label VARCHAR)</c> column of <c>nested_sequence</c>.</summary>
[ArrowRecord]
internal sealed partial record NestedMetadata(long? Index, string? Label);

/// <summary>A row of <c>nested_sequence</c>: <c>n BIGINT, metadata STRUCT(index, label), history BIGINT[]</c>.</summary>
internal readonly record struct NestedRow(long? N, NestedMetadata? Metadata, long?[]? History);

/// <summary>A row of <c>projected_data</c>.</summary>
internal readonly record struct ProjectedRow(long? Id, string? Name, double? Value, long? Extra);

/// <summary>
/// Generators that exercise argument passing and output shapes (fixtures.md §2.4.1): named
/// parameters with defaults, nested struct/list columns, and projection pushdown.
/// </summary>
internal static class Shapes
{
    [TableFunction("named_params_echo", Description = "Echoes named parameter values in output columns",
        ProjectionPushdown = false, BatchSize = 1000,
        Categories = ["generator", "testing"], Tags = ["category", "testing", "type", "params"])]
    public static IEnumerable<NamedParamsRow> NamedParamsEcho([Min(0), RowCount] long count,
        bool enabled = true, string greeting = "hello", long multiplier = 1, double scale = 1.0)
    {
        for (long i = 0; i < count; i++) yield return new NamedParamsRow(i, greeting, unchecked(i * multiplier), i * scale, enabled);
    }

    [TableFunction("nested_sequence", Description = "Generates a sequence with nested struct and list columns",
        FilterPushdown = true, BatchSize = 1000,
        Categories = ["generator", "utility", "testing"], Tags = ["category", "generator", "type", "testing"])]
    public static IEnumerable<NestedRow> NestedSequence([Min(0), RowCount] long count, [Min(1), BatchSize] long batchSize = 1000, [Min(1)] long historySize = 20)
    {
        for (long i = 0; i < count; i++)
        {
            long first = Math.Max(0, i - historySize + 1);
            var history = new long?[i - first + 1];
            for (long k = first; k <= i; k++) history[k - first] = k;
            yield return new NestedRow(i, new NestedMetadata(i, "row_" + i), history);
        }
    }

    [TableFunction("projected_data", Description = "Generates data with 4 columns, supporting projection pushdown",
        BatchSize = 1000, Categories = ["generator", "utility"])]
    public static IEnumerable<ProjectedRow> ProjectedData([Min(0), RowCount] long count)
    {
        for (long i = 0; i < count; i++) yield return new ProjectedRow(i, "item_" + i, i * 1.5, unchecked(i * i));
    }
}
