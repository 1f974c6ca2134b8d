using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Protocol;

namespace VgiCall;

/// <summary>How vgi-call shows things: SQL type names, signatures, enum members, values.</summary>
internal static class Names
{
    public static string Sql(IArrowType type) => ArgumentTypes.SqlName(type);

    /// <summary><c>{col_0 BIGINT, col_1 VARCHAR}</c>.</summary>
    public static string Schema(Schema schema) =>
        "{" + string.Join(", ", schema.FieldsList.Select(f => $"{f.Name} {Sql(f.DataType)}")) + "}";

    /// <summary><c>multiply(value BIGINT, factor BIGINT constant) -> BIGINT</c>, from the FunctionInfo's schemas and field metadata.</summary>
    public static string Signature(FunctionInfo function)
    {
        var parameters = function.Arguments.FieldsList.Select(f =>
        {
            string type = Meta(f, "vgi_type") switch
            {
                "table" => "TABLE",
                "any" => "ANY",
                _ => f.DataType is NullType ? "ANY" : Sql(f.DataType),
            };
            if (Meta(f, "vgi_arg") == "named") return $"{f.Name} := {type}";
            if (Meta(f, "vgi_varargs") == "true") return $"{f.Name} {type}...";
            return Meta(f, "vgi_const") == "true" ? $"{f.Name} {type} constant" : $"{f.Name} {type}";
        });
        string result = function.FunctionType is FunctionType.Table or FunctionType.TableBuffering
            ? "TABLE"
            : function.OutputSchema.FieldsList is [var output]
                ? (output.DataType is NullType || Meta(output, "vgi_type") == "any" || Meta(output, "vgi:any") is not null ? "ANY" : Sql(output.DataType))
                : "?";
        return $"{function.Name}({string.Join(", ", parameters)}) -> {result}";
    }

    public static string? Meta(Field field, string key) =>
        field.HasMetadata && field.Metadata.TryGetValue(key, out var value) ? value : null;

    public static string Kind(CatalogObjectType type) => type switch
    {
        CatalogObjectType.ScalarFunction => "SCALAR_FUNCTION",
        CatalogObjectType.AggregateFunction => "AGGREGATE_FUNCTION",
        CatalogObjectType.TableFunction => "TABLE_FUNCTION",
        _ => type.ToString(),
    };

    public static string Kind(FunctionType type) => type switch
    {
        FunctionType.Scalar => "scalar",
        FunctionType.Table => "table",
        FunctionType.TableBuffering => "table (buffering)",
        FunctionType.Aggregate => "aggregate",
        _ => type.ToString(),
    };

    /// <summary>Row <paramref name="index"/> as text: <c>NULL</c>, numbers in invariant culture, strings as they are.</summary>
    public static string Value(IArrowArray array, int index)
    {
        if (array.IsNull(index)) return "NULL";
        var c = CultureInfo.InvariantCulture;
        return array switch
        {
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            BooleanArray a => a.GetValue(index) == true ? "true" : "false",
            Int8Array a => a.GetValue(index)!.Value.ToString(c),
            Int16Array a => a.GetValue(index)!.Value.ToString(c),
            Int32Array a => a.GetValue(index)!.Value.ToString(c),
            Int64Array a => a.GetValue(index)!.Value.ToString(c),
            UInt8Array a => a.GetValue(index)!.Value.ToString(c),
            UInt16Array a => a.GetValue(index)!.Value.ToString(c),
            UInt32Array a => a.GetValue(index)!.Value.ToString(c),
            UInt64Array a => a.GetValue(index)!.Value.ToString(c),
            FloatArray a => a.GetValue(index)!.Value.ToString(c),
            DoubleArray a => a.GetValue(index)!.Value.ToString(c),
            Decimal128Array a => a.GetString(index),
            Date32Array a => a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", c),
            TimestampArray a => a.GetTimestamp(index)!.Value.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFzzz", c),
            BinaryArray a => "\\x" + Convert.ToHexStringLower(a.GetBytes(index)),
            ListArray a => "[" + string.Join(", ", Enumerable.Range(a.ValueOffsets[index], a.GetValueLength(index)).Select(i => Value(a.Values, i))) + "]",
            StructArray a => Struct(a, index),
            _ => $"<{array.Data.DataType.Name} value>",
        };
    }

    /// <summary>Header, a rule, then up to <paramref name="maxRows"/> rows; the rest as "… N rows".</summary>
    public static void PrintTable(Schema schema, IReadOnlyList<RecordBatch> batches, int maxRows)
    {
        var fields = schema.FieldsList;
        var rows = new List<string[]>();
        long total = 0;
        foreach (var batch in batches)
        {
            for (int r = 0; r < batch.Length; r++, total++)
            {
                if (rows.Count < maxRows)
                    rows.Add([.. Enumerable.Range(0, batch.ColumnCount).Select(c => Value(batch.Column(c), r))]);
            }
        }
        var header = batches.Count > 0 ? batches[0].Schema.FieldsList.Select(f => f.Name).ToArray() : fields.Select(f => f.Name).ToArray();
        var widths = header.Select((h, c) => rows.Select(r => c < r.Length ? r[c].Length : 0).Append(h.Length).Max()).ToArray();
        string Line(IReadOnlyList<string> cells) => string.Join(" | ", cells.Select((v, c) => v.PadRight(widths[c]))).TrimEnd();
        Console.WriteLine(Line(header));
        Console.WriteLine(string.Join("-+-", widths.Select(w => new string('-', w))));
        foreach (var row in rows) Console.WriteLine(Line(row));
        if (total > rows.Count) Console.WriteLine($"… {total - rows.Count} more rows ({total} in all)");
        else Console.WriteLine($"({total} row{(total == 1 ? "" : "s")})");
    }

    private static string Struct(StructArray array, int index)
    {
        var fields = ((StructType)array.Data.DataType).Fields;
        var text = new StringBuilder("{");
        for (int i = 0; i < fields.Count; i++)
            text.Append(i > 0 ? ", " : "").Append(fields[i].Name).Append(": ").Append(Value(array.Fields[i], index));
        return text.Append('}').ToString();
    }
}
