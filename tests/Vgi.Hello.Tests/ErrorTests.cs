using Apache.Arrow.Types;
using Vgi.Hello.Tests.Infrastructure;
using Vgi.Testing;
using Vgi.Rpc;
using static Vgi.Testing.Calls;

namespace Vgi.Hello.Tests;

/// <summary>
/// Errors reach the client as <c>&lt;Type&gt;: &lt;message&gt;</c> (DuckDB shows <c>VGI Worker Exception: …</c>)
/// and never cost the pipe its step: after each one the same worker process serves the next call.
/// </summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task Bind_WrongType_NamesTheArgumentAndTheExpectedType()
    {
        await using var w = HelloWorker.Start();
        var error = await BindErrorAsync(w, Scalar("upper_case", Input(Int64Type.Default)));
        Assert.Equal("TypeError", error.TypeName);
        Assert.Equal("TypeError: upper_case: argument 1 ('value') expects VARCHAR, got BIGINT", error.Message);

        error = await BindErrorAsync(w, Scalar("checked_divide", Input(Int64Type.Default, StringType.Default)));
        Assert.Equal("TypeError: checked_divide: argument 2 ('divisor') expects BIGINT, got VARCHAR", error.Message);

        error = await BindErrorAsync(w, Scalar("describe", Input(DoubleType.Default)));
        Assert.Equal("TypeError: describe: argument 1 ('value') expects BIGINT, got DOUBLE", error.Message);

        error = await BindErrorAsync(w, Scalar("concat_with", Input(StringType.Default, StringType.Default, BooleanType.Default)));
        Assert.Equal("TypeError: concat_with: argument 3 ('values') expects VARCHAR, got BOOLEAN", error.Message);

        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Bind_NoOverloadFits_ListsEveryOverloadsReason()
    {
        await using var w = HelloWorker.Start();
        var error = await BindErrorAsync(w, Scalar("add_values", Input(StringType.Default, Int64Type.Default)));
        Assert.Equal("TypeError", error.TypeName);
        Assert.StartsWith("TypeError: No overload of add_values matches the call (col_0: ", error.Message);
        Assert.Contains("argument 1 ('left') expects DOUBLE, got VARCHAR", error.Message);
        Assert.Contains("argument 1 ('left') expects BIGINT, got VARCHAR", error.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Bind_WrongArgumentCounts()
    {
        await using var w = HelloWorker.Start();
        var error = await BindErrorAsync(w, Scalar("checked_divide", Input(Int64Type.Default)));
        Assert.Equal("TypeError: checked_divide: checked_divide(dividend BIGINT, divisor BIGINT) takes 2 column arguments, got 1", error.Message);

        error = await BindErrorAsync(w, Scalar("concat_with", Input()));
        Assert.Contains("takes at least 1 column argument, got 0", error.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Bind_Constant_MissingWrongTypeOrNull()
    {
        await using var w = HelloWorker.Start();
        var input = Input(Int64Type.Default);

        var error = await BindErrorAsync(w, Scalar("multiply", input));
        Assert.Equal("TypeError: multiply: multiply(value BIGINT, factor BIGINT constant) takes 1 constant argument, got 0", error.Message);

        error = await BindErrorAsync(w, Scalar("multiply", input, [Str("2")]));
        Assert.Equal("TypeError: multiply: constant argument 'factor' expects BIGINT, got VARCHAR", error.Message);

        error = await BindErrorAsync(w, Scalar("multiply", input, [I64(new long?[] { null })]));
        Assert.Contains("constant argument 'factor' cannot be NULL", error.Message);

        // The factor passed as a column instead of a constant.
        error = await BindErrorAsync(w, Scalar("multiply", Input(Int64Type.Default, Int64Type.Default)));
        Assert.Contains("takes 1 column argument, got 2", error.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Bind_UnknownFunction_SaysWhatIsServed()
    {
        await using var w = HelloWorker.Start();
        var error = await BindErrorAsync(w, Scalar("no_such_function", Input(Int64Type.Default)));
        Assert.Equal("ValueError", error.TypeName);
        Assert.Equal("ValueError: Unknown function 'no_such_function'. Available: add_values, checked_divide, concat_with, describe, multiply, upper_case", error.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Init_UnknownFunction_FailsBeforeTheStream()
    {
        // An init whose bind_call no longer binds: the error replaces the header (vgi-functions §1.1).
        await using var w = HelloWorker.Start();
        var good = Scalar("upper_case", Input(StringType.Default));
        var bound = (await w.BindAsync(good)).Value;
        var error = await Assert.ThrowsAsync<RpcException>(() => w.InitAsync(Scalar("gone", Input(StringType.Default)), bound));
        Assert.StartsWith("ValueError: Unknown function 'gone'", error.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task CheckedDivide_ByZero_IsTheUsersException_AndTheSameWorkerGoesOn()
    {
        await using var w = HelloWorker.Start();
        int pid = w.Rpc.Process!.Id;
        var input = Input(Int64Type.Default, Int64Type.Default);
        var request = Scalar("checked_divide", input);
        var bound = (await w.BindAsync(request)).Value;
        bound = (await w.BindAsync(request)).Value;

        var session = await w.InitAsync(request, bound);
        // A good full batch first, then the failing one: 1 / 0 in row 5.
        using (var ok = await session.ExchangeAsync(Batch(input, I64(Enumerable.Range(0, BatchRows).Select(i => (long?)i)), I64(Enumerable.Repeat((long?)2, BatchRows)))).Timed())
            Assert.Equal(BatchRows, ok.Length);
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Batch(input, I64(9, 8, 7, 6, 5, 1, 3), I64(1, 1, 1, 1, 1, 0, 1))).Timed());
        Assert.Equal("DivideByZeroException", error.TypeName);
        Assert.Equal("DivideByZeroException: cannot divide 1 by zero", error.Message);
        Assert.True(session.IsFinished); // output ended with EOS after the error, input closed with EOS (C3)

        // validation.md C3: the client returns this worker to the pool; its next bind/init works.
        Assert.False(w.Rpc.Process.HasExited);
        Assert.Equal(pid, w.Rpc.Process.Id);
        var (_, results) = await w.CallScalarAsync(request, [Batch(input, I64(7, -7, null), I64(2, 2, 2))]);
        Assert.Equal([3L, -3L, null], Longs(results[0]));

        // And the error is the same the next time: no state was left behind.
        var again = await w.InitAsync(request, bound);
        error = await Assert.ThrowsAsync<RpcException>(() => again.ExchangeAsync(Batch(input, I64(-4), I64(0))).Timed());
        Assert.Equal("DivideByZeroException: cannot divide -4 by zero", error.Message);
        Assert.True(again.IsFinished);
        await AssertStillServesAsync(w);
    }

    private static async Task<RpcException> BindErrorAsync(WorkerClient w, Vgi.Protocol.BindRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(request));

    /// <summary>The pipe is still in step: a full call goes through on the same process.</summary>
    private static async Task AssertStillServesAsync(WorkerClient w)
    {
        var input = Input(StringType.Default);
        var (_, results) = await w.CallScalarAsync(Scalar("upper_case", input), [Batch(input, Str("still", null, "here"))]);
        Assert.Equal(["STILL", null, "HERE"], Strings(results[0]));
    }
}
