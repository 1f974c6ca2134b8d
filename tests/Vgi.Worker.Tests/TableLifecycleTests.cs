using System.Diagnostics;
using Apache.Arrow;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Worker.Tests.TableFunctionTests;

namespace Vgi.Worker.Tests;

/// <summary>
/// How table streams end and run in parallel: LIMIT teardown (a cancel tick, then the channel
/// closes: validation-2 C23), secondary inits of a <c>max_workers</c> &gt; 1 scan sharing work by
/// execution id (C20, C32), and <c>vgi_batch_index</c>.
/// </summary>
public sealed class TableLifecycleTests
{
    private static async Task WaitForAsync(Func<bool> condition, StderrLog stderr, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > WorkerProcess.ReadTimeout) Assert.Fail($"timed out waiting for {what}; worker stderr:\n{stderr}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Limit_OnStdio_CancelTickThenClose_WorkerExitsAndDisposesTheScan()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        w.Rpc.ExitTimeout = TimeSpan.FromSeconds(10);
        var request = Sequence(0, 100_000_000);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        Assert.Equal(2048, (await stream.ReadAsync())!.Batch.Length);
        await stream.TickAsync(); // tick 2, sent before DuckDB consumed batch 1
        Assert.Equal(2048, (await stream.ReadAsync())!.Batch.Length);

        // SELECT * FROM sequence(…) LIMIT 2: the dispatcher writes a cancel tick, no EOS, and closes the pipes.
        await stream.CancelAsync();
        var watch = Stopwatch.StartNew();
        await w.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the worker took {watch.Elapsed} to exit (the client SIGKILLs after 2 s)");
        await WaitForAsync(() => w.Stderr.ToString().Contains("scan disposed: sequence", StringComparison.Ordinal), w.Stderr, "the scan's disposal");
        Assert.Contains("after 2 batches (cancelled: True)", w.Stderr.ToString());
    }

    [Fact]
    public async Task Limit_WithoutCancelTick_ClosedPipeAlsoEndsTheStream()
    {
        // SET vgi_cancel_enabled = false: just the close.
        await using var w = WorkerProcess.TestWorker.Start();
        w.Rpc.ExitTimeout = TimeSpan.FromSeconds(10);
        var request = Sequence(0, 100_000_000);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        Assert.NotNull(await stream.ReadAsync());
        await stream.TickAsync();
        var watch = Stopwatch.StartNew();
        await w.DisposeAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"the worker took {watch.Elapsed} to exit");
        await WaitForAsync(() => w.Stderr.ToString().Contains("scan disposed: sequence", StringComparison.Ordinal), w.Stderr, "the scan's disposal");
    }

    [Fact]
    public async Task Limit_OnUnix_OnlyTheConnectionEnds()
    {
        await using var worker = await WorkerProcess.TestWorker.StartUnixAsync();
        var request = Sequence(0, 100_000_000);
        Schema output;
        await using (var c = await worker.ConnectAsync()) output = (await c.BindAsync(request)).Value.OutputSchema;
        await using (var c = await worker.ConnectAsync())
        {
            var stream = await TableStream.OpenAsync(c.Rpc, Init(request, output));
            await stream.BeginAsync();
            Assert.NotNull(await stream.ReadAsync());
            await stream.TickAsync();
            Assert.NotNull(await stream.ReadAsync());
            await stream.CancelAsync();
        } // the socket closes without an input EOS
        await WaitForAsync(() => worker.Stderr.ToString().Contains("scan disposed: sequence", StringComparison.Ordinal), worker.Stderr, "the scan's disposal");

        // The process serves the next connection, e.g. the next statement's full scan.
        await using (var c = await worker.ConnectAsync())
        {
            var small = Sequence(0, 10);
            var stream = await TableStream.OpenAsync(c.Rpc, Init(small, output));
            await stream.BeginAsync();
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Values(await stream.ReadAllAsync()));
            // On a socket the client closes instead of writing the input EOS (C22): EOF while draining.
        }
        await using (var c = await worker.ConnectAsync()) await BindErrorTests.AssertStillServesAsync(c);
        Assert.False(worker.Process.HasExited, worker.Stderr.ToString());
    }

    [Fact]
    public async Task Secondaries_ShareTheWorkByExecutionId()
    {
        // par_sequence declares max_workers 2: DuckDB opens one secondary init on its own connection
        // (one process on launch:/unix://), with the primary's execution_id and init_opaque_data.
        await using var worker = await WorkerProcess.TestWorker.StartUnixAsync();
        var request = Tables.Table("par_sequence", [Calls.I64(10_500)]);
        Schema output;
        await using (var c = await worker.ConnectAsync()) output = (await c.BindAsync(request)).Value.OutputSchema;

        await using var primaryConnection = await worker.ConnectAsync();
        await using var secondaryConnection = await worker.ConnectAsync();
        var primary = await TableStream.OpenAsync(primaryConnection.Rpc, Init(request, output, [0]));
        Assert.Equal(2, primary.Header.MaxWorkers);
        Assert.Equal(16, primary.Header.ExecutionId.Length);
        Assert.Null(primary.Header.OpaqueData);

        var secondary = await TableStream.OpenAsync(secondaryConnection.Rpc, Init(request, output, [0]) with
        {
            ExecutionId = primary.Header.ExecutionId,
            InitOpaqueData = primary.Header.OpaqueData,
        });
        Assert.Equal(primary.Header.ExecutionId, secondary.Header.ExecutionId);

        // Both run concurrently, each one tick ahead.
        await primary.BeginAsync();
        await secondary.BeginAsync();
        var results = await Task.WhenAll(primary.ReadAllAsync(), secondary.ReadAllAsync());
        await primary.EndInputAsync();
        await secondary.EndInputAsync();

        var all = results.SelectMany(r => Values(r)).Order().ToArray();
        Assert.Equal(Enumerable.Range(0, 10_500).Select(i => (long)i), all); // every row exactly once
        foreach (var batches in results)
        {
            // vgi_batch_index = the chunk each batch came from: non-decreasing per stream.
            var indices = batches.Select(b => long.Parse(b.Metadata.Single(m => m.Key == "vgi_batch_index").Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(indices.Order(), indices);
            foreach (var (batch, index) in batches.Zip(indices)) Assert.Equal(index * 1000, Values([batch])[0]);
        }
        await WaitForAsync(() => worker.Stderr.ToString().Contains("secondary=True", StringComparison.Ordinal), worker.Stderr, "the secondary's disposal");
    }

    [Fact]
    public async Task SecondaryInit_EchoesExecutionIdAndOpaqueData()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("filter_echo", [Calls.I64(1)]);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        byte[] id = [.. Enumerable.Range(1, 16).Select(i => (byte)i)];
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, output, [2]) with { ExecutionId = id, InitOpaqueData = "iod:primary"u8.ToArray() });
        Assert.Equal(id, stream.Header.ExecutionId);
        Assert.Equal("iod:primary"u8.ToArray(), stream.Header.OpaqueData);
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync();
        await stream.EndInputAsync();
        Assert.EndsWith("secondary=True", ((StringArray)Assert.Single(batches).Batch.Column(0)).GetString(0));
    }

    [Fact]
    public async Task SecondaryFindingNoWork_IsSchemaThenEos()
    {
        // A secondary that starts after the primary claimed everything (observed: 0.5 s late).
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("par_sequence", [Calls.I64(1_500)]);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var primary = await TableStream.OpenAsync(w.Rpc, Init(request, output, [0]));
        await primary.BeginAsync();
        Assert.Equal(1_500, Values(await primary.ReadAllAsync()).Length);
        await primary.EndInputAsync();
        var secondary = await TableStream.OpenAsync(w.Rpc, Init(request, output, [0]) with { ExecutionId = primary.Header.ExecutionId });
        await secondary.BeginAsync();
        Assert.Empty(await secondary.ReadAllAsync());
        Assert.Equal("n", Assert.Single(secondary.OutputSchema!.FieldsList).Name);
        await secondary.EndInputAsync();
        await BindErrorTests.AssertStillServesAsync(w);
    }
}
