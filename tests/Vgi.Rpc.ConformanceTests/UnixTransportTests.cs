using System.Diagnostics;
using System.Net.Sockets;
using Apache.Arrow;
using Vgi.Client;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests;

/// <summary>
/// The AF_UNIX transport itself (vgi-rpc-wire.md §2.3): discovery line, concurrent connections,
/// connect-and-close probes, idle shutdown and flags after user arguments. Each test starts its own worker.
/// </summary>
public sealed class UnixTransportTests
{
    private static async Task<string> EchoAsync(RpcClient client, string value)
    {
        using var result = await client.CallAsync("echo_string", A.Value(A.Str(value))).Timed();
        return ((StringArray)result.Result!).GetString(0)!;
    }

    private static async Task<int> CountProducedAsync(RpcClient client, long count)
    {
        await using var session = await client.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(count))), hasHeader: false).Timed();
        int n = 0;
        while (await session.TickAsync().Timed() is { } batch)
        {
            using (batch) Assert.Equal(n * 10L, ((Int64Array)batch.Batch.Column(1)).GetValue(0));
            n++;
        }
        return n;
    }

    [Fact]
    public async Task DiscoveryLine_IsTheAbsoluteSocketPath()
    {
        await using var worker = await UnixWorker.StartAsync(30);
        Assert.Equal("UNIX:" + worker.SocketPath, worker.DiscoveryLine);
        Assert.True(Path.IsPathRooted(worker.SocketPath));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(worker.SocketPath));
        await using var client = await worker.ConnectAsync();
        Assert.Equal("ok", await EchoAsync(client, "ok"));
    }

    [Fact]
    public async Task ConcurrentConnections_AreServedIndependently()
    {
        await using var worker = await UnixWorker.StartAsync(30);
        var tasks = Enumerable.Range(0, 6).Select(async i =>
        {
            await using var client = await worker.ConnectAsync();
            for (int k = 0; k < 15; k++) Assert.Equal($"c{i}-{k}", await EchoAsync(client, $"c{i}-{k}"));
            Assert.Equal(i + 3, await CountProducedAsync(client, i + 3));
            await using var exchange = await client.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(i))), hasHeader: false).Timed();
            using (var output = await exchange.ExchangeAsync(A.Column("value", A.F64(2))).Timed())
                Assert.Equal(2.0 * i, ((DoubleArray)output.Batch.Column(0)).GetValue(0));
            await exchange.CloseAsync().Timed();
        });
        await Task.WhenAll(tasks).WaitAsync(Worker.TestTimeout);
    }

    [Fact]
    public async Task ConcurrentConnections_AnOpenStreamDoesNotBlockOthers()
    {
        await using var worker = await UnixWorker.StartAsync(30);
        await using var streaming = await worker.ConnectAsync();
        await using var other = await worker.ConnectAsync();
        await using var session = await streaming.OpenStreamAsync("cancellable_producer", null, hasHeader: false).Timed();
        using (var first = await session.TickAsync().Timed()) Assert.Equal(0L, ((Int64Array)first!.Batch.Column(0)).GetValue(0));
        // The first connection sits inside its stream; the second one is served meanwhile.
        Assert.Equal("meanwhile", await EchoAsync(other, "meanwhile"));
        Assert.Equal(4, await CountProducedAsync(other, 4));
        using (var second = await session.TickAsync().Timed()) Assert.Equal(1L, ((Int64Array)second!.Batch.Column(0)).GetValue(0));
        await session.CancelAsync().Timed();
        Assert.Equal("after", await EchoAsync(streaming, "after"));
    }

    [Fact]
    public async Task ConnectAndCloseProbe_IsTolerated()
    {
        await using var worker = await UnixWorker.StartAsync(30);
        for (int i = 0; i < 5; i++)
        {
            using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(worker.SocketPath)).WaitAsync(Worker.ReadTimeout);
            probe.Close();
        }
        await using var client = await worker.ConnectAsync();
        Assert.Equal("alive", await EchoAsync(client, "alive"));
        Assert.False(worker.Process.HasExited);
    }

    [Fact]
    public async Task AbruptCloseMidStream_OtherConnectionsContinue()
    {
        await using var worker = await UnixWorker.StartAsync(30);
        var doomed = await worker.ConnectAsync();
        var session = await doomed.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(1000))), hasHeader: false).Timed();
        using (await session.TickAsync().Timed()) { }
        await doomed.DisposeAsync(); // the connection closes in the middle of the stream, as on LIMIT
        await using var client = await worker.ConnectAsync();
        Assert.Equal(3, await CountProducedAsync(client, 3));
        Assert.False(worker.Process.HasExited);
    }

    [Fact]
    public async Task IdleShutdown_ExitsZeroAndRemovesTheSocket()
    {
        await using var worker = await UnixWorker.StartAsync(1);
        // Before the first connection a longer start-up grace applies (§2.3); a probe ends it.
        using (var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await probe.ConnectAsync(new UnixDomainSocketEndPoint(worker.SocketPath)).WaitAsync(Worker.ReadTimeout);
        }
        var clock = Stopwatch.StartNew();
        Assert.Equal(0, await Worker.WaitForExitAsync(worker.Process, TimeSpan.FromSeconds(10)));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(8));
        Assert.False(File.Exists(worker.SocketPath));
        Assert.Equal("", await worker.ReadRestOfStdoutAsync()); // nothing after the discovery line
    }

    [Fact]
    public async Task IdleShutdown_NotWhileAConnectionIsOpen()
    {
        await using var worker = await UnixWorker.StartAsync(1);
        var client = await worker.ConnectAsync();
        Assert.Equal("x", await EchoAsync(client, "x"));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(worker.Process.HasExited); // an open (idle) connection keeps the worker
        Assert.Equal("y", await EchoAsync(client, "y"));
        await client.DisposeAsync();
        Assert.Equal(0, await Worker.WaitForExitAsync(worker.Process, TimeSpan.FromSeconds(10)));
        Assert.False(File.Exists(worker.SocketPath));
    }

    [Fact]
    public async Task FlagsAfterUserArguments_AreAccepted()
    {
        // The launcher appends its flags to the user's command line: `worker extra-arg --unix P --idle-timeout 1`.
        await using var worker = await UnixWorker.StartAsync(1, userArgs: ["extra-arg"], extraFlags: ["--describe"]);
        Assert.Equal("UNIX:" + worker.SocketPath, worker.DiscoveryLine);
        await using (var client = await worker.ConnectAsync())
        {
            Assert.Equal("flags", await EchoAsync(client, "flags"));
            using var describe = await client.CallAsync("__describe__").Timed();
            Assert.True(describe.Batch!.Length > 0);
        }
        Assert.Equal(0, await Worker.WaitForExitAsync(worker.Process, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task StaleSocketFile_IsReplaced()
    {
        string path = Worker.NewSocketPath();
        await File.WriteAllTextAsync(path, "stale");
        await using var worker = await UnixWorker.StartAsync(30, socketPath: path);
        await using var client = await worker.ConnectAsync();
        Assert.Equal("fresh", await EchoAsync(client, "fresh"));
    }
}
