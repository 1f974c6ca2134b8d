using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Codecs;

/// <summary>
/// Arrow values embedded as bytes inside other Arrow values: <c>pa.Schema</c> fields (one schema
/// message) and record batches (a whole IPC stream: schema, dictionaries, one batch, EOS).
/// </summary>
public static class IpcBytes
{
    /// <summary>Staging and read-ahead size for in-memory streams: they gain nothing from big buffers.</summary>
    private const int InMemoryBuffer = 1024;

    /// <summary>One encapsulated schema message, no EOS (pyarrow <c>Schema.serialize()</c>).</summary>
    public static byte[] SerializeSchema(Schema schema) => ArrowIpcWriter.SerializeSchema(schema);

    /// <summary>Reads the schema message at the start of <paramref name="bytes"/>; trailing bytes (an EOS) are ignored.</summary>
    public static Schema ReadSchema(ReadOnlyMemory<byte> bytes)
    {
        var reader = new ArrowIpcReader(new ReadOnlyMemoryStream(bytes), InMemoryBuffer);
        return Sync(reader.ReadSchemaAsync()) ?? throw new IpcFormatException("empty bytes where a schema message was expected");
    }

    /// <summary>A complete IPC stream holding <paramref name="batch"/>.</summary>
    public static byte[] WriteBatch(RecordBatch batch, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer, InMemoryBuffer);
        writer.WriteSchema(batch.Schema);
        writer.WriteBatch(batch, metadata);
        writer.WriteEos();
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads the single record batch of an IPC stream; a schema-only stream yields a zero-row batch.
    /// The batch is never disposed, so its body buffer stays with the batch (the GC reclaims it) and
    /// the batch may outlive the call.
    /// </summary>
    public static RecordBatch ReadBatch(ReadOnlyMemory<byte> bytes) => ReadBatch(bytes, out _);

    public static RecordBatch ReadBatch(ReadOnlyMemory<byte> bytes, out IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        var reader = new ArrowIpcReader(new ReadOnlyMemoryStream(bytes), InMemoryBuffer);
        var schema = Sync(reader.ReadSchemaAsync()) ?? throw new IpcFormatException("empty bytes where an IPC stream was expected");
        var first = Sync(reader.ReadBatchAsync());
        if (first is null)
        {
            metadata = Ipc.Metadata.Empty;
            return new RecordBatch(schema, EmptyColumns(schema), 0);
        }
        if (Sync(reader.ReadBatchAsync()) is not null)
            throw new IpcFormatException("expected exactly one record batch in the embedded IPC stream");
        metadata = first.Metadata;
        return first.Batch;
    }

    private static IArrowArray[] EmptyColumns(Schema schema)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer, InMemoryBuffer);
        writer.WriteSchema(schema);
        writer.WriteEmptyBatch(null);
        writer.WriteEos();
        writer.Flush();
        var reader = new ArrowIpcReader(new ReadOnlyMemoryStream(buffer.ToArray()), InMemoryBuffer);
        Sync(reader.ReadSchemaAsync());
        var batch = Sync(reader.ReadBatchAsync())!;
        return [.. batch.Batch.Arrays];
    }

    // Reads from memory complete synchronously; this unwraps without blocking a thread.
    private static T Sync<T>(ValueTask<T> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
