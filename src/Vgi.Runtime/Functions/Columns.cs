using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Functions;

/// <summary>
/// Opens input columns for generated kernels. Each accepts the types its bind check admits
/// (<see cref="ArgumentTypes"/>): the exact type is read in place, a narrower integer or float is
/// widened once per batch into a new buffer.
/// </summary>
public static class Columns
{
    private static Column<T> Direct<T>(IArrowArray array) where T : unmanaged
    {
        var data = array.Data;
        var values = MemoryMarshal.Cast<byte, T>(data.Buffers[1].Span).Slice(data.Offset, data.Length);
        return new Column<T>(values, data.Buffers[0].Span, data.Offset, data.GetNullCount());
    }

    private static Column<T> Converted<T>(IArrowArray array, T[] values) where T : unmanaged
    {
        var data = array.Data;
        return new Column<T>(values, data.Buffers[0].Span, data.Offset, data.GetNullCount());
    }

    public static Column<long> Int64(IArrowArray array) => array switch
    {
        Int64Array => Direct<long>(array),
        Int32Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        Int16Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        Int8Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        UInt32Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (long)v)),
        _ => throw Unexpected(array, "BIGINT"),
    };

    public static Column<int> Int32(IArrowArray array) => array switch
    {
        Int32Array => Direct<int>(array),
        Int16Array a => Converted(array, Widen(a.Values, static v => (int)v)),
        Int8Array a => Converted(array, Widen(a.Values, static v => (int)v)),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (int)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (int)v)),
        _ => throw Unexpected(array, "INTEGER"),
    };

    public static Column<short> Int16(IArrowArray array) => array switch
    {
        Int16Array => Direct<short>(array),
        Int8Array a => Converted(array, Widen(a.Values, static v => (short)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (short)v)),
        _ => throw Unexpected(array, "SMALLINT"),
    };

    public static Column<sbyte> Int8(IArrowArray array) => array is Int8Array ? Direct<sbyte>(array) : throw Unexpected(array, "TINYINT");

    public static Column<ulong> UInt64(IArrowArray array) => array switch
    {
        UInt64Array => Direct<ulong>(array),
        UInt32Array a => Converted(array, Widen(a.Values, static v => (ulong)v)),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (ulong)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (ulong)v)),
        _ => throw Unexpected(array, "UBIGINT"),
    };

    public static Column<uint> UInt32(IArrowArray array) => array switch
    {
        UInt32Array => Direct<uint>(array),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (uint)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (uint)v)),
        _ => throw Unexpected(array, "UINTEGER"),
    };

    public static Column<ushort> UInt16(IArrowArray array) => array switch
    {
        UInt16Array => Direct<ushort>(array),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (ushort)v)),
        _ => throw Unexpected(array, "USMALLINT"),
    };

    public static Column<byte> UInt8(IArrowArray array) => array is UInt8Array ? Direct<byte>(array) : throw Unexpected(array, "UTINYINT");

    public static Column<double> Float64(IArrowArray array) => array switch
    {
        DoubleArray => Direct<double>(array),
        FloatArray a => Converted(array, Widen(a.Values, static v => (double)v)),
        Int64Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        Int32Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        Int16Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        Int8Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        UInt64Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        UInt32Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (double)v)),
        _ => throw Unexpected(array, "DOUBLE"),
    };

    public static Column<float> Float32(IArrowArray array) => array switch
    {
        FloatArray => Direct<float>(array),
        Int16Array a => Converted(array, Widen(a.Values, static v => (float)v)),
        Int8Array a => Converted(array, Widen(a.Values, static v => (float)v)),
        UInt16Array a => Converted(array, Widen(a.Values, static v => (float)v)),
        UInt8Array a => Converted(array, Widen(a.Values, static v => (float)v)),
        _ => throw Unexpected(array, "FLOAT"),
    };

    public static BooleanColumn Boolean(IArrowArray array)
    {
        if (array is not BooleanArray) throw Unexpected(array, "BOOLEAN");
        var data = array.Data;
        return new BooleanColumn(data.Buffers[1].Span, data.Buffers[0].Span, data.Offset, data.GetNullCount());
    }

    /// <summary>
    /// utf8 or binary, read as bytes (UTF-8 for strings). large_utf8, views and dictionaries of
    /// strings, which bind admits as VARCHAR, are copied into one utf8 buffer first.
    /// </summary>
    public static BinaryColumn Binary(IArrowArray array)
    {
        if (array is not (StringArray or BinaryArray)) array = ToFlatBinary(array);
        var data = array.Data;
        var offsets = MemoryMarshal.Cast<byte, int>(data.Buffers[1].Span);
        return new BinaryColumn(offsets, data.Buffers[2].Span, data.Buffers[0].Span, data.Offset, data.GetNullCount());
    }

    /// <summary>
    /// The column as the exact Arrow array class <paramref name="declared"/> stands for, for
    /// array-vectorized functions: widened numbers and flattened strings are converted once.
    /// </summary>
    public static IArrowArray As(IArrowArray array, IArrowType declared)
    {
        if (Vgi.Rpc.BatchCoercion.TypesEqual(array.Data.DataType, declared)) return array;
        if (declared is StringType or BinaryType) return ToFlatBinary(array);
        return Vgi.Rpc.BatchCoercion.Cast(array, declared) ?? throw Unexpected(array, ArgumentTypes.SqlName(declared));
    }

    private static IArrowArray ToFlatBinary(IArrowArray array)
    {
        int n = array.Length;
        bool text = array.Data.DataType is LargeStringType or StringViewType or DictionaryType;
        if (text)
        {
            var strings = new string?[n];
            for (int i = 0; i < n; i++) strings[i] = Codecs.ArrowRead.String(array, i);
            return Codecs.ArrowWrite.Utf8(strings);
        }
        var bytes = new byte[]?[n];
        for (int i = 0; i < n; i++) bytes[i] = Codecs.ArrowRead.Binary(array, i);
        return Codecs.ArrowWrite.Binary(bytes);
    }

    private static T[] Widen<TSource, T>(ReadOnlySpan<TSource> source, Func<TSource, T> convert)
    {
        var result = new T[source.Length];
        for (int i = 0; i < result.Length; i++) result[i] = convert(source[i]);
        return result;
    }

    private static InvalidOperationException Unexpected(IArrowArray array, string expected) =>
        new($"input column is {array.Data.DataType.Name}, the bound function expects {expected}");
}
