using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>Calls that do not bind: clear messages, and the worker keeps serving.</summary>
public sealed class BindErrorTests
{
    [Fact]
    public async Task WrongType_SingleOverload_NamesTheArgumentAndExpectedType()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("upper_case", Calls.Input(Int64Type.Default))));
        Assert.Equal("TypeError", e.TypeName);
        Assert.Equal("TypeError: upper_case: argument 'value' must be VARCHAR (utf8), got int64", e.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task WrongType_SeveralOverloads_ListsEachReason()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("multiply", Calls.Input(StringType.Default), [Calls.I64(2)])));
        Assert.Equal("TypeError", e.TypeName);
        Assert.StartsWith("TypeError: No overload of multiply matches the call (col_0: utf8; constants: int64):", e.Message);
        Assert.Contains("\n  multiply(value int64, factor int64 const): argument 'value' must be BIGINT (int64), got utf8", e.Message);
        Assert.Contains("\n  multiply(value double, factor double const): argument 'value' must be DOUBLE (float64), got utf8", e.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task BadConstant_IsReported()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("hash_seed", Calls.Input(), [Calls.Str("x")])));
        Assert.Equal("TypeError: hash_seed: constant argument 'seed' must be BIGINT (int64), got utf8", e.Message);
        var missing = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("hash_seed", Calls.Input())));
        Assert.Equal("TypeError: hash_seed: constant argument 'seed' is missing", missing.Message);
        var nullSeed = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("hash_seed", Calls.Input(), [Calls.I64([null])])));
        Assert.Equal("TypeError: hash_seed: constant argument 'seed' must not be NULL", nullSeed.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task UnknownFunction_NamesItAndTheAvailableOnes()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar("nosuch", Calls.Input(Int64Type.Default))));
        Assert.Equal("ValueError", e.TypeName);
        Assert.Equal("ValueError: Unknown function 'nosuch'. Available: answer, bad_length, fail_when_negative, hash_seed, multiply, reverse, secret_value, setting_value, upper_case", e.Message);

        // init fails the same way, in place of the header, and the pipe stays in step.
        var init = await Assert.ThrowsAsync<RpcException>(() => w.InitAsync(Calls.Scalar("nosuch", Calls.Input(Int64Type.Default)), Calls.Input(Int64Type.Default)));
        Assert.StartsWith("ValueError: Unknown function 'nosuch'", init.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task TableFunctionType_BindsOnlyTableFunctions()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Calls.Scalar("upper_case", Calls.Input(StringType.Default)) with { FunctionType = FunctionType.Table, InputSchema = null };
        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(request));
        Assert.Equal("ValueError: Unknown function 'upper_case'. Available: failing, filter_echo, par_sequence, sequence, tri", e.Message);
        var init = await Assert.ThrowsAsync<RpcException>(() => w.InitAsync(request, Calls.Input()));
        Assert.Equal(e.Message, init.Message);
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task WrongProtocolVersion_IsRejected()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        w.Rpc.ProtocolVersion = "2.0.0";
        var e = await Assert.ThrowsAsync<RpcException>(() => w.AttachAsync("w"));
        Assert.Equal("ProtocolVersionError", e.TypeName);
        Assert.Equal(ErrorKinds.ProtocolVersionMismatch, e.ErrorKind);
        w.Rpc.ProtocolVersion = "1.0.0";
        await AssertStillServesAsync(w);
    }

    internal static async Task AssertStillServesAsync(WorkerClient w)
    {
        var request = Calls.Scalar("multiply", Calls.Input(Int64Type.Default), [Calls.I64(10)]);
        var bind = await w.BindAsync(request);
        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        using (var result = await session.ExchangeAsync(Calls.Batch(Calls.Input(Int64Type.Default), Calls.I64(4))).Timed())
            Assert.Equal(40L, ((Apache.Arrow.Int64Array)result.Batch.Column(0)).GetValue(0));
        await session.CloseAsync().Timed();
    }
}
