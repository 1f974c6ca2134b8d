using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;

namespace Vgi.Conformance.FixtureTests.Filters;

/// <summary>
/// Filter batches as the extension sends them (vgi-functions §6.2–6.3): a one-row IPC stream
/// <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; …}</c> and one join-keys stream per IN
/// filter, decoded by the runtime into <see cref="TableFilters"/>.
/// </summary>
internal static class FilterBatches
{
    /// <summary>Decodes <paramref name="json"/> (a JSON array of filter objects) with constants <c>_val_0..</c> (each a one-row array, optionally an extension type).</summary>
    public static TableFilters Decode(string json, params (IArrowArray Value, string? Extension)[] values) =>
        TableFilters.Decode(Batch(json, values));

    /// <summary>As <see cref="Decode(string, (IArrowArray, string?)[])"/>, plus join-key streams (column name, keys).</summary>
    public static TableFilters DecodeWithKeys(string json, (string Column, IArrowArray Keys)[] joinKeys, params (IArrowArray Value, string? Extension)[] values) =>
        TableFilters.Decode(Batch(json, values), [.. joinKeys.Select(k => JoinKeys(k.Column, k.Keys))]);

    public static (IArrowArray, string?) V(IArrowArray value, string? extension = null) => (value, extension);

    private static byte[] Batch(string json, (IArrowArray Value, string? Extension)[] values)
    {
        var fields = new List<Field> { new("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]) };
        var columns = new List<IArrowArray> { Str(json) };
        for (int i = 0; i < values.Length; i++)
        {
            var (value, extension) = values[i];
            fields.Add(new Field($"_val_{i}", value.Data.DataType, true,
                extension is null ? null : [new KeyValuePair<string, string>("ARROW:extension:name", extension)]));
            columns.Add(value);
        }
        return IpcBytes.WriteBatch(new RecordBatch(new Schema(fields, null), columns, 1));
    }

    private static byte[] JoinKeys(string column, IArrowArray keys) =>
        IpcBytes.WriteBatch(new RecordBatch(
            new Schema([new Field(column, keys.Data.DataType, true)], [new KeyValuePair<string, string>("vgi_join_keys_version", "2")]),
            [keys], keys.Length));

    /// <summary>A <c>constant</c> filter node: <c>column op _val_{valueRef}</c>.</summary>
    public static string Cmp(string column, string op, int valueRef) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"constant","op":"{{op}}","value_ref":{{valueRef}}}""";

    /// <summary>A <c>join_keys</c> (IN) filter node on <paramref name="column"/>.</summary>
    public static string In(string column) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"join_keys","keys_column":"{{column}}"}""";

    public static string Node(string column, string type) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"{{type}}"}""";

    public static string Conj(string type, string column, params string[] children) =>
        $$"""{"column_name":"{{column}}","column_index":0,"type":"{{type}}","children":[{{string.Join(",", children)}}]}""";

    public static Int64Array I64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static StringArray Str(params string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }

    public static DoubleArray F64(double value) => new DoubleArray.Builder().Append(value).Build();

    /// <summary>A comparison node built directly (no IPC), for the tree-shape tests.</summary>
    public static ComparisonFilter Compare(string column, ComparisonOperator op, IArrowArray value, string? extension = null) =>
        new(column, op, new FilterValue(value, 0, extension));
}
