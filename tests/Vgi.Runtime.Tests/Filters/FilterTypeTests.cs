using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Functions;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Tests.Filters.FilterData;

namespace Vgi.Tests.Filters;

/// <summary>
/// Comparisons on every mapped column type with SQL three-valued semantics (a NULL value matches
/// nothing), and across constant types: widths, scales, units and families DuckDB may pair.
/// </summary>
public sealed class FilterTypeTests
{
    private static readonly long?[] Signed = [-5, -1, 0, 1, 5, null];
    private static readonly long?[] Unsigned = [0, 1, 5, 200, null];

    private static IArrowArray Ints(string type, long?[] values)
    {
        switch (type)
        {
            case "int8": { var b = new Int8Array.Builder(); foreach (var v in values) b.Append((sbyte?)v); return b.Build(); }
            case "int16": { var b = new Int16Array.Builder(); foreach (var v in values) b.Append((short?)v); return b.Build(); }
            case "int32": { var b = new Int32Array.Builder(); foreach (var v in values) b.Append((int?)v); return b.Build(); }
            case "int64": return I64(values);
            case "uint8": { var b = new UInt8Array.Builder(); foreach (var v in values) b.Append((byte?)v); return b.Build(); }
            case "uint16": { var b = new UInt16Array.Builder(); foreach (var v in values) b.Append((ushort?)v); return b.Build(); }
            case "uint32": { var b = new UInt32Array.Builder(); foreach (var v in values) b.Append((uint?)v); return b.Build(); }
            case "uint64": { var b = new UInt64Array.Builder(); foreach (var v in values) b.Append((ulong?)v); return b.Build(); }
            default: throw new ArgumentException(type);
        }
    }

    [Theory]
    [InlineData("int8", "int64", "gt", 0, new[] { 3, 4 })]
    [InlineData("int16", "int32", "ge", -1, new[] { 1, 2, 3, 4 })]
    [InlineData("int32", "int8", "lt", 0, new[] { 0, 1 })]
    [InlineData("int64", "int16", "le", -5, new[] { 0 })]
    [InlineData("int64", "uint8", "eq", 5, new[] { 4 })]
    [InlineData("int32", "int64", "ne", 0, new[] { 0, 1, 3, 4 })]
    public void SignedColumns_AnyConstantWidth(string column, string constant, string op, long value, int[] expected) =>
        Assert.Equal(expected, Where(Ints(column, Signed), op, Ints(constant, [value])));

    [Theory]
    [InlineData("uint8", "int64", "gt", 1, new[] { 2, 3 })]
    [InlineData("uint16", "int32", "le", 5, new[] { 0, 1, 2 })]
    [InlineData("uint32", "uint64", "eq", 200, new[] { 3 })]
    [InlineData("uint64", "int8", "ge", 0, new[] { 0, 1, 2, 3 })]
    public void UnsignedColumns_AnyConstantWidth(string column, string constant, string op, long value, int[] expected) =>
        Assert.Equal(expected, Where(Ints(column, Unsigned), op, Ints(constant, [value])));

    [Theory]
    [InlineData("gt", new int[0])]
    [InlineData("ge", new int[0])]
    [InlineData("eq", new int[0])]
    [InlineData("ne", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("lt", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("le", new[] { 0, 1, 2, 3, 4 })]
    public void ConstantAboveTheColumnRange_DecidesEveryNonNullRow(string op, int[] expected)
    {
        Assert.Equal(expected, Where(Ints("int32", Signed), op, I64(3_000_000_000)));
        Assert.Equal(expected, Where(Ints("int8", Signed), op, I64(128)));
    }

    [Theory]
    [InlineData("gt", new[] { 0, 1, 2, 3 })]
    [InlineData("eq", new int[0])]
    [InlineData("le", new int[0])]
    public void NegativeConstant_AgainstUnsigned(string op, int[] expected) =>
        Assert.Equal(expected, Where(Ints("uint8", Unsigned), op, I64(-1)));

    [Fact]
    public void UInt64Extremes()
    {
        var column = new UInt64Array.Builder().Append(ulong.MaxValue).Append(0).AppendNull().Build();
        Assert.Equal([0], Where(column, "gt", I64(long.MaxValue)));
        Assert.Equal([0], Where(column, "eq", new UInt64Array.Builder().Append(ulong.MaxValue).Build()));
        Assert.Equal([0, 1], Where(column, "gt", I64(-1)));
        Assert.Equal([0, 1], Where(I64(long.MaxValue, long.MinValue), "lt", new UInt64Array.Builder().Append(ulong.MaxValue).Build()));
    }

    [Theory]
    [InlineData("eq", new int[0])]
    [InlineData("ne", new[] { 0, 1, 2, 3, 4 })]
    [InlineData("gt", new[] { 4 })]
    [InlineData("ge", new[] { 4 })]
    [InlineData("lt", new[] { 0, 1, 2, 3 })]
    [InlineData("le", new[] { 0, 1, 2, 3 })]
    public void IntegerColumn_FractionalConstants(string op, int[] expected)
    {
        // 2.5 as a double and as DECIMAL(4,2) 2.50: no integer equals it.
        Assert.Equal(expected, Where(Ints("int64", Signed), op, new DoubleArray.Builder().Append(2.5).Build()));
        var dec = new Decimal128Array.Builder(new Decimal128Type(4, 2)).Append(2.50m).Build();
        Assert.Equal(expected, Where(Ints("int16", Signed), op, dec));
    }

    [Fact]
    public void IntegerColumn_NaNConstantIsAboveEverything()
    {
        var nan = new DoubleArray.Builder().Append(double.NaN).Build();
        Assert.Empty(Where(Ints("int64", Signed), "gt", nan));
        Assert.Equal([0, 1, 2, 3, 4], Where(Ints("int64", Signed), "lt", nan));
    }

    private static DoubleArray Doubles() => new DoubleArray.Builder()
        .Append(double.NegativeInfinity).Append(-1.5).Append(-0.0).Append(0.0).Append(2.5).Append(double.NaN).Append(double.PositiveInfinity).AppendNull().Build();

    [Theory]
    [InlineData("eq", 0.0, new[] { 2, 3 })]
    [InlineData("gt", 2.5, new[] { 5, 6 })]
    [InlineData("ge", 2.5, new[] { 4, 5, 6 })]
    [InlineData("lt", -1.5, new[] { 0 })]
    [InlineData("ne", 0.0, new[] { 0, 1, 4, 5, 6 })]
    [InlineData("eq", double.NaN, new[] { 5 })]
    [InlineData("lt", double.NaN, new[] { 0, 1, 2, 3, 4, 6 })]
    [InlineData("gt", double.PositiveInfinity, new[] { 5 })]
    public void DoubleColumn_DuckDbOrder(string op, double value, int[] expected) =>
        Assert.Equal(expected, Where(Doubles(), op, new DoubleArray.Builder().Append(value).Build()));

    [Fact]
    public void FloatColumns_AgainstFloatIntegerAndDecimalConstants()
    {
        var floats = new FloatArray.Builder().Append(0.1f).Append(0.2f).AppendNull().Append(3f).Build();
        Assert.Equal([0], Where(floats, "eq", new FloatArray.Builder().Append(0.1f).Build()));
        Assert.Equal([3], Where(floats, "ge", I64(3)));
        Assert.Equal([1, 3], Where(floats, "gt", new Decimal128Array.Builder(new Decimal128Type(3, 2)).Append(0.15m).Build()));
        var half = new HalfFloatArray.Builder().Append((Half)1.5).Append((Half)(-2)).Build();
        Assert.Equal([0], Where(half, "gt", new DoubleArray.Builder().Append(0).Build()));
    }

    [Fact]
    public void BooleanColumn_BoolAndBool8Constants()
    {
        var column = new BooleanArray.Builder().Append(true).Append(false).AppendNull().Append(true).Build();
        Assert.Equal([0, 3], Where(column, "eq", new BooleanArray.Builder().Append(true).Build()));
        Assert.Equal([0, 3], Where(column, "eq", new Int8Array.Builder().Append((sbyte)1).Build(), "arrow.bool8"));
        Assert.Equal([1], Where(column, "ne", new Int8Array.Builder().Append((sbyte)1).Build(), "arrow.bool8"));
        Assert.Equal([0, 3], Where(column, "gt", new BooleanArray.Builder().Append(false).Build()));
        Assert.Equal([1], Where(column, "lt", new BooleanArray.Builder().Append(true).Build()));
    }

    [Fact]
    public void StringColumns_CompareBytewise()
    {
        string?[] values = ["apple", "banana", "", null, "äpfel", "b"];
        foreach (var column in new IArrowArray[] { Str(values), LargeStr(values) })
        {
            Assert.Equal([5], Where(column, "eq", Str("b")));
            Assert.Equal([1, 4], Where(column, "gt", Str("b")));            // "banana" > "b"; 'ä' (0xC3) sorts above ASCII
            Assert.Equal([0, 2], Where(column, "lt", Str("b")));
            Assert.Equal([0, 1, 2, 4], Where(column, "ne", Str("b")));
            Assert.Equal([2], Where(column, "le", Str("")));
        }
    }

    [Fact]
    public void LikePrefix_AsSent_AndGeLt()
    {
        // §3.4: WHERE b LIKE 'b1%' → and(ge "b1", lt "b2").
        string json = """[{"column_name":"b","column_index":0,"type":"and","children":[""" + CompareNode("b", "ge", 0) + "," + CompareNode("b", "lt", 1) + "]}]";
        var result = TableFilters.Decode(Filter(json, Str("b1"), Str("b2"))).Apply(Tri(25, "b"));
        var b = (StringArray)result.Column(0);
        Assert.Equal(["b1", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "b17", "b18", "b19"], Enumerable.Range(0, b.Length).Select(i => b.GetString(i)));
    }

    [Fact]
    public void BinaryColumns_CompareBytewise()
    {
        var binary = new BinaryArray.Builder().Append([0x00]).Append([0x01, 0x02]).Append([0xff]).Append([]).AppendNull().Build();
        var constant = new BinaryArray.Builder().Append([0x01]).Build();
        Assert.Equal([1, 2], Where(binary, "gt", constant));
        Assert.Equal([0, 3], Where(binary, "lt", constant));
        var large = new LargeBinaryArray.Builder().Append([0x01]).Append([0x02]).Build();
        Assert.Equal([0], Where(large, "eq", constant));
        var fixedSize = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(2), 2, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(new byte[] { 0x01, 0x00, 0x00, 0x01 })], []));
        Assert.Equal([0], Where(fixedSize, "gt", new BinaryArray.Builder().Append([0x00, 0xff]).Build()));
        // A fixed-size binary (UUID) column never compares with text spelling a value.
        Assert.Throws<NotSupportedException>(() => Where(fixedSize, "eq", Str("0100")));
    }

    private static Date32Array Dates(params string?[] values)
    {
        var b = new Date32Array.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(DateOnly.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
        }
        return b.Build();
    }

    private static TimestampArray Timestamps(TimeUnit unit, params long?[] values)
    {
        var type = new TimestampType(unit, "UTC");
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        var data = b.Build().Data;
        return new TimestampArray(new ArrayData(type, data.Length, data.NullCount, 0, data.Buffers, []));
    }

    private static readonly long Day = 86_400L;

    [Fact]
    public void DateColumns_AgainstDatesAndTimestamps()
    {
        var dates = Dates("2024-01-01", "2024-06-15", "2025-01-01", null);
        Assert.Equal([1, 2], Where(dates, "ge", Dates("2024-06-15")));
        long noonJune15Us = (new DateTimeOffset(2024, 6, 15, 12, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds()) * 1_000_000;
        var noon = Timestamps(TimeUnit.Microsecond, noonJune15Us);
        Assert.Equal([2], Where(dates, "gt", noon));
        Assert.Equal([2], Where(dates, "ge", noon));
        Assert.Equal([0, 1], Where(dates, "lt", noon));
        Assert.Empty(Where(dates, "eq", noon));

        var date64 = new Date64Array.Builder().Append(new DateTime(2024, 6, 15, 0, 0, 0, DateTimeKind.Utc)).Append(new DateTime(2024, 6, 14, 0, 0, 0, DateTimeKind.Utc)).Build();
        Assert.Equal([0], Where(date64, "eq", Dates("2024-06-15")));
    }

    [Fact]
    public void TimestampColumns_AcrossUnitsAndDates()
    {
        long t0 = 1_700_000_000L * 1_000_000; // µs
        var column = Timestamps(TimeUnit.Microsecond, t0, t0 + 1, t0 + 1_000, null);
        Assert.Equal([2], Where(column, "eq", Timestamps(TimeUnit.Millisecond, t0 / 1_000 + 1)));
        Assert.Equal([1, 2], Where(column, "gt", Timestamps(TimeUnit.Nanosecond, t0 * 1_000 + 500)));
        Assert.Empty(Where(column, "eq", Timestamps(TimeUnit.Nanosecond, t0 * 1_000 + 500)));
        Assert.Equal([0, 1, 2], Where(column, "ge", Timestamps(TimeUnit.Second, t0 / 1_000_000)));

        long midnight = 19_889 * Day * 1_000_000; // 2024-06-15 in µs
        var around = Timestamps(TimeUnit.Microsecond, midnight - 1, midnight, midnight + 1);
        Assert.Equal([1, 2], Where(around, "ge", Dates("2024-06-15")));
        Assert.Equal([0], Where(around, "lt", Dates("2024-06-15")));
    }

    [Fact]
    public void TimeAndDurationColumns()
    {
        var times = new Time64Array.Builder(TimeUnit.Microsecond).Append(3_600_000_000L).Append(3_600_000_001L).Append(7_200_000_000L).Build();
        var oneHour = new Time32Array.Builder(TimeUnit.Second).Append(3_600).Build();
        Assert.Equal([1, 2], Where(times, "gt", oneHour));
        Assert.Equal([0], Where(times, "eq", oneHour));

        var durations = new DurationArray(new ArrayData(DurationType.Millisecond, 2, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(BitConverter.GetBytes(1_500L).Concat(BitConverter.GetBytes(3_000L)).ToArray())], []));
        var twoSeconds = new DurationArray(new ArrayData(DurationType.Second, 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(BitConverter.GetBytes(2L))], []));
        Assert.Equal([1], Where(durations, "gt", twoSeconds));
        Assert.Throws<NotSupportedException>(() => Where(durations, "gt", oneHour));
    }

    [Fact]
    public void DecimalColumns_AcrossScalesAndFamilies()
    {
        var column = new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(1.25m).Append(2.50m).Append(3.00m).Append(-0.01m).AppendNull().Build();
        Assert.Equal([1], Where(column, "eq", new Decimal128Array.Builder(new Decimal128Type(5, 3)).Append(2.500m).Build()));
        Assert.Equal([2], Where(column, "gt", new Decimal128Array.Builder(new Decimal128Type(5, 3)).Append(2.505m).Build()));
        Assert.Empty(Where(column, "eq", new Decimal128Array.Builder(new Decimal128Type(5, 3)).Append(2.505m).Build()));
        Assert.Equal([2], Where(column, "eq", I64(3)));
        Assert.Equal([1], Where(column, "eq", new DoubleArray.Builder().Append(2.5).Build()));
        Assert.Equal([0, 3], Where(column, "lt", new Decimal128Array.Builder(new Decimal128Type(3, 1)).Append(1.3m).Build()));
        Assert.Equal([2], Where(Ints("int64", [1, 2, 3]), "eq", new Decimal128Array.Builder(new Decimal128Type(4, 2)).Append(3.00m).Build()));
    }

    [Fact]
    public void HugeintExtensionConstant_ReadsThroughItsStorage()
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt128LittleEndian(bytes, 5);
        var hugeint = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(16), 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)], []));
        Assert.Equal([4], Where(Ints("int64", Signed), "eq", hugeint, "duckdb.hugeint"));
    }

    [Fact]
    public void NullConstant_MatchesNothing()
    {
        Assert.Empty(Where(Ints("int64", Signed), "eq", I64([null])));
        Assert.Empty(Where(Ints("int64", Signed), "ne", I64([null])));
    }

    [Fact]
    public void IncompatibleFamilies_AreErrorsNotWrongRows()
    {
        var e = Assert.Throws<NotSupportedException>(() => Where(Str("1", "2"), "eq", I64(1)));
        Assert.Contains("column 'v' is utf8", e.Message);
        Assert.Throws<NotSupportedException>(() => Where(I64(1), "eq", Str("1")));
        var list = new ListArray.Builder(Int64Type.Default).Append().Build();
        Assert.Throws<NotSupportedException>(() => Where(list, "eq", I64(1)));
    }

    [Fact]
    public void DictionaryColumn_IsEvaluatedOnItsDictionary()
    {
        var dictionary = Str("x", "y", null);
        var indices = I32(0, 1, 0, null, 2);
        var column = new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), indices, dictionary);
        Assert.Equal([0, 2], Where(column, "eq", Str("x")));
        Assert.Equal([3, 4], Ids(TableFilters.Decode(Filter("""[{"column_name":"v","column_index":0,"type":"is_null"}]""")), WithIds(column)));
        var keys = TableFilters.Decode(Filter("""[{"column_name":"v","column_index":0,"type":"join_keys","keys_column":"v"}]"""), [JoinKeys("v", Str("y"))]);
        Assert.Equal([1], Ids(keys, WithIds(column)));
    }

    private static LargeStringArray LargeStr(string?[] values)
    {
        var b = new LargeStringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }
}
