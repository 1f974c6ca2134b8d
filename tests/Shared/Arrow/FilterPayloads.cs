using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;

namespace Vgi.Testing;

/// <summary>
/// Pushdown-filter payloads built the way the extension builds them (validation-2 §7.2–7.5): a one-row
/// IPC stream <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; _val_1; …}</c> (constants
/// nullable, typed as DuckDB exports them, optionally an extension type), join-key streams
/// <c>{col: T}</c> with schema metadata <c>vgi_join_keys_version=2</c>, the base64 form a tick
/// carries in <c>vgi_pushdown_filters</c>, and the JSON of a <c>constant</c> filter node.
/// </summary>
public static class FilterPayloads
{
    /// <summary>The 784-byte filter stream of validation-2 §7.3 (<c>WHERE a &gt; 3 AND c = 'x'</c>), byte for byte.</summary>
    public static readonly byte[] Section73 = Convert.FromHexString(
        "ffffffff300100001000000000000a000c000600050008000a000000000104000c00000008000800000004000800000004000000030000009000000040000000" +
        "04000000d8ffffff0000010510000000180000000400000000000000060000005f76616c5f31000038ffffff100014000800060007000c000000100010000000" +
        "0000010210000000200000000400000000000000060000005f76616c5f30000008000e0008000700080000000000000140000000000012001800080006000700" +
        "0c00000010001400120000000000010514000000600000000800000018000000000000000b00000066696c7465725f7370656300010000000c00000008000c00" +
        "040008000800000010000000040000000100000031000000120000007667695f66696c7465725f76657273696f6e00000400040004000000ffffffff08010000" +
        "14000000000000000c0016000600050008000c000c0000000003040018000000c00000000000000000000a0018000c00040008000a0000009c00000010000000" +
        "01000000000000000000000008000000000000000000000000000000000000000000000000000000080000000000000008000000000000009f00000000000000" +
        "a8000000000000000000000000000000a8000000000000000800000000000000b0000000000000000000000000000000b0000000000000000800000000000000" +
        "b8000000000000000100000000000000000000000300000001000000000000000000000000000000010000000000000000000000000000000100000000000000" +
        "0000000000000000000000009f0000005b7b22636f6c756d6e5f6e616d65223a2261222c22636f6c756d6e5f696e646578223a302c2274797065223a22636f6e" +
        "7374616e74222c226f70223a226774222c2276616c75655f726566223a307d2c7b22636f6c756d6e5f6e616d65223a2263222c22636f6c756d6e5f696e646578" +
        "223a312c2274797065223a22636f6e7374616e74222c226f70223a226571222c2276616c75655f726566223a317d5d0003000000000000000000000001000000" +
        "7800000000000000ffffffff00000000");

    /// <summary>The filter stream for <paramref name="json"/> with constants <c>_val_0..</c>.</summary>
    public static byte[] Filter(string json, params IArrowArray[] values) =>
        FilterExt(json, [.. values.Select(v => (v, (string?)null))]);

    /// <summary>As <see cref="Filter(string, IArrowArray[])"/>, with an extension type name per constant (e.g. <c>arrow.bool8</c>).</summary>
    public static byte[] FilterExt(string json, params (IArrowArray Value, string? Extension)[] values)
    {
        var fields = new List<Field>
        {
            new("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]),
        };
        var columns = new List<IArrowArray> { Arrays.Str(json) };
        for (int i = 0; i < values.Length; i++)
        {
            var (value, extension) = values[i];
            fields.Add(new Field($"_val_{i}", value.Data.DataType, true,
                extension is null ? null : [new KeyValuePair<string, string>("ARROW:extension:name", extension)]));
            columns.Add(value);
        }
        return IpcBytes.WriteBatch(new RecordBatch(new Schema(fields, null), columns, 1));
    }

    /// <summary>A join-keys stream: one column named <paramref name="column"/>, schema metadata <c>vgi_join_keys_version=2</c>.</summary>
    public static byte[] JoinKeys(string column, IArrowArray keys) =>
        IpcBytes.WriteBatch(new RecordBatch(
            new Schema([new Field(column, keys.Data.DataType, true)], [new KeyValuePair<string, string>("vgi_join_keys_version", "2")]),
            [keys], keys.Length));

    /// <summary>A tick's <c>vgi_pushdown_filters</c> value: the filter stream in standard base64 (§7.5).</summary>
    public static string Tick(string json, params IArrowArray[] values) => Convert.ToBase64String(Filter(json, values));

    /// <summary>A tick's custom metadata carrying the filter: the single <c>vgi_pushdown_filters</c> entry (§7.5).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DynamicFilter(string json, params IArrowArray[] values) =>
        [new("vgi_pushdown_filters", Tick(json, values))];

    /// <summary>A one-node filter list <c>[{column_name, column_index, type: constant, op, value_ref}]</c>.</summary>
    public static string Compare(string column, string op, int valueRef = 0, int columnIndex = 0) =>
        "[" + CompareNode(column, op, valueRef, columnIndex) + "]";

    /// <summary>A <c>constant</c> filter node: <c>column op _val_{valueRef}</c>.</summary>
    public static string CompareNode(string column, string op, int valueRef = 0, int columnIndex = 0) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"constant","op":"{{op}}","value_ref":{{valueRef}}}""";
}
