using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Tests.Ipc;

/// <summary>
/// One column of the type matrix: a field and a builder for a small array with nulls. Apache.Arrow
/// 23's ArrowStreamReader and ArrowStreamWriter handle every one of these types, so all directions
/// are tested for all of them (the zero-field struct, which Apache.Arrow cannot model, is in EmptyStructTests).
/// </summary>
public sealed record TypeCase(string Name, Field Field, Func<IArrowArray> Build)
{
    public override string ToString() => Name;
}

/// <summary>Array builders, a per-element value canonicaliser and IPC helpers shared by the Ipc tests.</summary>
public static class ArrowTestData
{
    public static readonly TypeCase[] Cases = BuildCases();

    public static IEnumerable<object[]> CaseNames() => Cases.Select(c => new object[] { c.Name });

    public static TypeCase Case(string name) => Cases.Single(c => c.Name == name);

    private static TypeCase[] BuildCases()
    {
        var cases = new List<TypeCase>
        {
            new("null", new Field("c", NullType.Default, true), () => new NullArray(5)),
            new("int8", new Field("c", Int8Type.Default, true), () => new Int8Array.Builder().Append(-128).AppendNull().Append(0).Append(127).Append(5).Build()),
            new("int16", new Field("c", Int16Type.Default, true), () => new Int16Array.Builder().Append(short.MinValue).AppendNull().Append(0).Append(short.MaxValue).Build()),
            new("int32", new Field("c", Int32Type.Default, true), () => new Int32Array.Builder().Append(int.MinValue).AppendNull().Append(42).Append(int.MaxValue).AppendNull().Build()),
            new("int64", new Field("c", Int64Type.Default, true), () => new Int64Array.Builder().Append(long.MinValue).AppendNull().Append(-1).Append(long.MaxValue).Build()),
            new("uint8", new Field("c", UInt8Type.Default, true), () => new UInt8Array.Builder().Append(0).AppendNull().Append(255).Build()),
            new("uint16", new Field("c", UInt16Type.Default, true), () => new UInt16Array.Builder().Append(0).AppendNull().Append(ushort.MaxValue).Build()),
            new("uint32", new Field("c", UInt32Type.Default, true), () => new UInt32Array.Builder().Append(0).AppendNull().Append(uint.MaxValue).Build()),
            new("uint64", new Field("c", UInt64Type.Default, true), () => new UInt64Array.Builder().Append(0).AppendNull().Append(ulong.MaxValue).Build()),
            new("float16", new Field("c", HalfFloatType.Default, true), () => new HalfFloatArray.Builder().Append((Half)1.5).AppendNull().Append(Half.MinValue).Append(Half.NaN).Build()),
            new("float32", new Field("c", FloatType.Default, true), () => new FloatArray.Builder().Append(1.25f).AppendNull().Append(float.NegativeInfinity).Append(-0.0f).Build()),
            new("float64", new Field("c", DoubleType.Default, true), () => new DoubleArray.Builder().Append(Math.PI).AppendNull().Append(double.MaxValue).Append(double.NaN).Build()),
            new("binary", new Field("c", BinaryType.Default, true), () => new BinaryArray.Builder().Append([1, 2, 3]).AppendNull().Append(ReadOnlySpan<byte>.Empty).Append([0xFF]).Build()),
            new("utf8", new Field("c", StringType.Default, true), () => new StringArray.Builder().Append("héllo").AppendNull().Append("").Append("wörld ✓").Build()),
            new("bool", new Field("c", BooleanType.Default, true), () => new BooleanArray.Builder().Append(true).AppendNull().Append(false).Append(true).Append(true).Append(false).AppendNull().Append(true).Append(false).Append(true).Build()),
            new("decimal32", new Field("c", new Decimal32Type(9, 2), true), () => new Decimal32Array.Builder(new Decimal32Type(9, 2)).Append(123.45m).AppendNull().Append(-9999999.99m).Build()),
            new("decimal64", new Field("c", new Decimal64Type(18, 3), true), () => new Decimal64Array.Builder(new Decimal64Type(18, 3)).Append(123456789.123m).AppendNull().Append(-1m).Build()),
            new("decimal128", new Field("c", new Decimal128Type(38, 5), true), () => new Decimal128Array.Builder(new Decimal128Type(38, 5)).Append(1234567890.12345m).AppendNull().Append(-0.00001m).Build()),
            new("decimal256", new Field("c", new Decimal256Type(76, 4), true), () => new Decimal256Array.Builder(new Decimal256Type(76, 4)).Append(98765.4321m).AppendNull().Append(-1.5m).Build()),
            new("date32", new Field("c", Date32Type.Default, true), () => Fixed(Date32Type.Default, new int?[] { 0, null, 19000, -365 })),
            new("date64", new Field("c", Date64Type.Default, true), () => Fixed(Date64Type.Default, new long?[] { 0, null, 1_641_600_000_000, -86_400_000 })),
            new("time32[s]", new Field("c", new Time32Type(TimeUnit.Second), true), () => Fixed(new Time32Type(TimeUnit.Second), new int?[] { 0, null, 86399 })),
            new("time32[ms]", new Field("c", new Time32Type(TimeUnit.Millisecond), true), () => Fixed(new Time32Type(TimeUnit.Millisecond), new int?[] { 1, null, 86_399_999 })),
            new("time64[us]", new Field("c", new Time64Type(TimeUnit.Microsecond), true), () => Fixed(new Time64Type(TimeUnit.Microsecond), new long?[] { 1, null, 86_399_999_999 })),
            new("time64[ns]", new Field("c", new Time64Type(TimeUnit.Nanosecond), true), () => Fixed(new Time64Type(TimeUnit.Nanosecond), new long?[] { 1, null, 86_399_999_999_999 })),
            new("interval[ym]", new Field("c", IntervalType.YearMonth, true), () => Fixed(IntervalType.YearMonth, new int?[] { 14, null, -3 })),
            new("interval[dt]", new Field("c", IntervalType.DayTime, true), () => Fixed(IntervalType.DayTime, new long?[] { (5L << 32) | 1000, null, -1 })),
            new("interval[mdn]", new Field("c", IntervalType.MonthDayNanosecond, true), () => Fixed(IntervalType.MonthDayNanosecond, new Int128?[] { new Int128(123456789, (2UL << 32) | 1), null, -1 })),
            new("list<int32>", new Field("c", new ListType(new Field("item", Int32Type.Default, true)), true), () => ListOfInt32(new ListArray.Builder(Int32Type.Default))),
            new("struct", new Field("c", StructOf(), true), BuildStruct),
            new("sparse_union", new Field("c", UnionOf(UnionMode.Sparse), true), () => BuildUnion(UnionMode.Sparse)),
            new("dense_union", new Field("c", UnionOf(UnionMode.Dense), true), () => BuildUnion(UnionMode.Dense)),
            new("fixed_size_binary[3]", new Field("c", new FixedSizeBinaryType(3), true), () => Fixed(new FixedSizeBinaryType(3), [[1, 2, 3], null, [4, 5, 6], [0, 0, 0]])),
            new("fixed_size_list<int32>[2]", new Field("c", new FixedSizeListType(new Field("item", Int32Type.Default, true), 2), true), BuildFixedSizeList),
            new("map<utf8,int32>", new Field("c", new MapType(new Field("key", StringType.Default, false), new Field("value", Int32Type.Default, true), false), true), BuildMap),
            new("large_binary", new Field("c", LargeBinaryType.Default, true), () => new LargeBinaryArray.Builder().Append([1, 2]).AppendNull().Append(ReadOnlySpan<byte>.Empty).Append([9, 9, 9]).Build()),
            new("large_utf8", new Field("c", LargeStringType.Default, true), () => new LargeStringArray.Builder().Append("alpha").AppendNull().Append("").Append("ω").Build()),
            new("large_list<int32>", new Field("c", new LargeListType(new Field("item", Int32Type.Default, true)), true), () => LargeListOfInt32()),
            new("run_end_encoded<int32,utf8>", new Field("c", new RunEndEncodedType(Int32Type.Default, StringType.Default), true), BuildRunEndEncoded),
            new("binary_view", new Field("c", BinaryViewType.Default, true), () => new BinaryViewArray.Builder().Append([1, 2]).AppendNull().Append(Encoding.UTF8.GetBytes("longer than twelve bytes")).Append(ReadOnlySpan<byte>.Empty).Build()),
            new("utf8_view", new Field("c", StringViewType.Default, true), () => new StringViewArray.Builder().Append("short").AppendNull().Append("a string that does not fit inline").Append("").Build()),
            new("list_view<int32>", new Field("c", new ListViewType(new Field("item", Int32Type.Default, true)), true), () => ListViewOfInt32(new ListViewArray.Builder(Int32Type.Default))),
            new("large_list_view<int32>", new Field("c", new LargeListViewType(new Field("item", Int32Type.Default, true)), true), () => LargeListViewOfInt32()),
            new("dictionary<int16,utf8>", new Field("c", new DictionaryType(Int16Type.Default, StringType.Default, false), true), () => Dictionary(["PENDING", "DONE", "FAILED"], [2, null, 0, 2, 1])),
        };
        foreach (var unit in new[] { TimeUnit.Second, TimeUnit.Millisecond, TimeUnit.Microsecond, TimeUnit.Nanosecond })
        {
            cases.Add(new($"duration[{unit}]", new Field("c", DurationType.FromTimeUnit(unit), true), () => Fixed(DurationType.FromTimeUnit(unit), new long?[] { 1, null, -7, long.MaxValue })));
            foreach (var tz in new[] { null, "UTC", "America/New_York" })
            {
                var type = new TimestampType(unit, tz);
                cases.Add(new($"timestamp[{unit},{tz ?? "none"}]", new Field("c", type, true), () => Fixed(type, new long?[] { 1_700_000_000, null, 0, -5 })));
            }
        }
        return [.. cases];
    }

    // ---------------------------------------------------------------- builders

    public static ArrowBuffer Bitmap(params bool[] bits)
    {
        var bytes = new byte[(bits.Length + 7) / 8];
        for (int i = 0; i < bits.Length; i++) if (bits[i]) bytes[i >> 3] |= (byte)(1 << (i & 7));
        return new ArrowBuffer(bytes);
    }

    public static ArrowBuffer Bytes<T>(params T[] values) where T : struct =>
        new(MemoryMarshal.AsBytes(values.AsSpan()).ToArray());

    /// <summary>A fixed-width array built from raw values; null entries are written as zeros.</summary>
    public static IArrowArray Fixed<T>(IArrowType type, T?[] values) where T : struct
    {
        var raw = values.Select(v => v ?? default).ToArray();
        var valid = values.Select(v => v.HasValue).ToArray();
        int nulls = valid.Count(v => !v);
        return ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, nulls, 0, [Bitmap(valid), Bytes(raw)], []));
    }

    public static IArrowArray Fixed(FixedSizeBinaryType type, byte[]?[] values)
    {
        var raw = values.SelectMany(v => v ?? new byte[type.ByteWidth]).ToArray();
        var valid = values.Select(v => v is not null).ToArray();
        return ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, valid.Count(v => !v), 0, [Bitmap(valid), new ArrowBuffer(raw)], []));
    }

    public static StructType StructOf() =>
        new([new Field("a", Int32Type.Default, true), new Field("b", StringType.Default, true)]);

    /// <summary>Six rows: {1,"x"}, null, {null,"z"}, {4,null}, {5,"five"}, {6,"six"}.</summary>
    public static StructArray BuildStruct()
    {
        var a = new Int32Array.Builder().Append(1).Append(0).AppendNull().Append(4).Append(5).Append(6).Build();
        var b = new StringArray.Builder().Append("x").Append("").Append("z").AppendNull().Append("five").Append("six").Build();
        return new StructArray(StructOf(), 6, [a, b], Bitmap(true, false, true, true, true, true), 1);
    }

    public static UnionType UnionOf(UnionMode mode) =>
        new([new Field("i", Int32Type.Default, true), new Field("s", StringType.Default, true)], [5, 7], mode);

    /// <summary>Rows: i=1, s="two", i=null, s=null, s="five".</summary>
    public static UnionArray BuildUnion(UnionMode mode)
    {
        var typeIds = new ArrowBuffer(new byte[] { 5, 7, 5, 7, 7 });
        if (mode == UnionMode.Sparse)
        {
            var i = new Int32Array.Builder().Append(1).Append(0).AppendNull().Append(0).Append(0).Build();
            var s = new StringArray.Builder().Append("").Append("two").Append("").AppendNull().Append("five").Build();
            return new SparseUnionArray(UnionOf(mode), 5, [i, s], typeIds, 0);
        }
        var di = new Int32Array.Builder().Append(1).AppendNull().Build();
        var ds = new StringArray.Builder().Append("two").AppendNull().Append("five").Build();
        return new DenseUnionArray(UnionOf(mode), 5, [di, ds], typeIds, Bytes(0, 0, 1, 1, 2), 0);
    }

    /// <summary>[1, 2], null, [], [null, 5, 6].</summary>
    public static ListArray ListOfInt32(ListArray.Builder builder)
    {
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append(); values.Append(1).Append(2);
        builder.AppendNull();
        builder.Append();
        builder.Append(); values.AppendNull().Append(5).Append(6);
        return builder.Build();
    }

    private static LargeListArray LargeListOfInt32()
    {
        var builder = new LargeListArray.Builder(Int32Type.Default);
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append(); values.Append(1).Append(2);
        builder.AppendNull();
        builder.Append();
        builder.Append(); values.AppendNull().Append(5).Append(6);
        return builder.Build();
    }

    private static ListViewArray ListViewOfInt32(ListViewArray.Builder builder)
    {
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append(); values.Append(1).Append(2);
        builder.AppendNull();
        builder.Append();
        builder.Append(); values.AppendNull().Append(5).Append(6);
        return builder.Build();
    }

    private static LargeListViewArray LargeListViewOfInt32()
    {
        var builder = new LargeListViewArray.Builder(Int32Type.Default);
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append(); values.Append(1).Append(2);
        builder.AppendNull();
        builder.Append();
        builder.Append(); values.AppendNull().Append(5).Append(6);
        return builder.Build();
    }

    private static FixedSizeListArray BuildFixedSizeList()
    {
        var values = new Int32Array.Builder().Append(1).Append(2).Append(0).Append(0).AppendNull().Append(4).Append(5).Append(6).Build();
        var type = new FixedSizeListType(new Field("item", Int32Type.Default, true), 2);
        return new FixedSizeListArray(type, 4, values, Bitmap(true, false, true, true), 1);
    }

    private static MapArray BuildMap()
    {
        var builder = new MapArray.Builder(new MapType(new Field("key", StringType.Default, false), new Field("value", Int32Type.Default, true), false));
        var keys = (StringArray.Builder)builder.KeyBuilder;
        var values = (Int32Array.Builder)builder.ValueBuilder;
        builder.Append(); keys.Append("a"); values.Append(1); keys.Append("b"); values.AppendNull();
        builder.AppendNull();
        builder.Append();
        builder.Append(); keys.Append("c"); values.Append(3);
        return builder.Build();
    }

    /// <summary>Seven logical rows over three runs: "x" x2, null x3, "yy" x2.</summary>
    private static RunEndEncodedArray BuildRunEndEncoded() =>
        new(new Int32Array.Builder().Append(2).Append(5).Append(7).Build(),
            new StringArray.Builder().Append("x").AppendNull().Append("yy").Build());

    public static DictionaryArray Dictionary(string[] values, short?[] indices)
    {
        var dictionary = new StringArray.Builder().AppendRange(values).Build();
        var idx = new Int16Array.Builder();
        foreach (var i in indices) idx.Append(i);
        return new DictionaryArray(new DictionaryType(Int16Type.Default, StringType.Default, false), idx.Build(), dictionary);
    }

    // ---------------------------------------------------------------- canonical values

    /// <summary>
    /// The logical value of every element as a canonical string (null for a null element), so that
    /// arrays built in different ways (offsets, buffer padding, layouts) compare element by element.
    /// </summary>
    public static List<string?> Values(IArrowArray array) => Values(array.Data);

    public static List<string?> Values(ArrayData data)
    {
        var array = ArrowArrayFactory.BuildArray(data);
        var result = new List<string?>(data.Length);
        switch (data.DataType)
        {
            case NullType:
                for (int i = 0; i < data.Length; i++) result.Add(null);
                return result;
            case EmptyStructType:
                for (int i = 0; i < data.Length; i++) result.Add(array.IsValid(i) ? "{}" : null);
                return result;
            case DictionaryType:
            {
                var dictionary = Values(data.Dictionary);
                var indices = ((DictionaryArray)array).Indices;
                for (int i = 0; i < data.Length; i++) result.Add(array.IsValid(i) ? dictionary[Index(indices, i)] : null);
                return result;
            }
            case UnionType ut:
            {
                // Through UnionArray's own accessors, so a buffer layout it does not expect shows up here.
                var union = (UnionArray)array;
                var children = union.Fields.Select(Values).ToArray();
                for (int i = 0; i < data.Length; i++)
                {
                    int typeId = union.TypeIds[i];
                    int child = System.Array.IndexOf(ut.TypeIds, typeId);
                    int at = union is DenseUnionArray dense ? dense.ValueOffsets[i] : data.Offset + i;
                    result.Add($"{typeId}:{children[child][at] ?? "null"}");
                }
                return result;
            }
            case RunEndEncodedType:
            {
                var ree = (RunEndEncodedArray)array;
                var values = Values(ree.Values);
                for (int i = 0; i < data.Length; i++) result.Add(values[ree.FindPhysicalIndex(i)]);
                return result;
            }
            case StructType:
            {
                // StructArray.Fields come sliced to the struct's own offset and length.
                var children = ((StructArray)array).Fields.Select(Values).ToArray();
                for (int i = 0; i < data.Length; i++)
                    result.Add(array.IsValid(i) ? "{" + string.Join(",", children.Select(c => c[i] ?? "null")) + "}" : null);
                return result;
            }
        }
        for (int i = 0; i < data.Length; i++) result.Add(array.IsValid(i) ? Element(array, i) : null);
        return result;
    }

    private static string Element(IArrowArray array, int i) => array switch
    {
        BooleanArray b => b.GetValue(i) == true ? "true" : "false",
        StringArray s => s.GetString(i),
        LargeStringArray s => s.GetString(i),
        StringViewArray s => s.GetString(i),
        BinaryArray b => Convert.ToHexString(b.GetBytes(i)),
        LargeBinaryArray b => Convert.ToHexString(b.GetBytes(i)),
        BinaryViewArray b => Convert.ToHexString(b.GetBytes(i)),
        FixedSizeBinaryArray b => Convert.ToHexString(b.GetBytes(i)),
        ListArray l => List(l.GetSlicedValues(i)),
        LargeListArray l => List(l.GetSlicedValues(i)),
        ListViewArray l => List(l.GetSlicedValues(i)),
        LargeListViewArray l => List(l.GetSlicedValues(i)),
        FixedSizeListArray l => List(l.GetSlicedValues(i)),
        _ when array.Data.DataType is FixedWidthType fw => RawFixed(array.Data, fw.BitWidth / 8, i),
        _ => throw new NotSupportedException($"no canonical form for {array.Data.DataType.Name}"),
    };

    private static int Index(IArrowArray indices, int i) => indices switch
    {
        Int8Array a => a.GetValue(i)!.Value,
        Int16Array a => a.GetValue(i)!.Value,
        Int32Array a => a.GetValue(i)!.Value,
        UInt8Array a => a.GetValue(i)!.Value,
        UInt16Array a => a.GetValue(i)!.Value,
        _ => throw new NotSupportedException(indices.Data.DataType.Name),
    };

    private static string List(IArrowArray values) => "[" + string.Join(",", Values(values).Select(v => v ?? "null")) + "]";

    // Integers, floats, dates, times, timestamps, durations and intervals compare by their bytes.
    private static string RawFixed(ArrayData data, int width, int i) =>
        Convert.ToHexString(data.Buffers[1].Span.Slice((data.Offset + i) * width, width));

    /// <summary>
    /// The physical shape of array data: type, buffer count and children, recursively. Arrays that
    /// Apache.Arrow's reader and ours decode from the same bytes must have the same shape.
    /// </summary>
    public static string Shape(ArrayData data) =>
        $"{data.DataType.TypeId}/{data.Length}/{data.GetNullCount()}/b{data.Buffers.Length}" +
        (data.Children is not { Length: > 0 } children ? "" : "(" + string.Join(",", children.Select(Shape)) + ")") +
        (data.Dictionary is null ? "" : "{" + Shape(data.Dictionary) + "}");

    /// <summary>A canonical description of a type, including child names and nullability.</summary>
    public static string Describe(IArrowType type) => type switch
    {
        DictionaryType d => $"dictionary<{Describe(d.IndexType)},{Describe(d.ValueType)},ordered={d.Ordered}>",
        TimestampType t => $"timestamp[{t.Unit},{t.Timezone ?? "-"}]",
        Time32Type t => $"time32[{t.Unit}]",
        Time64Type t => $"time64[{t.Unit}]",
        DurationType d => $"duration[{d.Unit}]",
        IntervalType iv => $"interval[{iv.Unit}]",
        Decimal32Type d => $"decimal32({d.Precision},{d.Scale})",
        Decimal64Type d => $"decimal64({d.Precision},{d.Scale})",
        Decimal128Type d => $"decimal128({d.Precision},{d.Scale})",
        Decimal256Type d => $"decimal256({d.Precision},{d.Scale})",
        FixedSizeBinaryType f => $"fixed_size_binary[{f.ByteWidth}]",
        FixedSizeListType f => $"fixed_size_list[{f.ListSize}]<{DescribeField(f.ValueField)}>",
        MapType m => $"map[sorted={m.KeySorted}]<{DescribeField(m.Fields[0])}>",
        UnionType u => $"union[{u.Mode},{string.Join("|", u.TypeIds)}]<{string.Join(",", u.Fields.Select(DescribeField))}>",
        NestedType n => $"{n.Name}<{string.Join(",", n.Fields.Select(DescribeField))}>",
        _ => type.Name,
    };

    public static string DescribeField(Field f) => $"{f.Name}{(f.IsNullable ? "?" : "")}:{Describe(f.DataType)}";

    public static string DescribeSchema(Schema s) => string.Join(";", s.FieldsList.Select(DescribeField));

    // ---------------------------------------------------------------- IPC helpers

    public static Schema SchemaOf(params Field[] fields) => new(fields, null);

    public static RecordBatch Batch(Schema schema, params IArrowArray[] columns) =>
        new(schema, columns, columns.Length == 0 ? 0 : columns[0].Length);

    /// <summary>Writes one stream with our writer: schema, the batches, EOS.</summary>
    public static byte[] WriteOurs(Schema schema, params RecordBatch[] batches)
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(schema);
        foreach (var batch in batches) writer.WriteBatch(batch, [new("vgi_rpc.test", "1")]);
        writer.WriteEos();
        writer.Flush();
        return ms.ToArray();
    }

    public static byte[] WriteApache(Schema schema, params RecordBatch[] batches)
    {
        var ms = new MemoryStream();
        using (var writer = new ArrowStreamWriter(ms, schema, leaveOpen: true))
        {
            writer.WriteStart();
            foreach (var batch in batches) writer.WriteRecordBatch(batch);
            writer.WriteEnd();
        }
        return ms.ToArray();
    }

    public static (Schema Schema, List<RecordBatch> Batches) ReadApache(byte[] bytes)
    {
        using var reader = new ArrowStreamReader(new MemoryStream(bytes));
        var batches = new List<RecordBatch>();
        while (reader.ReadNextRecordBatch() is { } batch) batches.Add(batch);
        return (reader.Schema, batches);
    }

    /// <summary>Reads one stream with our reader; column values are taken before each pooled body is released.</summary>
    public static Task<(Schema Schema, List<(List<List<string?>> Columns, IReadOnlyList<KeyValuePair<string, string>> Metadata, int Length)> Batches)> ReadOurs(Stream stream) =>
        ReadOurs(new ArrowIpcReader(stream));

    public static async Task<(Schema Schema, List<(List<List<string?>> Columns, IReadOnlyList<KeyValuePair<string, string>> Metadata, int Length)> Batches)> ReadOurs(ArrowIpcReader reader)
    {
        var schema = await reader.ReadSchemaAsync() ?? throw new InvalidOperationException("no stream");
        var batches = new List<(List<List<string?>>, IReadOnlyList<KeyValuePair<string, string>>, int)>();
        while (await reader.ReadBatchAsync() is { } batch)
        {
            using (batch) batches.Add((batch.Batch.Arrays.Select(Values).ToList(), batch.Metadata, batch.Length));
        }
        return (schema, batches);
    }

    /// <summary>Message header types of every message in one or more IPC streams, found by walking the framing.</summary>
    public static List<byte> MessageTypes(byte[] bytes)
    {
        var types = new List<byte>();
        int at = 0;
        while (at < bytes.Length)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) != 0xFFFFFFFF) throw new InvalidDataException("no continuation token");
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            at += 8;
            if (length == 0) { types.Add(0); continue; }
            var bb = new Google.FlatBuffers.ByteBuffer(bytes.AsSpan(at, length).ToArray());
            var message = FlatTable.Root(bb);
            types.Add(message.GetByte(1));
            at += length + checked((int)message.GetLong(3));
        }
        return types;
    }
}
