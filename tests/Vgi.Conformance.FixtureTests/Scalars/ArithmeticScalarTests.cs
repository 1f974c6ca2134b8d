using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Scalars.ScalarHarness;
using static Vgi.Testing.Calls;

namespace Vgi.Conformance.FixtureTests.Scalars;

/// <summary>
/// The arithmetic fixtures end to end (fixtures.md §2.2, §6.1): the ANY-typed <c>add_values</c>,
/// <c>double</c> and <c>sum_values</c> bind to pyarrow's promoted types, wrap in the common type,
/// and fail pyarrow's safe casts with its messages; the fixed-type ones wrap in int64 and read
/// settings.
/// </summary>
public sealed class ArithmeticScalarTests
{
    private static Int8Array I8(params sbyte?[] values)
    {
        var b = new Int8Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    private static UInt8Array U8(params byte?[] values)
    {
        var b = new UInt8Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    private static UInt64Array U64(params ulong?[] values)
    {
        var b = new UInt64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    [Fact]
    public async Task AddValues_Int32_WrapsInInt32_ThenWidensToInt64()
    {
        var (output, result) = await CallOnceAsync("add_values", [I32([int.MaxValue, 1, null, -5]), I32([1, 2, 3, null])]);
        Assert.Equal(Int64Type.Default.TypeId, output.DataType.TypeId);
        Assert.Equal([int.MinValue, 3L, null, null], Longs(result));
    }

    [Fact]
    public async Task AddValues_Int8PlusUInt8_ComputesInInt16_ReturnsInt32()
    {
        var (output, result) = await CallOnceAsync("add_values", [I8(127, -128), U8(255, 0)]);
        Assert.IsType<Int32Type>(output.DataType);
        var ints = Assert.IsType<Int32Array>(result);
        Assert.Equal([382, -128], Values(ints, i => ints.GetValue(i)));
    }

    [Fact]
    public async Task AddValues_Float32_SumsInSinglePrecision_ThenWidensToDouble()
    {
        var (output, result) = await CallOnceAsync("add_values", [F32([0.1f, 1e8f]), F32([0.2f, 1f])]);
        Assert.IsType<DoubleType>(output.DataType);
        Assert.Equal([(double)(0.1f + 0.2f), (double)(1e8f + 1f)], Doubles(result));
        Assert.NotEqual(0.1 + 0.2, Doubles(result)[0]);
    }

    [Fact]
    public async Task AddValues_Int64PlusFloat32_ComputesInFloat32()
    {
        var (output, result) = await CallOnceAsync("add_values", [I64(3), F32([0.1f])]);
        Assert.IsType<DoubleType>(output.DataType);
        Assert.Equal([(double)(3f + 0.1f)], Doubles(result));
    }

    [Fact]
    public async Task AddValues_DecimalPlusInteger_IsExact_OneDigitWider()
    {
        // decimal(10,2) + int32 (= decimal(10,0)) computes in decimal(13,2); the output is decimal(14,2).
        var (output, result) = await CallOnceAsync("add_values", [Decimals(new Decimal128Type(10, 2), 125, -1, null), I32([3, 0, 1])]);
        var type = Assert.IsType<Decimal128Type>(output.DataType);
        Assert.Equal((14, 2), (type.Precision, type.Scale));
        Assert.Equal([425, -1, null], Unscaled(result));
    }

    [Fact]
    public async Task AddValues_Decimal38Pair_FailsAtBind()
    {
        var error = await BindErrorAsync("add_values", [new Decimal128Type(38, 0), new Decimal128Type(38, 0)]);
        Assert.Equal("ArrowInvalid", error.TypeName);
        Assert.Contains("Decimal precision out of range [1, 38]: 39", error.Message);
    }

    [Fact]
    public async Task AddValues_Int64PlusUInt64_SafeCastOfTheUnsignedOperandFails()
    {
        var error = await RunErrorAsync("add_values", I64(1), U64(ulong.MaxValue));
        Assert.Equal("ArrowInvalid: Integer value 18446744073709551615 not in range: -9223372036854775808 to 9223372036854775807", error.Message);
    }

    [Fact]
    public async Task AddValues_NonNumeric_FailsAtBind()
    {
        var error = await BindErrorAsync("add_values", [StringType.Default, Int64Type.Default]);
        Assert.Contains("Argument 'col1': column type string does not match any of:", error.Message);
    }

    private static IArrowArray Int64Backed(IArrowType type, params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return ArrowArrayFactory.BuildArray(new ArrayData(type, values.Length, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(bytes)]));
    }

    [Fact]
    public async Task AddValues_Temporal_DurationsAdd_TimestampsHaveNoKernel()
    {
        var micros = DurationType.Microsecond;
        var (output, result) = await CallOnceAsync("add_values", [Int64Backed(micros, 5, -3), Int64Backed(micros, 7, 3)]);
        Assert.IsType<DurationType>(output.DataType);
        Assert.Equal([12L, 0L], Values(result, i => System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(result.Data.Buffers[1].Span[(i * 8)..])));

        var timestamp = new TimestampType(TimeUnit.Microsecond, (string?)null);
        var error = await RunErrorAsync("add_values", Int64Backed(timestamp, 1), Int64Backed(timestamp, 2));
        Assert.Equal("ArrowNotImplementedError: Function 'add' has no kernel matching input types (timestamp[us], timestamp[us])", error.Message);
    }

    [Fact]
    public async Task Double_Integers_MultiplyInInt64_CastToThePromotedType()
    {
        var (output, result) = await CallOnceAsync("double", [I8(100, -128, null)]);
        Assert.IsType<Int16Type>(output.DataType);
        var shorts = Assert.IsType<Int16Array>(result);
        Assert.Equal([(short)200, (short)-256, null], Values(shorts, i => shorts.GetValue(i)));

        (output, result) = await CallOnceAsync("double", [I64(long.MaxValue, 21)]);
        Assert.IsType<Int64Type>(output.DataType);
        Assert.Equal([-2L, 42L], Longs(result)); // int64 wraps
    }

    [Fact]
    public async Task Double_Float32_StaysSinglePrecision()
    {
        var (output, result) = await CallOnceAsync("double", [F32([1.1f])]);
        Assert.IsType<DoubleType>(output.DataType);
        Assert.Equal([(double)(1.1f * 2f)], Doubles(result));
    }

    [Fact]
    public async Task Double_Decimal_AddsToItself_OneDigitWider()
    {
        var (output, result) = await CallOnceAsync("double", [Decimals(new Decimal128Type(5, 2), 12345, null, -99999)]);
        var type = Assert.IsType<Decimal128Type>(output.DataType);
        Assert.Equal((6, 2), (type.Precision, type.Scale));
        Assert.Equal([24690, null, -199998], Unscaled(result));
    }

    [Fact]
    public async Task Double_Decimal38_OverflowFails()
    {
        Int128 big = Int128.Parse("60000000000000000000000000000000000000", System.Globalization.CultureInfo.InvariantCulture);
        var error = await RunErrorAsync("double", Decimals(new Decimal128Type(38, 0), big));
        Assert.Contains("does not fit in precision 38", error.Message);
    }

    [Fact]
    public async Task Double_UInt64_NegativeProductFailsTheSafeCast()
    {
        var error = await RunErrorAsync("double", U64(1UL << 62));
        Assert.Equal("ArrowInvalid: Integer value -9223372036854775808 not in range: 0 to 18446744073709551615", error.Message);
    }

    [Fact]
    public async Task Double_Temporal_FailsAtBind_WithThePythonText()
    {
        var error = await BindErrorAsync("double", [Date32Type.Default]);
        Assert.Contains("Argument 'value': column type date32[day] does not match any of: _is_multipliable_type", error.Message);
        error = await BindErrorAsync("double", [StringType.Default]);
        Assert.Contains("Argument 'value': column type string does not match any of: _is_multipliable_type", error.Message);
    }

    [Fact]
    public async Task SumValues_PromotesTheFirstType_AndSafeCastsTheRunningSum()
    {
        var (output, result) = await CallOnceAsync("sum_values", [I8(1, 2, null), I64(2, 30000, 5), I32([3, 4, 5])]);
        Assert.IsType<Int16Type>(output.DataType);
        var shorts = Assert.IsType<Int16Array>(result);
        Assert.Equal([(short)6, (short)30006, null], Values(shorts, i => shorts.GetValue(i)));

        var error = await RunErrorAsync("sum_values", I8(1), I64(100000));
        Assert.Equal("ArrowInvalid: Integer value 100001 not in range: -32768 to 32767", error.Message);

        error = await RunErrorAsync("sum_values", I32([1]), F64(1.5));
        Assert.Equal("ArrowInvalid: Float value 2.5 was truncated converting to int64", error.Message);

        (output, result) = await CallOnceAsync("sum_values", [F64(0.5), I32([2])]);
        Assert.IsType<DoubleType>(output.DataType);
        Assert.Equal([2.5], Doubles(result));
    }

    [Fact]
    public async Task SumValues_NoArguments_FailsAtBind()
    {
        var error = await BindErrorAsync("sum_values", []);
        Assert.Contains("Varargs parameter 'values' requires at least 1 value.", error.Message);
    }

    [Fact]
    public async Task ConcatValues_IntegerOverload_SumsWrapping_AsText()
    {
        var (output, result) = await CallOnceAsync("concat_values", [I64(long.MaxValue, 5, null), I64(1, 6, 1), I64(0, -20, 1)]);
        Assert.IsType<StringType>(output.DataType);
        Assert.Equal(["-9223372036854775808", "-9", null], Strings(result));
    }

    [Fact]
    public async Task Multiply_ByConstant_Wraps()
    {
        var (_, result) = await CallOnceAsync("multiply", [I64(7, null, long.MaxValue)], constants: [I64(3)]);
        Assert.Equal([21L, null, unchecked(long.MaxValue * 3)], Longs(result));
    }

    [Fact]
    public async Task NullHandling_NullBecomesMinus5000()
    {
        var (_, result) = await CallOnceAsync("null_handling", [I64(null, 7, -1)]);
        Assert.Equal([-5000L, 7L, -1L], Longs(result));
    }

    [Fact]
    public async Task MultiplyBySetting_ReadsTheSetting()
    {
        var settings = OneRow((new Field("multiplier", Int64Type.Default, true), I64(4)));
        var (_, result) = await CallOnceAsync("multiply_by_setting", [I64(5, null, -2)], settings: settings);
        Assert.Equal([20L, null, -8L], Longs(result));
    }

    [Fact]
    public async Task ScaleBySetting_ReadsTheSetting_MissingCountsAsOne()
    {
        var settings = OneRow((new Field("scale_factor", DoubleType.Default, true), F64(2.5)));
        var (_, result) = await CallOnceAsync("scale_by_setting", [F64(2, null, 0.1)], settings: settings);
        Assert.Equal([5.0, null, 0.1 * 2.5], Doubles(result));

        (_, result) = await CallOnceAsync("scale_by_setting", [F64(3.5)]);
        Assert.Equal([3.5], Doubles(result));
    }

    [Fact]
    public async Task RandomInt_StaysInRange_Bernoulli_ReturnsBooleans()
    {
        var (_, result) = await CallOnceAsync("random_int", [I64(Enumerable.Repeat<long?>(-3, 500)), I64(Enumerable.Repeat<long?>(3, 500))]);
        var values = Longs(result);
        Assert.All(values, v => Assert.InRange(v!.Value, -3, 3));
        Assert.Equal(7, values.Distinct().Count());

        await using var w = WorkerProcess.Fixture.Start();
        var empty = new Schema([], null);
        var (output, results) = await CallAsync(w, "bernoulli", empty, [new RecordBatch(empty, [], 300)]);
        Assert.IsType<BooleanType>(output.DataType);
        var booleans = Assert.IsType<BooleanArray>(Assert.Single(results));
        Assert.Equal(300, booleans.Length);
        Assert.Equal(2, Enumerable.Range(0, 300).Select(i => booleans.GetValue(i)).Distinct().Count());
    }
}
