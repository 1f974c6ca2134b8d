using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Codecs;

/// <summary>
/// Value readers called by generated record codecs. They accept every physical type that carries
/// the value (int32 for a long, large_utf8 or a dictionary for a string, …), since vgi-rpc peers
/// differ in what they send; null comes back as null.
/// </summary>
public static class ArrowRead
{
    public static bool? Boolean(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        BooleanArray b => b.GetValue(i),
        _ => Integer(a, i) != 0,
    };

    public static sbyte? Int8(IArrowArray a, int i) => a.IsNull(i) ? null : checked((sbyte)Integer(a, i));
    public static short? Int16(IArrowArray a, int i) => a.IsNull(i) ? null : checked((short)Integer(a, i));
    public static int? Int32(IArrowArray a, int i) => a.IsNull(i) ? null : checked((int)Integer(a, i));
    public static long? Int64(IArrowArray a, int i) => a.IsNull(i) ? null : checked((long)Integer(a, i));
    public static byte? UInt8(IArrowArray a, int i) => a.IsNull(i) ? null : checked((byte)Integer(a, i));
    public static ushort? UInt16(IArrowArray a, int i) => a.IsNull(i) ? null : checked((ushort)Integer(a, i));
    public static uint? UInt32(IArrowArray a, int i) => a.IsNull(i) ? null : checked((uint)Integer(a, i));
    public static ulong? UInt64(IArrowArray a, int i) => a.IsNull(i) ? null : checked((ulong)Integer(a, i));

    public static float? Float32(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        FloatArray f => f.GetValue(i),
        DoubleArray d => (float)d.GetValue(i)!.Value,
        HalfFloatArray h => (float)h.GetValue(i)!.Value,
        _ => (float)Integer(a, i),
    };

    public static double? Float64(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        DoubleArray d => d.GetValue(i),
        FloatArray f => f.GetValue(i),
        HalfFloatArray h => (double)h.GetValue(i)!.Value,
        _ => (double)Integer(a, i),
    };

    private static Int128 Integer(IArrowArray a, int i) => a switch
    {
        Int8Array x => x.GetValue(i)!.Value,
        Int16Array x => x.GetValue(i)!.Value,
        Int32Array x => x.GetValue(i)!.Value,
        Int64Array x => x.GetValue(i)!.Value,
        UInt8Array x => x.GetValue(i)!.Value,
        UInt16Array x => x.GetValue(i)!.Value,
        UInt32Array x => x.GetValue(i)!.Value,
        UInt64Array x => x.GetValue(i)!.Value,
        BooleanArray x => x.GetValue(i)!.Value ? 1 : 0,
        _ => throw Unexpected(a, "an integer"),
    };

    public static string? String(IArrowArray a, int i)
    {
        if (a.IsNull(i)) return null;
        return a switch
        {
            StringArray s => s.GetString(i),
            LargeStringArray s => s.GetString(i),
            StringViewArray s => s.GetString(i),
            BinaryArray b => Encoding.UTF8.GetString(b.GetBytes(i)),
            DictionaryArray d => String(d.Dictionary, DictionaryIndex(d, i)),
            _ => throw Unexpected(a, "a string"),
        };
    }

    public static byte[]? Binary(IArrowArray a, int i)
    {
        if (a.IsNull(i)) return null;
        return a switch
        {
            BinaryArray b => b.GetBytes(i).ToArray(),
            LargeBinaryArray b => b.GetBytes(i).ToArray(),
            BinaryViewArray b => b.GetBytes(i).ToArray(),
            _ => throw Unexpected(a, "binary"),
        };
    }

    public static DateTimeOffset? TimestampUtc(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        TimestampArray t => t.GetTimestamp(i),
        Date32Array d => d.GetDateTimeOffset(i),
        _ => throw Unexpected(a, "a timestamp"),
    };

    public static DateTime? Timestamp(IArrowArray a, int i) => TimestampUtc(a, i)?.UtcDateTime;

    public static DateOnly? Date32(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        Date32Array d => d.GetDateOnly(i),
        Date64Array d => DateOnly.FromDateTime(d.GetDateTime(i)!.Value),
        TimestampArray t => DateOnly.FromDateTime(t.GetTimestamp(i)!.Value.UtcDateTime),
        _ => throw Unexpected(a, "a date"),
    };

    public static TimeOnly? Time64(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        Time64Array t => t.GetTime(i),
        Time32Array t => t.GetTime(i),
        _ => throw Unexpected(a, "a time of day"),
    };

    public static TimeSpan? Duration(IArrowArray a, int i) => a.IsNull(i) ? null : a switch
    {
        DurationArray d => d.GetTimeSpan(i),
        _ => throw Unexpected(a, "a duration"),
    };

    /// <summary>The element range of row <paramref name="i"/> of a list column; false when it is null.</summary>
    public static bool List(IArrowArray a, int i, out IArrowArray values, out int start, out int end)
    {
        switch (a)
        {
            case ListArray l:
                values = l.Values;
                start = l.ValueOffsets[i];
                end = l.ValueOffsets[i + 1];
                return !l.IsNull(i);
            case LargeListArray l:
                values = l.Values;
                start = checked((int)l.ValueOffsets[i]);
                end = checked((int)l.ValueOffsets[i + 1]);
                return !l.IsNull(i);
            case FixedSizeListArray l:
                int size = ((FixedSizeListType)l.Data.DataType).ListSize;
                values = l.Values;
                start = (l.Offset + i) * size;
                end = start + size;
                return !l.IsNull(i);
            default:
                throw Unexpected(a, "a list");
        }
    }

    /// <summary>The entry range of row <paramref name="i"/> of a map column; false when it is null.</summary>
    public static bool Map(IArrowArray a, int i, out IArrowArray keys, out IArrowArray values, out int start, out int end)
    {
        if (a is not MapArray m) throw Unexpected(a, "a map");
        keys = m.Keys;
        values = m.Values;
        start = m.ValueOffsets[i];
        end = m.ValueOffsets[i + 1];
        return !m.IsNull(i);
    }

    private static int DictionaryIndex(DictionaryArray d, int i) => d.Indices switch
    {
        Int8Array x => x.GetValue(i)!.Value,
        Int16Array x => x.GetValue(i)!.Value,
        Int32Array x => x.GetValue(i)!.Value,
        Int64Array x => checked((int)x.GetValue(i)!.Value),
        UInt8Array x => x.GetValue(i)!.Value,
        UInt16Array x => x.GetValue(i)!.Value,
        UInt32Array x => checked((int)x.GetValue(i)!.Value),
        _ => throw Unexpected(d.Indices, "dictionary indices"),
    };

    public static ArrowRecordException Unexpected(IArrowArray a, string expected) =>
        new($"expected {expected} column, got {a.Data.DataType.Name}");

    public static ArrowRecordException UnknownEnumValue(string typeName, string value) =>
        new($"'{value}' is not a member of {typeName}");
}
