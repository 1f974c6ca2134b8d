using System.Collections.Frozen;
using System.Diagnostics;
using System.Security.Cryptography;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Rpc;

/// <summary>
/// A vgi_rpc 0.20.0 server: reads request streams off a byte channel and answers them in lockstep
/// (vgi-rpc-wire.md §3–§6). One instance serves any number of channels concurrently.
/// </summary>
public sealed partial class RpcServer
{
    private readonly FrozenDictionary<string, RpcMethod> _methods;
    private readonly AccessLog? _accessLog;

    public RpcServer(IEnumerable<RpcMethod> methods, RpcServerOptions? options = null)
    {
        Options = options ?? new RpcServerOptions();
        var map = new Dictionary<string, RpcMethod>(StringComparer.Ordinal);
        foreach (var method in methods)
        {
            if (!map.TryAdd(method.Name, method)) throw new ArgumentException($"method '{method.Name}' is registered twice", nameof(methods));
        }
        _methods = map.ToFrozenDictionary(StringComparer.Ordinal);
        ServerId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        if (Options.AccessLogPath is { } path) _accessLog = new AccessLog(path);
        if (Options.ProtocolVersion is { } v && !ProtocolVersionGate.TryParse(v, out _, out _))
            throw new ArgumentException($"protocol version '{v}' is not MAJOR.MINOR.PATCH", nameof(options));
    }

    public RpcServerOptions Options { get; }

    /// <summary>12 lowercase hex characters, one value per server process.</summary>
    public string ServerId { get; }

    public IReadOnlyDictionary<string, RpcMethod> Methods => _methods;

    /// <summary>
    /// Serves requests from <paramref name="input"/> until the channel closes. Returns true on EOF at a
    /// request boundary. Returns false after writing an error stream when the input is not valid Arrow
    /// IPC (the channel cannot be resynchronised), or when the peer vanished mid-request.
    /// </summary>
    public async Task<bool> ServeAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        var connection = new Connection(this, new ArrowIpcReader(input), new ArrowIpcWriter(output), cancellationToken);
        try
        {
            while (await connection.ServeOneAsync().ConfigureAwait(false)) { }
            return connection.ClosedCleanly;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The peer went away mid-response: nothing left to answer.
            Diagnostic($"connection closed: {e.Message}");
            return false;
        }
    }

    internal void Diagnostic(string message) => Options.Diagnostics?.WriteLine($"[vgi-rpc {ServerId}] {message}");

    internal static string NewRequestId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>One channel's request loop; its reader and writer keep their buffers across requests.</summary>
    private sealed class Connection(RpcServer server, ArrowIpcReader reader, ArrowIpcWriter writer, CancellationToken cancellation)
    {
        private string _requestId = "";

        public bool ClosedCleanly { get; private set; }

        /// <summary>Serves one request; false when the channel is finished.</summary>
        public async Task<bool> ServeOneAsync()
        {
            // 1. Read the whole request stream before validating anything, so a rejected request
            //    cannot desynchronise the channel.
            IpcRecordBatch? request = null;
            int batches = 0;
            try
            {
                var schema = await reader.ReadSchemaAsync(cancellation).ConfigureAwait(false);
                if (schema is null)
                {
                    ClosedCleanly = true;
                    return false;
                }
                _requestId = NewRequestId();
                while (await reader.ReadBatchAsync(cancellation).ConfigureAwait(false) is { } batch)
                {
                    if (batches++ == 0) request = batch;
                    else batch.Dispose();
                }
            }
            catch (IpcFormatException e)
            {
                request?.Dispose();
                server.Diagnostic($"invalid IPC on the request channel: {e.Message}");
                _requestId = NewRequestId();
                WriteErrorStream(RpcSchemas.Empty, RpcException.Protocol($"Invalid Arrow IPC request stream: {e.Message}"));
                await writer.FlushAsync(cancellation).ConfigureAwait(false);
                return false;
            }
            catch (EndOfStreamException)
            {
                request?.Dispose();
                server.Diagnostic("channel closed inside a request stream");
                return false;
            }

            using (request)
            {
                var started = Stopwatch.GetTimestamp();
                string methodName = request?.Metadata.Get(RpcMetadataKeys.Method) ?? "";
                string status = "ok";
                string? errorType = null;
                try
                {
                    await DispatchAsync(request, batches, methodName).ConfigureAwait(false);
                }
                catch (RequestRejected rejected)
                {
                    status = "error";
                    errorType = ErrorMetadata.TypeName(rejected.Error);
                }
                finally
                {
                    server._accessLog?.Write(server.ServerId, _requestId, methodName, status, errorType, Stopwatch.GetElapsedTime(started));
                }
            }
            return true;
        }

        private async Task DispatchAsync(IpcRecordBatch? request, int batches, string methodName)
        {
            // 2. Framing keys.
            if (request is null || batches != 1)
                await RejectAsync(RpcSchemas.Empty, RpcException.Protocol($"Expected exactly 1 record batch in the request stream, got {batches}")).ConfigureAwait(false);
            var metadata = request!.Metadata;
            if (!metadata.TryGet(RpcMetadataKeys.Method, out var name) || name.Length == 0)
                await RejectAsync(RpcSchemas.Empty, RpcException.Protocol("Missing 'vgi_rpc.method' in request batch custom_metadata")).ConfigureAwait(false);
            if (!metadata.TryGet(RpcMetadataKeys.RequestVersion, out var version))
                await RejectAsync(RpcSchemas.Empty, RpcException.Version("Missing 'vgi_rpc.request_version' in request batch custom_metadata")).ConfigureAwait(false);
            if (version != RpcMetadataKeys.CurrentRequestVersion)
                await RejectAsync(RpcSchemas.Empty, RpcException.Version($"Unsupported request_version '{version}': this server speaks request_version 1")).ConfigureAwait(false);

            // 3. Transport options are answered before method lookup and the version gate.
            if (name == RpcMetadataKeys.TransportOptionsMethod)
            {
                writer.WriteSchema(RpcSchemas.Empty);
                writer.WriteEmptyBatch([
                    new(RpcMetadataKeys.TransportShm, "false"),
                    new(RpcMetadataKeys.RequestVersion, RpcMetadataKeys.CurrentRequestVersion),
                    new(RpcMetadataKeys.ServerId, server.ServerId),
                ]);
                writer.WriteEos();
                await writer.FlushAsync(cancellation).ConfigureAwait(false);
                return;
            }
            if (name == RpcMetadataKeys.DescribeMethod && server.Options.EnableDescribe)
            {
                server.WriteDescribe(writer);
                await writer.FlushAsync(cancellation).ConfigureAwait(false);
                return;
            }

            // 4. Method lookup.
            if (!server._methods.TryGetValue(name, out var method))
            {
                var available = string.Join(", ", server._methods.Keys.Order(StringComparer.Ordinal).Select(m => $"'{m}'"));
                await RejectAsync(RpcSchemas.Empty, RpcException.MethodNotImplemented($"Unknown method: '{name}'. Available methods: [{available}]")).ConfigureAwait(false);
            }
            var errorSchema = method!.IsStream ? RpcSchemas.Empty : method.ResultSchema;

            // 5. Protocol version gate.
            if (server.Options.ProtocolVersion is { } serverVersion && ProtocolVersionGate.Check(serverVersion, metadata) is { } versionError)
                await RejectAsync(errorSchema, versionError).ConfigureAwait(false);

            // 6–7. Parameters: one row when there are any; required ones present and non-null.
            var batch = request.Batch;
            if (batch.Schema.FieldsList.Count > 0 && batch.Length != 1)
                await RejectAsync(errorSchema, RpcException.Protocol($"Expected 1 row in the request batch, got {batch.Length}")).ConfigureAwait(false);
            foreach (var field in method.ParametersSchema.FieldsList)
            {
                var column = batch.Schema.GetFieldIndex(field.Name) is var i and >= 0 ? batch.Column(i) : null;
                if (column is null)
                {
                    if (field.IsNullable || method.OptionalParameters.Contains(field.Name)) continue;
                    await RejectAsync(errorSchema, RpcException.Type($"{name}() missing required argument: '{field.Name}'")).ConfigureAwait(false);
                }
                else if (!field.IsNullable && column.IsNull(0))
                {
                    await RejectAsync(errorSchema, RpcException.Type($"{name}() parameter '{field.Name}' is not optional but got null")).ConfigureAwait(false);
                }
            }

            // 8. Dispatch.
            var rpcRequest = new RpcRequest(method, request);
            if (method.IsStream) await ServeStreamAsync(method, rpcRequest).ConfigureAwait(false);
            else await ServeUnaryAsync(method, rpcRequest).ConfigureAwait(false);
        }

        /// <summary>Answers with a standalone error stream and ends the request.</summary>
        private async Task RejectAsync(Schema schema, RpcException error)
        {
            WriteErrorStream(schema, error);
            await writer.FlushAsync(cancellation).ConfigureAwait(false);
            throw new RequestRejected(error);
        }

        private void WriteErrorStream(Schema schema, Exception error, RpcCallContext? context = null)
        {
            writer.WriteSchema(schema);
            if (context is not null) WriteLogs(context, _requestId);
            writer.WriteEmptyBatch(ErrorMetadata.ForException(error, server.ServerId, _requestId));
            writer.WriteEos();
        }

        private void WriteLogs(RpcCallContext context, string? requestId)
        {
            foreach (var log in context.Logs) writer.WriteEmptyBatch(ErrorMetadata.ForLog(log, server.ServerId, requestId));
            context.ClearLogs();
        }

        private RpcCallContext NewContext(RpcRequest request) =>
            new(server.ServerId, _requestId, request.Method.Name, request.Metadata, cancellation);

        private async Task ServeUnaryAsync(RpcMethod method, RpcRequest request)
        {
            var context = NewContext(request);
            IArrowArray? result;
            try
            {
                result = await method.Unary!(request, context).ConfigureAwait(false);
                ValidateResult(method, result);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                server.Diagnostic($"{method.Name} raised {ErrorMetadata.TypeName(e)}: {e.Message}");
                WriteErrorStream(method.ResultSchema, e, context);
                await writer.FlushAsync(cancellation).ConfigureAwait(false);
                throw new RequestRejected(e);
            }
            writer.WriteSchema(method.ResultSchema);
            WriteLogs(context, _requestId);
            if (result is null) writer.WriteBatch(0, [], null);
            else writer.WriteBatch(1, [result], null);
            writer.WriteEos();
            await writer.FlushAsync(cancellation).ConfigureAwait(false);
        }

        private static void ValidateResult(RpcMethod method, IArrowArray? result)
        {
            var fields = method.ResultSchema.FieldsList;
            if (fields.Count == 0)
            {
                if (result is not null) throw new InvalidOperationException($"{method.Name} is void but its handler returned a value");
                return;
            }
            if (result is null) throw new InvalidOperationException($"{method.Name} must return a value of type {fields[0].DataType.Name}");
            if (result.Length != 1) throw new InvalidOperationException($"{method.Name} must return exactly one value, got {result.Length}");
            if (!BatchCoercion.TypesEqual(result.Data.DataType, fields[0].DataType))
                throw new InvalidOperationException($"{method.Name} returned {result.Data.DataType.Name}, its result type is {fields[0].DataType.Name}");
            if (!fields[0].IsNullable && result.IsNull(0)) throw new InvalidOperationException($"{method.Name} returned null for a non-nullable result");
        }

        private async Task ServeStreamAsync(RpcMethod method, RpcRequest request)
        {
            var context = NewContext(request);
            RpcStream stream;
            try
            {
                stream = await method.StreamInit!(request, context).ConfigureAwait(false);
                if (method.HeaderSchema is { } hs && stream.Header is not { Length: 1 })
                    throw new InvalidOperationException($"{method.Name} declares a header and must supply exactly one header row");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
            {
                // The client reads no input-stream reply after an init error (§5.2): back to the request loop.
                server.Diagnostic($"{method.Name} init raised {ErrorMetadata.TypeName(e)}: {e.Message}");
                WriteErrorStream(RpcSchemas.Empty, e, context);
                await writer.FlushAsync(cancellation).ConfigureAwait(false);
                throw new RequestRejected(e);
            }

            await using (stream.ConfigureAwait(false))
            {
                if (method.HeaderSchema is { } headerSchema)
                {
                    writer.WriteSchema(headerSchema);
                    WriteLogs(context, _requestId);
                    writer.WriteBatch(BatchCoercion.Coerce(stream.Header!, headerSchema, dropExtra: true));
                    writer.WriteEos();
                    await writer.FlushAsync(cancellation).ConfigureAwait(false);
                }
                await RunDataPhaseAsync(method, stream, context).ConfigureAwait(false);
            }
        }

        private async Task RunDataPhaseAsync(RpcMethod method, RpcStream stream, RpcCallContext context)
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            context.CancellationToken = cancel.Token;
            Schema? inputSchema;
            try
            {
                inputSchema = await reader.ReadSchemaAsync(cancellation).ConfigureAwait(false);
            }
            catch (IpcFormatException e)
            {
                // Not an input stream: the channel is out of step for good.
                throw new IOException($"invalid input stream for {method.Name}: {e.Message}", e);
            }
            if (inputSchema is null)
            {
                await cancel.CancelAsync().ConfigureAwait(false);
                throw new EndOfStreamException("channel closed before the stream's input");
            }

            writer.WriteSchema(stream.OutputSchema);
            WriteLogs(context, _requestId);
            var output = new RpcStreamOutput(context);
            try
            {
                while (true)
                {
                    IpcRecordBatch? input;
                    try
                    {
                        // Flush before blocking on the client: it may be waiting for the output schema.
                        await writer.FlushAsync(cancellation).ConfigureAwait(false);
                        input = await reader.ReadBatchAsync(cancellation).ConfigureAwait(false);
                    }
                    catch (EndOfStreamException)
                    {
                        await cancel.CancelAsync().ConfigureAwait(false);
                        throw;
                    }
                    if (input is null) break;
                    using (input)
                    {
                        if (input.Metadata.Contains(RpcMetadataKeys.Cancel))
                        {
                            await cancel.CancelAsync().ConfigureAwait(false);
                            try
                            {
                                await stream.OnCancelAsync(context).ConfigureAwait(false);
                            }
                            catch (Exception e)
                            {
                                server.Diagnostic($"{method.Name} on_cancel raised {ErrorMetadata.TypeName(e)}: {e.Message}");
                            }
                            context.ClearLogs();
                            break;
                        }
                        output.Reset();
                        try
                        {
                            var batch = stream.IsProducer ? input.Batch : BatchCoercion.Coerce(input.Batch, stream.InputSchema, dropExtra: false);
                            await stream.ProcessAsync(batch, input.Metadata, output, context).ConfigureAwait(false);
                            if (output.Batch is null && !output.IsFinished)
                                throw new InvalidOperationException("No data batch was emitted");
                            if (output.IsFinished && !stream.IsProducer)
                                throw new InvalidOperationException("finish() is only allowed on producer streams");
                            WriteLogs(context, null);
                            if (output.Batch is { } data) writer.WriteBatch(BatchCoercion.Coerce(data, stream.OutputSchema, dropExtra: true), output.BatchMetadata);
                        }
                        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
                        {
                            server.Diagnostic($"{method.Name} raised {ErrorMetadata.TypeName(e)}: {e.Message}");
                            WriteLogs(context, null);
                            writer.WriteEmptyBatch(ErrorMetadata.ForException(e, server.ServerId, null));
                            break;
                        }
                        if (output.IsFinished) break;
                    }
                }
            }
            finally
            {
                // Close the output stream even with zero inputs; then drain the client's input to its EOS.
                writer.WriteEos();
            }
            await writer.FlushAsync(cancellation).ConfigureAwait(false);
            await reader.DrainAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Marks a request already answered with an error stream.</summary>
    private sealed class RequestRejected(Exception error) : Exception(error.Message)
    {
        public Exception Error { get; } = error;
    }
}
