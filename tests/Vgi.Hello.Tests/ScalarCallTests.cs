using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Hello.Tests.Infrastructure;
using Vgi.Testing;
using Vgi.Protocol;
using static Vgi.Testing.Calls;

namespace Vgi.Hello.Tests;

/// <summary>
/// Every Hello function called the way the extension calls it (vgi-functions §5.1, validation.md
/// C6): <c>bind</c> at plan time, <c>bind</c> again on the execution connection, <c>init</c> with
/// its header, then several full 2048-row input batches with NULLs, each answered by one batch of
/// the same length, then EOS both ways. Every value is checked.
/// </summary>
public sealed class ScalarCallTests
{
    private const int Batches = 4;

    [Fact]
    public async Task UpperCase()
    {
        var input = Input(StringType.Default);
        var values = Calls.Batches(Batches, b => Rows(i => i % 9 == 4 ? null : (i % 5) switch
        {
            0 => $"row {b}-{i}",
            1 => "",
            2 => $"straße-{i}-éü",
            3 => "ALREADY UPPER",
            _ => $"mixed Case {i} ñ",
        }));
        var results = await CallAsync("upper_case", input, [], values.Select(v => Batch(input, Str(v))), StringType.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(values[b].Select(v => v?.ToUpperInvariant()), Strings(results[b]));
    }

    [Fact]
    public async Task ConcatWith_ThreeVarargsColumns()
    {
        var input = Input(StringType.Default, StringType.Default, StringType.Default, StringType.Default);
        var columns = Calls.Batches(Batches, b => new[]
        {
            Rows(i => i % 11 == 0 ? null : (i % 3 == 0 ? "-" : ", ")),
            Rows(i => i % 7 == 1 ? null : $"a{b}.{i}"),
            Rows(i => i % 5 == 2 ? null : $"b{i}"),
            Rows(i => i % 4 == 3 ? null : (i % 2 == 0 ? "" : "c")),
        });
        var results = await CallAsync("concat_with", input, [], columns.Select(c => Batch(input, [.. c.Select(Str)])), StringType.Default);
        for (int b = 0; b < Batches; b++)
        {
            var c = columns[b];
            var expected = Enumerable.Range(0, BatchRows).Select(i =>
                c[0][i] is { } separator ? string.Join(separator, new[] { c[1][i], c[2][i], c[3][i] }.Where(v => v is not null)) : null);
            Assert.Equal(expected, Strings(results[b]));
        }
    }

    [Fact]
    public async Task ConcatWith_OneVarargAndNone()
    {
        // concat_with('-', x): the variadic tail may be a single value.
        var one = Input(StringType.Default, StringType.Default);
        var results = await CallAsync("concat_with", one, [], [Batch(one, Str("-", "-", null), Str("x", null, "y"))], StringType.Default);
        Assert.Equal(["x", "", null], Strings(results[0]));

        // concat_with('-'): like vgi-python, a varargs parameter needs at least one value; the bind says so.
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        var error = await Assert.ThrowsAsync<Rpc.RpcException>(() => w.BindAsync(Scalar("concat_with", Input(StringType.Default), [], attach)));
        Assert.Contains("Varargs parameter 'values' requires at least 1 value.", error.Message);
    }

    [Fact]
    public async Task Describe_SeesNulls()
    {
        var input = Input(Int64Type.Default);
        var values = Calls.Batches(Batches, b => Rows(i => i % 3 == 0 ? null : (long?)((b * BatchRows + i) * (i % 2 == 0 ? 1L : -1L))));
        var results = await CallAsync("describe", input, [], values.Select(v => Batch(input, I64(v))), StringType.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(values[b].Select(v => v is { } n ? $"the number {n}" : "no number"), Strings(results[b]));
    }

    [Fact]
    public async Task Multiply_WithItsConstantFactor()
    {
        // multiply(x, 3): the constant travels in Arguments (positional_0), only x is a column.
        var input = Input(Int64Type.Default);
        var values = Calls.Batches(Batches, b => Rows(i => i % 6 == 5 ? null : (long?)(b * 1_000_000L + i - 1000)));
        var results = await CallAsync("multiply", input, [I64(-3)], values.Select(v => Batch(input, I64(v))), Int64Type.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(values[b].Select(v => v * -3), Longs(results[b]));
    }

    [Fact]
    public async Task Multiply_EachCallBindsItsOwnConstant()
    {
        await using var w = HelloWorker.Start();
        var input = Input(Int64Type.Default);
        foreach (long factor in new long[] { 2, 0, long.MinValue / 4 })
        {
            var (_, results) = await w.CallScalarAsync(Scalar("multiply", input, [I64(factor)]), [Batch(input, I64(1, null, 4))]);
            Assert.Equal([factor, null, factor * 4], Longs(results[0]));
        }
    }

    [Fact]
    public async Task AddValues_Bigint()
    {
        var input = Input(Int64Type.Default, Int64Type.Default);
        var left = Calls.Batches(Batches, b => Rows(i => i % 10 == 0 ? null : (long?)(b * 100_000L + i)));
        var right = Calls.Batches(Batches, b => Rows(i => i % 7 == 3 ? null : (long?)(i * 1_000_000_007L))); // beyond int32
        var results = await CallAsync("add_values", input, [], Enumerable.Range(0, Batches).Select(b => Batch(input, I64(left[b]), I64(right[b]))), Int64Type.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(left[b].Zip(right[b], (l, r) => l + r), Longs(results[b]));
    }

    [Fact]
    public async Task AddValues_IntegerColumns_PickTheBigintOverload()
    {
        await using (var w = HelloWorker.Start())
        {
            var ints = Input(Int32Type.Default, Int32Type.Default);
            var (bound, sums) = await w.CallScalarAsync(Scalar("add_values", ints), [Batch(ints, I32([int.MaxValue, null, -5]), I32([1, 2, null]))]);
            Assert.IsType<Int64Type>(bound.OutputSchema.FieldsList[0].DataType);
            Assert.Equal([int.MaxValue + 1L, null, null], Longs(sums[0]));
        }

        // SELECT add_values(i, j) over INTEGER / SMALLINT columns: widened to BIGINT, not to DOUBLE.
        var input = Input(Int32Type.Default, Int16Type.Default);
        var left = Calls.Batches(Batches, b => Rows(i => i % 10 == 0 ? null : (int?)(int.MaxValue - i * (b + 1))));
        var right = Calls.Batches(Batches, b => Rows(i => i % 9 == 1 ? null : (short?)(short.MaxValue - i)));
        var results = await CallAsync("add_values", input, [], Enumerable.Range(0, Batches).Select(b => Batch(input, I32(left[b]), I16(right[b]))), Int64Type.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(left[b].Zip(right[b], (l, r) => (long?)l + r), Longs(results[b])); // no int32 overflow
    }

    [Fact]
    public async Task AddValues_DoubleColumns_PickTheDoubleOverload()
    {
        var input = Input(DoubleType.Default, DoubleType.Default);
        var left = Calls.Batches(Batches, b => Rows(i => i % 8 == 0 ? null : (double?)(b + i * 0.25)));
        var right = Calls.Batches(Batches, b => Rows(i => i % 13 == 2 ? null : (double?)(-i / 3.0)));
        var results = await CallAsync("add_values", input, [], Enumerable.Range(0, Batches).Select(b => Batch(input, F64(left[b]), F64(right[b]))), DoubleType.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(left[b].Zip(right[b], (l, r) => l + r), Doubles(results[b]));
    }

    [Fact]
    public async Task AddValues_MixedAndFloatColumns_PickTheDoubleOverload()
    {
        await using var w = HelloWorker.Start();

        var mixed = Input(Int64Type.Default, DoubleType.Default);
        var (bound, results) = await w.CallScalarAsync(Scalar("add_values", mixed), [Batch(mixed, I64(1, null, 3), F64(2.5, 1, null))]);
        Assert.IsType<DoubleType>(bound.OutputSchema.FieldsList[0].DataType);
        Assert.Equal([3.5, null, null], Doubles(results[0]));

        var floats = Input(FloatType.Default, FloatType.Default);
        (bound, results) = await w.CallScalarAsync(Scalar("add_values", floats), [Batch(floats, F32([0.5f, null]), F32([0.25f, 1f]))]);
        Assert.IsType<DoubleType>(bound.OutputSchema.FieldsList[0].DataType);
        Assert.Equal([0.75, null], Doubles(results[0]));
    }

    [Fact]
    public async Task CheckedDivide()
    {
        var input = Input(Int64Type.Default, Int64Type.Default);
        var dividend = Calls.Batches(Batches, b => Rows(i => i % 10 == 9 ? null : (long?)((i - 1000) * (b + 7))));
        var divisor = Calls.Batches(Batches, b => Rows(i => i % 6 == 0 ? null : (long?)(i % 2 == 0 ? i % 17 + 1 : -(i % 5 + 1)))); // never 0
        var results = await CallAsync("checked_divide", input, [], Enumerable.Range(0, Batches).Select(b => Batch(input, I64(dividend[b]), I64(divisor[b]))), Int64Type.Default);
        for (int b = 0; b < Batches; b++)
            Assert.Equal(dividend[b].Zip(divisor[b], (a, d) => a / d), Longs(results[b]));
    }

    [Fact]
    public async Task CheckedDivide_NullDivisorIsNullNotAnError()
    {
        // DEFAULT null handling: a NULL row never reaches the method, so NULL / 0 and 1 / NULL are NULL.
        await using var w = HelloWorker.Start();
        var input = Input(Int64Type.Default, Int64Type.Default);
        var (_, results) = await w.CallScalarAsync(Scalar("checked_divide", input), [Batch(input, I64(1, null, 9), I64(null, 0, 3))]);
        Assert.Equal([null, null, 3L], Longs(results[0]));
    }

    [Fact]
    public async Task UpperCase_LargeUtf8Input()
    {
        await using var w = HelloWorker.Start();
        var input = Input(LargeStringType.Default);
        var (bound, results) = await w.CallScalarAsync(Scalar("upper_case", input), [Batch(input, LargeStr(["abc", null, "é"]))]);
        Assert.IsType<StringType>(bound.OutputSchema.FieldsList[0].DataType);
        Assert.Equal(["ABC", null, "É"], Strings(results[0]));
    }

    [Fact]
    public async Task ConstantFolding_OneRowExchange_ThenAnInitWithoutInput()
    {
        // SELECT upper_case('abc') is folded at plan time with one 1-row exchange (C6 c); a thread
        // that gets no rows opens init and closes its input straight away.
        await using var w = HelloWorker.Start();
        var input = Input(StringType.Default);
        var request = Scalar("upper_case", input);
        var (bound, results) = await w.CallScalarAsync(request, [Batch(input, Str("abc"))]);
        Assert.Equal(["ABC"], Strings(results[0]));

        var empty = await w.InitAsync(request, bound);
        await empty.CloseAsync().Timed();
        Assert.Equal("result", Assert.Single(empty.OutputSchema!.FieldsList).Name);
        (_, results) = await w.ExecuteAsync(request, [Batch(input, Str("x", null))]);
        Assert.Equal(["X", null], Strings(results[0]));
    }

    /// <summary><see cref="BatchRows"/> values made by <paramref name="make"/>(row).</summary>
    private static T?[] Rows<T>(Func<int, T?> make) => [.. Enumerable.Range(0, BatchRows).Select(make)];

    /// <summary>On a fresh worker: plan bind, execution bind, init, one exchange per batch, close.</summary>
    private static async Task<IReadOnlyList<IArrowArray>> CallAsync(string name, Schema input, IReadOnlyList<IArrowArray> constants,
        IEnumerable<RecordBatch> batches, IArrowType resultType)
    {
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        var inputs = batches.ToList();
        var (bound, results) = await w.CallScalarAsync(Scalar(name, input, constants, attach), inputs);
        var output = Assert.Single(bound.OutputSchema.FieldsList);
        Assert.Equal("result", output.Name);
        Assert.Equal(resultType.TypeId, output.DataType.TypeId);
        Assert.Null(bound.OpaqueData);
        Assert.Empty(bound.LookupSecretTypes);
        Assert.Equal(inputs.Count, results.Count);
        return results;
    }
}
