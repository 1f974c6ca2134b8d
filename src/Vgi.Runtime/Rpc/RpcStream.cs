using Apache.Arrow;

namespace Vgi.Rpc;

/// <summary>
/// State of a stream method after init. The input schema decides the kind at run time, as in
/// vgi-rpc: no input fields means a producer (driven by ticks, may finish), anything else an
/// exchange (exactly one output batch per input batch).
/// </summary>
public abstract class RpcStream : IAsyncDisposable
{
    protected RpcStream(Schema outputSchema, Schema? inputSchema = null)
    {
        OutputSchema = outputSchema;
        InputSchema = inputSchema ?? RpcSchemas.Empty;
    }

    public Schema OutputSchema { get; }

    public Schema InputSchema { get; }

    public bool IsProducer => InputSchema.FieldsList.Count == 0;

    /// <summary>The one header row, for methods that declare a header schema.</summary>
    public RecordBatch? Header { get; init; }

    /// <summary>
    /// Serves one input batch (a tick for producers): emit exactly one batch on <paramref name="output"/>,
    /// or, for a producer, call <see cref="RpcStreamOutput.Finish"/> (with or without a last batch).
    /// <paramref name="input"/> is valid only during the call; copy what must outlive it.
    /// </summary>
    public abstract ValueTask ProcessAsync(RecordBatch input, IReadOnlyList<KeyValuePair<string, string>> inputMetadata, RpcStreamOutput output, RpcCallContext context);

    /// <summary>Called when the client sends <c>vgi_rpc.cancel</c>; errors are swallowed.</summary>
    public virtual ValueTask OnCancelAsync(RpcCallContext context) => default;

    /// <summary>Called once when the stream is over, however it ended.</summary>
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return default;
    }

    public delegate ValueTask ProduceHandler(RpcStreamOutput output, RpcCallContext context);

    public delegate ValueTask ExchangeHandler(RecordBatch input, RpcStreamOutput output, RpcCallContext context);

    /// <summary>A producer whose turns run <paramref name="produce"/>.</summary>
    public static RpcStream Producer(Schema outputSchema, ProduceHandler produce, Func<RpcCallContext, ValueTask>? onCancel = null, RecordBatch? header = null) =>
        new DelegateStream(outputSchema, null, (_, output, ctx) => produce(output, ctx), onCancel) { Header = header };

    /// <summary>An exchange that answers each input batch with <paramref name="exchange"/>.</summary>
    public static RpcStream Exchange(Schema inputSchema, Schema outputSchema, ExchangeHandler exchange, Func<RpcCallContext, ValueTask>? onCancel = null, RecordBatch? header = null) =>
        new DelegateStream(outputSchema, inputSchema, exchange, onCancel) { Header = header };

    private sealed class DelegateStream(Schema output, Schema? input, ExchangeHandler process, Func<RpcCallContext, ValueTask>? onCancel)
        : RpcStream(output, input)
    {
        public override ValueTask ProcessAsync(RecordBatch input, IReadOnlyList<KeyValuePair<string, string>> inputMetadata, RpcStreamOutput output, RpcCallContext context) =>
            process(input, output, context);

        public override ValueTask OnCancelAsync(RpcCallContext context) => onCancel?.Invoke(context) ?? default;
    }
}
