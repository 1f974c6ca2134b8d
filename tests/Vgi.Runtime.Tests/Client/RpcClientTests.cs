using System.Net.Sockets;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc;
using static Vgi.Tests.Client.Wire;

namespace Vgi.Tests.Client;

public class RpcClientTests
{
    private static readonly Schema AddSchema = new([new Field("a", DoubleType.Default, false), new Field("b", DoubleType.Default, false)], null);
    private static readonly Schema EmptySchema = new([], null);

    private static RecordBatch AddParams(double a, double b) =>
        new(AddSchema, [new DoubleArray.Builder().Append(a).Build(), new DoubleArray.Builder().Append(b).Build()], 1);

    private static RecordBatch Int64Param(string name, long value) =>
        new(new Schema([new Field(name, Int64Type.Default, false)], null), [new Int64Array.Builder().Append(value).Build()], 1);

    private static RecordBatch Values(params double[] values)
    {
        var builder = new DoubleArray.Builder();
        foreach (var v in values) builder.Append(v);
        return new RecordBatch(new Schema([new Field("value", DoubleType.Default, false)], null), [builder.Build()], values.Length);
    }

    private static double[] ReadValues(IpcRecordBatch batch) => [.. ((DoubleArray)batch.Batch.Column(0)).Values.ToArray()];

    private static async Task AssertAddWorksAsync(FakeChannel h)
    {
        using var result = await h.Client.CallAsync("add", AddParams(20, 22), ct: h.Ct);
        Assert.Equal(42.0, ((DoubleArray)result.Result!).GetValue(0));
    }

    [Fact]
    public async Task UnaryCallSendsRoutingMetadataAndReturnsResultAndLogs()
    {
        await using var h = new FakeChannel();
        var seen = new List<RpcLogMessage>();
        h.Client.OnLog = seen.Add;
        using (var result = await h.Client.CallAsync("add", AddParams(1, 2), [Kv("x-extra", "yes")], h.Ct))
        {
            Assert.Equal(3.0, ((DoubleArray)result.Result!).GetValue(0));
            Assert.Equal("result", Assert.Single(result.ResultSchema.FieldsList).Name);
            var log = Assert.Single(result.Logs);
            Assert.Equal(RpcLogLevel.Info, log.Level);
            Assert.Equal("adding 1 + 2", log.Message);
            Assert.Null(log.ExtraJson);
            Assert.Equal(FakeServer.ServerId, log.Metadata.Get(RpcMetadataKeys.ServerId));
            Assert.Same(log, Assert.Single(seen));
        }

        // The request is exactly: parameter schema, one 1-row batch with the keys in the extension's
        // order (method, request_version, protocol_version, extras), EOS.
        var expected = Build(w =>
        {
            w.WriteSchema(AddSchema);
            w.WriteBatch(AddParams(1, 2), [Kv("vgi_rpc.method", "add"), Kv("vgi_rpc.request_version", "1"), Kv("vgi_rpc.protocol_version", "1.0.0"), Kv("x-extra", "yes")]);
            w.WriteEos();
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(h.Sent));
        Assert.Equal(Eos, h.Sent[^8..]);
        Assert.Null(await h.StopAsync());
    }

    [Fact]
    public async Task NullParametersSendEmptySchemaAndOneRowZeroColumnBatch()
    {
        await using var h = new FakeChannel();
        using (var result = await h.Client.CallAsync("void_noop", ct: h.Ct))
        {
            Assert.Null(result.Batch);
            Assert.Null(result.Result);
            Assert.Empty(result.ResultSchema.FieldsList);
            Assert.Empty(result.Logs);
        }
        var sent = h.Sent;
        Assert.Equal(EmptySchemaMessage, sent[..56]);
        Assert.Equal(Eos, sent[^8..]);
        var request = Assert.Single(await ParseAsync(sent));
        var batch = Assert.Single(request.Batches);
        Assert.Equal((1, 0), (batch.Length, batch.Columns));
        Assert.Equal([Kv("vgi_rpc.method", "void_noop"), Kv("vgi_rpc.request_version", "1"), Kv("vgi_rpc.protocol_version", "1.0.0")], batch.Metadata);
    }

    [Fact]
    public async Task NullProtocolVersionOmitsTheKey()
    {
        await using var h = new FakeChannel();
        h.Client.ProtocolVersion = null;
        using (await h.Client.CallAsync("void_noop", ct: h.Ct)) { }
        Assert.Equal([Kv("vgi_rpc.method", "void_noop"), Kv("vgi_rpc.request_version", "1")], h.Server.Requests.Single());
    }

    [Fact]
    public async Task ExceptionBatchThrowsRpcExceptionAndKeepsTheChannelInStep()
    {
        await using var h = new FakeChannel();
        var seen = new List<RpcLogMessage>();
        h.Client.OnLog = seen.Add;
        var e = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("raise", AddParams(1, -1), ct: h.Ct));
        Assert.Equal("ValueError", e.TypeName);
        Assert.Equal("ValueError: b must be positive", e.Message);
        Assert.Equal("custom_kind", e.ErrorKind);
        Assert.Contains("Traceback (most recent call last)", e.RemoteTraceback);
        Assert.Contains("File \"fake.py\"", e.RemoteTraceback);
        Assert.Equal("about to fail", Assert.Single(seen).Message);
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task UnknownMethodCarriesErrorKind()
    {
        await using var h = new FakeChannel();
        var e = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("addd", ct: h.Ct));
        Assert.Equal("MethodNotImplementedError", e.TypeName);
        Assert.Equal(ErrorKinds.MethodNotImplemented, e.ErrorKind);
        Assert.StartsWith("MethodNotImplementedError: Unknown method: 'addd'", e.Message);
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task MalformedLogExtraFallsBackToExceptionTypeName()
    {
        await using var h = new FakeChannel();
        var e = await Assert.ThrowsAsync<RpcException>(() => h.Client.CallAsync("bad_extra", ct: h.Ct));
        Assert.Equal("EXCEPTION", e.TypeName);
        Assert.Equal("Oops: no json", e.Message);
        Assert.Null(e.ErrorKind);
        Assert.Null(e.RemoteTraceback);
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task SecondUnaryDataBatchIsRejectedAfterReadingToEos()
    {
        await using var h = new FakeChannel();
        await Assert.ThrowsAsync<InvalidDataException>(() => h.Client.CallAsync("two_results", ct: h.Ct));
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task ProducerWithHeaderRunsToEndAndClosesInputStream()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("produce_n", Int64Param("n", 2), hasHeader: true, ct: h.Ct);
        Assert.Equal(2L, ((Int64Array)session.Header!.Batch.Column(0)).GetValue(0));
        Assert.Equal("init produce_n", Assert.Single(session.Logs).Message);
        int afterRequest = h.Sent.Length;
        Assert.Null(session.OutputSchema); // nothing read past the header yet

        using (var first = await session.TickAsync([Kv("vgi_pushdown_filters", "f1")], h.Ct))
        {
            Assert.Equal(0L, ((Int64Array)first!.Batch.Column(0)).GetValue(0));
            Assert.Equal("0", first.Metadata.Get("vgi_batch_index"));
        }
        Assert.Equal("i", session.OutputSchema!.FieldsList.Single().Name);
        using (var second = await session.TickAsync(ct: h.Ct))
            Assert.Equal(1L, ((Int64Array)second!.Batch.Column(0)).GetValue(0));
        Assert.False(session.IsFinished);
        Assert.Null(await session.TickAsync(ct: h.Ct));
        Assert.True(session.IsFinished);
        Assert.Equal(["init produce_n", "producing 0", "producing 1"], session.Logs.Select(l => l.Message));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.TickAsync(ct: h.Ct));
        await session.CloseAsync(h.Ct); // idempotent once finished
        await session.DisposeAsync();

        // Input stream: the 56-byte empty schema, three 0-row 0-column ticks, EOS, nothing else.
        var input = h.Sent[afterRequest..];
        Assert.Equal(EmptySchemaMessage, input[..56]);
        Assert.Equal(Eos, input[^8..]);
        var expected = Build(w =>
        {
            w.WriteSchema(EmptySchema);
            w.WriteEmptyBatch([Kv("vgi_pushdown_filters", "f1")]);
            w.WriteEmptyBatch(null);
            w.WriteEmptyBatch(null);
            w.WriteEos();
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(input));
        var tick = (await ParseAsync(input)).Single().Batches[0];
        Assert.Equal((0, 0), (tick.Length, tick.Columns));

        await AssertAddWorksAsync(h);
        Assert.Equal(1, h.Server.CompletedDataPhases);
        Assert.Equal("f1", h.Server.InputBatches[0].Get("vgi_pushdown_filters"));
        Assert.Null(await h.StopAsync());
    }

    [Fact]
    public async Task ExchangeEchoesAndCloseEndsBothStreams()
    {
        await using var h = new FakeChannel();
        await using var session = await h.Client.OpenStreamAsync("exchange_echo", Int64Param("fail_on", 0), hasHeader: false, ct: h.Ct);
        Assert.Null(session.Header);
        int afterRequest = h.Sent.Length;

        using var first = await session.ExchangeAsync(Values(1, 2, 3), [Kv("k", "v")], h.Ct);
        using var second = await session.ExchangeAsync(Values(10), ct: h.Ct);
        // Both batches stay valid together: each owns its buffer.
        Assert.Equal([1.0, 2, 3], ReadValues(first));
        Assert.Equal([10.0], ReadValues(second));
        Assert.Equal("0", first.Metadata.Get("echo_index"));
        Assert.Equal("1", second.Metadata.Get("echo_index"));
        Assert.Equal("first exchange", Assert.Single(session.Logs).Message);
        Assert.Equal("value", session.OutputSchema!.FieldsList.Single().Name);
        Assert.Equal("v", h.Server.InputBatches[0].Get("k"));

        await session.CloseAsync(h.Ct);
        Assert.True(session.IsFinished);
        await session.CloseAsync(h.Ct);
        var input = Assert.Single(await ParseAsync(h.Sent[afterRequest..]));
        Assert.Equal("value", input.Schema.FieldsList.Single().Name);
        Assert.Equal([3, 1], input.Batches.Select(b => b.Length));
        Assert.Equal(Eos, h.Sent[^8..]);

        await AssertAddWorksAsync(h);
        Assert.Equal(1, h.Server.CompletedDataPhases);
    }

    [Fact]
    public async Task ExchangeErrorThrowsAndFinishesTheSession()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("exchange_echo", Int64Param("fail_on", 2), hasHeader: false, ct: h.Ct);
        using (var ok = await session.ExchangeAsync(Values(1), ct: h.Ct)) Assert.Equal([1.0], ReadValues(ok));
        var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(2), ct: h.Ct));
        Assert.Equal("ValueError: failed on batch 2", e.Message);
        Assert.True(session.IsFinished);
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.ExchangeAsync(Values(3), ct: h.Ct));
        await session.CancelAsync(h.Ct); // no-op once finished
        Assert.Equal(Eos, h.Sent[^8..]); // the client closed its input after the error
        await AssertAddWorksAsync(h);
        Assert.Equal(1, h.Server.CompletedDataPhases);
    }

    [Fact]
    public async Task CancelMidProducerSendsCancelBatchThenEosAndIsIdempotent()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("produce_n", Int64Param("n", 5), hasHeader: true, ct: h.Ct);
        int afterHeader = h.Sent.Length;
        using (var first = await session.TickAsync(ct: h.Ct)) Assert.NotNull(first);
        await session.CancelAsync(h.Ct);
        Assert.True(session.IsFinished);
        Assert.True(session.IsCancelled);
        await session.CancelAsync(h.Ct);
        await session.CloseAsync(h.Ct);
        Assert.True(h.Server.SawCancel);

        var input = Assert.Single(await ParseAsync(h.Sent[afterHeader..]));
        Assert.Empty(input.Schema.FieldsList);
        Assert.Equal(2, input.Batches.Count);
        Assert.Equal([Kv("vgi_rpc.cancel", "1")], input.Batches[1].Metadata);
        Assert.Equal((0, 0), (input.Batches[1].Length, input.Batches[1].Columns));
        Assert.Equal(Eos, h.Sent[^8..]);
        await AssertAddWorksAsync(h);
        Assert.Equal(1, h.Server.CompletedDataPhases);
    }

    [Fact]
    public async Task CancelBeforeAnyExchangeOpensInputOnEmptySchema()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("exchange_echo", Int64Param("fail_on", 0), hasHeader: false, ct: h.Ct);
        int afterRequest = h.Sent.Length;
        await session.CancelAsync(h.Ct);
        Assert.True(h.Server.SawCancel);
        Assert.Empty(session.OutputSchema!.FieldsList); // echo server mirrors the (empty) input schema
        var input = h.Sent[afterRequest..];
        Assert.Equal(EmptySchemaMessage, input[..56]);
        var expected = Build(w =>
        {
            w.WriteSchema(EmptySchema);
            w.WriteEmptyBatch([Kv("vgi_rpc.cancel", "1")]);
            w.WriteEos();
        });
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(input));
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task CloseBeforeAnyInputSendsEmptySchemaStreamAndReadsOutputSchema()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("exchange_echo", Int64Param("fail_on", 0), hasHeader: false, ct: h.Ct);
        int afterRequest = h.Sent.Length;
        await session.CloseAsync(h.Ct);
        Assert.NotNull(session.OutputSchema);
        Assert.Equal([.. EmptySchemaMessage, .. Eos], h.Sent[afterRequest..]);
        await AssertAddWorksAsync(h);
        Assert.Equal(1, h.Server.CompletedDataPhases);
    }

    [Fact]
    public async Task InitErrorInHeaderPositionThrowsFromOpen()
    {
        await using var h = new FakeChannel();
        var e = await Assert.ThrowsAsync<RpcException>(() => h.Client.OpenStreamAsync("produce_fail_init", null, hasHeader: true, ct: h.Ct));
        Assert.Equal("RuntimeError", e.TypeName);
        Assert.Equal("RuntimeError: init failed", e.Message);
        await AssertAddWorksAsync(h);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task InitErrorWithoutHeaderSurfacesOnFirstTickAndResyncs()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("produce_fail_init", null, hasHeader: false, ct: h.Ct);
        var e = await Assert.ThrowsAsync<RpcException>(() => session.TickAsync(ct: h.Ct));
        Assert.Equal("RuntimeError: init failed", e.Message);
        Assert.True(session.IsFinished);
        // The server took our tick stream for a request and rejected it; the client swallowed that reply.
        await AssertAddWorksAsync(h);
        Assert.Equal(3, h.Server.Requests.Count);
        Assert.Null(h.Server.Requests[1].Get(RpcMetadataKeys.Method));
    }

    [Fact]
    public async Task InitErrorWithoutHeaderSurfacesOnExchangeAndOnClose()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("exchange_fail_init", null, hasHeader: false, ct: h.Ct);
        await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(1), ct: h.Ct));
        await AssertAddWorksAsync(h);

        var again = await h.Client.OpenStreamAsync("exchange_fail_init", null, hasHeader: false, ct: h.Ct);
        await Assert.ThrowsAsync<RpcException>(() => again.CloseAsync(h.Ct));
        Assert.True(again.IsFinished);
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task CallsAreRefusedWhileASessionIsOpen()
    {
        await using var h = new FakeChannel();
        await using var session = await h.Client.OpenStreamAsync("exchange_echo", Int64Param("fail_on", 0), hasHeader: false, ct: h.Ct);
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.CallAsync("add", AddParams(1, 1), ct: h.Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => h.Client.OpenStreamAsync("exchange_echo", null, false, ct: h.Ct));
        await session.CloseAsync(h.Ct);
        await AssertAddWorksAsync(h);
    }

    [Theory]
    [InlineData("die_after_schema")]
    [InlineData("die_mid_message")]
    [InlineData("die_silently")]
    public async Task ServerDeathIsAnEndOfStreamNotAHang(string method)
    {
        await using var h = new FakeChannel();
        var e = await Assert.ThrowsAsync<EndOfStreamException>(() => h.Client.CallAsync(method, ct: h.Ct));
        Assert.IsAssignableFrom<IOException>(e);
        Assert.False(h.Ct.IsCancellationRequested);
    }

    [Fact]
    public async Task ServerDeathDuringStreamIsAnEndOfStream()
    {
        await using var h = new FakeChannel();
        var session = await h.Client.OpenStreamAsync("exchange_die", null, hasHeader: false, ct: h.Ct);
        await Assert.ThrowsAsync<EndOfStreamException>(() => session.ExchangeAsync(Values(1), ct: h.Ct));
        Assert.True(session.IsFinished);
        Assert.NotNull(session.OutputSchema);
    }

    [Fact]
    public async Task RawRequestAndRawResponseStream()
    {
        await using var h = new FakeChannel();
        // A request without vgi_rpc.method, written by hand.
        await h.Client.WriteRawAsync(Build(w =>
        {
            w.WriteSchema(EmptySchema);
            w.WriteBatch(1, [], [Kv("vgi_rpc.request_version", "1")]);
            w.WriteEos();
        }), h.Ct);
        var reply = await h.Client.ReadResponseStreamAsync(h.Ct);
        Assert.Empty(reply.Schema.FieldsList);
        var error = Assert.Single(reply.Batches);
        Assert.True(error.IsLog);
        Assert.True(error.IsException);
        Assert.Equal(0, error.Length);
        Assert.Empty(reply.DataBatches);
        Assert.Equal(FakeServer.ServerId, error.Metadata.Get(RpcMetadataKeys.ServerId));
        var e = reply.ToException()!;
        Assert.Equal("RpcError", e.TypeName);
        Assert.StartsWith("RpcError: ProtocolError: Missing 'vgi_rpc.method'", e.Message);

        // A successful reply read raw: the copied batch outlives the reader's pooled buffer.
        h.Client.Writer.WriteSchema(AddSchema);
        h.Client.Writer.WriteBatch(AddParams(2, 3), [Kv("vgi_rpc.method", "add"), Kv("vgi_rpc.request_version", "1")]);
        h.Client.Writer.WriteEos();
        await h.Client.WriteRawAsync(ReadOnlyMemory<byte>.Empty, h.Ct);
        var ok = await h.Client.ReadResponseStreamAsync(h.Ct);
        Assert.Equal(2, ok.Batches.Count);
        Assert.Equal("INFO", ok.Batches[0].Metadata.Get(RpcMetadataKeys.LogLevel));
        Assert.Null(ok.ToException());
        var data = Assert.Single(ok.DataBatches);
        Assert.Equal(5.0, ((DoubleArray)data.Batch.Column(0)).GetValue(0));
        await AssertAddWorksAsync(h);
    }

    [Fact]
    public async Task UnixSocketClientTalksToAServer()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vgi-client-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            var serverTask = Task.Run(async () =>
            {
                using var connection = await listener.AcceptAsync(cts.Token);
                await using var stream = new NetworkStream(connection, ownsSocket: false);
                await new FakeServer(stream, stream).RunAsync(cts.Token);
            });
            var client = await RpcClient.ConnectUnixAsync(path, cts.Token);
            using (var result = await client.CallAsync("add", AddParams(4, 5), ct: cts.Token))
                Assert.Equal(9.0, ((DoubleArray)result.Result!).GetValue(0));
            await client.DisposeAsync();
            await serverTask.WaitAsync(TimeSpan.FromSeconds(10)); // the shutdown reached the server as EOF
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task StartProcessSpawnsWorkerAndClosesStdinOnDispose()
    {
        if (!File.Exists("/bin/sh")) return;
        var stderr = new List<string>();
        // `cat` echoes the request stream back: a valid IPC stream whose one batch is data.
        var client = RpcClient.StartProcess("/bin/sh", ["-c", "echo worker-ready >&2; exec cat"], line => { lock (stderr) stderr.Add(line); });
        Assert.NotNull(client.Process);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using (var result = await client.CallAsync("add", AddParams(1, 2), ct: cts.Token))
        {
            Assert.Null(result.Result); // no "result" column, just the echoed parameters
            Assert.Equal(["a", "b"], result.ResultSchema.FieldsList.Select(f => f.Name));
            Assert.Equal("add", result.Batch!.Metadata.Get(RpcMetadataKeys.Method));
        }
        await client.DisposeAsync();
        Assert.Equal(0, client.ExitCode);
        lock (stderr) Assert.Equal(["worker-ready"], stderr);
    }
}
