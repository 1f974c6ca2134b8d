using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Conformance.Fixtures.Python;

public static partial class PyText
{
    /// <summary>
    /// pyarrow's <c>str(DataType)</c> (Arrow C++ <c>ToString</c>): <c>int64</c>, <c>string</c>,
    /// <c>timestamp[ms, tz=UTC]</c>, <c>decimal128(10, 2)</c>, <c>list&lt;item: int64&gt;</c>,
    /// <c>struct&lt;a: int64 not null, b: string&gt;</c>, <c>extension&lt;arrow.uuid&gt;</c>, …
    /// </summary>
    /// <param name="type">The Arrow type.</param>
    /// <param name="nullable">False appends <c> not null</c>, as a non-nullable field's type is shown inside a nested type.</param>
    public static string ArrowTypeName(IArrowType type, bool nullable = true)
    {
        ArgumentNullException.ThrowIfNull(type);
        string name = TypeName(type);
        return nullable ? name : name + " not null";
    }

    private static string TypeName(IArrowType type) => type switch
    {
        ExtensionType e => "extension<" + e.Name + ">",
        NullType => "null",
        BooleanType => "bool",
        Int8Type => "int8",
        Int16Type => "int16",
        Int32Type => "int32",
        Int64Type => "int64",
        UInt8Type => "uint8",
        UInt16Type => "uint16",
        UInt32Type => "uint32",
        UInt64Type => "uint64",
        HalfFloatType => "halffloat",
        FloatType => "float",
        DoubleType => "double",
        StringType => "string",
        LargeStringType => "large_string",
        StringViewType => "string_view",
        BinaryType => "binary",
        LargeBinaryType => "large_binary",
        BinaryViewType => "binary_view",
        Date32Type => "date32[day]",
        Date64Type => "date64[ms]",
        TimestampType t => string.IsNullOrEmpty(t.Timezone) ? $"timestamp[{Unit(t.Unit)}]" : $"timestamp[{Unit(t.Unit)}, tz={t.Timezone}]",
        Time32Type t => $"time32[{Unit(t.Unit)}]",
        Time64Type t => $"time64[{Unit(t.Unit)}]",
        DurationType t => $"duration[{Unit(t.Unit)}]",
        IntervalType t => t.Unit switch
        {
            IntervalUnit.YearMonth => "month_interval",
            IntervalUnit.DayTime => "day_time_interval",
            _ => "month_day_nano_interval",
        },
        Decimal32Type t => $"decimal32({Num(t.Precision)}, {Num(t.Scale)})",
        Decimal64Type t => $"decimal64({Num(t.Precision)}, {Num(t.Scale)})",
        Decimal128Type t => $"decimal128({Num(t.Precision)}, {Num(t.Scale)})",
        Decimal256Type t => $"decimal256({Num(t.Precision)}, {Num(t.Scale)})",
        FixedSizeBinaryType t => $"fixed_size_binary[{Num(t.ByteWidth)}]",
        MapType t => MapName(t),
        ListType t => "list<" + FieldText(t.ValueField) + ">",
        LargeListType t => "large_list<" + FieldText(t.ValueField) + ">",
        ListViewType t => "list_view<" + FieldText(t.ValueField) + ">",
        LargeListViewType t => "large_list_view<" + FieldText(t.ValueField) + ">",
        FixedSizeListType t => "fixed_size_list<" + FieldText(t.ValueField) + ">[" + Num(t.ListSize) + "]",
        StructType t => "struct<" + string.Join(", ", t.Fields.Select(FieldText)) + ">",
        UnionType t => (t.Mode == UnionMode.Dense ? "dense_union<" : "sparse_union<")
            + string.Join(", ", t.Fields.Select((f, i) => FieldText(f) + "=" + Num(t.TypeIds[i]))) + ">",
        DictionaryType t => $"dictionary<values={TypeName(t.ValueType)}, indices={TypeName(t.IndexType)}, ordered={(t.Ordered ? 1 : 0)}>",
        RunEndEncodedType t => "run_end_encoded<run_ends: " + TypeName(t.RunEndsDataType) + ", values: " + TypeName(t.ValuesDataType) + ">",
        _ => type.Name,
    };

    /// <summary>Arrow C++ <c>Field::ToString</c>: <c>name: type[ not null]</c>.</summary>
    private static string FieldText(Field field) => field.Name + ": " + ArrowTypeName(field.DataType, field.IsNullable);

    /// <summary><c>map&lt;K, V[, keys_sorted]&gt;</c> (no nullability shown); a field name other than the standard key/value/entries is shown as <c> ('name')</c>.</summary>
    private static string MapName(MapType t)
    {
        var entries = t.Fields.Count > 0 ? t.Fields[0] : null;
        string text = "map<" + ArrowTypeName(t.KeyField.DataType) + NonStandard(t.KeyField.Name, "key")
            + ", " + ArrowTypeName(t.ValueField.DataType) + NonStandard(t.ValueField.Name, "value");
        if (t.KeySorted) text += ", keys_sorted";
        if (entries is not null) text += NonStandard(entries.Name, "entries");
        return text + ">";
    }

    private static string NonStandard(string name, string standard) => name == standard ? "" : " ('" + name + "')";

    private static string Unit(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
