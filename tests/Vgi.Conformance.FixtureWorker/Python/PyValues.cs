using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Ipc;

namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// The Python value pyarrow's <c>.as_py()</c> gives for one Arrow element, as the CLR stand-ins
/// <see cref="PyText"/> renders: null; bool; signed integers as <see cref="long"/>, unsigned as
/// <see cref="ulong"/>; float32 as <see cref="float"/>, float64/halffloat as <see cref="double"/>;
/// decimals as <see cref="decimal"/> (or <see cref="PyDecimal"/> beyond its range); strings; binary as
/// <c>byte[]</c>; dates as <see cref="DateOnly"/>; timestamps as <see cref="DateTime"/> (naive) or
/// <see cref="DateTimeOffset"/> (the type has a time zone; the offset is that zone's at the instant);
/// times as <see cref="TimeOnly"/>; durations as <see cref="TimeSpan"/>; month_day_nano as
/// <see cref="Apache.Arrow.Scalars.MonthDayNanosecondInterval"/>; UUIDs as <see cref="Guid"/>; lists as
/// <c>List&lt;object?&gt;</c>; structs as <c>List&lt;KeyValuePair&lt;string, object?&gt;&gt;</c> (a dict);
/// maps as a list of <c>(key, value)</c> tuples (pyarrow's default); dictionary arrays decoded.
/// Sub-microsecond parts of timestamps, times and durations are kept to 100 ns and dropped by
/// <see cref="PyText"/> (Python's datetime holds microseconds).
/// </summary>
public static class PyValues
{
    /// <summary>Element <paramref name="index"/> of <paramref name="array"/> as a Python value.</summary>
    /// <exception cref="NotSupportedException">A union array or an unknown array kind.</exception>
    public static object? Get(IArrowArray array, int index)
    {
        ArgumentNullException.ThrowIfNull(array);
        switch (array)
        {
            case EmptyStructArray e:
                return e.Storage is BooleanArray valid && valid.GetValue(index) == true ? new List<KeyValuePair<string, object?>>() : null;
            case Bool8Array b:
                return b.GetValue(index);
            case GuidArray g:
                return g.GetGuid(index);
            case ExtensionArray e:
                return Get(e.Storage, index);
            case RunEndEncodedArray r:
                return Get(r.Values, r.FindPhysicalIndex(index));
            case DictionaryArray d:
                if (d.IsNull(index)) return null;
                return Get(d.Dictionary, checked((int)Convert.ToInt64(Get(d.Indices, index), CultureInfo.InvariantCulture)));
        }
        if (array.IsNull(index)) return null;
        return array switch
        {
            NullArray => null,
            BooleanArray a => a.GetValue(index)!.Value,
            Int8Array a => (long)a.GetValue(index)!.Value,
            Int16Array a => (long)a.GetValue(index)!.Value,
            Int32Array a => (long)a.GetValue(index)!.Value,
            Int64Array a => a.GetValue(index)!.Value,
            UInt8Array a => (ulong)a.GetValue(index)!.Value,
            UInt16Array a => (ulong)a.GetValue(index)!.Value,
            UInt32Array a => (ulong)a.GetValue(index)!.Value,
            UInt64Array a => a.GetValue(index)!.Value,
            HalfFloatArray a => (double)a.GetValue(index)!.Value,
            FloatArray a => a.GetValue(index)!.Value,
            DoubleArray a => a.GetValue(index)!.Value,
            Decimal32Array a => Decimal(a.GetBytes(index), ((Decimal32Type)a.Data.DataType).Scale),
            Decimal64Array a => Decimal(a.GetBytes(index), ((Decimal64Type)a.Data.DataType).Scale),
            Decimal128Array a => Decimal(a.GetBytes(index), a.Scale),
            Decimal256Array a => Decimal(a.GetBytes(index), a.Scale),
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            StringViewArray a => a.GetString(index),
            BinaryArray a => a.GetBytes(index).ToArray(),
            LargeBinaryArray a => a.GetBytes(index).ToArray(),
            BinaryViewArray a => a.GetBytes(index).ToArray(),
            FixedSizeBinaryArray a => a.GetBytes(index).ToArray(),
            Date32Array a => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + a.GetValue(index)!.Value),
            Date64Array a => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber
                + checked((int)FloorDiv(a.GetValue(index)!.Value, 86_400_000))),
            TimestampArray a => Timestamp((TimestampType)a.Data.DataType, a.GetValue(index)!.Value),
            Time32Array a => new TimeOnly(Ticks(a.GetValue(index)!.Value, ((Time32Type)a.Data.DataType).Unit)),
            Time64Array a => new TimeOnly(Ticks(a.GetValue(index)!.Value, ((Time64Type)a.Data.DataType).Unit)),
            DurationArray a => new TimeSpan(Ticks(a.GetValue(index)!.Value, ((DurationType)a.Data.DataType).Unit)),
            MonthDayNanosecondIntervalArray a => a.GetValue(index)!.Value,
            YearMonthIntervalArray a => a.GetValue(index)!.Value,
            DayTimeIntervalArray a => a.GetValue(index)!.Value,
            MapArray a => Map(a, index),
            ListArray a => List(a.GetSlicedValues(index)),
            LargeListArray a => List(a.GetSlicedValues(index)),
            ListViewArray a => List(a.GetSlicedValues(index)),
            LargeListViewArray a => List(a.GetSlicedValues(index)),
            FixedSizeListArray a => List(a.GetSlicedValues(index)),
            StructArray a => Struct(a, index),
            _ => throw new NotSupportedException($"no Python value for Arrow {PyText.ArrowTypeName(array.Data.DataType)}"),
        };
    }

    /// <summary>
    /// A pushed filter constant as a Python value: as <see cref="Get(IArrowArray, int)"/>, reading
    /// through the extension types DuckDB exports constants as (<c>arrow.bool8</c> ⇒ bool,
    /// <c>arrow.uuid</c> ⇒ <see cref="Guid"/>, <c>duckdb.hugeint</c>/<c>duckdb.uhugeint</c> ⇒ <see cref="BigInteger"/>).
    /// </summary>
    public static object? Get(FilterValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsNull) return null;
        return (value.ExtensionName, value.Array) switch
        {
            ("arrow.bool8", Int8Array a) => a.GetValue(value.Index)!.Value != 0,
            ("arrow.uuid", FixedSizeBinaryArray a) when a.GetBytes(value.Index).Length == 16 => new Guid(a.GetBytes(value.Index), bigEndian: true),
            ("duckdb.hugeint", FixedSizeBinaryArray a) when a.GetBytes(value.Index).Length == 16 =>
                (BigInteger)BinaryPrimitives.ReadInt128LittleEndian(a.GetBytes(value.Index)),
            ("duckdb.uhugeint", FixedSizeBinaryArray a) when a.GetBytes(value.Index).Length == 16 =>
                (BigInteger)BinaryPrimitives.ReadUInt128LittleEndian(a.GetBytes(value.Index)),
            _ => Get(value.Array, value.Index),
        };
    }

    /// <summary>A little-endian two's-complement decimal: <see cref="decimal"/> when it fits, else <see cref="PyDecimal"/>.</summary>
    private static object Decimal(ReadOnlySpan<byte> littleEndian, int scale)
    {
        var value = new PyDecimal(new BigInteger(littleEndian, isUnsigned: false, isBigEndian: false), scale);
        return value.TryToDecimal(out var d) ? d : value;
    }

    private static long Ticks(long value, TimeUnit unit) => unit switch
    {
        TimeUnit.Second => checked(value * TimeSpan.TicksPerSecond),
        TimeUnit.Millisecond => checked(value * TimeSpan.TicksPerMillisecond),
        TimeUnit.Microsecond => checked(value * 10),
        _ => FloorDiv(value, 100),
    };

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor, out long rest) - (rest < 0 ? 1 : 0);

    private static object Timestamp(TimestampType type, long value)
    {
        var utc = new DateTime(checked(DateTime.UnixEpoch.Ticks + Ticks(value, type.Unit)), DateTimeKind.Unspecified);
        if (string.IsNullOrEmpty(type.Timezone)) return utc;
        var instant = new DateTimeOffset(utc, TimeSpan.Zero);
        return ZoneOffset(type.Timezone, instant) is { } offset ? instant.ToOffset(offset) : instant;
    }

    /// <summary>The UTC offset of an Arrow time zone (<c>UTC</c>, <c>+05:30</c>, or an IANA name) at <paramref name="instant"/>; null when unknown.</summary>
    private static TimeSpan? ZoneOffset(string zone, DateTimeOffset instant)
    {
        if (zone is "UTC" or "utc" or "Z" or "Etc/UTC" or "GMT") return TimeSpan.Zero;
        if (zone.Length == 6 && zone[0] is '+' or '-' && zone[3] == ':'
            && int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
            && int.TryParse(zone.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes))
        {
            var offset = new TimeSpan(hours, minutes, 0);
            return zone[0] == '-' ? -offset : offset;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(zone).GetUtcOffset(instant);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static List<object?> List(IArrowArray values)
    {
        var list = new List<object?>(values.Length);
        for (int i = 0; i < values.Length; i++) list.Add(Get(values, i));
        return list;
    }

    private static List<KeyValuePair<string, object?>> Struct(StructArray array, int index)
    {
        var fields = ((StructType)array.Data.DataType).Fields;
        var dict = new List<KeyValuePair<string, object?>>(fields.Count);
        // StructArray.Fields are sliced to the struct's offset, so row index lines up.
        for (int f = 0; f < fields.Count; f++) dict.Add(new(fields[f].Name, Get(array.Fields[f], index)));
        return dict;
    }

    private static List<object?> Map(MapArray array, int index)
    {
        int start = array.ValueOffsets[index], end = array.ValueOffsets[index + 1];
        var entries = new List<object?>(end - start);
        for (int i = start; i < end; i++) entries.Add((Get(array.Keys, i), Get(array.Values, i)));
        return entries;
    }
}
