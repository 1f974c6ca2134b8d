using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Rpc;

/// <summary>A validated request: its one-row parameter batch and its custom_metadata.</summary>
public sealed class RpcRequest
{
    internal RpcRequest(RpcMethod method, IpcRecordBatch batch)
    {
        Method = method;
        Batch = batch.Batch;
        Metadata = batch.Metadata;
    }

    public RpcMethod Method { get; }

    /// <summary>The parameter batch (one row; columns named after the parameters).</summary>
    public RecordBatch Batch { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    /// <summary>The column of parameter <paramref name="name"/>, or null when the caller left it out.</summary>
    public IArrowArray? Column(string name)
    {
        int index = Batch.Schema.GetFieldIndex(name);
        return index < 0 ? null : Batch.Column(index);
    }

    /// <summary>The column of a required parameter (presence was checked before dispatch).</summary>
    public T Get<T>(string name) where T : class, IArrowArray =>
        Column(name) as T ?? throw RpcException.Type($"parameter '{name}' must be a {typeof(T).Name}, got {Column(name)?.Data.DataType.Name ?? "nothing"}");

    public bool IsNull(string name) => Column(name) is not { } c || c.IsNull(0);
}
