using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Testing;

/// <summary>
/// Table-function requests as the extension builds them (validation-2 §7.1–7.5): a <c>TABLE</c>
/// bind with positional and named arguments, the <c>InitRequest</c>, and the one-row filter
/// stream <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; …}</c>.
/// </summary>
public static class Tables
{
    public static BindRequest Table(string name, IReadOnlyList<IArrowArray> positional, IReadOnlyList<(string Key, IArrowArray Value)>? named = null) => new()
    {
        FunctionName = name,
        Arguments = new Arguments([.. positional.Select(p => new ArgumentValue(p))],
            (named ?? []).ToDictionary(n => n.Key, n => new ArgumentValue(n.Value))).ToIpcBytes(),
        FunctionType = FunctionType.Table,
        InputSchema = null,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = null,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
    };

    public static InitRequest Init(BindRequest bind, BindResult bound, IReadOnlyList<long>? projection = null, byte[]? filters = null) => new()
    {
        BindCall = bind,
        OutputSchema = bound.OutputSchema,
        BindOpaqueData = bound.OpaqueData,
        ProjectionIds = projection,
        PushdownFilters = filters,
    };

    /// <summary>The filter stream for <paramref name="json"/> with constants <c>_val_0..</c> (nullable, as DuckDB exports them).</summary>
    public static byte[] Filter(string json, params IArrowArray[] values)
    {
        var fields = new List<Field> { new("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]) };
        var columns = new List<IArrowArray> { Calls.Str(json) };
        for (int i = 0; i < values.Length; i++)
        {
            fields.Add(new Field($"_val_{i}", values[i].Data.DataType, true));
            columns.Add(values[i]);
        }
        return IpcBytes.WriteBatch(new RecordBatch(new Schema(fields, null), columns, 1));
    }

    /// <summary><c>{column_name, column_index, type: constant, op, value_ref}</c>.</summary>
    public static string Compare(string column, string op, int columnIndex, int valueRef = 0) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"constant","op":"{{op}}","value_ref":{{valueRef}}}""";

    /// <summary>A tick's <c>vgi_pushdown_filters</c> entry (§7.5): the filter stream in standard base64.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DynamicFilter(string json, params IArrowArray[] values) =>
        [new("vgi_pushdown_filters", Convert.ToBase64String(Filter(json, values)))];

    public static long[] Longs(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Longs(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))).Select(v => v!.Value))];

    public static string[] Strings(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Strings(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column)))).Select(s => s!)];
}
