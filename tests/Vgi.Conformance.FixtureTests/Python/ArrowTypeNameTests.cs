using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>pyarrow's <c>str(DataType)</c> spellings (fixtures.md §6.3).</summary>
public sealed class ArrowTypeNameTests
{
    public static TheoryData<IArrowType, string> Primitives => new()
    {
        { NullType.Default, "null" },
        { BooleanType.Default, "bool" },
        { Int8Type.Default, "int8" },
        { Int16Type.Default, "int16" },
        { Int32Type.Default, "int32" },
        { Int64Type.Default, "int64" },
        { UInt8Type.Default, "uint8" },
        { UInt16Type.Default, "uint16" },
        { UInt32Type.Default, "uint32" },
        { UInt64Type.Default, "uint64" },
        { HalfFloatType.Default, "halffloat" },
        { FloatType.Default, "float" },
        { DoubleType.Default, "double" },
        { StringType.Default, "string" },
        { LargeStringType.Default, "large_string" },
        { BinaryType.Default, "binary" },
        { LargeBinaryType.Default, "large_binary" },
        { new FixedSizeBinaryType(16), "fixed_size_binary[16]" },
        { Date32Type.Default, "date32[day]" },
        { Date64Type.Default, "date64[ms]" },
        { new TimestampType(TimeUnit.Microsecond, (string?)null), "timestamp[us]" },
        { new TimestampType(TimeUnit.Millisecond, "UTC"), "timestamp[ms, tz=UTC]" },
        { new TimestampType(TimeUnit.Nanosecond, "America/New_York"), "timestamp[ns, tz=America/New_York]" },
        { new Time32Type(TimeUnit.Second), "time32[s]" },
        { new Time32Type(TimeUnit.Millisecond), "time32[ms]" },
        { new Time64Type(TimeUnit.Microsecond), "time64[us]" },
        { new Time64Type(TimeUnit.Nanosecond), "time64[ns]" },
        { DurationType.Nanosecond, "duration[ns]" },
        { DurationType.Second, "duration[s]" },
        { IntervalType.MonthDayNanosecond, "month_day_nano_interval" },
        { IntervalType.YearMonth, "month_interval" },
        { IntervalType.DayTime, "day_time_interval" },
        { new Decimal128Type(10, 2), "decimal128(10, 2)" },
        { new Decimal256Type(40, 5), "decimal256(40, 5)" },
        { GuidType.Default, "extension<arrow.uuid>" },
        { Bool8Type.Default, "extension<arrow.bool8>" },
    };

    [Theory]
    [MemberData(nameof(Primitives))]
    public void Primitive(IArrowType type, string expected) => Assert.Equal(expected, PyText.ArrowTypeName(type));

    [Fact]
    public void Nested()
    {
        Assert.Equal("list<item: int64>", PyText.ArrowTypeName(new ListType(Int64Type.Default)));
        Assert.Equal("list<item: int64 not null>", PyText.ArrowTypeName(new ListType(new Field("item", Int64Type.Default, false))));
        Assert.Equal("list<element: string>", PyText.ArrowTypeName(new ListType(new Field("element", StringType.Default, true))));
        Assert.Equal("large_list<item: double>", PyText.ArrowTypeName(new LargeListType(DoubleType.Default)));
        Assert.Equal("fixed_size_list<item: double>[2]", PyText.ArrowTypeName(new FixedSizeListType(new Field("item", DoubleType.Default, true), 2)));
        Assert.Equal("struct<a: int64 not null, b: string>", PyText.ArrowTypeName(new StructType(
            [new Field("a", Int64Type.Default, false), new Field("b", StringType.Default, true)])));
        Assert.Equal("struct<p: struct<lat: double, lon: double>, l: list<item: int32>>", PyText.ArrowTypeName(new StructType(
        [
            new Field("p", new StructType([new Field("lat", DoubleType.Default, true), new Field("lon", DoubleType.Default, true)]), true),
            new Field("l", new ListType(Int32Type.Default), true),
        ])));
        Assert.Equal("map<string, int64>", PyText.ArrowTypeName(new MapType(StringType.Default, Int64Type.Default)));
        Assert.Equal("map<string, int64, keys_sorted>", PyText.ArrowTypeName(new MapType(StringType.Default, Int64Type.Default, true, true)));
        Assert.Equal("dictionary<values=string, indices=int8, ordered=0>", PyText.ArrowTypeName(new DictionaryType(Int8Type.Default, StringType.Default, false)));
        Assert.Equal("dictionary<values=string, indices=int32, ordered=1>", PyText.ArrowTypeName(new DictionaryType(Int32Type.Default, StringType.Default, true)));
    }

    [Fact]
    public void NotNullable_AppendsNotNull() => Assert.Equal("int64 not null", PyText.ArrowTypeName(Int64Type.Default, nullable: false));
}
