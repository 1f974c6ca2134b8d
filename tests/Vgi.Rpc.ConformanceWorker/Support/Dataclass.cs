using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>
/// The wire form of an <c>ArrowSerializableDataclass</c> used as a parameter or result
/// (vgi-rpc-wire.md §3.2): a complete IPC stream (the dataclass schema, one 1-row batch, EOS) with
/// no batch metadata. Also <c>pa.Schema</c> values (one schema message, no EOS) and
/// <c>pa.RecordBatch</c> values (a whole stream).
/// </summary>
public static class Dataclass
{
    /// <summary>Serialises one row: schema + batch + EOS.</summary>
    public static byte[] Encode(RecordBatch row)
    {
        if (row.Length != 1) throw new ArgumentException($"a dataclass value is one row, got {row.Length}", nameof(row));
        return EncodeBatch(row);
    }

    /// <summary>Serialises a record batch as a whole IPC stream (the <c>pa.RecordBatch</c> form).</summary>
    public static byte[] EncodeBatch(RecordBatch batch)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer);
        writer.WriteSchema(batch.Schema);
        writer.WriteBatch(batch);
        writer.WriteEos();
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>The binary result column holding one encoded dataclass.</summary>
    public static BinaryArray Result(Schema schema, params IArrowArray[] columns) =>
        Arrays.Binary(Encode(new RecordBatch(schema, columns, 1)));

    /// <summary>
    /// Reads a dataclass value the tolerant way vgi-rpc does: columns matched by name (extras
    /// ignored, compatible numbers cast), exactly one row, no nulls in non-optional fields. The
    /// returned batch owns its buffers and is on <paramref name="schema"/>.
    /// </summary>
    public static async ValueTask<RecordBatch> DecodeAsync(ReadOnlyMemory<byte> bytes, Schema schema, string what)
    {
        var batch = await ReadSingleBatchAsync(bytes, what).ConfigureAwait(false);
        if (batch.Length != 1) throw new RpcException("ValueError", $"{what}: expected exactly 1 row, got {batch.Length}");
        foreach (var field in schema.FieldsList)
        {
            if (batch.Schema.GetFieldIndex(field.Name) < 0)
                throw new RpcException("TypeError", $"{what}: Missing fields: ['{field.Name}']");
        }
        RecordBatch projected;
        try
        {
            projected = BatchCoercion.Coerce(batch, schema, dropExtra: true);
        }
        catch (RpcException e)
        {
            throw new RpcException("TypeError", $"{what}: {e.Message}");
        }
        for (int i = 0; i < schema.FieldsList.Count; i++)
        {
            if (!schema.FieldsList[i].IsNullable && projected.Column(i).IsNull(0))
                throw new RpcException("TypeError", $"{what}: field '{schema.FieldsList[i].Name}' is not optional but got None");
        }
        return projected;
    }

    /// <summary>Reads a whole IPC stream holding exactly one record batch (copied out of the reader's pool).</summary>
    public static async ValueTask<RecordBatch> ReadSingleBatchAsync(ReadOnlyMemory<byte> bytes, string what)
    {
        var reader = new ArrowIpcReader(new MemoryStream(bytes.ToArray(), writable: false));
        try
        {
            if (await reader.ReadSchemaAsync().ConfigureAwait(false) is null)
                throw new RpcException("ValueError", $"{what}: empty IPC value");
            RecordBatch? first = null;
            int count = 0;
            while (await reader.ReadBatchAsync().ConfigureAwait(false) is { } batch)
            {
                using (batch)
                {
                    if (count++ == 0) first = Arrays.Copy(batch.Batch);
                }
            }
            if (count != 1) throw new RpcException("ValueError", $"{what}: expected exactly 1 record batch, got {count}");
            return first!;
        }
        catch (Exception e) when (e is IpcFormatException or EndOfStreamException)
        {
            throw new RpcException("ValueError", $"{what}: invalid Arrow IPC value: {e.Message}");
        }
    }

    /// <summary>Reads a serialised <c>pa.Schema</c> (one schema message; a trailing EOS is tolerated).</summary>
    public static async ValueTask<Schema> ReadSchemaAsync(ReadOnlyMemory<byte> bytes, string what)
    {
        try
        {
            var reader = new ArrowIpcReader(new MemoryStream(bytes.ToArray(), writable: false));
            return await reader.ReadSchemaAsync().ConfigureAwait(false)
                ?? throw new RpcException("ValueError", $"{what}: empty schema value");
        }
        catch (Exception e) when (e is IpcFormatException or EndOfStreamException)
        {
            throw new RpcException("ValueError", $"{what}: invalid serialized schema: {e.Message}");
        }
    }
}
