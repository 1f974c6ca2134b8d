using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Rpc.ConformanceTests.Infrastructure;

/// <summary>A parameter column: name, 1-element array and the field's nullability.</summary>
public readonly record struct Col(string Name, IArrowArray Array, bool Nullable = false);

/// <summary>Builds parameter batches, arrays, dataclass payloads, and renders values and schemas for assertions.</summary>
public static class A
{
    // ------------------------------------------------------------------ types (as the Python client would declare them)

    public static readonly DictionaryType StatusType = new(Int16Type.Default, StringType.Default, false);
    public static readonly string[] StatusMembers = ["PENDING", "ACTIVE", "CLOSED"];
    public static ListType ListOf(IArrowType item) => new(new Field("item", item, true));
    public static MapType MapOf(IArrowType key, IArrowType value) => new(new Field("key", key, false), new Field("value", value, true), false);
    public static readonly StructType PointStruct = new([new Field("x", DoubleType.Default, false), new Field("y", DoubleType.Default, false)]);
    public static readonly TimestampType TimestampUs = new(TimeUnit.Microsecond, (string?)null);
    public static readonly TimestampType TimestampUsUtc = new(TimeUnit.Microsecond, "UTC");

    // ------------------------------------------------------------------ parameter batches

    public static RecordBatch Params(params Col[] columns) =>
        new(new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, c.Nullable)), null), columns.Select(c => c.Array), 1);

    public static RecordBatch Value(IArrowArray value, bool nullable = false) => Params(new Col("value", value, nullable));

    /// <summary>A batch of <c>{name: values}</c> with one column, any number of rows (exchange inputs).</summary>
    public static RecordBatch Column(string name, IArrowArray values) =>
        new(new Schema([new Field(name, values.Data.DataType, true)], null), [values], values.Length);

    // ------------------------------------------------------------------ arrays

    public static StringArray Str(params string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v); }
        return b.Build();
    }

    public static BinaryArray Bin(params byte[]?[] values)
    {
        var b = new BinaryArray.Builder();
        foreach (var v in values) { if (v is null) b.AppendNull(); else b.Append(v.AsSpan()); }
        return b.Build();
    }

    public static Int64Array I64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static Int32Array I32(params int[] values) => new Int32Array.Builder().AppendRange(values).Build();

    public static DoubleArray F64(params double?[] values)
    {
        var b = new DoubleArray.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static FloatArray F32(params float[] values) => new FloatArray.Builder().AppendRange(values).Build();

    public static BooleanArray Bool(params bool[] values) => new BooleanArray.Builder().AppendRange(values).Build();

    /// <summary>A fixed-width array from raw little-endian values (dates, times, timestamps, durations, unsigned ints…).</summary>
    public static IArrowArray Fixed<T>(IArrowType type, params T[] values) where T : struct =>
        ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()).ToArray())], []));

    /// <summary>A Status value the way the Python client sends it: a one-entry dictionary.</summary>
    public static DictionaryArray Enum(string member) =>
        new(StatusType, new Int16Array.Builder().Append(0).Build(), Str(member));

    /// <summary>A Status value the way the DuckDB extension sends it: every member, indexed by position.</summary>
    public static DictionaryArray EnumFull(string member) =>
        new(StatusType, new Int16Array.Builder().Append((short)System.Array.IndexOf(StatusMembers, member)).Build(), Str(StatusMembers));

    public static ListArray StrList(params string?[][] rows)
    {
        var b = new ListArray.Builder(StringType.Default);
        var items = (StringArray.Builder)b.ValueBuilder;
        foreach (var row in rows)
        {
            b.Append();
            foreach (var v in row) { if (v is null) items.AppendNull(); else items.Append(v); }
        }
        return b.Build();
    }

    public static ListArray I64List(params long[][] rows)
    {
        var b = new ListArray.Builder(Int64Type.Default);
        var items = (Int64Array.Builder)b.ValueBuilder;
        foreach (var row in rows)
        {
            b.Append();
            foreach (var v in row) items.Append(v);
        }
        return b.Build();
    }

    /// <summary>One row of <c>list&lt;list&lt;int64&gt;&gt;</c>.</summary>
    public static ListArray NestedI64List(params long[][] inner)
    {
        var b = new ListArray.Builder(ListOf(Int64Type.Default));
        var innerBuilder = (ListArray.Builder)b.ValueBuilder;
        var items = (Int64Array.Builder)innerBuilder.ValueBuilder;
        b.Append();
        foreach (var row in inner)
        {
            innerBuilder.Append();
            foreach (var v in row) items.Append(v);
        }
        return b.Build();
    }

    /// <summary>One row of <c>map&lt;utf8, int64&gt;</c>.</summary>
    public static MapArray StrI64Map(params (string Key, long? Value)[] entries)
    {
        var b = new MapArray.Builder(MapOf(StringType.Default, Int64Type.Default));
        var keys = (StringArray.Builder)b.KeyBuilder;
        var values = (Int64Array.Builder)b.ValueBuilder;
        b.Append();
        foreach (var (k, v) in entries)
        {
            keys.Append(k);
            values.Append(v);
        }
        return b.Build();
    }

    public static StructArray Struct(StructType type, bool valid, params IArrowArray[] children) =>
        new(type, 1, children, valid ? ArrowBuffer.Empty : new ArrowBuffer(new byte[] { 0 }), valid ? 0 : 1);

    public static StructArray Point(double x, double y) => Struct(PointStruct, true, F64(x), F64(y));

    /// <summary>A list array over <paramref name="values"/>: row i holds values[offsets[i] .. offsets[i+1]).</summary>
    public static ListArray ListOver(IArrowArray values, params int[] offsets) =>
        new(ListOf(values.Data.DataType), offsets.Length - 1, new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()),
            values, ArrowBuffer.Empty, 0);

    // ------------------------------------------------------------------ dataclass payloads (IPC stream of one row)

    public static byte[] Ipc(RecordBatch batch)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer);
        writer.WriteSchema(batch.Schema);
        writer.WriteBatch(batch);
        writer.WriteEos();
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>A dataclass value: <paramref name="fields"/> as a 1-row batch, serialised as an IPC stream.</summary>
    public static byte[] Dataclass(params Col[] fields) => Ipc(Params(fields));

    /// <summary>Decodes an IPC stream of exactly one batch; values are rendered before the pooled body is released.</summary>
    public static async Task<DecodedBatch> DecodeAsync(ReadOnlyMemory<byte> ipc)
    {
        var reader = new ArrowIpcReader(new MemoryStream(ipc.ToArray()));
        var schema = await reader.ReadSchemaAsync() ?? throw new InvalidDataException("empty IPC value");
        using var batch = await reader.ReadBatchAsync() ?? throw new InvalidDataException("IPC value without a batch");
        Assert.Null(await reader.ReadBatchAsync());
        return new DecodedBatch(schema, batch.Length, schema.FieldsList.Select((f, i) => (f.Name, batch.Length == 1 ? Render(batch.Batch.Column(i), 0) : Render(batch.Batch.Column(i)))).ToDictionary(p => p.Name, p => p.Item2));
    }

    public static Task<DecodedBatch> DecodeResultAsync(IArrowArray? result) =>
        DecodeAsync(((BinaryArray)result!).GetBytes(0).ToArray());

    public static async Task<Schema> ReadSchemaAsync(ReadOnlyMemory<byte> bytes) =>
        await new ArrowIpcReader(new MemoryStream(bytes.ToArray())).ReadSchemaAsync() ?? throw new InvalidDataException("no schema");

    // ------------------------------------------------------------------ rendering

    /// <summary>Every element of <paramref name="array"/> rendered by <see cref="Render(IArrowArray, int)"/>, as a list.</summary>
    public static string Render(IArrowArray array) =>
        "[" + string.Join(", ", Enumerable.Range(0, array.Length).Select(i => Render(array, i))) + "]";

    /// <summary>
    /// A canonical text of one element: null → "null", strings quoted, floats by their exact bits
    /// when not plainly representable (so -0.0 and NaN compare exactly), containers recursively.
    /// </summary>
    public static string Render(IArrowArray array, int i)
    {
        if (array.IsNull(i)) return "null";
        return array switch
        {
            StringArray s => Quote(s.GetString(i)!),
            LargeStringArray s => Quote(s.GetString(i)!),
            BinaryArray b => "0x" + Convert.ToHexString(b.GetBytes(i)),
            LargeBinaryArray b => "0x" + Convert.ToHexString(b.GetBytes(i)),
            Decimal128Array a => a.GetString(i),
            FixedSizeBinaryArray b => "0x" + Convert.ToHexString(b.GetBytes(i)),
            BooleanArray b => b.GetValue(i)!.Value ? "true" : "false",
            Int8Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            Int16Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            Int32Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            Int64Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt8Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt16Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt32Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            UInt64Array a => a.GetValue(i)!.Value.ToString(CultureInfo.InvariantCulture),
            FloatArray a => Float(a.GetValue(i)!.Value),
            DoubleArray a => Double(a.GetValue(i)!.Value),
            DictionaryArray d => Render(d.Dictionary, DictIndex(d.Indices, i)),
            MapArray m => "{" + string.Join(", ", Enumerable.Range(m.ValueOffsets[i], m.ValueOffsets[i + 1] - m.ValueOffsets[i])
                .Select(j => Render(m.Keys, j) + ": " + Render(m.Values, j))) + "}",
            ListArray l => "[" + string.Join(", ", Enumerable.Range(l.ValueOffsets[i], l.ValueOffsets[i + 1] - l.ValueOffsets[i]).Select(j => Render(l.Values, j))) + "]",
            StructArray s => "{" + string.Join(", ", ((StructType)s.Data.DataType).Fields.Select((f, k) => f.Name + "=" + Render(s.Fields[k], i))) + "}",
            _ when array.Data.DataType is FixedWidthType fw => RawFixed(array, fw.BitWidth / 8, i),
            _ => throw new NotSupportedException(array.Data.DataType.Name),
        };
    }

    private static string Quote(string s) => "'" + s + "'";

    private static string Double(double d) =>
        double.IsFinite(d) && !(d == 0 && double.IsNegative(d)) ? d.ToString("R", CultureInfo.InvariantCulture) : $"f64:{BitConverter.DoubleToInt64Bits(d):X16}";

    private static string Float(float f) =>
        float.IsFinite(f) && !(f == 0 && float.IsNegative(f)) ? f.ToString("R", CultureInfo.InvariantCulture) : $"f32:{BitConverter.SingleToInt32Bits(f):X8}";

    // Dates, times, timestamps and durations compare by their stored integer.
    private static string RawFixed(IArrowArray array, int width, int i)
    {
        var bytes = array.Data.Buffers[1].Span.Slice((array.Data.Offset + i) * width, width);
        return width switch
        {
            4 => BitConverter.ToInt32(bytes).ToString(CultureInfo.InvariantCulture),
            8 => BitConverter.ToInt64(bytes).ToString(CultureInfo.InvariantCulture),
            _ => "0x" + Convert.ToHexString(bytes),
        };
    }

    private static int DictIndex(IArrowArray indices, int i) => indices switch
    {
        Int8Array a => a.GetValue(i)!.Value,
        Int16Array a => a.GetValue(i)!.Value,
        Int32Array a => a.GetValue(i)!.Value,
        Int64Array a => (int)a.GetValue(i)!.Value,
        _ => throw new NotSupportedException(indices.Data.DataType.Name),
    };

    /// <summary>Schema as text: <c>name: type</c> with <c>?</c> after nullable types, comma separated.</summary>
    public static string Describe(Schema schema) => string.Join(", ", schema.FieldsList.Select(DescribeField));

    public static string DescribeField(Field f) => $"{f.Name}: {DescribeType(f.DataType)}{(f.IsNullable ? "?" : "")}";

    private static string Inner(Field f) => DescribeType(f.DataType) + (f.IsNullable ? "?" : "");

    public static string DescribeType(IArrowType type) => type switch
    {
        StringType => "utf8",
        LargeStringType => "large_utf8",
        BinaryType => "binary",
        LargeBinaryType => "large_binary",
        BooleanType => "bool",
        Int8Type => "int8",
        Int16Type => "int16",
        Int32Type => "int32",
        Int64Type => "int64",
        UInt8Type => "uint8",
        UInt16Type => "uint16",
        UInt32Type => "uint32",
        UInt64Type => "uint64",
        FloatType => "float32",
        DoubleType => "float64",
        Date32Type => "date32",
        TimestampType t => t.Timezone is null ? $"timestamp[{Unit(t.Unit)}]" : $"timestamp[{Unit(t.Unit)}, {t.Timezone}]",
        Time64Type t => $"time64[{Unit(t.Unit)}]",
        DurationType d => $"duration[{Unit(d.Unit)}]",
        Decimal128Type d => $"decimal128({d.Precision}, {d.Scale})",
        FixedSizeBinaryType f => $"fixed_size_binary({f.ByteWidth})",
        DictionaryType d => $"dictionary<{DescribeType(d.IndexType)}, {DescribeType(d.ValueType)}{(d.Ordered ? ", ordered" : "")}>",
        MapType m => $"map<{Inner(m.KeyField)}, {Inner(m.ValueField)}{(m.KeySorted ? ", sorted" : "")}>",
        ListType l => $"list<{Inner(l.ValueField)}>",
        StructType s => $"struct<{string.Join(", ", s.Fields.Select(DescribeField))}>",
        _ => type.Name,
    };

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };
}

/// <summary>A decoded one-batch IPC value: its schema, row count and each column rendered.</summary>
public sealed record DecodedBatch(Schema Schema, int Length, IReadOnlyDictionary<string, string> Values)
{
    public string this[string column] => Values[column];
}
