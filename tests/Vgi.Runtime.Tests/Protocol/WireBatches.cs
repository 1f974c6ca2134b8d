using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;

namespace Vgi.Tests.Protocol;

/// <summary>Builds request batches column by column, the way the extension (Arrow C++) writes them.</summary>
public static class WireBatches
{
    public static readonly DictionaryType Enum16 = new(Int16Type.Default, StringType.Default, false);

    public static (Field Field, IArrowArray Array) Col(string name, IArrowType type, bool nullable, IArrowArray array) => (new Field(name, type, nullable), array);

    public static RecordBatch Batch(params (Field Field, IArrowArray Array)[] columns)
    {
        int length = columns.Length == 0 ? 1 : columns[0].Array.Length;
        var builder = new Schema.Builder();
        foreach (var (field, _) in columns) builder.Field(field);
        return new RecordBatch(builder.Build(), columns.Select(c => c.Array), length);
    }

    public static byte[] Stream(params (Field Field, IArrowArray Array)[] columns) => IpcBytes.WriteBatch(Batch(columns));

    public static StringArray Utf8(params string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v); }
        return b.Build();
    }

    public static BinaryArray Binary(params byte[]?[] values)
    {
        var b = new BinaryArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.AsSpan()); }
        return b.Build();
    }

    public static LargeBinaryArray LargeBinary(params byte[]?[] values)
    {
        var b = new LargeBinaryArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.AsSpan()); }
        return b.Build();
    }

    public static BooleanArray Bool(params bool?[] values)
    {
        var b = new BooleanArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value); }
        return b.Build();
    }

    public static Int64Array Int64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value); }
        return b.Build();
    }

    public static DoubleArray Float64(params double?[] values)
    {
        var b = new DoubleArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.Value); }
        return b.Build();
    }

    /// <summary>A dictionary&lt;int16, utf8&gt; enum column holding the whole member list, as the extension sends it.</summary>
    public static DictionaryArray Enum(string[] dictionary, params short?[] indices)
    {
        var idx = new Int16Array.Builder();
        foreach (var i in indices) { if (i is null) idx.AppendNull(); else idx.Append(i.Value); }
        return new DictionaryArray(Enum16, idx.Build(), Utf8(dictionary));
    }

    /// <summary>A list column: <paramref name="rows"/> are element counts (null = a null list) over <paramref name="values"/>.</summary>
    public static ListArray List(IArrowType itemType, IArrowArray values, params int?[] rows)
    {
        var offsets = new ArrowBuffer.Builder<int>();
        var validity = new ArrowBuffer.BitmapBuilder();
        int offset = 0, nulls = 0;
        offsets.Append(0);
        foreach (var r in rows)
        {
            offset += r ?? 0;
            offsets.Append(offset);
            validity.Append(r is not null);
            if (r is null) nulls++;
        }
        return new ListArray(new ListType(new Field("item", itemType, true)), rows.Length, offsets.Build(), values, nulls == 0 ? ArrowBuffer.Empty : validity.Build(), nulls);
    }

    public static readonly string[] FunctionTypesSent = ["SCALAR", "TABLE", "AGGREGATE"];

    /// <summary>A <c>BindRequest</c> in the extension's column order and flags (golden README), one row.</summary>
    public static byte[] BindRequestAsSent(string functionName, byte[] arguments, short functionType, byte[]? inputSchema = null, byte[]? settings = null,
        byte[]? attach = null, byte[]? transaction = null, bool resolvedSecretsProvided = false, string? atUnit = null, string? atValue = null) =>
        Stream(
            Col("function_name", StringType.Default, false, Utf8(functionName)),
            Col("arguments", BinaryType.Default, false, Binary(arguments)),
            Col("function_type", Enum16, false, Enum(FunctionTypesSent, functionType)),
            Col("input_schema", BinaryType.Default, true, Binary(inputSchema)),
            Col("settings", BinaryType.Default, true, Binary(settings)),
            Col("secrets", BinaryType.Default, true, Binary([null])),
            Col("attach_opaque_data", BinaryType.Default, true, Binary(attach)),
            Col("transaction_opaque_data", BinaryType.Default, true, Binary(transaction)),
            Col("resolved_secrets_provided", BooleanType.Default, false, Bool(resolvedSecretsProvided)),
            Col("at_unit", StringType.Default, true, Utf8(atUnit)),
            Col("at_value", StringType.Default, true, Utf8(atValue)));
}
