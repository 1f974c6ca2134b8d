using System.Text.Json;
using Apache.Arrow;
using Vgi.Codecs;

namespace Vgi.Functions;

/// <summary>
/// Reads the filter batch of vgi-functions §6.2 (<c>vgi_filter_version = 1</c>): a one-row IPC
/// stream whose <c>filter_spec</c> column holds a JSON array of filter objects (an implicit AND)
/// and whose <c>_val_N</c> columns hold the constants <c>value_ref = N</c> names. Columns are
/// named by <c>column_name</c>; <c>column_index</c> is ignored (it means the projected position in
/// init filters and the bind-schema position in tick filters: validation-2 C14). A
/// <c>join_keys</c> filter takes its keys from the <c>join_keys</c> stream whose column is named
/// <c>keys_column</c>; without one it is dropped, and so is an OR around it (DuckDB re-checks IN
/// pushdowns above the scan: validation-2 C15).
/// </summary>
internal static class FilterDecoder
{
    public const string SpecColumn = "filter_spec";
    public const string VersionKey = "vgi_filter_version";
    public const string SupportedVersion = "1";

    /// <param name="lenient">
    /// Tick (dynamic) filters: a node that cannot be read is dropped instead of failing, since
    /// DuckDB's Top-N still runs above the scan.
    /// </param>
    public static TableFilter[] Decode(ReadOnlyMemory<byte> ipc, IReadOnlyList<byte[]>? joinKeys, bool lenient)
    {
        if (ipc.IsEmpty) return [];
        RecordBatch batch;
        try
        {
            batch = IpcBytes.ReadBatch(ipc);
        }
        catch (Exception e) when (e is Ipc.IpcFormatException or ArrowRecordException or InvalidOperationException or ArgumentException)
        {
            throw new FilterFormatException($"the filter batch cannot be read: {e.Message}", e);
        }

        int specIndex = FieldIndex(batch.Schema, SpecColumn);
        if (specIndex < 0)
        {
            if (batch.ColumnCount == 0) return [];
            throw new FilterFormatException($"the filter batch has no '{SpecColumn}' column");
        }
        var specField = batch.Schema.GetFieldByIndex(specIndex);
        if (specField.HasMetadata && specField.Metadata.TryGetValue(VersionKey, out var version) && version != SupportedVersion)
            throw new FilterFormatException($"filter batch version {VersionKey}={version} is not supported (this worker reads version {SupportedVersion})");
        if (batch.Length == 0 || batch.Column(specIndex).IsNull(0)) return [];
        string json = batch.Column(specIndex) switch
        {
            StringArray a => a.GetString(0),
            LargeStringArray a => a.GetString(0),
            _ => throw new FilterFormatException($"'{SpecColumn}' is {specField.DataType.Name}, expected utf8"),
        };

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FilterFormatException($"'{SpecColumn}' is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                throw new FilterFormatException($"'{SpecColumn}' must be a JSON array, got {document.RootElement.ValueKind}");
            var reader = new Reader(batch, new JoinKeys(joinKeys, lenient), lenient);
            var filters = new List<TableFilter>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (reader.Node(element, parentColumn: null) is { } filter) filters.Add(filter);
            }
            return [.. filters];
        }
    }

    private static int FieldIndex(Schema schema, string name)
    {
        var fields = schema.FieldsList;
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name) return i;
        }
        return -1;
    }

    /// <summary>One decoding pass over a filter batch.</summary>
    private sealed class Reader(RecordBatch batch, JoinKeys joinKeys, bool lenient)
    {
        /// <summary>The filter of <paramref name="node"/>, or null when it is dropped.</summary>
        public TableFilter? Node(JsonElement node, string? parentColumn)
        {
            if (node.ValueKind != JsonValueKind.Object) return Fail($"a filter must be a JSON object, got {node.ValueKind}");
            string? column = String(node, "column_name") ?? parentColumn;
            if (column is null) return Fail($"a filter has no column_name: {node.GetRawText()}");
            string? type = String(node, "type");
            switch (type)
            {
                case "constant":
                {
                    if (!ComparisonOperators.TryParse(String(node, "op"), out var op))
                        return Fail($"filter on '{column}' has an unknown comparison op '{String(node, "op")}'");
                    return Value(node, column) is { } value ? new ComparisonFilter(column, op, value) : null;
                }
                case "is_null":
                    return new IsNullFilter(column);
                case "is_not_null":
                    return new IsNotNullFilter(column);
                case "join_keys":
                {
                    string keysColumn = String(node, "keys_column") ?? column;
                    return joinKeys.Take(keysColumn) is var (field, keys) ? new InFilter(column, keys, field) : null;
                }
                case "in":
                    return LegacyIn(node, column);
                case "and" or "or":
                {
                    if (!node.TryGetProperty("children", out var children) || children.ValueKind != JsonValueKind.Array)
                        return Fail($"'{type}' filter on '{column}' has no children array");
                    var list = new List<TableFilter>();
                    foreach (var child in children.EnumerateArray())
                    {
                        var filter = Node(child, column);
                        if (filter is not null) list.Add(filter);
                        else if (type == "or") return null; // an OR missing a branch would drop rows it must keep
                    }
                    if (list.Count == 0) return null;
                    return type == "and" ? new AndFilter(column, list) : new OrFilter(column, list);
                }
                case "struct":
                {
                    string? childName = String(node, "child_name");
                    int childIndex = Int(node, "child_index") ?? -1;
                    if (childName is null && childIndex < 0) return Fail($"struct filter on '{column}' names no child");
                    if (!node.TryGetProperty("child_filter", out var childFilter)) return Fail($"struct filter on '{column}' has no child_filter");
                    return Node(childFilter, column) is { } inner ? new StructFieldFilter(column, childName ?? "", childIndex, inner) : null;
                }
                case "expression":
                {
                    if (!node.TryGetProperty("expr", out var expr)) return Fail($"expression filter on '{column}' has no expr");
                    return Expression(expr) is { } expression ? new ExpressionFilter(column, expression) : null;
                }
                default:
                    return Fail($"filter on '{column}' has an unknown type '{type}'");
            }
        }

        private TableFilter? LegacyIn(JsonElement node, string column)
        {
            if (Value(node, column) is not { } value) return null;
            var (values, field) = value.Array switch
            {
                ListArray a => (ArrowArrayFactory.Slice(a.Values, a.ValueOffsets[value.Index], a.ValueOffsets[value.Index + 1] - a.ValueOffsets[value.Index]),
                    ((Apache.Arrow.Types.ListType)a.Data.DataType).ValueField),
                LargeListArray a => (ArrowArrayFactory.Slice(a.Values, checked((int)a.ValueOffsets[value.Index]), checked((int)(a.ValueOffsets[value.Index + 1] - a.ValueOffsets[value.Index]))),
                    ((Apache.Arrow.Types.LargeListType)a.Data.DataType).ValueField),
                _ => (null, null),
            };
            if (values is null || field is null) return Fail($"'in' filter on '{column}' refers to a {value.Type.Name} constant, expected a list");
            if (value.IsNull) return new InFilter(column, ArrowArrayFactory.Slice(values, 0, 0), field);
            return new InFilter(column, values, field);
        }

        private FilterExpression? Expression(JsonElement node)
        {
            if (node.ValueKind != JsonValueKind.Object) return FailExpression($"an expression node must be a JSON object, got {node.ValueKind}");
            string? type = String(node, "expr_type");
            switch (type)
            {
                case "column_ref":
                    return new ColumnReferenceExpression(Int(node, "index") ?? 0);
                case "constant":
                    return Value(node, "expression") is { } value ? new ConstantExpression(value) : null;
                case "function":
                {
                    var children = Children(node);
                    return children is null ? null : new FunctionExpression(String(node, "function_name") ?? "", children);
                }
                case "comparison":
                {
                    if (!ComparisonOperators.TryParse(String(node, "op"), out var op)) return FailExpression($"expression comparison has an unknown op '{String(node, "op")}'");
                    if (!node.TryGetProperty("left", out var l) || !node.TryGetProperty("right", out var r)) return FailExpression("expression comparison lacks left/right");
                    var left = Expression(l);
                    var right = Expression(r);
                    return left is null || right is null ? null : new ComparisonExpression(op, left, right);
                }
                case "conjunction":
                {
                    var kind = String(node, "conjunction_type") switch
                    {
                        "and" or "AND" => ConjunctionType.And,
                        "or" or "OR" => ConjunctionType.Or,
                        _ => (ConjunctionType?)null,
                    };
                    if (kind is null) return FailExpression($"expression conjunction has an unknown conjunction_type '{String(node, "conjunction_type")}'");
                    var children = Children(node);
                    return children is null ? null : new ConjunctionExpression(kind.Value, children);
                }
                default:
                    return new UnknownExpression(type ?? "", node.GetRawText());
            }
        }

        private List<FilterExpression>? Children(JsonElement node)
        {
            var list = new List<FilterExpression>();
            if (!node.TryGetProperty("children", out var children) || children.ValueKind != JsonValueKind.Array) return list;
            foreach (var child in children.EnumerateArray())
            {
                if (Expression(child) is not { } expression) return null;
                list.Add(expression);
            }
            return list;
        }

        /// <summary>The constant <c>value_ref</c> names: column <c>_val_N</c> (by name; position N+1 as a fallback).</summary>
        private FilterValue? Value(JsonElement node, string where)
        {
            if (Int(node, "value_ref") is not int reference || reference < 0) return Fail<FilterValue>($"filter on '{where}' has no value_ref");
            int index = FieldIndex(batch.Schema, "_val_" + reference.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (index < 0 && reference + 1 < batch.ColumnCount) index = reference + 1;
            if (index < 0) return Fail<FilterValue>($"filter on '{where}' refers to value_ref {reference}, but the batch has no _val_{reference} column");
            return FilterValue.FromField(batch.Schema.GetFieldByIndex(index), batch.Column(index), 0);
        }

        private TableFilter? Fail(string message) => Fail<TableFilter>(message);

        private FilterExpression? FailExpression(string message) => Fail<FilterExpression>(message);

        private T? Fail<T>(string message) where T : class => lenient ? null : throw new FilterFormatException(message);
    }

    private static string? String(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int? Int(JsonElement node, string name) =>
        node.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) ? n : null;

    /// <summary>The <c>join_keys</c> streams, each a one-column batch named after the filtered column (§6.3).</summary>
    private sealed class JoinKeys
    {
        private readonly Dictionary<string, List<(Field Field, IArrowArray Keys)>> _byName = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _taken = new(StringComparer.Ordinal);

        public JoinKeys(IReadOnlyList<byte[]>? streams, bool lenient)
        {
            if (streams is null) return;
            foreach (var bytes in streams)
            {
                if (bytes is not { Length: > 0 }) continue;
                RecordBatch batch;
                try
                {
                    batch = IpcBytes.ReadBatch(bytes);
                }
                catch (Exception e) when (e is Ipc.IpcFormatException or ArrowRecordException or InvalidOperationException or ArgumentException)
                {
                    if (lenient) continue;
                    throw new FilterFormatException($"a join_keys stream cannot be read: {e.Message}", e);
                }
                if (batch.ColumnCount == 0) continue;
                var field = batch.Schema.GetFieldByIndex(0);
                if (!_byName.TryGetValue(field.Name, out var list)) _byName[field.Name] = list = [];
                list.Add((field, batch.Column(0)));
            }
        }

        /// <summary>The keys for the next <c>join_keys</c> filter naming <paramref name="name"/>, or null when none were sent.</summary>
        public (Field Field, IArrowArray Keys)? Take(string name)
        {
            if (!_byName.TryGetValue(name, out var list))
            {
                var match = _byName.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
                if (match is null) return null;
                list = _byName[match];
                name = match;
            }
            int taken = _taken.GetValueOrDefault(name);
            _taken[name] = taken + 1;
            return list[Math.Min(taken, list.Count - 1)];
        }
    }
}
