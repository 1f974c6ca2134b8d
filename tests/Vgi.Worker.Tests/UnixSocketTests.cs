using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>
/// The same worker on <c>--unix PATH --idle-timeout SEC</c> (the <c>launch:</c>/<c>unix://</c>
/// transports): one connection per unary RPC, bind + init on one connection (validation-2.md C27).
/// </summary>
public sealed class UnixSocketTests
{
    [Fact]
    public async Task ScalarCall_ConnectionPerRpc()
    {
        await using var worker = await WorkerProcess.TestWorker.StartUnixAsync();
        Assert.Equal("UNIX:" + worker.SocketPath, worker.DiscoveryLine);

        byte[] attach;
        await using (var c = await worker.ConnectAsync()) attach = (await c.AttachAsync("u")).Value.AttachOpaqueData;
        await using (var c = await worker.ConnectAsync())
            Assert.Equal(9, (await c.SchemasAsync(attach)).Value.Items[0].EstimatedObjectCount!["scalar_function"]);
        await using (var c = await worker.ConnectAsync())
            Assert.Contains((await c.FunctionsAsync(attach, CatalogObjectType.ScalarFunction)).Value.Items, f => f.Name == "multiply");

        var input = Calls.Input(Int64Type.Default);
        var request = Calls.Scalar("multiply", input, [Calls.I64(7)], attach: attach);
        await using (var c = await worker.ConnectAsync()) await c.BindAsync(request); // plan-time bind
        await using (var c = await worker.ConnectAsync())
        {
            var bind = await c.BindAsync(request);
            await using var session = await c.InitAsync(request, bind.Value.OutputSchema);
            for (int b = 0; b < 4; b++)
            {
                var values = Enumerable.Range(0, 2048).Select(i => (long?)(b * 2048 + i)).ToArray();
                using var result = await session.ExchangeAsync(Calls.Batch(input, Calls.I64(values))).Timed();
                var column = (Int64Array)result.Batch.Column(0);
                for (int i = 0; i < values.Length; i++) Assert.Equal(values[i] * 7, column.GetValue(i));
            }
            await session.CloseAsync().Timed();
        }
        Assert.False(worker.Process.HasExited, worker.Stderr.ToString());
    }

    [Fact]
    public async Task ErrorMidExchange_TheConnectionAndProcessKeepServing()
    {
        await using var worker = await WorkerProcess.TestWorker.StartUnixAsync();
        var input = Calls.Input(Int64Type.Default);
        var request = Calls.Scalar("fail_when_negative", input);
        await using (var c = await worker.ConnectAsync())
        {
            var bind = await c.BindAsync(request);
            await using (var session = await c.InitAsync(request, bind.Value.OutputSchema))
            {
                var e = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Calls.Batch(input, Calls.I64(-3))));
                Assert.Equal("InvalidOperationException: negative value -3 at row 0", e.Message);
            }
            await BindErrorTests.AssertStillServesAsync(c);
        }
        await using (var c = await worker.ConnectAsync()) await BindErrorTests.AssertStillServesAsync(c);
        Assert.False(worker.Process.HasExited, worker.Stderr.ToString());
    }
}
