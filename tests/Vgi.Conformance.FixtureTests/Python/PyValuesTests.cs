using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Scalars;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>pyarrow <c>.as_py()</c> stand-ins for one element, and their Python <c>str()</c>.</summary>
public sealed class PyValuesTests
{
    [Fact]
    public void Integers_AreLongOrULong()
    {
        var ints = new Int64Array.Builder().Append(-5).AppendNull().Build();
        Assert.Equal(-5L, PyValues.Get(ints, 0));
        Assert.Null(PyValues.Get(ints, 1));
        Assert.Equal(-3L, PyValues.Get(new Int8Array.Builder().Append(-3).Build(), 0));
        Assert.Equal(7L, PyValues.Get(new Int32Array.Builder().Append(7).Build(), 0));
        Assert.Equal(ulong.MaxValue, PyValues.Get(new UInt64Array.Builder().Append(ulong.MaxValue).Build(), 0));
        Assert.Equal(200UL, PyValues.Get(new UInt8Array.Builder().Append(200).Build(), 0));
    }

    [Fact]
    public void Floats_KeepTheirWidth()
    {
        object? f32 = PyValues.Get(new FloatArray.Builder().Append(0.1f).Build(), 0);
        Assert.IsType<float>(f32);
        Assert.Equal("0.10000000149011612", PyText.Str(f32));
        Assert.Equal(2.5, PyValues.Get(new DoubleArray.Builder().Append(2.5).Build(), 0));
        Assert.Equal(1.5, PyValues.Get(new HalfFloatArray.Builder().Append((Half)1.5).Build(), 0));
        Assert.Equal(true, PyValues.Get(new BooleanArray.Builder().Append(true).Build(), 0));
    }

    [Fact]
    public void StringsAndBinary()
    {
        Assert.Equal("héllo", PyValues.Get(new StringArray.Builder().Append("héllo").Build(), 0));
        Assert.Equal("x", PyValues.Get(new LargeStringArray.Builder().Append("x").Build(), 0));
        var bytes = PyValues.Get(new BinaryArray.Builder().Append([1, 2, (byte)'a']).Build(), 0);
        Assert.Equal(new byte[] { 1, 2, (byte)'a' }, bytes);
        Assert.Equal("b'\\x01\\x02a'", PyText.Str(bytes));
    }

    [Fact]
    public void Decimals_KeepScale()
    {
        var array = new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(1.5m).Append(-0.25m).Build();
        Assert.Equal("1.50", PyText.Str(PyValues.Get(array, 0)));
        Assert.IsType<decimal>(PyValues.Get(array, 0));
        Assert.Equal("-0.25", PyText.Str(PyValues.Get(array, 1)));

        // 10^37 does not fit System.Decimal: a PyDecimal carries it.
        var big = BigInteger.Pow(10, 37);
        var raw = new byte[16];
        big.TryWriteBytes(raw, out _, isUnsigned: false, isBigEndian: false);
        var wide = new Decimal128Array(new ArrayData(new Decimal128Type(38, 2), 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(raw)]));
        Assert.Equal(new PyDecimal(big, 2), PyValues.Get(wide, 0));
        Assert.Equal("100000000000000000000000000000000000.00", PyText.Str(PyValues.Get(wide, 0)));
    }

    [Fact]
    public void Temporal()
    {
        Assert.Equal(new DateOnly(2024, 1, 2), PyValues.Get(new Date32Array.Builder().Append(new DateOnly(2024, 1, 2)).Build(), 0));
        Assert.Equal(new DateOnly(1969, 12, 31), PyValues.Get(new Date64Array.Builder().Append(new DateOnly(1969, 12, 31)).Build(), 0));

        var instant = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(60);
        var naive = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, (string?)null)).Append(instant).Build();
        var naiveValue = Assert.IsType<DateTime>(PyValues.Get(naive, 0));
        Assert.Equal("2026-01-02 03:04:05.000006", PyText.Str(naiveValue));

        var utc = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC")).Append(instant).Build();
        Assert.Equal("2026-01-02 03:04:05.000006+00:00", PyText.Str(Assert.IsType<DateTimeOffset>(PyValues.Get(utc, 0))));

        var offset = new TimestampArray.Builder(new TimestampType(TimeUnit.Second, "+05:30")).Append(instant).Build();
        Assert.Equal("2026-01-02 08:34:05+05:30", PyText.Str(PyValues.Get(offset, 0)));

        var time = new Time64Array.Builder(new Time64Type(TimeUnit.Microsecond)).Append(new TimeOnly(1, 2, 3).Add(TimeSpan.FromTicks(400))).Build();
        Assert.Equal("01:02:03.000040", PyText.Str(PyValues.Get(time, 0)));

        var duration = new DurationArray.Builder(DurationType.Nanosecond).Append(-1).Build();
        Assert.Equal("-1 day, 23:59:59.999999", PyText.Str(PyValues.Get(duration, 0)));
        var ms = new DurationArray.Builder(DurationType.Millisecond).Append(1500).Build();
        Assert.Equal(TimeSpan.FromMilliseconds(1500), PyValues.Get(ms, 0));

        var interval = new MonthDayNanosecondIntervalArray.Builder().Append(new MonthDayNanosecondInterval(1, 2, 3)).Build();
        Assert.Equal("MonthDayNano(months=1, days=2, nanoseconds=3)", PyText.Str(PyValues.Get(interval, 0)));
    }

    [Fact]
    public void ListsStructsMaps()
    {
        var listBuilder = new ListArray.Builder(Int64Type.Default);
        var values = (Int64Array.Builder)listBuilder.ValueBuilder;
        listBuilder.Append();
        values.Append(1).AppendNull().Append(3);
        listBuilder.AppendNull();
        listBuilder.Append();
        var lists = listBuilder.Build();
        Assert.Equal("[1, None, 3]", PyText.Str(PyValues.Get(lists, 0)));
        Assert.Null(PyValues.Get(lists, 1));
        Assert.Equal("[]", PyText.Str(PyValues.Get(lists, 2)));

        var structType = new StructType([new Field("a", Int64Type.Default, false), new Field("b", StringType.Default, true)]);
        var structs = new StructArray(structType, 2,
            [new Int64Array.Builder().Append(1).Append(2).Build(), new StringArray.Builder().Append("x").AppendNull().Build()],
            ArrowBuffer.Empty, 0);
        var dict = Assert.IsType<List<KeyValuePair<string, object?>>>(PyValues.Get(structs, 1));
        Assert.Equal("{'a': 2, 'b': None}", PyText.Str(dict));
        // A slice keeps its rows lined up with the struct's children.
        Assert.Equal("{'a': 2, 'b': None}", PyText.Str(PyValues.Get(ArrowArrayFactory.Slice(structs, 1, 1), 0)));

        var mapType = new MapType(StringType.Default, Int64Type.Default);
        var entries = new StructArray((StructType)mapType.Fields[0].DataType, 3,
            [new StringArray.Builder().Append("k1").Append("k2").Append("k3").Build(), new Int64Array.Builder().Append(1).Append(2).AppendNull().Build()],
            ArrowBuffer.Empty, 0);
        var offsets = new ArrowBuffer.Builder<int>().Append(0).Append(2).Append(3).Build();
        var maps = new MapArray(mapType, 2, offsets, entries, ArrowBuffer.Empty, 0);
        Assert.Equal("[('k1', 1), ('k2', 2)]", PyText.Str(PyValues.Get(maps, 0)));
        Assert.Equal("[('k3', None)]", PyText.Str(PyValues.Get(maps, 1)));
    }

    [Fact]
    public void DictionaryArrays_AreDecoded()
    {
        var dictionary = new StringArray.Builder().Append("red").Append("green").Append("blue").Build();
        var indices = new Int8Array.Builder().Append(2).AppendNull().Append(0).Build();
        var array = new DictionaryArray(new DictionaryType(Int8Type.Default, StringType.Default, false), indices, dictionary);
        Assert.Equal("blue", PyValues.Get(array, 0));
        Assert.Null(PyValues.Get(array, 1));
        Assert.Equal("red", PyValues.Get(array, 2));
    }

    [Fact]
    public void SlicedArrays_ReadTheirOwnRows()
    {
        var ints = new Int64Array.Builder().AppendRange([10, 11, 12, 13]).Build();
        Assert.Equal(12L, PyValues.Get(ArrowArrayFactory.Slice(ints, 2, 2), 0));
        var strings = new StringArray.Builder().AppendRange(["a", "b", "c"]).Build();
        Assert.Equal("c", PyValues.Get(ArrowArrayFactory.Slice(strings, 1, 2), 1));
    }

    [Fact]
    public void NullType_IsNone() => Assert.Null(PyValues.Get(new NullArray(2), 1));

    [Fact]
    public void FilterValues_ReadThroughExtensionTypes()
    {
        Assert.Equal(true, PyValues.Get(new FilterValue(new Int8Array.Builder().Append(1).Build(), 0, "arrow.bool8")));
        Assert.Equal(false, PyValues.Get(new FilterValue(new Int8Array.Builder().Append(0).Build(), 0, "arrow.bool8")));
        Assert.Null(PyValues.Get(new FilterValue(new Int8Array.Builder().AppendNull().Build(), 0, "arrow.bool8")));

        var uuid = Guid.Parse("12345678-1234-5678-9abc-def012345678");
        var uuidBytes = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(16), 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(uuid.ToByteArray(bigEndian: true))]));
        Assert.Equal(uuid, PyValues.Get(new FilterValue(uuidBytes, 0, "arrow.uuid")));

        var huge = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt128LittleEndian(huge, Int128.MinValue);
        var hugeArray = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(16), 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(huge)]));
        Assert.Equal((BigInteger)Int128.MinValue, PyValues.Get(new FilterValue(hugeArray, 0, "duckdb.hugeint")));
        Assert.Equal("170141183460469231731687303715884105728", PyText.Str(PyValues.Get(new FilterValue(hugeArray, 0, "duckdb.uhugeint"))));

        Assert.Equal(42L, PyValues.Get(new FilterValue(new Int32Array.Builder().Append(42).Build())));
    }
}
