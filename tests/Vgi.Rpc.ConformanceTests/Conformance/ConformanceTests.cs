using Apache.Arrow;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests.Conformance;

/// <summary>
/// The vgi-rpc conformance categories (vgi-rpc-wire.md §10), ported to xunit. Abstract: each test
/// runs once per transport through <see cref="StdioConformanceTests"/> and <see cref="UnixConformanceTests"/>.
/// Test names start with their §10 category.
/// </summary>
public abstract partial class ConformanceTests
{
    private readonly IWorkerFixture _worker;

    protected ConformanceTests(IWorkerFixture worker) => _worker = worker;

    protected Task Run(Func<RpcClient, Task> test) => _worker.RunAsync(test);

    /// <summary>Calls a unary method and renders its one result element.</summary>
    protected static async Task<string> CallAsync(RpcClient client, string method, RecordBatch? parameters = null)
    {
        using var result = await client.CallAsync(method, parameters).Timed();
        Assert.NotNull(result.Result);
        Assert.Equal(1, result.Batch!.Length);
        return A.Render(result.Result!, 0);
    }

    /// <summary>Calls a unary method that must fail and returns the error.</summary>
    protected static async Task<RpcException> CallFailsAsync(RpcClient client, string method, RecordBatch? parameters = null)
    {
        var call = client.CallAsync(method, parameters).Timed();
        return await Assert.ThrowsAsync<RpcException>(() => call);
    }

    /// <summary>Calls a method returning a dataclass and decodes it.</summary>
    protected static async Task<DecodedBatch> CallDataclassAsync(RpcClient client, string method, RecordBatch? parameters = null)
    {
        using var result = await client.CallAsync(method, parameters).Timed();
        Assert.Equal("result: binary?", A.Describe(result.ResultSchema));
        var decoded = await A.DecodeResultAsync(result.Result);
        Assert.Equal(1, decoded.Length);
        return decoded;
    }

    /// <summary>Ticks a producer to its end; each batch is rendered as <c>col=[…] col=[…]</c>.</summary>
    protected static async Task<List<string>> DrainProducerAsync(RpcStreamSession session, int limit = 1000)
    {
        var batches = new List<string>();
        while (await session.TickAsync().Timed() is { } batch)
        {
            using (batch) batches.Add(Render(batch));
            Assert.True(batches.Count <= limit, "the producer did not finish");
        }
        Assert.True(session.IsFinished);
        return batches;
    }

    protected static string Render(IpcRecordBatch batch) =>
        string.Join(" ", batch.Schema.FieldsList.Select((f, i) => $"{f.Name}={A.Render(batch.Batch.Column(i))}"));

    protected static async Task<string> ExchangeAsync(RpcStreamSession session, RecordBatch input)
    {
        using var output = await session.ExchangeAsync(input).Timed();
        return Render(output);
    }

    protected static async Task AssertUsableAsync(RpcClient client) =>
        Assert.Equal("'still alive'", await CallAsync(client, "echo_string", A.Value(A.Str("still alive"))));
}

/// <summary>The conformance suite over stdio: one worker process, its pipe shared by the tests in turn.</summary>
public sealed class StdioConformanceTests(StdioWorkerFixture worker) : ConformanceTests(worker), IClassFixture<StdioWorkerFixture>;

/// <summary>The conformance suite over a unix socket (<c>--unix PATH --idle-timeout 5</c>), one connection per test.</summary>
public sealed class UnixConformanceTests(UnixWorkerFixture worker) : ConformanceTests(worker), IClassFixture<UnixWorkerFixture>;
