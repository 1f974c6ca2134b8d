using Apache.Arrow;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Worker.Tests.Infrastructure;

/// <summary>A decoded record reply, with the raw inner bytes for schema checks.</summary>
public sealed record RecordReply<T>(T Value, byte[] Bytes, Schema OuterSchema, IReadOnlyList<RpcLogMessage> Logs)
{
    /// <summary>The schema of the inner IPC stream, as the client validates it.</summary>
    public Schema InnerSchema => IpcBytes.ReadSchema(Bytes);
}

/// <summary>
/// Replays what DuckDB's <c>vgi</c> extension sends: every VGI method through the
/// <c>{request: binary}</c> (or per-parameter) envelope, records as nested IPC streams.
/// </summary>
public sealed class VgiClient(RpcClient rpc, StderrLog stderr) : IAsyncDisposable
{
    public RpcClient Rpc => rpc;

    public StderrLog Stderr => stderr;

    /// <summary>A unary call whose params and result are protocol records.</summary>
    public async Task<RecordReply<TResult>> CallAsync<TParams, TResult>(string method, TParams parameters)
        where TParams : IArrowRecord<TParams>
        where TResult : IArrowRecord<TResult>
    {
        using var result = await rpc.CallAsync(method, TParams.ToRecordBatch([parameters])).Timed();
        var column = Assert.IsType<BinaryArray>(result.Result);
        Assert.False(column.IsNull(0), $"{method} returned a null result");
        byte[] bytes = column.GetBytes(0).ToArray();
        return new RecordReply<TResult>(ArrowRecord.FromIpcBytes<TResult>(bytes), bytes, result.ResultSchema, result.Logs);
    }

    /// <summary>A unary call with record params, returning the raw result (void or bytes).</summary>
    public Task<RpcCallResult> CallRawAsync<TParams>(string method, TParams parameters) where TParams : IArrowRecord<TParams> =>
        rpc.CallAsync(method, TParams.ToRecordBatch([parameters])).Timed();

    public Task<RecordReply<CatalogAttachResult>> AttachAsync(string name) =>
        CallAsync<CatalogAttachParams, CatalogAttachResult>("catalog_attach", new CatalogAttachParams { Request = new CatalogAttachRequest { Name = name } });

    public async Task<RecordReply<CatalogCatalogsResult>> CatalogsAsync()
    {
        // As the extension: the empty schema and one 1-row, 0-column batch.
        using var result = await rpc.CallAsync("catalog_catalogs").Timed();
        byte[] bytes = Assert.IsType<BinaryArray>(result.Result).GetBytes(0).ToArray();
        return new RecordReply<CatalogCatalogsResult>(ArrowRecord.FromIpcBytes<CatalogCatalogsResult>(bytes), bytes, result.ResultSchema, result.Logs);
    }

    public Task<RecordReply<CatalogSchemasResult>> SchemasAsync(byte[] attach) =>
        CallAsync<CatalogSchemasParams, CatalogSchemasResult>("catalog_schemas", new CatalogSchemasParams { AttachOpaqueData = attach });

    public Task<RecordReply<CatalogSchemaContentsFunctionsResult>> FunctionsAsync(byte[] attach, string schema, CatalogObjectType type) =>
        CallAsync<CatalogSchemaContentsFunctionsParams, CatalogSchemaContentsFunctionsResult>("catalog_schema_contents_functions",
            new CatalogSchemaContentsFunctionsParams { AttachOpaqueData = attach, Name = schema, Type = type });

    public Task<RecordReply<BindResult>> BindAsync(BindRequest request) =>
        CallAsync<BindParams, BindResult>("bind", new BindParams { Request = request });

    /// <summary>Starts <c>init</c> for <paramref name="bindCall"/>; the header is read (an init error surfaces here).</summary>
    public Task<RpcStreamSession> InitAsync(BindRequest bindCall, Schema outputSchema) =>
        rpc.OpenStreamAsync("init", InitParams.ToRecordBatch([new InitParams { Request = new InitRequest { BindCall = bindCall, OutputSchema = outputSchema } }]), hasHeader: true).Timed();

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

    /// <summary>The header row of an init session, decoded.</summary>
    public static GlobalInitResponse Header(RpcStreamSession session)
    {
        var header = Assert.IsType<IpcRecordBatch>(session.Header);
        return Assert.Single(GlobalInitResponse.FromRecordBatch(header.Batch));
    }

    public ValueTask DisposeAsync() => rpc.DisposeAsync();
}
