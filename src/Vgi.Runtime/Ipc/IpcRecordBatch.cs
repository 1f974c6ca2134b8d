using Apache.Arrow;

namespace Vgi.Ipc;

/// <summary>
/// A record batch read from a channel with its message-level <c>custom_metadata</c>. Its arrays
/// borrow a pooled body buffer: use them until <see cref="Dispose"/>, copy what must outlive it.
/// </summary>
public sealed class IpcRecordBatch : IDisposable
{
    private readonly PooledBuffer _body;

    internal IpcRecordBatch(RecordBatch batch, IReadOnlyList<KeyValuePair<string, string>> metadata, PooledBuffer body)
    {
        Batch = batch;
        Metadata = metadata;
        _body = body;
    }

    public RecordBatch Batch { get; }

    /// <summary>The batch message's custom_metadata, in wire order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    public int Length => Batch.Length;

    public Schema Schema => Batch.Schema;

    public void Dispose() => _body.Dispose();
}
