using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Tests.Ipc;

/// <summary>A body length that the bytes on the channel do not back must not cost its size in memory.</summary>
public class LargeBodyTests
{
    [Fact]
    public async Task HugeClaimedBodyFollowedByEofIsTruncatedWithoutAllocatingIt()
    {
        var schema = new Schema([new Field("a", Int64Type.Default, false)], null);
        var batch = RawIpc.Message(3, b => RawIpc.RecordBatchTable(b, 1, [(1, 0)], [(0, 0), (0, 8)]), new byte[64], bodyLength: 1L << 30);
        var stream = new MemoryStream(RawIpc.Concat(RawIpc.SchemaMessage(schema), batch));
        var reader = new ArrowIpcReader(stream);
        await reader.ReadSchemaAsync();

        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = await Assert.ThrowsAsync<IpcFormatException>(async () => await reader.ReadBatchAsync());
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Contains("truncated", error.Message);
        Assert.True(allocated < 64L << 20, $"allocated {allocated} bytes for a 1 GiB claim backed by 64 bytes");
    }

    [Fact]
    public async Task LargeBodyThatArrivesIsReadWhole()
    {
        var values = new Int64Array.Builder();
        for (int i = 0; i < 3_000_000; i++) values.Append(i);
        var schema = new Schema([new Field("a", Int64Type.Default, false)], null);
        var stream = new MemoryStream();
        var writer = new ArrowIpcWriter(stream);
        writer.WriteSchema(schema);
        writer.WriteBatch(new RecordBatch(schema, [values.Build()], 3_000_000));
        writer.WriteEos();
        writer.Flush();
        stream.Position = 0;

        var reader = new ArrowIpcReader(stream);
        await reader.ReadSchemaAsync();
        using var batch = await reader.ReadBatchAsync();
        var column = (Int64Array)batch!.Batch.Column(0);
        Assert.Equal(3_000_000, column.Length);
        Assert.Equal(2_999_999, column.GetValue(2_999_999));
        Assert.Equal(1_234_567, column.GetValue(1_234_567));
    }
}
