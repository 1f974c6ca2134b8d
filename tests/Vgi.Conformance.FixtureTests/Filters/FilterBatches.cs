using Apache.Arrow;
using Vgi.Functions;
using Vgi.Testing;

namespace Vgi.Conformance.FixtureTests.Filters;

/// <summary>
/// Filter batches as the extension sends them (vgi-functions §6.2–6.3): a one-row IPC stream
/// <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; …}</c> and one join-keys stream per IN
/// filter (both built by <see cref="FilterPayloads"/>), decoded by the runtime into <see cref="TableFilters"/>.
/// </summary>
internal static class FilterBatches
{
    /// <summary>Decodes <paramref name="json"/> (a JSON array of filter objects) with constants <c>_val_0..</c> (each a one-row array, optionally an extension type).</summary>
    public static TableFilters Decode(string json, params (IArrowArray Value, string? Extension)[] values) =>
        TableFilters.Decode(FilterPayloads.FilterExt(json, values));

    /// <summary>As <see cref="Decode(string, (IArrowArray, string?)[])"/>, plus join-key streams (column name, keys).</summary>
    public static TableFilters DecodeWithKeys(string json, (string Column, IArrowArray Keys)[] joinKeys, params (IArrowArray Value, string? Extension)[] values) =>
        TableFilters.Decode(FilterPayloads.FilterExt(json, values), [.. joinKeys.Select(k => FilterPayloads.JoinKeys(k.Column, k.Keys))]);

    public static (IArrowArray, string?) V(IArrowArray value, string? extension = null) => (value, extension);

    /// <summary>A <c>constant</c> filter node: <c>column op _val_{valueRef}</c>.</summary>
    public static string Cmp(string column, string op, int valueRef) => FilterPayloads.CompareNode(column, op, valueRef);

    /// <summary>A <c>join_keys</c> (IN) filter node on <paramref name="column"/>.</summary>
    public static string In(string column) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"join_keys","keys_column":"{{column}}"}""";

    public static string Node(string column, string type) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"{{type}}"}""";

    public static string Conj(string type, string column, params string[] children) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"{{type}}","children":[{{string.Join(",", children)}}]}""";

    public static Int64Array I64(params long?[] values) => Arrays.I64(values);

    public static StringArray Str(params string?[] values) => Arrays.Str(values);

    public static DoubleArray F64(double value) => Arrays.F64(value);

    /// <summary>A comparison node built directly (no IPC), for the tree-shape tests.</summary>
    public static ComparisonFilter Compare(string column, ComparisonOperator op, IArrowArray value, string? extension = null) =>
        new(column, op, new FilterValue(value, 0, extension));
}
