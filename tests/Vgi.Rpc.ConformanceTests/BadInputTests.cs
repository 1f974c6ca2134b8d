using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests;

/// <summary>
/// Malformed and hostile input over stdio, written as raw bytes or raw IPC streams. Each test checks
/// the exact reply vgi-rpc-wire.md §3.1/§4.3/§5.2 prescribes, then that the worker serves the next
/// request on the same pipe, or, where the channel cannot be resynchronised, that it exits promptly.
/// Every read is bounded, so a hang fails the test. Each test gets a fresh worker.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly StderrLog _stderr = new();
    private RpcClient _client = null!;

    public Task InitializeAsync()
    {
        _client = Worker.StartStdio(stderr: _stderr);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _client.DisposeAsync(); // closes stdin; kills the worker if it lingers

    // ------------------------------------------------------------------ helpers

    private static List<KeyValuePair<string, string>> Md(string? method, string? requestVersion = "1", string? protocolVersion = "1.0.0")
    {
        var md = new List<KeyValuePair<string, string>>();
        if (method is not null) md.Add(new(RpcMetadataKeys.Method, method));
        if (requestVersion is not null) md.Add(new(RpcMetadataKeys.RequestVersion, requestVersion));
        if (protocolVersion is not null) md.Add(new(RpcMetadataKeys.ProtocolVersion, protocolVersion));
        return md;
    }

    /// <summary>Writes one request stream made of <paramref name="batches"/> (each with <paramref name="metadata"/>).</summary>
    private async Task WriteRequestAsync(Schema schema, IReadOnlyList<KeyValuePair<string, string>> metadata, params RecordBatch[] batches)
    {
        _client.Writer.WriteSchema(schema);
        foreach (var batch in batches) _client.Writer.WriteBatch(batch, metadata);
        _client.Writer.WriteEos();
        await _client.Writer.FlushAsync();
    }

    private Task WriteRequestAsync(RecordBatch parameters, IReadOnlyList<KeyValuePair<string, string>> metadata) =>
        WriteRequestAsync(parameters.Schema, metadata, parameters);

    private static byte[] RequestBytes(RecordBatch parameters, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer);
        writer.WriteSchema(parameters.Schema);
        writer.WriteBatch(parameters, metadata);
        writer.WriteEos();
        writer.Flush();
        return buffer.ToArray();
    }

    private Task<RpcResponseStream> ReadResponseAsync() => _client.ReadResponseStreamAsync().Timed();

    /// <summary>Asserts a standalone error stream: the given schema, exactly one EXCEPTION batch, EOS.</summary>
    private static RpcResponseBatch AssertErrorStream(RpcResponseStream response, string schema, string messagePrefix, string? errorKind = null)
    {
        Assert.Equal(schema, A.Describe(response.Schema));
        var error = Assert.Single(response.Batches);
        Assert.True(error.IsException, "expected an EXCEPTION batch");
        Assert.Equal(0, error.Length);
        string message = error.Metadata.Get(RpcMetadataKeys.LogMessage)!;
        Assert.StartsWith(messagePrefix, message);
        Assert.Equal(errorKind, error.Metadata.Get(RpcMetadataKeys.ErrorKind));
        Assert.Matches("^[0-9a-f]{12}$", error.Metadata.Get(RpcMetadataKeys.ServerId));
        using var extra = JsonDocument.Parse(error.Metadata.Get(RpcMetadataKeys.LogExtra)!);
        Assert.Equal(messagePrefix.Split(':')[0], extra.RootElement.GetProperty("exception_type").GetString());
        if (errorKind is not null) Assert.Equal(errorKind, extra.RootElement.GetProperty("error_kind").GetString());
        return error;
    }

    private async Task AssertStillServesAsync()
    {
        using var result = await _client.CallAsync("echo_string", A.Value(A.Str("next"))).Timed();
        Assert.Equal("next", ((StringArray)result.Result!).GetString(0));
    }

    /// <summary>The worker wrote nothing more (clean EOF on stdout) and exited on its own.</summary>
    private async Task<int> AssertExitsAsync()
    {
        Assert.Null(await _client.Reader.ReadSchemaAsync().AsTask().Timed());
        return await Worker.WaitForExitAsync(_client.Process!, Worker.ReadTimeout);
    }

    // ------------------------------------------------------------------ channel-breaking input: error stream, then exit

    [Theory]
    [InlineData("garbage text", "74686973206973206E6F74204172726F7720495043206174616C6C0A")] // "this is not Arrow IPC at all\n"
    [InlineData("huge metadata length", "FFFFFFFFFFFFFF7F0000000000000000")]
    [InlineData("negative metadata length", "FFFFFFFF00000080")]
    [InlineData("garbage flatbuffer", "FFFFFFFF10000000DEADBEEFDEADBEEFDEADBEEFDEADBEEF")]
    [InlineData("zero flatbuffer", "FFFFFFFF100000000000000000000000000000000000000000")]
    public async Task Garbage_ErrorStreamOnEmptySchemaThenExit(string name, string hex)
    {
        _ = name;
        await _client.WriteRawAsync(Convert.FromHexString(hex));
        var response = await ReadResponseAsync();
        AssertErrorStream(response, "", "RpcError: ProtocolError: ");
        await AssertExitsAsync();
    }

    [Fact]
    public async Task MissingContinuationToken_ErrorStreamThenExit()
    {
        // Pre-0.15 framing: an int32 length directly followed by the flatbuffer.
        var request = RequestBytes(A.Value(A.Str("x")), Md("echo_string"));
        Assert.Equal(0xFFFFFFFF, BitConverter.ToUInt32(request, 0));
        await _client.WriteRawAsync(request.AsMemory(4));
        var error = AssertErrorStream(await ReadResponseAsync(), "", "RpcError: ProtocolError: ");
        Assert.Contains("continuation", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        await AssertExitsAsync();
    }

    [Fact]
    public async Task NotASchemaMessageFirst_ErrorStreamThenExit()
    {
        // A request stream that starts with its record batch (the schema message dropped).
        var request = RequestBytes(A.Value(A.Str("x")), Md("echo_string"));
        int schemaLength = 8 + BitConverter.ToInt32(request, 4);
        await _client.WriteRawAsync(request.AsMemory(schemaLength));
        AssertErrorStream(await ReadResponseAsync(), "", "RpcError: ProtocolError: ");
        await AssertExitsAsync();
    }

    [Theory]
    [InlineData(3)]    // inside the continuation token
    [InlineData(40)]   // inside the schema flatbuffer
    [InlineData(-1)]   // after the schema message, before the batch
    [InlineData(-8)]   // everything but the EOS
    public async Task TruncatedRequest_WorkerExitsWithoutHanging(int cut)
    {
        var request = RequestBytes(A.Value(A.Str("truncated")), Md("echo_string"));
        int length = cut switch
        {
            -1 => 8 + BitConverter.ToInt32(request, 4),
            -8 => request.Length - 8,
            _ => cut,
        };
        await _client.WriteRawAsync(request.AsMemory(0, length));
        _client.ToServer.Close(); // EOF in the middle of the request
        // The worker may answer with an error stream (a message cut short) or just hang up; it must not wait.
        var schema = await _client.Reader.ReadSchemaAsync().AsTask().Timed();
        if (schema is not null)
        {
            var error = await _client.Reader.ReadBatchAsync().AsTask().Timed();
            Assert.NotNull(error);
            Assert.Equal("EXCEPTION", error!.Metadata.Get(RpcMetadataKeys.LogLevel));
            error.Dispose();
            Assert.Null(await _client.Reader.ReadBatchAsync().AsTask().Timed());
        }
        Assert.NotEqual(0, await AssertExitsAsync());
    }

    // ------------------------------------------------------------------ rejected requests: error stream, channel stays in step

    [Fact]
    public async Task TwoRowRequest_ProtocolErrorThenNextRequestWorks()
    {
        var twoRows = new RecordBatch(new Schema([new Field("value", StringType.Default, false)], null), [A.Str("a", "b")], 2);
        await WriteRequestAsync(twoRows, Md("echo_string"));
        var response = await ReadResponseAsync();
        // §3.1 names the error but not the schema it travels on; this server answers on the method's
        // result schema (as for the null-parameter check), an empty-schema stream would be as valid.
        var error = AssertErrorStream(response, response.Schema.FieldsList.Count == 0 ? "" : "result: utf8", "RpcError: ProtocolError: ");
        Assert.Contains("Expected 1 row", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task WrongBatchCount_ProtocolErrorThenNextRequestWorks(int batches)
    {
        var row = A.Value(A.Str("x"));
        await WriteRequestAsync(row.Schema, Md("echo_string"), [.. Enumerable.Repeat(row, batches)]);
        var error = AssertErrorStream(await ReadResponseAsync(), "", "RpcError: ProtocolError: ");
        Assert.Contains("1 record batch", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task MissingMethod_ProtocolErrorOnEmptySchema()
    {
        await WriteRequestAsync(A.Value(A.Str("x")), Md(null));
        AssertErrorStream(await ReadResponseAsync(), "", "RpcError: ProtocolError: Missing 'vgi_rpc.method'");
        await AssertStillServesAsync();
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData(null)]
    public async Task WrongRequestVersion_VersionError(string? version)
    {
        await WriteRequestAsync(A.Value(A.Str("x")), Md("echo_string", requestVersion: version));
        AssertErrorStream(await ReadResponseAsync(), "", "VersionError: ");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ProtocolVersionMismatch_UnaryErrorOnResultSchema()
    {
        await WriteRequestAsync(A.Value(A.Str("x")), Md("echo_string", protocolVersion: "2.0.0"));
        var error = AssertErrorStream(await ReadResponseAsync(), "result: utf8", "ProtocolVersionError: ", "protocol_version_mismatch");
        Assert.Contains("2.0.0", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task ProtocolVersionMismatch_StreamErrorOnEmptySchema()
    {
        await WriteRequestAsync(A.Params(new Col("count", A.I64(3))), Md("produce_n", protocolVersion: "1.1.0"));
        AssertErrorStream(await ReadResponseAsync(), "", "ProtocolVersionError: ", "protocol_version_mismatch");
        // Rejected before dispatch: no input stream is expected, the next request goes straight in.
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task NullForNonNullParameter_TypeErrorOnResultSchema()
    {
        var nullValue = new RecordBatch(new Schema([new Field("value", StringType.Default, true)], null), [A.Str([null])], 1);
        await WriteRequestAsync(nullValue, Md("echo_string"));
        var error = AssertErrorStream(await ReadResponseAsync(), "result: utf8", "TypeError: ");
        Assert.Contains("'value'", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task NullForNonNullStreamParameter_TypeErrorOnEmptySchema()
    {
        var nullCount = new RecordBatch(new Schema([new Field("count", Int64Type.Default, true)], null), [A.I64([null])], 1);
        await WriteRequestAsync(nullCount, Md("produce_n"));
        AssertErrorStream(await ReadResponseAsync(), "", "TypeError: ");
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task UnknownMethod_MethodNotImplementedListsAvailableMethods()
    {
        await WriteRequestAsync(A.Value(A.Str("x")), Md("no_such_method"));
        var error = AssertErrorStream(await ReadResponseAsync(), "", "MethodNotImplementedError: Unknown method: 'no_such_method'", "method_not_implemented");
        string message = error.Metadata.Get(RpcMetadataKeys.LogMessage)!;
        Assert.Contains("Available methods: [", message);
        Assert.Contains("'echo_string'", message);
        Assert.Contains("'produce_n'", message);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task UnknownMethod_BeforeVersionGate()
    {
        // Method lookup comes before the protocol_version gate (§3.1 steps 4–5).
        await WriteRequestAsync(A.Value(A.Str("x")), Md("no_such_method", protocolVersion: null));
        AssertErrorStream(await ReadResponseAsync(), "", "MethodNotImplementedError: ", "method_not_implemented");
        await AssertStillServesAsync();
    }

    // ------------------------------------------------------------------ unusual but valid requests

    [Fact]
    public async Task ZeroParameterRequestWithZeroRows_IsAccepted()
    {
        // Python's introspect() sends length 0 where the extension sends 1; with no fields any count goes (§3.1).
        await WriteRequestAsync(RpcSchemas.Empty, Md("cancel_probe_counters"), new RecordBatch(RpcSchemas.Empty, [], 0));
        var response = await ReadResponseAsync();
        Assert.Equal("result: binary?", A.Describe(response.Schema));
        Assert.Equal(1, Assert.Single(response.Batches).Length);
        await WriteRequestAsync(RpcSchemas.Empty, Md("void_noop"), new RecordBatch(RpcSchemas.Empty, [], 0));
        response = await ReadResponseAsync();
        Assert.Empty(response.Schema.FieldsList);
        Assert.Equal(0, Assert.Single(response.Batches).Length);
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task UnknownMetadataKeys_AreIgnored()
    {
        var md = Md("echo_string");
        md.Insert(0, new("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        md.Add(new("vgi_rpc.protocol", "ConformanceService")); // the npm dialect's routing key
        md.Add(new("vgi_rpc.request_id", "0123456789abcdef"));
        await WriteRequestAsync(A.Value(A.Str("tolerant")), md);
        var response = await ReadResponseAsync();
        Assert.Equal("tolerant", ((StringArray)Assert.Single(response.Batches).Batch.Column(0)).GetString(0));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task LegacyFourByteEos_EndsTheRequest()
    {
        var request = RequestBytes(A.Value(A.Str("legacy")), Md("echo_string"));
        Assert.Equal("FFFFFFFF00000000", Convert.ToHexString(request, request.Length - 8, 8));
        byte[] legacy = [.. request.AsSpan(0, request.Length - 8), 0, 0, 0, 0];
        await _client.WriteRawAsync(legacy);
        var response = await ReadResponseAsync();
        Assert.Equal("legacy", ((StringArray)Assert.Single(response.Batches).Batch.Column(0)).GetString(0));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task RequestsBackToBackInOneWrite_AreAnsweredInOrder()
    {
        // The reader keeps bytes read past one stream's EOS for the next stream (§1.1).
        var bytes = new List<byte>();
        for (int i = 0; i < 5; i++) bytes.AddRange(RequestBytes(A.Value(A.I64(i)), Md("echo_int")));
        await _client.WriteRawAsync(bytes.ToArray());
        for (int i = 0; i < 5; i++)
        {
            var response = await ReadResponseAsync();
            Assert.Equal(i, ((Int64Array)Assert.Single(response.Batches).Batch.Column(0)).GetValue(0));
        }
        await AssertStillServesAsync();
    }

    // ------------------------------------------------------------------ method errors

    [Fact]
    public async Task UserExceptionInUnary_ErrorBatchInResultStream()
    {
        await WriteRequestAsync(A.Params(new Col("message", A.Str("boom"))), Md("raise_value_error"));
        var error = AssertErrorStream(await ReadResponseAsync(), "result: utf8", "ValueError: boom");
        Assert.Equal("ValueError: boom", error.Metadata.Get(RpcMetadataKeys.LogMessage));
        Assert.Matches("^[0-9a-f]{16}$", error.Metadata.Get(RpcMetadataKeys.RequestId));
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task UserExceptionInStreamInit_ErrorStreamThenRequestLoop()
    {
        await WriteRequestAsync(RpcSchemas.Empty, Md("produce_error_on_init"), new RecordBatch(RpcSchemas.Empty, [], 1));
        AssertErrorStream(await ReadResponseAsync(), "", "ValueError: intentional error in produce_error_on_init");
        // The server went back to its request loop and reads no input stream (§5.2).
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task UserExceptionMidStream_ErrorBatchThenEosThenDrain()
    {
        await WriteRequestAsync(A.Params(new Col("emit_before_error", A.I64(1))), Md("produce_error_mid_stream"));
        var writer = _client.Writer;
        var reader = _client.Reader;
        writer.WriteSchema(RpcSchemas.Empty);
        writer.WriteBatch(0, [], null); // tick 1
        await writer.FlushAsync();
        var output = await reader.ReadSchemaAsync().AsTask().Timed();
        Assert.Equal("index: int64?, value: int64?", A.Describe(output!));
        using (var first = await reader.ReadBatchAsync().AsTask().Timed())
        {
            Assert.Equal(1, first!.Length);
            Assert.Empty(first.Metadata);
        }
        writer.WriteBatch(0, [], null); // tick 2: the producer raises
        await writer.FlushAsync();
        using (var error = await reader.ReadBatchAsync().AsTask().Timed())
        {
            Assert.Equal(0, error!.Length);
            Assert.Equal("EXCEPTION", error.Metadata.Get(RpcMetadataKeys.LogLevel));
            Assert.Equal("RuntimeError: intentional error after 1 batches", error.Metadata.Get(RpcMetadataKeys.LogMessage));
            Assert.False(error.Metadata.Contains(RpcMetadataKeys.RequestId)); // written by the stream loop
        }
        Assert.Null(await reader.ReadBatchAsync().AsTask().Timed()); // output EOS
        // The server drains our input: more ticks are read and discarded until our EOS (validation.md C3).
        writer.WriteBatch(0, [], null);
        writer.WriteEos();
        await writer.FlushAsync();
        await AssertStillServesAsync();
    }

    [Fact]
    public async Task InputStreamNotArrow_WorkerExitsWithoutHanging()
    {
        await WriteRequestAsync(A.Params(new Col("count", A.I64(3))), Md("produce_n"));
        await _client.WriteRawAsync(Encoding.ASCII.GetBytes("definitely not an input stream"));
        Assert.NotEqual(0, await AssertExitsAsync());
    }

    // ------------------------------------------------------------------ the client going away

    [Fact]
    public async Task ClientClosesStdinMidStream_WorkerExitsPromptly()
    {
        var session = await _client.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(1000))), hasHeader: false).Timed();
        using (var batch = await session.TickAsync().Timed()) Assert.NotNull(batch);
        _client.ToServer.Close();
        await Worker.WaitForExitAsync(_client.Process!, Worker.ReadTimeout);
    }

    [Fact]
    public async Task ClientClosesStdoutMidStream_WorkerExitsPromptly()
    {
        var session = await _client.OpenStreamAsync("produce_large_batches",
            A.Params(new Col("rows_per_batch", A.I64(100_000)), new Col("batch_count", A.I64(1000))), hasHeader: false).Timed();
        using (var batch = await session.TickAsync().Timed()) Assert.NotNull(batch);
        _client.Process!.StandardOutput.BaseStream.Close(); // nobody reads the worker's output any more
        // Keep ticking until the worker notices (EPIPE on its next write) and goes away.
        await Task.Run(async () =>
        {
            try
            {
                for (int i = 0; i < 1000 && !_client.Process.HasExited; i++)
                {
                    _client.Writer.WriteBatch(0, [], null);
                    await _client.Writer.FlushAsync();
                    await Task.Delay(5);
                }
            }
            catch (IOException)
            {
                // The worker is gone and its stdin with it.
            }
        }).Timed();
        try
        {
            await Worker.WaitForExitAsync(_client.Process, Worker.ReadTimeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; worker stderr:\n{_stderr}", e);
        }
    }

    [Fact]
    public async Task EofAtRequestBoundary_ExitsZeroWithCleanStdout()
    {
        await AssertStillServesAsync();
        await using (var session = await _client.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(2))), hasHeader: false).Timed())
        {
            while (await session.TickAsync().Timed() is { } b) b.Dispose();
        }
        _client.ToServer.Close();
        Assert.Equal(0, await AssertExitsAsync());
    }

    [Fact]
    public async Task EofWhileStreamInputOpen_WorkerExits()
    {
        await WriteRequestAsync(A.Params(new Col("count", A.I64(3))), Md("produce_n"));
        _client.ToServer.Close(); // the input stream never opens
        Assert.NotEqual(0, await AssertExitsAsync());
    }

    [Fact]
    public async Task StderrCarriesDiagnosticsNotStdout()
    {
        await WriteRequestAsync(A.Params(new Col("message", A.Str("to stderr"))), Md("raise_runtime_error"));
        AssertErrorStream(await ReadResponseAsync(), "result: utf8", "RuntimeError: to stderr");
        await AssertStillServesAsync();
        _client.ToServer.Close();
        Assert.Equal(0, await AssertExitsAsync()); // nothing but IPC streams ever reached stdout
        for (int i = 0; i < 100 && !_stderr.Lines.Any(l => l.Contains("raise_runtime_error", StringComparison.Ordinal)); i++) await Task.Delay(50);
        Assert.Contains(_stderr.Lines, l => l.Contains("raise_runtime_error", StringComparison.Ordinal));
    }
}
