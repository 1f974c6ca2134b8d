using Apache.Arrow;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>Request bytes captured from DuckDB's <c>vgi</c> extension, written verbatim to the worker's stdin.</summary>
public sealed class GoldenRequestTests
{
    private static byte[] Golden(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", name));

    private static async Task<RpcResponseStream> SendAsync(WorkerClient w, string file)
    {
        await w.Rpc.WriteRawAsync(Golden(file)).Timed();
        return await w.Rpc.ReadResponseStreamAsync().Timed();
    }

    private static byte[] ResultBytes(RpcResponseStream response)
    {
        var batch = Assert.Single(response.Batches).Batch;
        return ((BinaryArray)batch.Column(batch.Schema.GetFieldIndex("result"))).GetBytes(0).ToArray();
    }

    [Fact]
    public async Task CatalogAttach_FromTheRealClient()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var response = await SendAsync(w, "catalog_attach.request.arrows");
        var result = ArrowRecord.FromIpcBytes<CatalogAttachResult>(ResultBytes(response));
        Assert.Equal([.. Calls.AttachPrefix, .. "example"u8.ToArray()], result.AttachOpaqueData);
        Assert.Equal("main", result.DefaultSchema);
        Assert.True(result.CatalogVersionFrozen);
    }

    [Fact]
    public async Task CatalogCatalogs_FromTheRealClient()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var response = await SendAsync(w, "catalog_catalogs.request.arrows");
        var result = ArrowRecord.FromIpcBytes<CatalogCatalogsResult>(ResultBytes(response));
        Assert.Equal("functions", Assert.Single(result.Items).Name);
    }

    [Fact]
    public async Task TableFunctionBind_FromTheRealClient_BindsTheCountOverload()
    {
        // vgi_table_function(<worker>, 'sequence', [5]): one positional int32 (the LIST element type).
        await using var w = WorkerProcess.TestWorker.Start();
        var response = await SendAsync(w, "bind.sequence_int_list.request.arrows");
        var result = ArrowRecord.FromIpcBytes<BindResult>(ResultBytes(response));
        var n = Assert.Single(result.OutputSchema.FieldsList);
        Assert.Equal("n", n.Name);
        Assert.IsType<Apache.Arrow.Types.Int64Type>(n.DataType);
        Assert.Null(result.OpaqueData);
        await BindErrorTests.AssertStillServesAsync(w);
    }
}
