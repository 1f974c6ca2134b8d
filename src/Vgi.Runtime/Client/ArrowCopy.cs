using Apache.Arrow;

namespace Vgi.Client;

/// <summary>
/// Deep copies of decoded arrays. Batches from <see cref="Vgi.Ipc.ArrowIpcReader"/> borrow a pooled
/// body buffer; a copy owns plain managed arrays and so outlives the batch's disposal.
/// </summary>
internal static class ArrowCopy
{
    public static RecordBatch Copy(RecordBatch batch)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (int i = 0; i < columns.Length; i++) columns[i] = ArrowArrayFactory.BuildArray(Copy(batch.Column(i).Data));
        return new RecordBatch(batch.Schema, columns, batch.Length);
    }

    public static ArrayData Copy(ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new ArrowBuffer(data.Buffers[i].Memory.ToArray());
        var children = data.Children is null ? [] : new ArrayData[data.Children.Length];
        for (int i = 0; i < children.Length; i++) children[i] = Copy(data.Children![i]);
        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, children,
            data.Dictionary is null ? null : Copy(data.Dictionary));
    }
}
