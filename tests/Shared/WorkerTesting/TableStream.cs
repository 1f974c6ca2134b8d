using Apache.Arrow;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Testing;

/// <summary>A data batch of a table stream, copied out of the reader, with its custom metadata.</summary>
public sealed record TableBatch(RecordBatch Batch, IReadOnlyList<KeyValuePair<string, string>> Metadata);

/// <summary>
/// One table-function <c>init</c> driven byte for byte like the extension (validation-2 §3.2):
/// request → header stream; then the input schema {} and tick 1 are written BEFORE anything is
/// read; each data batch read is answered at once with the next tick (one tick in flight); the
/// output ends with EOS on a tick; the input ends with EOS (stdio, pooled) or a cancel tick and a
/// closed channel (LIMIT). Works on the raw reader/writer, so every step is visible.
/// </summary>
public sealed class TableStream
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>> CancelMetadata = [new(RpcMetadataKeys.Cancel, "1")];
    private readonly RpcClient _rpc;
    private bool _outputOpen;

    private TableStream(RpcClient rpc, GlobalInitResponse header, RpcResponseStream headerStream)
    {
        _rpc = rpc;
        Header = header;
        HeaderStream = headerStream;
    }

    public GlobalInitResponse Header { get; }

    public RpcResponseStream HeaderStream { get; }

    /// <summary>The output stream's schema (read with the first batch).</summary>
    public Schema? OutputSchema { get; private set; }

    /// <summary>Log batches seen on the output stream.</summary>
    public List<IReadOnlyList<KeyValuePair<string, string>>> Logs { get; } = [];

    public int TicksSent { get; private set; }

    /// <summary>Writes the <c>init</c> request and reads the header stream (an init error is thrown as <see cref="RpcException"/>).</summary>
    public static async Task<TableStream> OpenAsync(RpcClient rpc, InitRequest init)
    {
        var writer = rpc.Writer;
        var parameters = InitParams.ToRecordBatch([new InitParams { Request = init }]);
        writer.WriteSchema(parameters.Schema);
        writer.WriteBatch(parameters,
        [
            new(RpcMetadataKeys.Method, "init"),
            new(RpcMetadataKeys.RequestVersion, "1"),
            new(RpcMetadataKeys.ProtocolVersion, "1.0.0"),
        ]);
        writer.WriteEos();
        await writer.FlushAsync();
        var header = await rpc.ReadResponseStreamAsync().Timed();
        if (header.ToException() is { } error) throw error;
        var row = Assert.Single(header.DataBatches);
        return new TableStream(rpc, Assert.Single(GlobalInitResponse.FromRecordBatch(row.Batch)), header);
    }

    /// <summary>The input stream's empty schema and tick 1, as the client writes them inside init.</summary>
    public async Task BeginAsync()
    {
        _rpc.Writer.WriteSchema(new Schema([], null));
        await TickAsync();
    }

    /// <summary>One 0-row tick, optionally with custom metadata (<c>vgi_pushdown_filters</c>).</summary>
    public async Task TickAsync(IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        _rpc.Writer.WriteEmptyBatch(metadata);
        await _rpc.Writer.FlushAsync();
        TicksSent++;
    }

    /// <summary>The next data batch, or null at the output's EOS; an EXCEPTION batch is thrown after the output was read to EOS.</summary>
    public async Task<TableBatch?> ReadAsync()
    {
        var reader = _rpc.Reader;
        if (!_outputOpen)
        {
            OutputSchema = await reader.ReadSchemaAsync().AsTask().Timed();
            _outputOpen = true;
        }
        while (await reader.ReadBatchAsync().AsTask().Timed() is { } batch)
        {
            using (batch)
            {
                if (batch.Length == 0 && batch.Metadata.Contains(RpcMetadataKeys.LogLevel))
                {
                    if (batch.Metadata.Get(RpcMetadataKeys.LogLevel) == "EXCEPTION")
                    {
                        var message = batch.Metadata.Get(RpcMetadataKeys.LogMessage) ?? "";
                        while (await reader.ReadBatchAsync().AsTask().Timed() is { } rest) rest.Dispose();
                        throw new RpcException("EXCEPTION", message);
                    }
                    Logs.Add(batch.Metadata);
                    continue;
                }
                return new TableBatch(IpcBytes.ReadBatch(IpcBytes.WriteBatch(batch.Batch)), batch.Metadata);
            }
        }
        return null;
    }

    /// <summary>
    /// The extension's loop: read a batch, send the next tick at once, until EOS (which answers a
    /// tick, so no tick is left to drain). <paramref name="tickMetadata"/> gives the metadata of tick
    /// k (1-based; tick 1 was sent by <see cref="BeginAsync"/>).
    /// </summary>
    public async Task<List<TableBatch>> ReadAllAsync(Func<int, IReadOnlyList<KeyValuePair<string, string>>?>? tickMetadata = null)
    {
        var batches = new List<TableBatch>();
        while (await ReadAsync() is { } batch)
        {
            batches.Add(batch);
            await TickAsync(tickMetadata?.Invoke(TicksSent + 1));
        }
        return batches;
    }

    /// <summary>The input EOS the client writes when it returns the connection to the pool (stdio).</summary>
    public async Task EndInputAsync()
    {
        _rpc.Writer.WriteEos();
        await _rpc.Writer.FlushAsync();
    }

    /// <summary>Early teardown (LIMIT): a cancel tick and no EOS (validation-2 C23); the caller then closes the channel.</summary>
    public async Task CancelAsync()
    {
        _rpc.Writer.WriteEmptyBatch(CancelMetadata);
        await _rpc.Writer.FlushAsync();
    }
}
