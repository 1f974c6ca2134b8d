using Apache.Arrow;

namespace Vgi.Codecs;

/// <summary>IPC-bytes form of <see cref="IArrowRecord{TSelf}"/> values: how vgi embeds requests and results.</summary>
public static class ArrowRecord
{
    /// <summary>A 1-row IPC stream of <paramref name="value"/> (schema, dictionaries, batch, EOS).</summary>
    public static byte[] ToIpcBytes<T>(T value) where T : IArrowRecord<T> => IpcBytes.WriteBatch(T.ToRecordBatch([value]));

    public static byte[] ToIpcBytes<T>(IReadOnlyList<T> rows) where T : IArrowRecord<T> => IpcBytes.WriteBatch(T.ToRecordBatch(rows));

    /// <summary>Reads the one row of an embedded value.</summary>
    public static T FromIpcBytes<T>(ReadOnlyMemory<byte> bytes) where T : IArrowRecord<T>
    {
        var rows = T.FromRecordBatch(IpcBytes.ReadBatch(bytes));
        if (rows.Length != 1) throw new ArrowRecordException($"expected one {typeof(T).Name} row, got {rows.Length}");
        return rows[0];
    }

    public static T[] FromIpcBytesAll<T>(ReadOnlyMemory<byte> bytes) where T : IArrowRecord<T> => T.FromRecordBatch(IpcBytes.ReadBatch(bytes));
}
