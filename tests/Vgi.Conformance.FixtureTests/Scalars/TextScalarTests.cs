using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Scalars.ScalarHarness;
using static Vgi.Testing.Calls;

namespace Vgi.Conformance.FixtureTests.Scalars;

/// <summary>
/// The string fixtures end to end (fixtures.md §2.2, §6.2, §6.3): Python number formatting,
/// constant-driven text, overload dispatch by argument type, the ANY + typed dispatch of
/// <c>any_mixed</c>, and <c>whoami</c>'s anonymous principal.
/// </summary>
public sealed class TextScalarTests
{
    private static BooleanArray Bools(params bool?[] values)
    {
        var b = new BooleanArray.Builder();
        foreach (var v in values)
        {
            if (v is { } value) b.Append(value);
            else b.AppendNull();
        }
        return b.Build();
    }

    [Fact]
    public async Task UpperCase_SimpleUnicodeMapping()
    {
        var (output, result) = await CallOnceAsync("upper_case", [Str("hello", null, "straße é", "")]);
        Assert.IsType<StringType>(output.DataType);
        Assert.Equal(["HELLO", null, "STRAßE É", ""], Strings(result));
    }

    [Fact]
    public async Task FormatNumber_ThreeOverloads_PythonFixedPoint()
    {
        var (_, result) = await CallOnceAsync("format_number", [F64(2.5, 3.5, -0.4, double.NaN, double.NegativeInfinity, null)]);
        Assert.Equal(["2", "4", "-0", "nan", "-inf", null], Strings(result));

        (_, result) = await CallOnceAsync("format_number", [F64(1.005, 123456789.125, 1e22)], constants: [I64(2)]);
        Assert.Equal(["1.00", "123456789.12", "10000000000000000000000.00"], Strings(result));

        (_, result) = await CallOnceAsync("format_number", [F64(3.14159)], constants: [I64(3), Str("$")]);
        Assert.Equal(["$3.142"], Strings(result));
    }

    [Fact]
    public async Task SmartFormat_WidthAndPrefix_UsePythonStrOfFloat()
    {
        var (_, result) = await CallOnceAsync("smart_format", [F64(1.5, 1e16, 10, null)], constants: [I64(8)]);
        Assert.Equal(["     1.5", "   1e+16", "    10.0", null], Strings(result));

        (_, result) = await CallOnceAsync("smart_format", [F64(10, 0.0001, 1.5e-5)], constants: [Str("v=")]);
        Assert.Equal(["v=10.0", "v=0.0001", "v=1.5e-05"], Strings(result));
    }

    [Fact]
    public async Task ConditionalMessage_RepeatsOnTrue_EmptyOnFalse_NullOnNull()
    {
        var (_, result) = await CallOnceAsync("conditional_message", [Bools(true, false, null)], constants: [I64(3), Str("ab")]);
        Assert.Equal(["ababab", "", null], Strings(result));

        (_, result) = await CallOnceAsync("conditional_message", [Bools(true)], constants: [I64(-1), Str("ab")]);
        Assert.Equal([""], Strings(result));
    }

    [Fact]
    public async Task ConcatValues_StringOverload_NoSeparator_NullIfAnyNull()
    {
        var (_, result) = await CallOnceAsync("concat_values", [Str("a", "x", null), Str("b", "", "c"), Str("c", "y", "d")]);
        Assert.Equal(["abc", "xy", null], Strings(result));
    }

    [Fact]
    public async Task PairType_DispatchesOnArgumentTypes()
    {
        Assert.Equal(["int+int", null], Strings((await CallOnceAsync("pair_type", [I64(1, null), I64(2, 3)])).Result));
        Assert.Equal(["str+str"], Strings((await CallOnceAsync("pair_type", [Str("a"), Str("b")])).Result));
        Assert.Equal(["int+str"], Strings((await CallOnceAsync("pair_type", [I64(1), Str("b")])).Result));
    }

    [Fact]
    public async Task TypeInfo_PicksTheExactOverload()
    {
        var uint32 = new UInt32Array.Builder().Append(1).AppendNull().Build();
        var uint64 = new UInt64Array.Builder().Append(1).Build();
        Assert.Equal(["int32"], Strings((await CallOnceAsync("type_info", [I32([1])])).Result));
        Assert.Equal(["int64"], Strings((await CallOnceAsync("type_info", [I64(1)])).Result));
        Assert.Equal(["uint32", null], Strings((await CallOnceAsync("type_info", [uint32])).Result));
        Assert.Equal(["uint64"], Strings((await CallOnceAsync("type_info", [uint64])).Result));
        Assert.Equal(["varchar"], Strings((await CallOnceAsync("type_info", [Str("x")])).Result));
    }

    [Fact]
    public async Task AnyMixed_DispatchesOnTheSecondArgument_IgnoresTheFirst()
    {
        var (output, result) = await CallOnceAsync("any_mixed", [Str("a", null, "c"), I64(5, 6, null)]);
        Assert.IsType<StringType>(output.DataType);
        Assert.Equal(["any+int: 5", "any+int: 6", null], Strings(result));

        (_, result) = await CallOnceAsync("any_mixed", [F64(1.5, null), Str("x", "y")]);
        Assert.Equal(["any+str: x", "any+str: y"], Strings(result));
    }

    [Fact]
    public async Task Whoami_IsAnonymousOnStdio_EvenForNull()
    {
        var (_, result) = await CallOnceAsync("whoami", [I64(1, null)]);
        Assert.Equal(["anonymous", "anonymous"], Strings(result));
    }

    [Fact]
    public async Task ManyBatches_EachAnsweredInOrder()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var input = Input(StringType.Default);
        var batches = Calls.Batches(3, b => Batch(input, Str(Enumerable.Range(0, BatchRows).Select(i => i % 7 == 0 ? null : $"b{b}-{i}"))));
        var (_, results) = await CallAsync(w, "upper_case", input, batches);
        for (int b = 0; b < 3; b++)
            Assert.Equal(Enumerable.Range(0, BatchRows).Select(i => i % 7 == 0 ? null : $"B{b}-{i}"), Strings(results[b]));
    }
}
