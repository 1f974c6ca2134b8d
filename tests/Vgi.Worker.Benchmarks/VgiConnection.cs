using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// The extension's side of the VGI protocol over one worker's stdio, spoken directly with
/// <see cref="ArrowIpcWriter"/> and <see cref="ArrowIpcReader"/>: request streams carrying records as
/// nested IPC (vgi-functions §3), the <c>init</c> header stream, then the exchange or producer
/// data streams. Every read completes synchronously: the pipes block (<see cref="CountingStream"/>).
/// </summary>
internal sealed class VgiConnection
{
    private static readonly Schema EmptySchema = new([], null);

    public VgiConnection(WorkerProcess worker)
    {
        Worker = worker;
        Writer = new ArrowIpcWriter(worker.ToWorker);
        Reader = new ArrowIpcReader(worker.FromWorker);
    }

    public WorkerProcess Worker { get; }

    public ArrowIpcWriter Writer { get; }

    public ArrowIpcReader Reader { get; }

    /// <summary>One request stream: the params schema, one batch with the vgi_rpc method metadata, EOS.</summary>
    private void WriteRequest(string method, RecordBatch parameters)
    {
        Writer.WriteSchema(parameters.Schema);
        Writer.WriteBatch(parameters,
        [
            new(RpcMetadataKeys.Method, method),
            new(RpcMetadataKeys.RequestVersion, RpcMetadataKeys.CurrentRequestVersion),
            new(RpcMetadataKeys.ProtocolVersion, "1.0.0"),
        ]);
        Writer.WriteEos();
        Writer.Flush();
    }

    /// <summary><c>bind</c>: the unary call with the <c>{request: binary}</c> envelope; the result is a nested BindResponse.</summary>
    public BindResult Bind(BindRequest request)
    {
        WriteRequest("bind", BindParams.ToRecordBatch([new BindParams { Request = request }]));
        ReadSchema("bind");
        using var result = ReadDataBatch("bind") ?? throw new InvalidOperationException("bind: no result batch");
        var column = (BinaryArray)result.Batch.Column(0);
        var bound = ArrowRecord.FromIpcBytes<BindResult>(column.GetBytes(0).ToArray());
        if (ReadDataBatch("bind") is { } extra)
        {
            extra.Dispose();
            throw new InvalidOperationException("bind: more than one result batch");
        }
        return bound;
    }

    /// <summary><c>init</c>: the request, then the header stream (schema, one GlobalInitResponse row, EOS).</summary>
    public GlobalInitResponse Init(InitRequest request)
    {
        WriteRequest("init", InitParams.ToRecordBatch([new InitParams { Request = request }]));
        ReadSchema("init header");
        using var header = ReadDataBatch("init header") ?? throw new InvalidOperationException("init: no header row");
        var init = GlobalInitResponse.FromRecordBatch(header.Batch).Single();
        if (ReadDataBatch("init header") is { } extra)
        {
            extra.Dispose();
            throw new InvalidOperationException("init: more than one header row");
        }
        return init;
    }

    /// <summary>Opens the input stream of a producer (the empty schema) and sends tick 1, before anything is read.</summary>
    public void BeginTicks()
    {
        Writer.WriteSchema(EmptySchema);
        Tick();
    }

    /// <summary>One 0-row, 0-column tick.</summary>
    public void Tick()
    {
        Writer.WriteEmptyBatch(null);
        Writer.Flush();
    }

    /// <summary>The client's input EOS.</summary>
    public void EndInput()
    {
        Writer.WriteEos();
        Writer.Flush();
    }

    public Schema ReadSchema(string what) =>
        Sync(Reader.ReadSchemaAsync()) ?? throw new InvalidOperationException($"{what}: the worker closed its output");

    /// <summary>The next data batch of the current output stream (log batches skipped), or null at its EOS; throws on an EXCEPTION batch.</summary>
    public IpcRecordBatch? ReadDataBatch(string what)
    {
        while (Sync(Reader.ReadBatchAsync()) is { } batch)
        {
            if (batch.Length > 0 || !batch.Metadata.TryGet(RpcMetadataKeys.LogLevel, out var level)) return batch;
            string? message = batch.Metadata.Get(RpcMetadataKeys.LogMessage);
            batch.Dispose();
            if (level == "EXCEPTION") throw new InvalidOperationException($"{what}: worker error: {message}");
        }
        return null;
    }

    /// <summary>
    /// A whole scalar call with one input batch, as the extension makes it: bind, init, the input
    /// batch, one output batch, input EOS, output to EOS. Returns the output's column 0 as int64.
    /// </summary>
    public long CallScalarInt64(BindRequest request, RecordBatch input)
    {
        var bound = Bind(request);
        Init(new InitRequest { BindCall = request, OutputSchema = bound.OutputSchema, BindOpaqueData = bound.OpaqueData });
        Writer.WriteSchema(input.Schema);
        Writer.WriteBatch(input.Length, [.. input.Arrays]);
        Writer.Flush();
        ReadSchema(request.FunctionName);
        long value;
        using (var output = ReadDataBatch(request.FunctionName) ?? throw new InvalidOperationException($"{request.FunctionName}: no output batch"))
            value = ((Int64Array)output.Batch.Column(0)).GetValue(0) ?? throw new InvalidOperationException($"{request.FunctionName}: null result");
        EndInput();
        if (ReadDataBatch(request.FunctionName) is { } extra)
        {
            extra.Dispose();
            throw new InvalidOperationException($"{request.FunctionName}: an output batch more than the inputs");
        }
        return value;
    }

    /// <summary>Unwraps a ValueTask that the blocking pipes completed synchronously.</summary>
    public static T Sync<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
