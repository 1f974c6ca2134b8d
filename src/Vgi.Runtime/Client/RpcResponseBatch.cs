using Apache.Arrow;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Client;

/// <summary>One record batch of a raw response stream, copied out of the reader's pooled buffer.</summary>
public sealed class RpcResponseBatch
{
    internal RpcResponseBatch(RecordBatch batch, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        Batch = batch;
        Metadata = metadata;
    }

    public RecordBatch Batch { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    public int Length => Batch.Length;

    /// <summary>A log or error batch in the C++ client's sense: zero rows and a <c>vgi_rpc.log_level</c>.</summary>
    public bool IsLog => Length == 0 && Metadata.Contains(RpcMetadataKeys.LogLevel);

    public bool IsException => IsLog && Metadata.Get(RpcMetadataKeys.LogLevel) == "EXCEPTION";
}
