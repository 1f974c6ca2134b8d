using System.IO.Pipelines;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Tests.Client;

/// <summary>The client against the in-repo <see cref="RpcServer"/> over in-memory pipes: the two halves must agree.</summary>
public class RealServerTests
{
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0);
    private static readonly Schema AddSchema = new([new Field("a", DoubleType.Default, false), new Field("b", DoubleType.Default, false)], null);
    private static readonly Schema NSchema = new([new Field("n", Int64Type.Default, false)], null);
    private static readonly Schema ValueSchema = new([new Field("value", DoubleType.Default, false)], null);
    private static readonly Schema CountSchema = new([new Field("count", Int64Type.Default, false)], null);

    private static RpcServer CreateServer() => new(
    [
        RpcMethod.CreateUnary("add", AddSchema, RpcSchemas.Result(DoubleType.Default, false), (request, context) =>
        {
            double a = request.Get<DoubleArray>("a").GetValue(0)!.Value, b = request.Get<DoubleArray>("b").GetValue(0)!.Value;
            context.Log(RpcLogLevel.Info, "adding");
            if (b < 0) throw new ArgumentException("b must be positive");
            return new ValueTask<IArrowArray?>(new DoubleArray.Builder().Append(a + b).Build());
        }),
        RpcMethod.CreateStream("produce_n", NSchema, CountSchema, (request, context) =>
        {
            long n = request.Get<Int64Array>("n").GetValue(0)!.Value;
            context.Log(RpcLogLevel.Info, "init");
            var output = new Schema([new Field("i", Int64Type.Default, false)], null);
            long i = 0;
            var header = new RecordBatch(CountSchema, [new Int64Array.Builder().Append(n).Build()], 1);
            return new ValueTask<RpcStream>(RpcStream.Producer(output, (o, _) =>
            {
                if (i >= n)
                {
                    o.Finish();
                    return default;
                }
                o.Emit(new RecordBatch(output, [new Int64Array.Builder().Append(i++).Build()], 1));
                return default;
            }, header: header));
        }),
        RpcMethod.CreateStream("produce_fail_init", RpcSchemas.Empty, null, (_, _) => throw new InvalidOperationException("init failed")),
        RpcMethod.CreateStream("scale", NSchema, null, (request, _) =>
        {
            long factor = request.Get<Int64Array>("n").GetValue(0)!.Value;
            return new ValueTask<RpcStream>(RpcStream.Exchange(ValueSchema, ValueSchema, (input, o, _) =>
            {
                var values = (DoubleArray)input.Column(0);
                var builder = new DoubleArray.Builder();
                for (int r = 0; r < values.Length; r++) builder.Append(values.GetValue(r)!.Value * factor);
                if (values.Length > 0 && values.GetValue(0) < 0) throw new ArgumentException("negative input");
                o.Emit(new RecordBatch(ValueSchema, [builder.Build()], values.Length));
                return default;
            }));
        }),
    ], new RpcServerOptions { ProtocolVersion = "1.0.0" });

    private sealed class Harness : IAsyncDisposable
    {
        private readonly Task<bool> _served;

        public Harness()
        {
            var toServer = new Pipe(Unbounded);
            var fromServer = new Pipe(Unbounded);
            var serverOutput = fromServer.Writer.AsStream();
            var server = CreateServer();
            _served = Task.Run(async () =>
            {
                try
                {
                    return await server.ServeAsync(toServer.Reader.AsStream(), serverOutput, Timeout.Token);
                }
                finally
                {
                    await serverOutput.DisposeAsync();
                }
            });
            Client = new RpcClient(toServer.Writer.AsStream(), fromServer.Reader.AsStream());
        }

        public CancellationTokenSource Timeout { get; } = new(TimeSpan.FromSeconds(30));

        public RpcClient Client { get; }

        public CancellationToken Ct => Timeout.Token;

        /// <summary>Closes the client; true when the server saw EOF at a request boundary.</summary>
        public async Task<bool> StopAsync()
        {
            await Client.DisposeAsync();
            return await _served.WaitAsync(TimeSpan.FromSeconds(10));
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await StopAsync();
            }
            finally
            {
                Timeout.Dispose();
            }
        }
    }

    private static RecordBatch Add(double a, double b) =>
        new(AddSchema, [new DoubleArray.Builder().Append(a).Build(), new DoubleArray.Builder().Append(b).Build()], 1);

    private static RecordBatch N(long n) => new(NSchema, [new Int64Array.Builder().Append(n).Build()], 1);

    private static RecordBatch Values(params double[] values)
    {
        var builder = new DoubleArray.Builder();
        foreach (var v in values) builder.Append(v);
        return new RecordBatch(ValueSchema, [builder.Build()], values.Length);
    }

    private static async Task AssertAddAsync(Harness h)
    {
        using var result = await h.Client.CallAsync("add", Add(1, 2), ct: h.Ct);
        Assert.Equal(3.0, ((DoubleArray)result.Result!).GetValue(0));
    }

    [Fact]
    public async Task UnaryResultLogsAndErrors()
    {
        await using var h = new Harness();
        using (var result = await h.Client.CallAsync("add", Add(1, 2), ct: h.Ct))
        {
            Assert.Equal(3.0, ((DoubleArray)result.Result!).GetValue(0));
            var log = Assert.Single(result.Logs);
            Assert.Equal("adding", log.Message);
            Assert.NotNull(log.Metadata.Get(RpcMetadataKeys.ServerId));
        }
        var e = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("add", Add(1, -1), ct: h.Ct));
        Assert.Equal("ArgumentException", e.TypeName);
        Assert.Equal("ArgumentException: b must be positive", e.Message);
        Assert.NotNull(e.RemoteTraceback);
        var missing = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("nope", ct: h.Ct));
        Assert.Equal(ErrorKinds.MethodNotImplemented, missing.ErrorKind);
        h.Client.ProtocolVersion = "2.0.0";
        var version = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("add", Add(1, 2), ct: h.Ct));
        Assert.Equal(ErrorKinds.ProtocolVersionMismatch, version.ErrorKind);
        h.Client.ProtocolVersion = "1.0.3";
        await AssertAddAsync(h);
        Assert.True(await h.StopAsync());
    }

    [Fact]
    public async Task ProducerWithHeaderThenCancelThenUnary()
    {
        await using var h = new Harness();
        await using (var session = await h.Client.OpenStreamAsync("produce_n", N(2), hasHeader: true, ct: h.Ct))
        {
            Assert.Equal(2L, ((Int64Array)session.Header!.Batch.Column(0)).GetValue(0));
            Assert.Equal("init", Assert.Single(session.Logs).Message);
            for (long i = 0; i < 2; i++)
            {
                using var batch = await session.TickAsync(ct: h.Ct);
                Assert.Equal(i, ((Int64Array)batch!.Batch.Column(0)).GetValue(0));
            }
            Assert.Null(await session.TickAsync(ct: h.Ct));
            Assert.True(session.IsFinished);
        }
        await AssertAddAsync(h);

        var cancelled = await h.Client.OpenStreamAsync("produce_n", N(10), hasHeader: true, ct: h.Ct);
        using (var first = await cancelled.TickAsync(ct: h.Ct)) Assert.NotNull(first);
        await cancelled.CancelAsync(h.Ct);
        await cancelled.DisposeAsync();
        await AssertAddAsync(h);
        Assert.True(await h.StopAsync());
    }

    [Fact]
    public async Task ExchangeThenErrorThenCloseOnFreshSession()
    {
        await using var h = new Harness();
        var session = await h.Client.OpenStreamAsync("scale", N(3), hasHeader: false, ct: h.Ct);
        using (var out1 = await session.ExchangeAsync(Values(1, 2), ct: h.Ct))
            Assert.Equal([3.0, 6.0], ((DoubleArray)out1.Batch.Column(0)).Values.ToArray());
        using (var empty = await session.ExchangeAsync(Values(), ct: h.Ct))
            Assert.Equal(0, empty.Length);
        var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(-1), ct: h.Ct));
        Assert.Equal("ArgumentException: negative input", e.Message);
        Assert.True(session.IsFinished);
        await AssertAddAsync(h);

        var unused = await h.Client.OpenStreamAsync("scale", N(3), hasHeader: false, ct: h.Ct);
        await unused.CloseAsync(h.Ct);
        Assert.Equal("value", unused.OutputSchema!.FieldsList.Single().Name);
        await AssertAddAsync(h);
        Assert.True(await h.StopAsync());
    }

    [Fact]
    public async Task InitErrorsWithAndWithoutHeaderLeaveTheChannelUsable()
    {
        await using var h = new Harness();
        var noHeader = await h.Client.OpenStreamAsync("produce_fail_init", null, hasHeader: false, ct: h.Ct);
        var e = await Assert.ThrowsAsync<RpcException>(() => noHeader.TickAsync(ct: h.Ct));
        Assert.Equal("InvalidOperationException: init failed", e.Message);
        await AssertAddAsync(h);

        var withHeader = await Assert.ThrowsAsync<RpcException>(() => h.Client.OpenStreamAsync("produce_fail_init", null, hasHeader: true, ct: h.Ct));
        Assert.Equal("InvalidOperationException", withHeader.TypeName);
        await AssertAddAsync(h);
        Assert.True(await h.StopAsync());
    }
}
