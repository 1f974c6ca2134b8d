using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Tests.Ipc;

public class FramingTests
{
    // vgi-rpc-wire.md §8.1: pa.schema([]).serialize().
    private static readonly byte[] EmptySchemaMessage = Convert.FromHexString(
        "ffffffff30000000" + "1000000000000a00" + "0c00060005000800" + "0a00000000010400" +
        "0c00000008000800" + "0000040008000000" + "0400000000000000");

    [Fact]
    public void EmptySchemaIsByteIdenticalToPyarrow()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(new Schema([], null));
        writer.Flush();
        Assert.Equal(56, EmptySchemaMessage.Length);
        Assert.Equal(Convert.ToHexString(EmptySchemaMessage), Convert.ToHexString(ms.ToArray()));
    }

    [Fact]
    public async Task PerBatchMetadataRoundTrips()
    {
        var schema = new Schema([new Field("a", Int64Type.Default, false)], null);
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(schema);
        writer.WriteBatch(new RecordBatch(schema, [new Int64Array.Builder().Append(7).Build()], 1), [new("k1", "v1"), new("vgi_rpc.method", "é")]);
        writer.WriteEmptyBatch([new("vgi_rpc.log_level", "INFO")]);
        writer.WriteEos();
        writer.Flush();
        ms.Position = 0;
        var reader = new ArrowIpcReader(ms);
        var read = await reader.ReadSchemaAsync();
        Assert.NotNull(read);
        using (var b1 = await reader.ReadBatchAsync())
        {
            Assert.Equal([new("k1", "v1"), new("vgi_rpc.method", "é")], b1!.Metadata);
            Assert.Equal(7, ((Int64Array)b1.Batch.Column(0)).GetValue(0));
        }
        using (var b2 = await reader.ReadBatchAsync())
        {
            Assert.Equal(0, b2!.Length);
            Assert.Equal("INFO", b2.Metadata.Get("vgi_rpc.log_level"));
        }
        Assert.Null(await reader.ReadBatchAsync());
        Assert.Null(await reader.ReadSchemaAsync());
    }
}
