using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;

namespace Vgi.Tests.Filters;

/// <summary>
/// Filter batches built the way the extension builds them (validation-2 §7.2–7.5): a one-row IPC
/// stream <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; _val_1; …}</c> (constants
/// nullable, typed as DuckDB exports them), join-key streams <c>{col: T}</c> with schema metadata
/// <c>vgi_join_keys_version=2</c>, and the data batches of the probe's <c>tri</c> function.
/// </summary>
internal static class FilterData
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

    /// <summary>The filter batch for <paramref name="json"/> with constants <c>_val_0..</c>.</summary>
    public static byte[] Filter(string json, params IArrowArray[] values) =>
        FilterExt(json, values.Select(v => (v, (string?)null)).ToArray());

    /// <summary>As <see cref="Filter(string, IArrowArray[])"/>, with an extension type name per constant (e.g. <c>arrow.bool8</c>).</summary>
    public static byte[] FilterExt(string json, params (IArrowArray Value, string? Extension)[] values)
    {
        var fields = new List<Field>
        {
            new("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]),
        };
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

    /// <summary>A join-keys stream: one column named <paramref name="column"/>, schema metadata <c>vgi_join_keys_version=2</c>.</summary>
    public static byte[] JoinKeys(string column, IArrowArray keys) =>
        IpcBytes.WriteBatch(new RecordBatch(
            new Schema([new Field(column, keys.Data.DataType, true)], [new KeyValuePair<string, string>("vgi_join_keys_version", "2")]),
            [keys], keys.Length));

    /// <summary>A tick's <c>vgi_pushdown_filters</c> value: the filter batch in standard base64 (§7.5).</summary>
    public static string Tick(string json, params IArrowArray[] values) => Convert.ToBase64String(Filter(json, values));

    /// <summary><c>[{column_name, column_index, type: constant, op, value_ref}]</c>.</summary>
    public static string Compare(string column, string op, int valueRef = 0, int columnIndex = 0) =>
        "[" + CompareNode(column, op, valueRef, columnIndex) + "]";

    public static string CompareNode(string column, string op, int valueRef = 0, int columnIndex = 0) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"constant","op":"{{op}}","value_ref":{{valueRef}}}""";

    /// <summary>
    /// The probe's <c>tri(count)</c> rows (validation-2 §2) in the given column order:
    /// <c>a = i</c> (NULL when i % 7 = 6), <c>b = 'b' || i</c>, <c>c = 'x'</c> for even i, else <c>'y'</c>.
    /// </summary>
    public static RecordBatch Tri(int count, params string[] order)
    {
        if (order.Length == 0) order = ["a", "b", "c"];
        var columns = new Dictionary<string, (Field, IArrowArray)>
        {
            ["a"] = (new Field("a", Int64Type.Default, true), I64([.. Enumerable.Range(0, count).Select(i => i % 7 == 6 ? (long?)null : i)])),
            ["b"] = (new Field("b", StringType.Default, true), Str([.. Enumerable.Range(0, count).Select(i => "b" + i)])),
            ["c"] = (new Field("c", StringType.Default, true), Str([.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? "x" : "y")])),
        };
        return new RecordBatch(new Schema(order.Select(o => columns[o].Item1), null), order.Select(o => columns[o].Item2), count);
    }

    /// <summary>The <c>a</c> values left in a filtered <c>tri</c> batch (by name).</summary>
    public static long?[] A(RecordBatch batch)
    {
        var a = (Int64Array)batch.Column(batch.Schema.GetFieldIndex("a"));
        return [.. Enumerable.Range(0, a.Length).Select(a.GetValue)];
    }

    /// <summary>A batch <c>{id: int32 (0..n-1), v: column}</c> for per-type tests.</summary>
    public static RecordBatch WithIds(IArrowArray column, string name = "v") => new(
        new Schema([new Field("id", Int32Type.Default, false), new Field(name, column.Data.DataType, true)], null),
        [I32([.. Enumerable.Range(0, column.Length).Select(i => (int?)i)]), column], column.Length);

    /// <summary>The ids of the rows of a <see cref="WithIds"/> batch that pass <paramref name="filters"/>.</summary>
    public static int[] Ids(TableFilters filters, RecordBatch batch)
    {
        var result = filters.Apply(batch);
        var ids = (Int32Array)result.Column(result.Schema.GetFieldIndex("id"));
        return [.. Enumerable.Range(0, ids.Length).Select(i => ids.GetValue(i)!.Value)];
    }

    /// <summary>Applies <c>v op constant</c> to <paramref name="column"/> and returns the passing row numbers.</summary>
    public static int[] Where(IArrowArray column, string op, IArrowArray constant, string? extension = null) =>
        Ids(TableFilters.Decode(FilterExt(Compare("v", op), (constant, extension))), WithIds(column));

    public static Int64Array I64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static Int32Array I32(params int?[] values)
    {
        var b = new Int32Array.Builder();
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
}
