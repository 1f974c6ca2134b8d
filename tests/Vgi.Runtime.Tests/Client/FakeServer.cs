using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Tests.Client;

/// <summary>
/// A minimal scripted vgi_rpc pipe server (vgi-rpc-wire.md §3–§5) for exercising the client. It
/// records what it received so tests can assert the client's side of the conversation.
/// </summary>
internal sealed class FakeServer
{
    public const string ServerId = "a1b2c3d4e5f6";

    private readonly ArrowIpcReader _reader;
    private readonly ArrowIpcWriter _writer;

    public FakeServer(Stream input, Stream output)
    {
        _reader = new ArrowIpcReader(input);
        _writer = new ArrowIpcWriter(output);
    }

    /// <summary>The custom_metadata of every request batch, in order (empty for a stream with no batch).</summary>
    public List<IReadOnlyList<KeyValuePair<string, string>>> Requests { get; } = [];

    /// <summary>The metadata of every input batch read inside a data phase.</summary>
    public List<IReadOnlyList<KeyValuePair<string, string>>> InputBatches { get; } = [];

    public List<Schema> InputSchemas { get; } = [];

    /// <summary>Data phases that ran to the client's input EOS.</summary>
    public int CompletedDataPhases { get; private set; }

    public bool SawCancel { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        while (await _reader.ReadSchemaAsync(ct) is not null)
        {
            using var request = await _reader.ReadBatchAsync(ct);
            // Drain to EOS before validating anything, so a bad request cannot desync the channel.
            if (request is not null) await _reader.DrainAsync(ct);
            var metadata = request?.Metadata ?? Metadata.Empty;
            Requests.Add(metadata);
            if (!await DispatchAsync(metadata.Get(RpcMetadataKeys.Method), request?.Batch, ct)) return;
            await _writer.FlushAsync(ct);
        }
    }

    /// <returns>false when the server should "die" (stop and close its output).</returns>
    private async Task<bool> DispatchAsync(string? method, RecordBatch? parameters, CancellationToken ct)
    {
        switch (method)
        {
            case null:
                WriteErrorStream("RpcError", "ProtocolError: Missing 'vgi_rpc.method' in request batch custom_metadata");
                return true;
            case "add":
            {
                double a = Double(parameters!, "a"), b = Double(parameters!, "b");
                var schema = ResultSchema(DoubleType.Default);
                _writer.WriteSchema(schema);
                WriteLog("INFO", $"adding {a} + {b}");
                _writer.WriteBatch(new RecordBatch(schema, [new DoubleArray.Builder().Append(a + b).Build()], 1));
                _writer.WriteEos();
                return true;
            }
            case "void_noop":
                _writer.WriteSchema(new Schema([], null));
                _writer.WriteEmptyBatch(null);
                _writer.WriteEos();
                return true;
            case "raise":
                _writer.WriteSchema(ResultSchema(DoubleType.Default));
                WriteLog("INFO", "about to fail");
                WriteError("ValueError", "b must be positive", "custom_kind");
                _writer.WriteEos();
                return true;
            case "bad_extra":
                _writer.WriteSchema(ResultSchema(DoubleType.Default));
                _writer.WriteEmptyBatch([new(RpcMetadataKeys.LogLevel, "EXCEPTION"), new(RpcMetadataKeys.LogMessage, "Oops: no json"), new(RpcMetadataKeys.LogExtra, "{not json")]);
                _writer.WriteEos();
                return true;
            case "two_results":
            {
                var schema = ResultSchema(DoubleType.Default);
                _writer.WriteSchema(schema);
                _writer.WriteBatch(new RecordBatch(schema, [new DoubleArray.Builder().Append(1).Build()], 1));
                _writer.WriteBatch(new RecordBatch(schema, [new DoubleArray.Builder().Append(2).Build()], 1));
                _writer.WriteEos();
                return true;
            }
            case "produce_n":
                await ProduceAsync(Int64(parameters!, "n"), ct);
                return true;
            case "produce_fail_init":
            case "exchange_fail_init":
                // No header declared: the error stream takes the header's place and the server goes
                // straight back to reading requests (vgi-rpc-wire.md §5.2, "known hazard").
                WriteErrorStream("RuntimeError", "init failed");
                return true;
            case "exchange_echo":
                await ExchangeEchoAsync(parameters is null ? 0 : Int64(parameters, "fail_on"), ct);
                return true;
            case "die_after_schema":
                _writer.WriteSchema(ResultSchema(DoubleType.Default));
                await _writer.FlushAsync(ct);
                return false;
            case "die_mid_message":
            {
                var schema = ResultSchema(DoubleType.Default);
                _writer.WriteSchema(schema);
                await _writer.FlushAsync(ct);
                var scratch = new MemoryStream();
                var w = new ArrowIpcWriter(scratch);
                w.WriteSchema(schema);
                w.Flush();
                long start = scratch.Length;
                w.WriteBatch(new RecordBatch(schema, [new DoubleArray.Builder().Append(1).Build()], 1));
                w.Flush();
                var bytes = scratch.ToArray();
                int half = (int)(start + (bytes.Length - start) / 2);
                _writer.Flush();
                await OutputStream.WriteAsync(bytes.AsMemory((int)start, half - (int)start), ct);
                await OutputStream.FlushAsync(ct);
                return false;
            }
            case "die_silently":
                return false;
            case "exchange_die":
            {
                // Opens the output stream, reads one input batch, then dies without answering.
                var input = await _reader.ReadSchemaAsync(ct) ?? throw new EndOfStreamException();
                _writer.WriteSchema(input);
                await _writer.FlushAsync(ct);
                using var batch = await _reader.ReadBatchAsync(ct);
                return false;
            }
            default:
                _writer.WriteSchema(new Schema([], null));
                WriteError("MethodNotImplementedError", $"Unknown method: '{method}'. Available methods: ['add']", ErrorKinds.MethodNotImplemented);
                _writer.WriteEos();
                return true;
        }
    }

    /// <summary>Set by the harness: the raw output, for the truncated-message case.</summary>
    public Stream OutputStream { get; init; } = Stream.Null;

    /// <summary>Header {count}, then a producer that emits i = 0..n-1 (a log before each) and finishes.</summary>
    private async Task ProduceAsync(long n, CancellationToken ct)
    {
        var header = new Schema([new Field("count", Int64Type.Default, false)], null);
        _writer.WriteSchema(header);
        WriteLog("INFO", "init produce_n");
        _writer.WriteBatch(new RecordBatch(header, [new Int64Array.Builder().Append(n).Build()], 1));
        _writer.WriteEos();
        await _writer.FlushAsync(ct);
        var output = new Schema([new Field("i", Int64Type.Default, false)], null);
        await DataPhaseAsync(_ => output, (_, index) =>
        {
            if (index >= n) return false; // finish() without data
            WriteLog("DEBUG", $"producing {index}");
            _writer.WriteBatch(new RecordBatch(output, [new Int64Array.Builder().Append(index).Build()], 1), [new("vgi_batch_index", index.ToString())]);
            return true;
        }, ct);
    }

    /// <summary>Echoes each input batch back (output schema = input schema); fails on the fail_on-th (1-based) if set.</summary>
    private Task ExchangeEchoAsync(long failOn, CancellationToken ct) =>
        DataPhaseAsync(input => input, (batch, index) =>
        {
            if (failOn > 0 && index + 1 == failOn)
            {
                WriteError("ValueError", $"failed on batch {index + 1}");
                return false;
            }
            if (index == 0) WriteLog("INFO", "first exchange");
            _writer.WriteBatch(batch.Batch, [new("echo_index", index.ToString())]);
            return true;
        }, ct);

    /// <summary>The server's half of §5.2 step 3–4: input schema, lockstep loop, output EOS, drain input.</summary>
    private async Task DataPhaseAsync(Func<Schema, Schema> outputSchemaOf, Func<IpcRecordBatch, int, bool> process, CancellationToken ct)
    {
        var input = await _reader.ReadSchemaAsync(ct) ?? throw new EndOfStreamException("client closed before its input stream");
        InputSchemas.Add(input);
        _writer.WriteSchema(outputSchemaOf(input));
        await _writer.FlushAsync(ct);
        for (int index = 0; ; index++)
        {
            using var batch = await _reader.ReadBatchAsync(ct);
            if (batch is null) break;
            InputBatches.Add(batch.Metadata);
            if (batch.Metadata.Contains(RpcMetadataKeys.Cancel))
            {
                SawCancel = true;
                break;
            }
            bool more = process(batch, index);
            await _writer.FlushAsync(ct);
            if (!more) break;
        }
        _writer.WriteEos();
        await _writer.FlushAsync(ct);
        await _reader.DrainAsync(ct);
        CompletedDataPhases++;
    }

    private static Schema ResultSchema(IArrowType type) => new([new Field("result", type, false)], null);

    private static double Double(RecordBatch batch, string name) => ((DoubleArray)batch.Column(batch.Schema.GetFieldIndex(name))).GetValue(0)!.Value;

    private static long Int64(RecordBatch batch, string name) => ((Int64Array)batch.Column(batch.Schema.GetFieldIndex(name))).GetValue(0)!.Value;

    private void WriteLog(string level, string message) =>
        _writer.WriteEmptyBatch([new(RpcMetadataKeys.LogLevel, level), new(RpcMetadataKeys.LogMessage, message), new(RpcMetadataKeys.ServerId, ServerId)]);

    private void WriteError(string type, string message, string? errorKind = null)
    {
        string extra = $"{{\"exception_type\": \"{type}\", \"exception_message\": \"{message}\", " +
                       $"\"traceback\": \"Traceback (most recent call last):\\n  File \\\"fake.py\\\"\\n{type}: {message}\\n\"" +
                       (errorKind is null ? "" : $", \"error_kind\": \"{errorKind}\"") + "}";
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(RpcMetadataKeys.LogLevel, "EXCEPTION"),
            new(RpcMetadataKeys.LogMessage, $"{type}: {message}"),
            new(RpcMetadataKeys.LogExtra, extra),
        };
        if (errorKind is not null) metadata.Add(new(RpcMetadataKeys.ErrorKind, errorKind));
        metadata.Add(new(RpcMetadataKeys.ServerId, ServerId));
        _writer.WriteEmptyBatch(metadata);
    }

    private void WriteErrorStream(string type, string message, string? errorKind = null)
    {
        _writer.WriteSchema(new Schema([], null));
        WriteError(type, message, errorKind);
        _writer.WriteEos();
    }
}
