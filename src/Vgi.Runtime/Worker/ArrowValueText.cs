using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace Vgi.Workers;

/// <summary>
/// One Arrow value as text, for settings and secrets: numbers in invariant culture, booleans
/// <c>true</c>/<c>false</c>, dates and times in ISO 8601, binary as lowercase hex, lists
/// <c>[a, b]</c>, structs <c>{k: v}</c>, maps <c>{k=v}</c>. Null values give null.
/// </summary>
internal static class ArrowValueText
{
    public static string? Format(IArrowArray array, int index)
    {
        if (array.IsNull(index)) return null;
        var c = CultureInfo.InvariantCulture;
        return array switch
        {
            StringArray a => a.GetString(index),
            LargeStringArray a => a.GetString(index),
            StringViewArray a => a.GetString(index),
            BooleanArray a => a.GetValue(index) == true ? "true" : "false",
            Int8Array a => a.GetValue(index)!.Value.ToString(c),
            Int16Array a => a.GetValue(index)!.Value.ToString(c),
            Int32Array a => a.GetValue(index)!.Value.ToString(c),
            Int64Array a => a.GetValue(index)!.Value.ToString(c),
            UInt8Array a => a.GetValue(index)!.Value.ToString(c),
            UInt16Array a => a.GetValue(index)!.Value.ToString(c),
            UInt32Array a => a.GetValue(index)!.Value.ToString(c),
            UInt64Array a => a.GetValue(index)!.Value.ToString(c),
            HalfFloatArray a => ((double)a.GetValue(index)!.Value).ToString(c),
            FloatArray a => a.GetValue(index)!.Value.ToString(c),
            DoubleArray a => a.GetValue(index)!.Value.ToString(c),
            Decimal128Array a => a.GetString(index),
            Date32Array a => a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", c),
            Date64Array a => a.GetDateOnly(index)!.Value.ToString("yyyy-MM-dd", c),
            TimestampArray a => Timestamp(a, index),
            Time32Array a => a.GetTime(index)!.Value.ToString("HH:mm:ss.FFFFFFF", c),
            Time64Array a => a.GetTime(index)!.Value.ToString("HH:mm:ss.FFFFFFF", c),
            BinaryArray a => Convert.ToHexStringLower(a.GetBytes(index)),
            LargeBinaryArray a => Convert.ToHexStringLower(a.GetBytes(index)),
            FixedSizeBinaryArray a => Convert.ToHexStringLower(a.GetBytes(index)),
            DictionaryArray a => Format(a.Dictionary, DictionaryIndex(a.Indices, index)),
            MapArray a => Map(a, index),
            ListArray a => List(a.Values, a.ValueOffsets[index], a.ValueOffsets[index + 1]),
            LargeListArray a => List(a.Values, checked((int)a.ValueOffsets[index]), checked((int)a.ValueOffsets[index + 1])),
            StructArray a => Struct(a, index),
            _ => $"<{array.Data.DataType.Name}>",
        };
    }

    private static int DictionaryIndex(IArrowArray indices, int index) => indices switch
    {
        Int8Array a => a.GetValue(index)!.Value,
        Int16Array a => a.GetValue(index)!.Value,
        Int32Array a => a.GetValue(index)!.Value,
        Int64Array a => checked((int)a.GetValue(index)!.Value),
        UInt8Array a => a.GetValue(index)!.Value,
        UInt16Array a => a.GetValue(index)!.Value,
        UInt32Array a => checked((int)a.GetValue(index)!.Value),
        UInt64Array a => checked((int)a.GetValue(index)!.Value),
        _ => throw new InvalidCastException($"dictionary index type {indices.Data.DataType.Name}"),
    };

    private static string Timestamp(TimestampArray array, int index)
    {
        var value = array.GetTimestamp(index)!.Value;
        bool zoned = ((TimestampType)array.Data.DataType).Timezone is { Length: > 0 };
        return zoned
            ? value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)
            : value.DateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    }

    private static string List(IArrowArray values, int start, int end)
    {
        var text = new StringBuilder("[");
        for (int i = start; i < end; i++)
        {
            if (i > start) text.Append(", ");
            text.Append(Format(values, i) ?? "NULL");
        }
        return text.Append(']').ToString();
    }

    private static string Struct(StructArray array, int index)
    {
        var fields = ((StructType)array.Data.DataType).Fields;
        var text = new StringBuilder("{");
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) text.Append(", ");
            text.Append(fields[i].Name).Append(": ").Append(Format(array.Fields[i], index) ?? "NULL");
        }
        return text.Append('}').ToString();
    }

    private static string Map(MapArray array, int index)
    {
        int start = array.ValueOffsets[index], end = array.ValueOffsets[index + 1];
        var text = new StringBuilder("{");
        for (int i = start; i < end; i++)
        {
            if (i > start) text.Append(", ");
            text.Append(Format(array.Keys, i) ?? "NULL").Append('=').Append(Format(array.Values, i) ?? "NULL");
        }
        return text.Append('}').ToString();
    }
}
