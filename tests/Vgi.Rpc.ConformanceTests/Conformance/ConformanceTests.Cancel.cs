using Vgi.Client;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests.Conformance;

public abstract partial class ConformanceTests
{
    private static async Task<(long Producer, long Exchange)> CancelCountersAsync(RpcClient c)
    {
        var counters = await CallDataclassAsync(c, "cancel_probe_counters");
        Assert.Equal("producer_cancels: int64, exchange_cancels: int64", A.Describe(counters.Schema));
        return (long.Parse(counters["producer_cancels"]), long.Parse(counters["exchange_cancels"]));
    }

    private static async Task ResetCancelProbeAsync(RpcClient c)
    {
        using var result = await c.CallAsync("reset_cancel_probe").Timed();
        Assert.Null(result.Batch);
        Assert.Equal((0L, 0L), await CancelCountersAsync(c));
    }

    // ------------------------------------------------------------------ cancel

    [Fact]
    public Task Cancel_ProducerMidStream() => Run(async c =>
    {
        await ResetCancelProbeAsync(c);
        await using (var session = await c.OpenStreamAsync("cancellable_producer", null, hasHeader: false).Timed())
        {
            for (int i = 0; i < 3; i++)
            {
                using var batch = await session.TickAsync().Timed();
                Assert.Equal($"index=[{i}]", Render(batch!));
            }
            await session.CancelAsync().Timed();
            Assert.True(session.IsCancelled);
            Assert.True(session.IsFinished);
        }
        Assert.Equal((1L, 0L), await CancelCountersAsync(c));
    });

    [Fact]
    public Task Cancel_ExchangeAfterN() => Run(async c =>
    {
        await ResetCancelProbeAsync(c);
        await using (var session = await c.OpenStreamAsync("cancellable_exchange", null, hasHeader: false).Timed())
        {
            Assert.Equal("value=[1]", await ExchangeAsync(session, A.Column("value", A.F64(1))));
            Assert.Equal("value=[2, 3]", await ExchangeAsync(session, A.Column("value", A.F64(2, 3))));
            await session.CancelAsync().Timed();
        }
        Assert.Equal((0L, 1L), await CancelCountersAsync(c));
    });

    [Fact]
    public Task Cancel_BeforeAnyExchange() => Run(async c =>
    {
        await ResetCancelProbeAsync(c);
        await using (var session = await c.OpenStreamAsync("cancellable_exchange", null, hasHeader: false).Timed())
        {
            // The cancel batch opens the input stream on the empty schema; it is honoured before schema coercion.
            await session.CancelAsync().Timed();
            Assert.True(session.IsFinished);
        }
        Assert.Equal((0L, 1L), await CancelCountersAsync(c));
    });

    [Fact]
    public Task Cancel_Idempotent() => Run(async c =>
    {
        await ResetCancelProbeAsync(c);
        await using (var session = await c.OpenStreamAsync("cancellable_producer", null, hasHeader: false).Timed())
        {
            using (await session.TickAsync().Timed()) { }
            await session.CancelAsync().Timed();
            await session.CancelAsync().Timed();
            await session.CloseAsync().Timed();
        }
        Assert.Equal((1L, 0L), await CancelCountersAsync(c));
    });

    [Fact]
    public Task Cancel_ExchangeAfterCancelRaises() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("cancellable_exchange", null, hasHeader: false).Timed();
        Assert.Equal("value=[4]", await ExchangeAsync(session, A.Column("value", A.F64(4))));
        await session.CancelAsync().Timed();
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.ExchangeAsync(A.Column("value", A.F64(5))));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.TickAsync());
    });

    [Fact]
    public Task Cancel_TransportReusable() => Run(async c =>
    {
        await using (var producer = await c.OpenStreamAsync("cancellable_producer", null, hasHeader: false).Timed())
        {
            using (await producer.TickAsync().Timed()) { }
            await producer.CancelAsync().Timed();
        }
        await AssertUsableAsync(c);
        await using (var exchange = await c.OpenStreamAsync("cancellable_exchange", null, hasHeader: false).Timed())
        {
            Assert.Equal("value=[7]", await ExchangeAsync(exchange, A.Column("value", A.F64(7))));
            await exchange.CancelAsync().Timed();
        }
        await using (var next = await c.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(2))), hasHeader: false).Timed())
            Assert.Equal(2, (await DrainProducerAsync(next)).Count);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task Cancel_HeaderProducer() => Run(async c =>
    {
        await using (var session = await c.OpenStreamAsync("produce_with_header", A.Params(new Col("count", A.I64(50))), hasHeader: true).Timed())
        {
            using (await session.TickAsync().Timed()) { }
            await session.CancelAsync().Timed();
        }
        await AssertUsableAsync(c);
    });

    // ------------------------------------------------------------------ error_recovery

    [Fact]
    public Task ErrorRecovery_UnaryErrorThenSuccess() => Run(async c =>
    {
        for (int i = 0; i < 3; i++)
        {
            await CallFailsAsync(c, "raise_runtime_error", A.Params(new Col("message", A.Str($"failure {i}"))));
            Assert.Equal($"{i}", await CallAsync(c, "echo_int", A.Value(A.I64(i))));
        }
    });

    [Fact]
    public Task ErrorRecovery_StreamErrorThenUnary() => Run(async c =>
    {
        await using (var session = await c.OpenStreamAsync("produce_error_mid_stream", A.Params(new Col("emit_before_error", A.I64(0))), hasHeader: false).Timed())
            await Assert.ThrowsAsync<RpcException>(() => session.TickAsync().Timed());
        await AssertUsableAsync(c);
        await CallFailsAsync(c, "raise_value_error", A.Params(new Col("message", A.Str("x"))));
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ErrorRecovery_ExchangeErrorThenExchange() => Run(async c =>
    {
        await using (var failing = await c.OpenStreamAsync("exchange_error_on_nth", A.Params(new Col("fail_on", A.I64(2))), hasHeader: false).Timed())
        {
            Assert.Equal("value=[1]", await ExchangeAsync(failing, A.Column("value", A.F64(1))));
            await Assert.ThrowsAsync<RpcException>(() => failing.ExchangeAsync(A.Column("value", A.F64(2))).Timed());
        }
        await using var next = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(10))), hasHeader: false).Timed();
        Assert.Equal("value=[30]", await ExchangeAsync(next, A.Column("value", A.F64(3))));
        await next.CloseAsync().Timed();
    });

    [Fact]
    public Task ErrorRecovery_MultipleSequentialSessions() => Run(async c =>
    {
        for (int n = 0; n < 6; n++)
        {
            await using (var producer = await c.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(n))), hasHeader: false).Timed())
                Assert.Equal(n, (await DrainProducerAsync(producer)).Count);
            await using (var exchange = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(n))), hasHeader: false).Timed())
            {
                Assert.Equal($"value=[{2 * n}]", await ExchangeAsync(exchange, A.Column("value", A.F64(2))));
                await exchange.CloseAsync().Timed();
            }
            await using (var header = await c.OpenStreamAsync("produce_with_header", A.Params(new Col("count", A.I64(1))), hasHeader: true).Timed())
                Assert.Single(await DrainProducerAsync(header));
        }
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ErrorRecovery_HeaderStreamInitError() => Run(async c =>
    {
        // An init error on a method with a header arrives in place of the header stream.
        var error = await Assert.ThrowsAsync<RpcException>(() => c.OpenStreamAsync("produce_with_rich_header",
            A.Params(new Col("seed", A.I64(1)), new Col("count", A.I64(-1))), hasHeader: true).Timed());
        Assert.Equal("ValueError", error.TypeName);
        await AssertUsableAsync(c);
    });
}
