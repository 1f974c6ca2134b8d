using Apache.Arrow;

namespace Vgi.Client;

/// <summary>A whole response IPC stream read verbatim (schema, every batch with its metadata, EOS), for asserting raw replies.</summary>
public sealed class RpcResponseStream
{
    internal RpcResponseStream(Schema schema, IReadOnlyList<RpcResponseBatch> batches)
    {
        Schema = schema;
        Batches = batches;
    }

    public Schema Schema { get; }

    public IReadOnlyList<RpcResponseBatch> Batches { get; }

    /// <summary>The first EXCEPTION batch, if any.</summary>
    public RpcResponseBatch? Exception => Batches.FirstOrDefault(b => b.IsException);

    /// <summary>Batches that are neither logs nor errors.</summary>
    public IEnumerable<RpcResponseBatch> DataBatches => Batches.Where(b => !b.IsLog);

    /// <summary>The error as the typed client would throw it, or null.</summary>
    public Vgi.Rpc.RpcException? ToException() => Exception is { } e ? ResponseBatches.ToException(e.Metadata) : null;
}
