using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>Failures inside the exchange: an EXCEPTION batch, then the worker drains input and keeps serving (validation.md C3).</summary>
public sealed class ExchangeErrorTests
{
    [Fact]
    public async Task UserExceptionMidExchange_ThenTheNextCallWorks()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var input = Calls.Input(Int64Type.Default);
        var request = Calls.Scalar("fail_when_negative", input);
        var bind = await w.BindAsync(request);

        await using (var session = await w.InitAsync(request, bind.Value.OutputSchema))
        {
            using (var ok = await session.ExchangeAsync(Calls.Batch(input, Calls.I64(1, 2, 3))).Timed())
                Assert.Equal(3, ok.Length);
            var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Calls.Batch(input, Calls.I64(4, 5, 6, -7))));
            Assert.Equal("InvalidOperationException", e.TypeName);
            Assert.Equal("InvalidOperationException: negative value -7 at row 3", e.Message);
            Assert.True(session.IsFinished);
        }

        // Same process, same pipe: bind + init + exchange of the same function work again.
        var again = await w.BindAsync(request);
        await using (var session = await w.InitAsync(request, again.Value.OutputSchema))
        {
            using (var ok = await session.ExchangeAsync(Calls.Batch(input, Calls.I64(8, 9))).Timed())
                Assert.Equal([8L, 9L], ((Int64Array)ok.Batch.Column(0)).Values.ToArray());
            await session.CloseAsync().Timed();
        }
        await BindErrorTests.AssertStillServesAsync(w);
        Assert.False(w.Rpc.Process!.HasExited);
    }

    [Fact]
    public async Task ExceptionOnTheFirstBatch_ThenTheNextCallWorks()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var input = Calls.Input(Int64Type.Default);
        var request = Calls.Scalar("fail_when_negative", input);
        var bind = await w.BindAsync(request);
        await using (var session = await w.InitAsync(request, bind.Value.OutputSchema))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Calls.Batch(input, Calls.I64(-1))));
            Assert.Equal("InvalidOperationException: negative value -1 at row 0", e.Message);
        }
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task WrongRowCount_IsAnErrorNamingTheFunction()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var input = Calls.Input(Int64Type.Default);
        var request = Calls.Scalar("bad_length", input);
        var bind = await w.BindAsync(request);
        await using (var session = await w.InitAsync(request, bind.Value.OutputSchema))
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Calls.Batch(input, Calls.I64(1, 2, 3))));
            Assert.Equal("ValueError: bad_length returned 4 rows but expected 3 (1:1 mapping required)", e.Message);
        }
        await BindErrorTests.AssertStillServesAsync(w);
    }
}
