using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Client;

/// <summary>
/// The outcome of a unary call. Owns <see cref="Batch"/>, whose arrays borrow a pooled buffer:
/// read <see cref="Result"/> before disposing, copy what must outlive it.
/// </summary>
public sealed class RpcCallResult : IDisposable
{
    internal RpcCallResult(IpcRecordBatch? batch, IReadOnlyList<RpcLogMessage> logs, Schema resultSchema)
    {
        Batch = batch;
        Logs = logs;
        ResultSchema = resultSchema;
    }

    /// <summary>The result batch; null for a void method (a result schema with no fields).</summary>
    public IpcRecordBatch? Batch { get; }

    /// <summary>Log batches the server emitted during the call, in order.</summary>
    public IReadOnlyList<RpcLogMessage> Logs { get; }

    /// <summary>The schema that opened the response stream.</summary>
    public Schema ResultSchema { get; }

    /// <summary>The <c>result</c> column of the result batch, or null (void, or no such column).</summary>
    public IArrowArray? Result
    {
        get
        {
            if (Batch is null) return null;
            int index = Batch.Schema.GetFieldIndex("result");
            return index < 0 ? null : Batch.Batch.Column(index);
        }
    }

    public void Dispose() => Batch?.Dispose();
}
