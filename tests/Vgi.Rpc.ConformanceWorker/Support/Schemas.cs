using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>
/// Every Arrow type and schema of the conformance service, derived from vgi-rpc's Python → Arrow
/// mapping (vgi-rpc-wire.md §3.2): <c>str</c> → utf8, <c>int</c> → int64, <c>float</c> → float64,
/// <c>T | None</c> → nullable, Enum → dictionary&lt;int16, utf8&gt;, <c>list[T]</c> → list&lt;item: T&gt;,
/// <c>dict[K, V]</c> → map&lt;K, V&gt;, a dataclass field → struct, a dataclass parameter or result →
/// binary (an IPC stream of one row). Stream data schemas are declared with pyarrow's default
/// (nullable) fields; dataclass fields follow their annotations.
/// </summary>
public static class Schemas
{
    public static Field F(string name, IArrowType type, bool nullable = false) => new(name, type, nullable);

    public static Schema Of(params Field[] fields) => new(fields, null);

    /// <summary><c>list[T]</c>: child field <c>item</c>, nullable.</summary>
    public static ListType ListOf(IArrowType item) => new(new Field("item", item, true));

    /// <summary><c>dict[K, V]</c>: <c>entries</c> struct, key not null, value nullable, unsorted.</summary>
    public static MapType MapOf(IArrowType key, IArrowType value) => new(new Field("key", key, false), new Field("value", value, true), false);

    public static readonly StringType Utf8 = StringType.Default;
    public static readonly BinaryType Binary = BinaryType.Default;
    public static readonly Int64Type I64 = Int64Type.Default;
    public static readonly DoubleType F64 = DoubleType.Default;
    public static readonly BooleanType Bool = BooleanType.Default;

    public static readonly TimestampType TimestampUs = new(TimeUnit.Microsecond, (string?)null);
    public static readonly TimestampType TimestampUsUtc = new(TimeUnit.Microsecond, "UTC");
    public static readonly Time64Type TimeUs = new(TimeUnit.Microsecond);
    public static readonly DurationType DurationUs = DurationType.Microsecond;
    public static readonly Decimal128Type Decimal20x4 = new(20, 4);
    public static readonly FixedSizeBinaryType FixedBinary = new(8);
    public static readonly DictionaryType DictEncodedString = new(Int32Type.Default, StringType.Default, false);

    public static readonly MapType Utf8Int64Map = MapOf(Utf8, I64);

    /// <summary>A scalar parameter named <c>value</c>.</summary>
    public static Schema Value(IArrowType type, bool nullable = false) => Of(F("value", type, nullable));

    /// <summary><c>{result: T}</c>: not null unless the annotation is optional.</summary>
    public static Schema Result(IArrowType type, bool nullable = false) => RpcSchemas.Result(type, nullable);

    /// <summary>A dataclass result: <c>pa.field("result", pa.binary())</c>, nullable by pyarrow's default.</summary>
    public static readonly Schema DataclassResult = RpcSchemas.Result(Binary, true);

    // ------------------------------------------------------------------ dataclasses

    /// <summary><c>Point(x: float, y: float)</c>.</summary>
    public static readonly Schema Point = Of(F("x", F64), F("y", F64));

    public static readonly StructType PointStruct = new([.. Point.FieldsList]);

    /// <summary><c>BoundingBox(min: Point, max: Point, label: str)</c>; nested dataclasses are structs.</summary>
    public static readonly Schema BoundingBox = Of(F("min", PointStruct), F("max", PointStruct), F("label", Utf8));

    /// <summary>
    /// <c>AllTypes</c>: one field of each basic annotation, optional fields, an enum, a nested
    /// dataclass and a <c>frozenset[str]</c> (list).
    /// </summary>
    public static readonly Schema AllTypes = Of(
        F("str_field", Utf8),
        F("bytes_field", Binary),
        F("int_field", I64),
        F("float_field", F64),
        F("bool_field", Bool),
        F("list_field", ListOf(I64)),
        F("dict_field", Utf8Int64Map),
        F("enum_field", Status.Type),
        F("point_field", PointStruct),
        F("set_field", ListOf(Utf8)),
        F("nested_list_field", ListOf(ListOf(I64))),
        F("optional_str", Utf8, true),
        F("optional_int", I64, true),
        F("optional_float", F64, true),
        F("optional_point", PointStruct, true),
        F("optional_list", ListOf(Utf8), true));

    /// <summary><c>WideTypes</c>: every <c>Annotated[..., ArrowType(...)]</c> scalar of the annotated group.</summary>
    public static readonly Schema WideTypes = Of(
        F("int8_field", Int8Type.Default),
        F("int16_field", Int16Type.Default),
        F("int32_field", Int32Type.Default),
        F("uint8_field", UInt8Type.Default),
        F("uint16_field", UInt16Type.Default),
        F("uint32_field", UInt32Type.Default),
        F("uint64_field", UInt64Type.Default),
        F("float32_field", FloatType.Default),
        F("date_field", Date32Type.Default),
        F("timestamp_field", TimestampUs),
        F("timestamp_utc_field", TimestampUsUtc),
        F("time_field", TimeUs),
        F("duration_field", DurationUs),
        F("decimal_field", Decimal20x4),
        F("large_string_field", LargeStringType.Default),
        F("large_binary_field", LargeBinaryType.Default),
        F("fixed_binary_field", FixedBinary),
        F("optional_int32_field", Int32Type.Default, true));

    /// <summary><c>ContainerWideTypes</c>: the wide types inside lists, maps and structs.</summary>
    public static readonly Schema ContainerWideTypes = Of(
        F("int32_list", ListOf(Int32Type.Default)),
        F("float32_map", MapOf(Utf8, FloatType.Default)),
        F("timestamp_list", ListOf(TimestampUsUtc)),
        F("decimal_list", ListOf(Decimal20x4)),
        F("date_list", ListOf(Date32Type.Default), true),
        F("list_map", MapOf(Utf8, ListOf(I64))),
        F("point_list", ListOf(PointStruct)),
        F("uint8_struct", new StructType([F("small", UInt8Type.Default), F("big", UInt64Type.Default)])));

    /// <summary><c>EmbeddedArrow(schema: pa.Schema, batch: pa.RecordBatch)</c>: both binary.</summary>
    public static readonly Schema EmbeddedArrow = Of(F("schema", Binary), F("batch", Binary));

    public static readonly StructType DeepLeaf = new([F("tags", MapOf(Utf8, ListOf(I64))), F("point", PointStruct, true)]);

    public static readonly StructType DeepLevel = new([F("name", Utf8), F("children", ListOf(DeepLeaf))]);

    /// <summary><c>DeepNested</c>: lists of structs of lists of structs of maps of lists, and a 3-d list.</summary>
    public static readonly Schema DeepNested = Of(
        F("levels", ListOf(DeepLevel)),
        F("matrix", ListOf(ListOf(ListOf(F64)))),
        F("box", new StructType([F("min", PointStruct), F("max", PointStruct), F("label", Utf8)])));

    /// <summary><c>CancelProbeCounters(producer_cancels: int, exchange_cancels: int)</c>.</summary>
    public static readonly Schema CancelCounters = Of(F("producer_cancels", I64), F("exchange_cancels", I64));

    // ------------------------------------------------------------------ stream schemas and headers

    /// <summary>Output of the counting producers: <c>{index: int64, value: int64}</c>.</summary>
    public static readonly Schema Counter = Of(F("index", I64, true), F("value", I64, true));

    /// <summary>Input and output of the scaling exchanges: <c>{value: float64}</c>.</summary>
    public static readonly Schema FloatValue = Of(F("value", F64, true));

    public static readonly Schema Accumulated = Of(F("running_sum", F64, true), F("exchange_count", I64, true));

    public static readonly Schema RowCount = Of(F("row_count", I64, true));

    public static readonly Schema Payload = Of(F("index", I64, true), F("payload", Binary, true));

    public static readonly Schema TickIndex = Of(F("index", I64, true));

    /// <summary><c>ConformanceHeader(total_expected: int, description: str)</c>.</summary>
    public static readonly Schema Header = Of(F("total_expected", I64), F("description", Utf8));

    /// <summary><c>ExchangeHeader(factor: float)</c>.</summary>
    public static readonly Schema ExchangeHeader = Of(F("factor", F64));

    /// <summary><c>RichHeader</c>: a header with one field of many kinds, all derived from a seed.</summary>
    public static readonly Schema RichHeader = Of(
        F("str_field", Utf8),
        F("bytes_field", Binary),
        F("int_field", I64),
        F("float_field", F64),
        F("bool_field", Bool),
        F("list_field", ListOf(I64)),
        F("dict_field", Utf8Int64Map),
        F("enum_field", Status.Type),
        F("point_field", PointStruct),
        F("int32_field", Int32Type.Default),
        F("timestamp_field", TimestampUsUtc),
        F("optional_str", Utf8, true),
        F("optional_int", I64, true));
}
