using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Codecs;

/// <summary>
/// Column builders called by generated record codecs: one overload per C# type, nullable and not.
/// Nested columns (lists, maps, structs) are assembled from buffers the generated code fills.
/// </summary>
public static class ArrowWrite
{
    public static readonly TimestampType TimestampUtc = new(TimeUnit.Microsecond, "UTC");
    public static readonly TimestampType Timestamp = new(TimeUnit.Microsecond, (string?)null);
    public static readonly Time64Type Time64 = new(TimeUnit.Microsecond);
    public static readonly DictionaryType EnumType = new(Int16Type.Default, StringType.Default, false);

    /// <summary>An enum column indexed by 8-bit integers: <c>[ArrowEnum(IndexWidth = 8)]</c>.</summary>
    public static readonly DictionaryType EnumType8 = new(Int8Type.Default, StringType.Default, false);

    /// <summary>An enum column indexed by 32-bit integers: <c>[ArrowEnum(IndexWidth = 32)]</c>.</summary>
    public static readonly DictionaryType EnumType32 = new(Int32Type.Default, StringType.Default, false);

    private static TArray Primitive<T, TArray, TBuilder>(TBuilder builder, IReadOnlyList<T> values)
        where T : struct where TArray : IArrowArray where TBuilder : PrimitiveArrayBuilder<T, TArray, TBuilder>
    {
        builder.Reserve(values.Count);
        for (int i = 0; i < values.Count; i++) builder.Append(values[i]);
        return builder.Build();
    }

    private static TArray Primitive<T, TArray, TBuilder>(TBuilder builder, IReadOnlyList<T?> values)
        where T : struct where TArray : IArrowArray where TBuilder : PrimitiveArrayBuilder<T, TArray, TBuilder>
    {
        builder.Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) builder.Append(v);
            else builder.AppendNull();
        }
        return builder.Build();
    }

    public static IArrowArray Boolean(IReadOnlyList<bool> values)
    {
        var b = new BooleanArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++) b.Append(values[i]);
        return b.Build();
    }

    public static IArrowArray Boolean(IReadOnlyList<bool?> values)
    {
        var b = new BooleanArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) b.Append(v);
            else b.AppendNull();
        }
        return b.Build();
    }

    public static IArrowArray Int8(IReadOnlyList<sbyte> values) => Primitive<sbyte, Int8Array, Int8Array.Builder>(new(), values);
    public static IArrowArray Int8(IReadOnlyList<sbyte?> values) => Primitive<sbyte, Int8Array, Int8Array.Builder>(new(), values);
    public static IArrowArray Int16(IReadOnlyList<short> values) => Primitive<short, Int16Array, Int16Array.Builder>(new(), values);
    public static IArrowArray Int16(IReadOnlyList<short?> values) => Primitive<short, Int16Array, Int16Array.Builder>(new(), values);
    public static IArrowArray Int32(IReadOnlyList<int> values) => Primitive<int, Int32Array, Int32Array.Builder>(new(), values);
    public static IArrowArray Int32(IReadOnlyList<int?> values) => Primitive<int, Int32Array, Int32Array.Builder>(new(), values);
    public static IArrowArray Int64(IReadOnlyList<long> values) => Primitive<long, Int64Array, Int64Array.Builder>(new(), values);
    public static IArrowArray Int64(IReadOnlyList<long?> values) => Primitive<long, Int64Array, Int64Array.Builder>(new(), values);
    public static IArrowArray UInt8(IReadOnlyList<byte> values) => Primitive<byte, UInt8Array, UInt8Array.Builder>(new(), values);
    public static IArrowArray UInt8(IReadOnlyList<byte?> values) => Primitive<byte, UInt8Array, UInt8Array.Builder>(new(), values);
    public static IArrowArray UInt16(IReadOnlyList<ushort> values) => Primitive<ushort, UInt16Array, UInt16Array.Builder>(new(), values);
    public static IArrowArray UInt16(IReadOnlyList<ushort?> values) => Primitive<ushort, UInt16Array, UInt16Array.Builder>(new(), values);
    public static IArrowArray UInt32(IReadOnlyList<uint> values) => Primitive<uint, UInt32Array, UInt32Array.Builder>(new(), values);
    public static IArrowArray UInt32(IReadOnlyList<uint?> values) => Primitive<uint, UInt32Array, UInt32Array.Builder>(new(), values);
    public static IArrowArray UInt64(IReadOnlyList<ulong> values) => Primitive<ulong, UInt64Array, UInt64Array.Builder>(new(), values);
    public static IArrowArray UInt64(IReadOnlyList<ulong?> values) => Primitive<ulong, UInt64Array, UInt64Array.Builder>(new(), values);
    public static IArrowArray Float32(IReadOnlyList<float> values) => Primitive<float, FloatArray, FloatArray.Builder>(new(), values);
    public static IArrowArray Float32(IReadOnlyList<float?> values) => Primitive<float, FloatArray, FloatArray.Builder>(new(), values);
    public static IArrowArray Float64(IReadOnlyList<double> values) => Primitive<double, DoubleArray, DoubleArray.Builder>(new(), values);
    public static IArrowArray Float64(IReadOnlyList<double?> values) => Primitive<double, DoubleArray, DoubleArray.Builder>(new(), values);

    public static IArrowArray Utf8(IReadOnlyList<string?> values)
    {
        var b = new StringArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) b.Append(v);
            else b.AppendNull();
        }
        return b.Build();
    }

    public static IArrowArray LargeUtf8(IReadOnlyList<string?> values)
    {
        var b = new LargeStringArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) b.Append(v);
            else b.AppendNull();
        }
        return b.Build();
    }

    public static IArrowArray Binary(IReadOnlyList<byte[]?> values)
    {
        var b = new BinaryArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) b.Append(v.AsSpan());
            else b.AppendNull();
        }
        return b.Build();
    }

    public static IArrowArray LargeBinary(IReadOnlyList<byte[]?> values)
    {
        var b = new LargeBinaryArray.Builder().Reserve(values.Count);
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is { } v) b.Append(v.AsSpan());
            else b.AppendNull();
        }
        return b.Build();
    }

    public static IArrowArray TimestampUtcMicros(IReadOnlyList<DateTimeOffset> values) => TimestampUtcMicros(Nullable(values));

    public static IArrowArray TimestampUtcMicros(IReadOnlyList<DateTimeOffset?> values)
    {
        var micros = new long?[values.Count];
        for (int i = 0; i < micros.Length; i++) micros[i] = values[i] is { } v ? (v.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10 : null;
        return Temporal(TimestampUtc, micros);
    }

    public static IArrowArray TimestampMicros(IReadOnlyList<DateTime> values) => TimestampMicros(Nullable(values));

    public static IArrowArray TimestampMicros(IReadOnlyList<DateTime?> values)
    {
        var micros = new long?[values.Count];
        for (int i = 0; i < micros.Length; i++) micros[i] = values[i] is { } v ? (v.Ticks - DateTime.UnixEpoch.Ticks) / 10 : null;
        return Temporal(Timestamp, micros);
    }

    public static IArrowArray Date32(IReadOnlyList<DateOnly> values) => Date32(Nullable(values));

    public static IArrowArray Date32(IReadOnlyList<DateOnly?> values)
    {
        var days = new int?[values.Count];
        for (int i = 0; i < days.Length; i++) days[i] = values[i] is { } v ? v.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber : null;
        var data = ((Int32Array)Int32(days)).Data;
        return new Date32Array(new ArrayData(Date32Type.Default, data.Length, data.NullCount, 0, data.Buffers, []));
    }

    public static IArrowArray Time64Micros(IReadOnlyList<TimeOnly> values) => Time64Micros(Nullable(values));

    public static IArrowArray Time64Micros(IReadOnlyList<TimeOnly?> values)
    {
        var micros = new long?[values.Count];
        for (int i = 0; i < micros.Length; i++) micros[i] = values[i] is { } v ? v.Ticks / 10 : null;
        return Temporal(Time64, micros);
    }

    public static IArrowArray DurationMicros(IReadOnlyList<TimeSpan> values) => DurationMicros(Nullable(values));

    public static IArrowArray DurationMicros(IReadOnlyList<TimeSpan?> values)
    {
        var micros = new long?[values.Count];
        for (int i = 0; i < micros.Length; i++) micros[i] = values[i] is { } v ? v.Ticks / 10 : null;
        return Temporal(DurationType.Microsecond, micros);
    }

    private static IArrowArray Temporal(IArrowType type, long?[] values)
    {
        var data = ((Int64Array)Int64(values)).Data;
        return ArrowArrayFactory.BuildArray(new ArrayData(type, data.Length, data.NullCount, 0, data.Buffers, []));
    }

    private static T?[] Nullable<T>(IReadOnlyList<T> values) where T : struct
    {
        var result = new T?[values.Count];
        for (int i = 0; i < result.Length; i++) result[i] = values[i];
        return result;
    }

    /// <summary>A dictionary&lt;int16, utf8&gt; column: <paramref name="indices"/> (−1 = null) into <paramref name="dictionary"/>.</summary>
    public static IArrowArray Enum(short[] indices, StringArray dictionary)
    {
        var b = new Int16Array.Builder().Reserve(indices.Length);
        foreach (short index in indices)
        {
            if (index < 0) b.AppendNull();
            else b.Append(index);
        }
        return new DictionaryArray(EnumType, b.Build(), dictionary);
    }

    /// <summary>An enum column with 8-bit indices; a negative index is null.</summary>
    public static IArrowArray Enum(sbyte[] indices, StringArray dictionary)
    {
        var b = new Int8Array.Builder().Reserve(indices.Length);
        foreach (sbyte index in indices)
        {
            if (index < 0) b.AppendNull();
            else b.Append(index);
        }
        return new DictionaryArray(EnumType8, b.Build(), dictionary);
    }

    /// <summary>An enum column with 32-bit indices; a negative index is null.</summary>
    public static IArrowArray Enum(int[] indices, StringArray dictionary)
    {
        var b = new Int32Array.Builder().Reserve(indices.Length);
        foreach (int index in indices)
        {
            if (index < 0) b.AppendNull();
            else b.Append(index);
        }
        return new DictionaryArray(EnumType32, b.Build(), dictionary);
    }

    /// <summary>The dictionary of an enum column: every member name, so indices are stable across batches.</summary>
    public static StringArray EnumDictionary(params string[] names) => (StringArray)Utf8(names);

    public static IArrowArray List(IArrowType type, int[] offsets, ValidityBitmap validity, IArrowArray values) =>
        new ListArray(type, offsets.Length - 1, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), values, validity.Build(), validity.NullCount, 0);

    public static IArrowArray Map(MapType type, int[] offsets, ValidityBitmap validity, IArrowArray keys, IArrowArray values)
    {
        var entries = (StructType)type.Fields[0].DataType;
        var structs = new StructArray(entries, keys.Length, [keys, values], ArrowBuffer.Empty, 0);
        return new MapArray(type, offsets.Length - 1, new ArrowBuffer(MemoryMarshal.AsBytes(offsets.AsSpan()).ToArray()), structs, validity.Build(), validity.NullCount, 0);
    }

    public static IArrowArray Struct(StructType type, int length, ValidityBitmap validity, IArrowArray[] children) =>
        new StructArray(type, length, children, validity.Build(), validity.NullCount, 0);
}

/// <summary>A validity bitmap filled row by row; all rows start valid.</summary>
public sealed class ValidityBitmap(int length)
{
    private byte[]? _bits;

    public int NullCount { get; private set; }

    public void SetNull(int index)
    {
        if (_bits is null)
        {
            _bits = new byte[(length + 7) / 8];
            _bits.AsSpan().Fill(0xFF);
        }
        _bits[index >> 3] &= (byte)~(1 << (index & 7));
        NullCount++;
    }

    public ArrowBuffer Build() => _bits is null ? ArrowBuffer.Empty : new ArrowBuffer(_bits);
}
