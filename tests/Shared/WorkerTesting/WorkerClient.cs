using Apache.Arrow;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Testing;

/// <summary>
/// A decoded record reply with its raw inner bytes (the client validates their schema strictly),
/// the schema of the outer result stream and the log messages that came with it.
/// </summary>
public sealed record Reply<T>(T Value, byte[] Bytes, Schema OuterSchema, IReadOnlyList<RpcLogMessage> Logs)
{
    /// <summary>The schema of the inner IPC stream, as the client validates it.</summary>
    public Schema InnerSchema => IpcBytes.ReadSchema(Bytes);
}

/// <summary>
/// Sends what DuckDB's <c>vgi</c> extension sends (validation.md §3, §7.1): every VGI method in the
/// <c>{request: binary}</c> or per-parameter envelope, records as nested IPC streams. Every read
/// is bounded by <see cref="Timing.ReadTimeout"/>.
/// </summary>
public sealed class WorkerClient(RpcClient rpc, StderrLog stderr) : IAsyncDisposable
{
    public RpcClient Rpc => rpc;

    public StderrLog Stderr => stderr;

    /// <summary>A unary call whose params and result are protocol records.</summary>
    public async Task<Reply<TResult>> CallAsync<TParams, TResult>(string method, TParams parameters)
        where TParams : IArrowRecord<TParams>
        where TResult : IArrowRecord<TResult>
    {
        using var result = await rpc.CallAsync(method, TParams.ToRecordBatch([parameters])).Timed();
        return ReadReply<TResult>(method, result);
    }

    /// <summary>A unary call with record params, returning the raw result (void or bytes).</summary>
    public Task<RpcCallResult> CallRawAsync<TParams>(string method, TParams parameters) where TParams : IArrowRecord<TParams> =>
        rpc.CallAsync(method, TParams.ToRecordBatch([parameters])).Timed();

    private static Reply<TResult> ReadReply<TResult>(string method, RpcCallResult result) where TResult : IArrowRecord<TResult>
    {
        var column = Assert.IsType<BinaryArray>(result.Result);
        Assert.Equal(1, column.Length);
        Assert.False(column.IsNull(0), $"{method} returned a null result");
        byte[] bytes = column.GetBytes(0).ToArray();
        return new Reply<TResult>(ArrowRecord.FromIpcBytes<TResult>(bytes), bytes, result.ResultSchema, result.Logs);
    }

    /// <summary><c>ATTACH 'name' AS name (TYPE vgi, LOCATION …)</c> sends exactly this (C9).</summary>
    public Task<Reply<CatalogAttachResult>> AttachAsync(string name) =>
        CallAsync<CatalogAttachParams, CatalogAttachResult>("catalog_attach",
            new CatalogAttachParams { Request = new CatalogAttachRequest { Name = name, Options = null, DataVersionSpec = null, ImplementationVersion = null } });

    /// <summary><c>catalog_catalogs</c> as the extension sends it: the empty schema and one 1-row, 0-column batch.</summary>
    public async Task<Reply<CatalogCatalogsResult>> CatalogsAsync()
    {
        using var result = await rpc.CallAsync("catalog_catalogs").Timed();
        return ReadReply<CatalogCatalogsResult>("catalog_catalogs", result);
    }

    public Task<Reply<CatalogSchemasResult>> SchemasAsync(byte[] attach) =>
        CallAsync<CatalogSchemasParams, CatalogSchemasResult>("catalog_schemas", new CatalogSchemasParams { AttachOpaqueData = attach });

    public Task<Reply<CatalogSchemaContentsFunctionsResult>> FunctionsAsync(byte[] attach, CatalogObjectType type, string schema = "main") =>
        CallAsync<CatalogSchemaContentsFunctionsParams, CatalogSchemaContentsFunctionsResult>("catalog_schema_contents_functions",
            new CatalogSchemaContentsFunctionsParams { AttachOpaqueData = attach, Name = schema, Type = type });

    public Task<Reply<BindResult>> BindAsync(BindRequest request) =>
        CallAsync<BindParams, BindResult>("bind", new BindParams { Request = request });

    /// <summary><c>init</c> for a scalar call: bind_call, the bind's output schema and opaque data; the header is read here.</summary>
    public Task<RpcStreamSession> InitAsync(BindRequest bindCall, BindResult bound) => InitAsync(bindCall, bound.OutputSchema, bound.OpaqueData);

    /// <summary><c>init</c> with an explicit output schema (and bind opaque data, null by default); an init error surfaces here.</summary>
    public Task<RpcStreamSession> InitAsync(BindRequest bindCall, Schema outputSchema, byte[]? bindOpaqueData = null) =>
        rpc.OpenStreamAsync("init", InitParams.ToRecordBatch([new InitParams
        {
            Request = new InitRequest { BindCall = bindCall, OutputSchema = outputSchema, BindOpaqueData = bindOpaqueData },
        }]), hasHeader: true).Timed();

    /// <summary>The header row of an init session, decoded.</summary>
    public static GlobalInitResponse Header(RpcStreamSession session)
    {
        var header = Assert.IsType<IpcRecordBatch>(session.Header);
        return Assert.Single(GlobalInitResponse.FromRecordBatch(header.Batch));
    }

    /// <summary><c>__transport_options__</c> as the extension sends it (empty params), read verbatim.</summary>
    public async Task<RpcResponseStream> TransportOptionsAsync()
    {
        var writer = rpc.Writer;
        writer.WriteSchema(new Schema([], null));
        writer.WriteBatch(1, [],
        [
            new(RpcMetadataKeys.Method, RpcMetadataKeys.TransportOptionsMethod),
            new(RpcMetadataKeys.RequestVersion, "1"),
            new(RpcMetadataKeys.ProtocolVersion, "1.0.0"),
        ]);
        writer.WriteEos();
        await writer.FlushAsync();
        return await rpc.ReadResponseStreamAsync().Timed();
    }

    /// <summary>
    /// What every execution thread does (validation.md C6): <c>bind</c> again, <c>init</c> on the same
    /// process, one exchange per input batch, then input EOS and output drained to EOS. Returns the
    /// result column of every batch (copied out of the reader's pool) and the bind result.
    /// </summary>
    public async Task<(BindResult Bound, IReadOnlyList<IArrowArray> Results)> ExecuteAsync(BindRequest request, IEnumerable<RecordBatch> batches)
    {
        var bound = (await BindAsync(request)).Value;
        var results = new List<IArrowArray>();
        // Not disposed on failure: disposing would drain the output with no time limit. Disposing
        // the client instead closes stdin and kills a worker that does not exit, which ends any read.
        var session = await InitAsync(request, bound);
        var init = Header(session);
        Assert.Equal(16, init.ExecutionId.Length);
        Assert.Equal(1, init.MaxWorkers);
        foreach (var batch in batches)
        {
            using var output = await session.ExchangeAsync(batch).Timed();
            Assert.Equal(1, output.Batch.ColumnCount);
            Assert.Equal(batch.Length, output.Length);
            results.Add(Copy(output.Batch.Column(0)));
        }
        await session.CloseAsync().Timed();
        Assert.True(session.IsFinished);
        session.Header?.Dispose();
        var outputField = Assert.Single(session.OutputSchema!.FieldsList);
        Assert.Equal("result", outputField.Name);
        Assert.Equal(bound.OutputSchema.FieldsList[0].DataType.TypeId, outputField.DataType.TypeId);
        return (bound, results);
    }

    /// <summary>The full scalar sequence of a statement: plan-time <c>bind</c>, then <see cref="ExecuteAsync"/>.</summary>
    public async Task<(BindResult Bound, IReadOnlyList<IArrowArray> Results)> CallScalarAsync(BindRequest request, IEnumerable<RecordBatch> batches)
    {
        var plan = (await BindAsync(request)).Value;
        var (bound, results) = await ExecuteAsync(request, batches);
        Assert.Equal(plan.OutputSchema.FieldsList.Single().DataType.TypeId, bound.OutputSchema.FieldsList.Single().DataType.TypeId);
        return (bound, results);
    }

    /// <summary>An array that outlives the pooled buffer the reader gave it.</summary>
    public static IArrowArray Copy(IArrowArray array)
    {
        var batch = new RecordBatch(new Schema([new Field("v", array.Data.DataType, true)], null), [array], array.Length);
        return IpcBytes.ReadBatch(IpcBytes.WriteBatch(batch)).Column(0);
    }

    public ValueTask DisposeAsync() => rpc.DisposeAsync();
}
