using Apache.Arrow;
using Vgi.Protocol;

namespace Vgi.Testing;

/// <summary>
/// Table-function requests as the extension builds them (validation-2 §7.1–7.5): a <c>TABLE</c>
/// bind with positional and named arguments, the <c>InitRequest</c>, and (built by
/// <see cref="FilterPayloads"/>) the filter stream <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0; …}</c>.
/// </summary>
public static class Tables
{
    /// <summary>
    /// A table function <c>BindRequest</c> (function_type TABLE, no input schema): positional values
    /// <c>positional_0..</c>, then named ones <c>named_&lt;key&gt;</c>, each a one-value array.
    /// </summary>
    public static BindRequest Table(string name, IReadOnlyList<IArrowArray> positional, IReadOnlyList<(string Key, IArrowArray Value)>? named = null,
        byte[]? attach = null) =>
        Calls.Bind(name, FunctionType.Table,
            new Arguments([.. positional.Select(p => new ArgumentValue(p))], (named ?? []).ToDictionary(n => n.Key, n => new ArgumentValue(n.Value))),
            input: null, attach);

    public static InitRequest Init(BindRequest bind, BindResult bound, IReadOnlyList<long>? projection = null, byte[]? filters = null) => new()
    {
        BindCall = bind,
        OutputSchema = bound.OutputSchema,
        BindOpaqueData = bound.OpaqueData,
        ProjectionIds = projection,
        PushdownFilters = filters,
    };

    /// <summary>The filter stream for <paramref name="json"/> with constants <c>_val_0..</c> (<see cref="FilterPayloads.Filter"/>).</summary>
    public static byte[] Filter(string json, params IArrowArray[] values) => FilterPayloads.Filter(json, values);

    /// <summary><c>{column_name, column_index, type: constant, op, value_ref}</c> (<see cref="FilterPayloads.CompareNode"/>).</summary>
    public static string Compare(string column, string op, int columnIndex, int valueRef = 0) => FilterPayloads.CompareNode(column, op, valueRef, columnIndex);

    /// <summary>A tick's <c>vgi_pushdown_filters</c> entry (<see cref="FilterPayloads.DynamicFilter"/>).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> DynamicFilter(string json, params IArrowArray[] values) => FilterPayloads.DynamicFilter(json, values);

    public static long[] Longs(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Longs(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))).Select(v => v!.Value))];

    public static string[] Strings(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Strings(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column)))).Select(s => s!)];
}
