using System.Diagnostics;
using System.Net.Sockets;
using Apache.Arrow;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Client;

/// <summary>
/// A vgi_rpc client over one byte channel (stdio pipes or a unix socket), speaking the pipe framing
/// of vgi-rpc-wire.md §3–§5. Calls are strictly sequential: one unary call or one open
/// <see cref="RpcStreamSession"/> at a time, as the lockstep protocol requires.
/// </summary>
public sealed class RpcClient : IAsyncDisposable
{
    internal static readonly Schema EmptySchema = new([], null);

    private readonly Stream _toServer;
    private readonly Stream _fromServer;
    private readonly EofTrackingStream _input;
    private readonly bool _leaveOpen;
    private Socket? _socket;
    private RpcStreamSession? _session;
    private bool _disposed;

    /// <param name="toServer">Requests and stream input go here (the worker's stdin).</param>
    /// <param name="fromServer">Responses and stream output come from here (the worker's stdout).</param>
    /// <param name="leaveOpen">Do not dispose the streams in <see cref="DisposeAsync"/>.</param>
    public RpcClient(Stream toServer, Stream fromServer, bool leaveOpen = false)
    {
        _toServer = toServer;
        _fromServer = fromServer;
        _leaveOpen = leaveOpen;
        _input = new EofTrackingStream(fromServer);
        Writer = new ArrowIpcWriter(toServer);
        Reader = new ArrowIpcReader(_input);
    }

    /// <summary>
    /// Spawns a worker speaking vgi_rpc on its stdin/stdout (binary pipes). Its stderr is read line
    /// by line and passed to <paramref name="stderrLine"/>, or discarded: it must be drained either
    /// way, or a chatty worker would block on a full pipe.
    /// </summary>
    public static RpcClient StartProcess(string fileName, IEnumerable<string> arguments, Action<string>? stderrLine = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) stderrLine?.Invoke(line);
        };
        try
        {
            process.Start();
        }
        catch
        {
            process.Dispose();
            throw;
        }
        process.BeginErrorReadLine();
        // The StreamWriter/StreamReader wrappers are never used, so no encoding (or BOM) touches the bytes.
        return new RpcClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream) { Process = process };
    }

    /// <summary>Connects to a worker listening on an AF_UNIX socket (the <c>unix://</c> / <c>launch:</c> transports).</summary>
    public static async Task<RpcClient> ConnectUnixAsync(string socketPath, CancellationToken ct = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var stream = new NetworkStream(socket, ownsSocket: true);
        return new RpcClient(stream, stream) { _socket = socket };
    }

    /// <summary>The worker started by <see cref="StartProcess"/>, else null. Disposed with the client.</summary>
    public Process? Process { get; private init; }

    /// <summary>The worker's exit code, once <see cref="DisposeAsync"/> has seen it exit.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>How long <see cref="DisposeAsync"/> waits for a worker to exit after stdin closes before killing it.</summary>
    public TimeSpan ExitTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sent as <c>vgi_rpc.protocol_version</c> on every request; null omits the key.</summary>
    public string? ProtocolVersion { get; set; } = "1.0.0";

    /// <summary>Called for every non-error log batch, as it arrives (it must not throw).</summary>
    public Action<RpcLogMessage>? OnLog { get; set; }

    /// <summary>The raw channel to the server, for bad-input tests.</summary>
    public Stream ToServer => _toServer;

    /// <summary>The IPC writer on <see cref="ToServer"/>; it stages bytes until flushed.</summary>
    public ArrowIpcWriter Writer { get; }

    /// <summary>The IPC reader on the server's channel, positioned wherever the last operation left it.</summary>
    public ArrowIpcReader Reader { get; }

    /// <summary>Writes bytes verbatim (after anything the writer had staged) and flushes.</summary>
    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken ct = default)
    {
        await Writer.FlushAsync(ct).ConfigureAwait(false);
        await _toServer.WriteAsync(bytes, ct).ConfigureAwait(false);
        await _toServer.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads one whole response stream (schema, every batch, EOS) without interpreting it: logs and
    /// errors are returned as batches, not raised. Batches are copied out of the reader's pool.
    /// </summary>
    public async Task<RpcResponseStream> ReadResponseStreamAsync(CancellationToken ct = default)
    {
        var schema = await ReadSchemaAsync(ct).ConfigureAwait(false);
        var batches = new List<RpcResponseBatch>();
        while (await ReadBatchAsync(ct).ConfigureAwait(false) is { } batch)
        {
            using (batch) batches.Add(new RpcResponseBatch(ArrowCopy.Copy(batch.Batch), batch.Metadata));
        }
        return new RpcResponseStream(schema, batches);
    }

    /// <summary>
    /// Makes a unary call. <paramref name="parameters"/> is the 1-row parameter batch; null sends the
    /// empty schema with a zero-column batch of length 1, as the DuckDB extension does.
    /// </summary>
    /// <exception cref="RpcException">The server answered with an EXCEPTION batch (the stream was read to its EOS first).</exception>
    /// <exception cref="EndOfStreamException">The server closed the channel before the response was complete.</exception>
    public async Task<RpcCallResult> CallAsync(string method, RecordBatch? parameters = null,
        IReadOnlyList<KeyValuePair<string, string>>? extraMetadata = null, CancellationToken ct = default)
    {
        EnsureIdle();
        await WriteRequestAsync(method, parameters, extraMetadata, ct).ConfigureAwait(false);
        var schema = await ReadSchemaAsync(ct).ConfigureAwait(false);
        var logs = new List<RpcLogMessage>();
        var data = await ReadNextDataAsync(logs, ct).ConfigureAwait(false);
        try
        {
            // Read on to EOS so the channel is positioned at the next response; only logs may follow.
            if (await ReadNextDataAsync(logs, ct).ConfigureAwait(false) is { } extra)
            {
                extra.Dispose();
                await DrainAsync(ct).ConfigureAwait(false);
                throw new InvalidDataException($"the unary response to '{method}' carried more than one data batch");
            }
        }
        catch
        {
            data?.Dispose();
            throw;
        }
        if (data is { Batch.ColumnCount: 0 })
        {
            data.Dispose(); // a void result: 0 rows, 0 columns
            data = null;
        }
        return new RpcCallResult(data, logs, schema);
    }

    /// <summary>
    /// Starts a stream call. With <paramref name="hasHeader"/> the header stream is read now (an
    /// init error surfaces here); without, nothing is read: the server now waits for the input stream,
    /// and an init error surfaces on the session's first operation.
    /// </summary>
    public async Task<RpcStreamSession> OpenStreamAsync(string method, RecordBatch? parameters, bool hasHeader,
        IReadOnlyList<KeyValuePair<string, string>>? extraMetadata = null, CancellationToken ct = default)
    {
        EnsureIdle();
        await WriteRequestAsync(method, parameters, extraMetadata, ct).ConfigureAwait(false);
        var logs = new List<RpcLogMessage>();
        IpcRecordBatch? header = null;
        if (hasHeader)
        {
            var schema = await ReadSchemaAsync(ct).ConfigureAwait(false);
            header = await ReadNextDataAsync(logs, ct).ConfigureAwait(false);
            try
            {
                // A 0-field header schema is how the server says "init failed" (§4.3); the error
                // batch was thrown above, so reaching here means a malformed reply.
                if (schema.FieldsList.Count == 0)
                {
                    await DrainAsync(ct).ConfigureAwait(false);
                    throw new InvalidDataException($"the header stream of '{method}' has no fields and no error batch");
                }
                if (header is null) throw new InvalidDataException($"the header stream of '{method}' ended without a header row");
                if (await ReadNextDataAsync(logs, ct).ConfigureAwait(false) is { } extra)
                {
                    extra.Dispose();
                    await DrainAsync(ct).ConfigureAwait(false);
                    throw new InvalidDataException($"the header stream of '{method}' carried more than one batch");
                }
            }
            catch
            {
                header?.Dispose();
                throw;
            }
        }
        var session = new RpcStreamSession(this, method, hasHeader, header, logs);
        _session = session;
        return session;
    }

    /// <summary>
    /// Closes the channel: stdin closes (a worker then exits 0 at the request boundary) or the socket
    /// shuts down its sending side. A worker that does not exit within <see cref="ExitTimeout"/> is killed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        try
        {
            await Writer.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Best effort: the peer (or the stream) is gone already, and disposal must not throw.
        }
        if (_socket is { } socket)
        {
            try
            {
                socket.Shutdown(SocketShutdown.Send);
            }
            catch (SocketException)
            {
            }
            catch (ObjectDisposedException)
            {
            }
        }
        if (!_leaveOpen) await DisposeQuietlyAsync(_toServer).ConfigureAwait(false);
        if (Process is { } process)
        {
            using var timeout = new CancellationTokenSource(ExitTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // It exited between the timeout and the kill.
                }
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
            ExitCode = process.ExitCode;
        }
        if (!_leaveOpen && !ReferenceEquals(_fromServer, _toServer))
            await DisposeQuietlyAsync(_fromServer).ConfigureAwait(false);
        Process?.Dispose();
    }

    private static async ValueTask DisposeQuietlyAsync(Stream stream)
    {
        try
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException)
        {
            // Flushing into a pipe whose reader died (EPIPE) must not stop the shutdown.
        }
    }

    private void EnsureIdle()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_session is { IsFinished: false })
            throw new InvalidOperationException($"the stream session '{_session.Method}' is still open on this channel: close or cancel it first");
    }

    internal void EndSession(RpcStreamSession session)
    {
        if (ReferenceEquals(_session, session)) _session = null;
    }

    /// <summary>Writes one request stream (§3.1): parameter schema, one batch with the routing metadata, EOS.</summary>
    private async Task WriteRequestAsync(string method, RecordBatch? parameters,
        IReadOnlyList<KeyValuePair<string, string>>? extraMetadata, CancellationToken ct)
    {
        var metadata = new List<KeyValuePair<string, string>>(3 + (extraMetadata?.Count ?? 0))
        {
            new(RpcMetadataKeys.Method, method),
            new(RpcMetadataKeys.RequestVersion, RpcMetadataKeys.CurrentRequestVersion),
        };
        if (ProtocolVersion is { } version) metadata.Add(new(RpcMetadataKeys.ProtocolVersion, version));
        if (extraMetadata is not null) metadata.AddRange(extraMetadata);
        if (parameters is null)
        {
            Writer.WriteSchema(EmptySchema);
            Writer.WriteBatch(1, [], metadata);
        }
        else
        {
            Writer.WriteSchema(parameters.Schema);
            Writer.WriteBatch(parameters, metadata);
        }
        Writer.WriteEos();
        await Writer.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Opens the next server stream; EOF here means the server died or hung up.</summary>
    internal async ValueTask<Schema> ReadSchemaAsync(CancellationToken ct)
    {
        Schema? schema;
        try
        {
            schema = await Reader.ReadSchemaAsync(ct).ConfigureAwait(false);
        }
        catch (IpcFormatException e) when (_input.SawEof)
        {
            throw Truncated(e);
        }
        return schema ?? throw new EndOfStreamException("the server closed the channel instead of answering");
    }

    /// <summary>The next batch of the current server stream, or null at its EOS.</summary>
    internal async ValueTask<IpcRecordBatch?> ReadBatchAsync(CancellationToken ct)
    {
        try
        {
            return await Reader.ReadBatchAsync(ct).ConfigureAwait(false);
        }
        catch (IpcFormatException e) when (_input.SawEof)
        {
            throw Truncated(e);
        }
        catch (EndOfStreamException e)
        {
            throw new EndOfStreamException("the server closed the channel before the end of its stream", e);
        }
    }

    private static EndOfStreamException Truncated(Exception e) =>
        new("the server closed the channel in the middle of a message", e);

    /// <summary>Reads and discards the rest of the current server stream.</summary>
    internal async ValueTask DrainAsync(CancellationToken ct)
    {
        while (Reader.Schema is not null && await ReadBatchAsync(ct).ConfigureAwait(false) is { } batch) batch.Dispose();
    }

    /// <summary>
    /// Reads the current server stream up to its next data batch (returned) or EOS (null), collecting
    /// log batches on the way. An EXCEPTION batch is raised as <see cref="RpcException"/> after the
    /// stream has been drained to EOS, so the channel stays in step.
    /// </summary>
    internal async ValueTask<IpcRecordBatch?> ReadNextDataAsync(List<RpcLogMessage> logs, CancellationToken ct)
    {
        while (await ReadBatchAsync(ct).ConfigureAwait(false) is { } batch)
        {
            if (!ResponseBatches.IsLog(batch)) return batch;
            var metadata = batch.Metadata;
            batch.Dispose();
            if (ResponseBatches.IsException(metadata))
            {
                var error = ResponseBatches.ToException(metadata);
                await DrainAsync(ct).ConfigureAwait(false);
                throw error;
            }
            var log = ResponseBatches.ToLog(metadata);
            logs.Add(log);
            OnLog?.Invoke(log);
        }
        return null;
    }

    /// <summary>Reads one whole server stream and drops it; a closed channel counts as done.</summary>
    internal async ValueTask DiscardStreamAsync(CancellationToken ct)
    {
        if (await Reader.ReadSchemaAsync(ct).ConfigureAwait(false) is null) return;
        await DrainAsync(ct).ConfigureAwait(false);
    }
}
