using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Tests.Client;

/// <summary>Byte-level helpers: decode what the client sent, and build what it should have sent.</summary>
internal static class Wire
{
    public static readonly byte[] Eos = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    // vgi-rpc-wire.md §8.1: pa.schema([]).serialize().
    public static readonly byte[] EmptySchemaMessage = Convert.FromHexString(
        "ffffffff30000000" + "1000000000000a00" + "0c00060005000800" + "0a00000000010400" +
        "0c00000008000800" + "0000040008000000" + "0400000000000000");

    public sealed record SentBatch(int Length, int Columns, IReadOnlyList<KeyValuePair<string, string>> Metadata);

    public sealed record SentStream(Schema Schema, IReadOnlyList<SentBatch> Batches);

    /// <summary>Splits a byte capture into its IPC streams (each must be complete, EOS included).</summary>
    public static async Task<List<SentStream>> ParseAsync(byte[] bytes)
    {
        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        var streams = new List<SentStream>();
        while (await reader.ReadSchemaAsync() is { } schema)
        {
            var batches = new List<SentBatch>();
            while (await reader.ReadBatchAsync() is { } batch)
            {
                using (batch) batches.Add(new SentBatch(batch.Length, batch.Batch.ColumnCount, batch.Metadata));
            }
            streams.Add(new SentStream(schema, batches));
        }
        return streams;
    }

    /// <summary>The exact bytes our writer produces for a sequence of writes.</summary>
    public static byte[] Build(Action<ArrowIpcWriter> write)
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        write(writer);
        writer.Flush();
        return ms.ToArray();
    }

    public static KeyValuePair<string, string> Kv(string key, string value) => new(key, value);
}
