using Apache.Arrow;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Client;

/// <summary>
/// The data phase of a stream call (vgi-rpc-wire.md §5.2): the client's input IPC stream and the
/// server's output IPC stream, in lockstep. Producers are driven with <see cref="TickAsync"/>,
/// exchanges with <see cref="ExchangeAsync"/>. Every way of ending it (output EOS, error, cancel,
/// close) leaves both streams at their EOS, so the client can make its next call on the channel.
/// </summary>
public sealed class RpcStreamSession : IAsyncDisposable
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> CancelMetadata = [new(RpcMetadataKeys.Cancel, "1")];

    private readonly RpcClient _client;
    private readonly bool _hasHeader;
    private readonly List<RpcLogMessage> _logs;
    private bool _inputOpen;
    private bool _inputClosed;
    private bool _outputOpen;
    private bool _outputEnded;
    private bool _sawData;

    internal RpcStreamSession(RpcClient client, string method, bool hasHeader, IpcRecordBatch? header, List<RpcLogMessage> logs)
    {
        _client = client;
        Method = method;
        _hasHeader = hasHeader;
        Header = header;
        _logs = logs;
    }

    public string Method { get; }

    /// <summary>The header row (null for a method without a header). Owned and disposed by the session.</summary>
    public IpcRecordBatch? Header { get; }

    /// <summary>The output stream's schema, once it has been read.</summary>
    public Schema? OutputSchema { get; private set; }

    /// <summary>Every log seen so far, header/init logs included.</summary>
    public IReadOnlyList<RpcLogMessage> Logs => _logs;

    /// <summary>Both streams are over; the client is free for the next call.</summary>
    public bool IsFinished { get; private set; }

    public bool IsCancelled { get; private set; }

    /// <summary>
    /// Producer turn: sends one tick (a 0-row batch on the input stream, opened on the empty schema
    /// the first time) and returns the next data batch, or null when the producer has finished, in
    /// which case the input stream is closed and the session is over. The caller owns the batch.
    /// </summary>
    public Task<IpcRecordBatch?> TickAsync(IReadOnlyList<KeyValuePair<string, string>>? metadata = null, CancellationToken ct = default)
    {
        EnsureActive();
        return GuardAsync(async () =>
        {
            var writer = _client.Writer;
            if (!_inputOpen) OpenInput(RpcClient.EmptySchema);
            writer.WriteEmptyBatch(metadata);
            await writer.FlushAsync(ct).ConfigureAwait(false);
            var data = await ReadOutputAsync(ct).ConfigureAwait(false);
            if (data is null)
            {
                // The server leaves its loop and drains our input until EOS; give it that EOS now.
                await CloseInputAsync(ct).ConfigureAwait(false);
                Finish();
            }
            return data;
        });
    }

    /// <summary>
    /// Exchange turn: sends <paramref name="input"/> (opening the input stream on its schema the
    /// first time) and returns the one data batch the server answers with. The caller owns it.
    /// </summary>
    /// <exception cref="RpcException">The server's process step failed; the session is over.</exception>
    public Task<IpcRecordBatch> ExchangeAsync(RecordBatch input, IReadOnlyList<KeyValuePair<string, string>>? metadata = null, CancellationToken ct = default)
    {
        EnsureActive();
        return GuardAsync(async () =>
        {
            var writer = _client.Writer;
            if (!_inputOpen) OpenInput(input.Schema);
            writer.WriteBatch(input, metadata);
            await writer.FlushAsync(ct).ConfigureAwait(false);
            if (await ReadOutputAsync(ct).ConfigureAwait(false) is { } data) return data;
            await CloseInputAsync(ct).ConfigureAwait(false);
            Finish();
            throw new InvalidDataException($"the server ended the output stream of '{Method}' without answering the exchange batch");
        });
    }

    /// <summary>
    /// Cancels: a 0-row batch with <c>vgi_rpc.cancel=1</c> on the input stream (opened on the empty
    /// schema if needed), input EOS, then the output is drained to its EOS. Idempotent.
    /// </summary>
    public Task CancelAsync(CancellationToken ct = default)
    {
        if (IsFinished) return Task.CompletedTask;
        return GuardAsync(async () =>
        {
            if (!_inputClosed)
            {
                if (!_inputOpen) OpenInput(RpcClient.EmptySchema);
                _client.Writer.WriteEmptyBatch(CancelMetadata);
                IsCancelled = true;
            }
            await CloseInputAsync(ct).ConfigureAwait(false);
            await DrainOutputAsync(ct).ConfigureAwait(false);
            Finish();
            return true;
        });
    }

    /// <summary>
    /// Ends the session normally: input EOS (an empty-schema stream if none was opened), then the
    /// output is drained to its EOS. Idempotent.
    /// </summary>
    public Task CloseAsync(CancellationToken ct = default)
    {
        if (IsFinished) return Task.CompletedTask;
        return GuardAsync(async () =>
        {
            await CloseInputAsync(ct).ConfigureAwait(false);
            await DrainOutputAsync(ct).ConfigureAwait(false);
            Finish();
            return true;
        });
    }

    /// <summary>Closes the session if still open (transport and server errors are swallowed) and releases the header.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or IpcFormatException or RpcException or InvalidDataException or ObjectDisposedException)
        {
            // Disposal must not throw; the error was the server's or the channel is gone.
        }
        Header?.Dispose();
    }

    private void EnsureActive()
    {
        if (IsFinished) throw new InvalidOperationException($"the stream session '{Method}' is finished");
    }

    /// <summary>Any failure ends the session: the channel is either back in step (server errors) or unusable.</summary>
    private async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation().ConfigureAwait(false);
        }
        catch
        {
            Finish();
            throw;
        }
    }

    private void OpenInput(Schema schema)
    {
        _client.Writer.WriteSchema(schema);
        _inputOpen = true;
    }

    private async ValueTask CloseInputAsync(CancellationToken ct)
    {
        if (_inputClosed) return;
        if (!_inputOpen) OpenInput(RpcClient.EmptySchema);
        _client.Writer.WriteEos();
        _inputClosed = true;
        await _client.Writer.FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Reads the output up to its next data batch, or null at its EOS.</summary>
    private async ValueTask<IpcRecordBatch?> ReadOutputAsync(CancellationToken ct)
    {
        if (_outputEnded) return null;
        if (!_outputOpen)
        {
            OutputSchema = await _client.ReadSchemaAsync(ct).ConfigureAwait(false);
            _outputOpen = true;
        }
        IpcRecordBatch? data;
        try
        {
            data = await _client.ReadNextDataAsync(_logs, ct).ConfigureAwait(false);
        }
        catch (RpcException)
        {
            // ReadNextDataAsync drained the output to EOS; now end the input the same way.
            _outputEnded = true;
            await AfterServerErrorAsync(ct).ConfigureAwait(false);
            throw;
        }
        if (data is null) _outputEnded = true;
        else _sawData = true;
        return data;
    }

    private async ValueTask DrainOutputAsync(CancellationToken ct)
    {
        // Lockstep means no answer is outstanding, but a server may still send batches before EOS.
        while (await ReadOutputAsync(ct).ConfigureAwait(false) is { } batch) batch.Dispose();
    }

    /// <summary>
    /// Puts the channel back in step after an EXCEPTION on the output. The server drains our input to
    /// EOS, so we close it. One case needs more: an init error on a method without a header arrives
    /// as an empty-schema stream where the output would be, and the server has gone back to reading
    /// requests, so it takes our input stream for a (malformed) request and answers it with an error
    /// stream, which is read and dropped here (vgi-rpc-wire.md §5.2 "known hazard"). A zero-field
    /// output failing on its very first turn looks the same; such a server would leave us waiting.
    /// </summary>
    private async ValueTask AfterServerErrorAsync(CancellationToken ct)
    {
        bool initError = !_hasHeader && !_sawData && OutputSchema is { FieldsList.Count: 0 };
        try
        {
            await CloseInputAsync(ct).ConfigureAwait(false);
            if (initError) await _client.DiscardStreamAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or IpcFormatException or ObjectDisposedException)
        {
            // The server's error is what the caller needs; a channel that died meanwhile shows on the next call.
        }
        Finish();
    }

    private void Finish()
    {
        if (IsFinished) return;
        IsFinished = true;
        _client.EndSession(this);
    }
}
