using Apache.Arrow;

namespace Vgi.Rpc;

/// <summary>Collects what one stream turn produces: logs (through the context), one data batch, finish.</summary>
public sealed class RpcStreamOutput
{
    private readonly RpcCallContext _context;

    internal RpcStreamOutput(RpcCallContext context) => _context = context;

    internal RecordBatch? Batch { get; private set; }

    internal IReadOnlyList<KeyValuePair<string, string>>? BatchMetadata { get; private set; }

    public bool IsFinished { get; private set; }

    /// <summary>Emits this turn's data batch, optionally with custom_metadata (e.g. <c>vgi_batch_index</c>).</summary>
    public void Emit(RecordBatch batch, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (Batch is not null) throw new InvalidOperationException("a stream turn emits exactly one data batch");
        Batch = batch;
        BatchMetadata = metadata;
    }

    /// <summary>Ends a producer stream after this turn (its batch, if any, is still delivered).</summary>
    public void Finish() => IsFinished = true;

    public void Log(RpcLogLevel level, string message, IReadOnlyList<KeyValuePair<string, object?>>? extra = null) =>
        _context.Log(level, message, extra);

    internal void Reset()
    {
        Batch = null;
        BatchMetadata = null;
        IsFinished = false;
    }
}
