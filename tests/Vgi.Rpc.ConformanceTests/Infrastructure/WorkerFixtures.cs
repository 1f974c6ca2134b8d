using Vgi.Client;

namespace Vgi.Rpc.ConformanceTests.Infrastructure;

/// <summary>Where a conformance test gets its channel to the worker.</summary>
public interface IWorkerFixture
{
    string Transport { get; }

    /// <summary>
    /// Runs <paramref name="test"/> against a client whose channel is in step (no open session).
    /// The whole body is bounded by <see cref="Worker.TestTimeout"/>; a failing body leaves no
    /// half-used channel behind.
    /// </summary>
    Task RunAsync(Func<RpcClient, Task> test);
}

/// <summary>
/// One worker over stdio for the whole test class: the tests share its pipe one after another,
/// as the DuckDB extension's pool reuses a worker. A test that fails may leave the pipe out of step,
/// so the worker is then replaced.
/// </summary>
public sealed class StdioWorkerFixture : IWorkerFixture, IAsyncLifetime
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private RpcClient? _client;

    public string Transport => "stdio";

    public StderrLog Stderr { get; private set; } = new();

    public async Task RunAsync(Func<RpcClient, Task> test)
    {
        await _gate.WaitAsync();
        try
        {
            if (_client is null)
            {
                Stderr = new StderrLog();
                _client = Worker.StartStdio(["--describe"], Stderr);
            }
            var client = _client;
            bool passed = false;
            try
            {
                await test(client).WaitAsync(Worker.TestTimeout);
                passed = true;
            }
            finally
            {
                if (!passed)
                {
                    _client = null;
                    Worker.KillQuietly(client.Process);
                    await client.DisposeAsync();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
            _client = null;
        }
    }
}

/// <summary>
/// One worker on a unix socket (<c>--unix PATH --idle-timeout 5</c>) for the whole test class; each
/// test opens its own connection, as the extension does per RPC. A keep-alive connection stays open
/// so the idle timeout cannot end the worker between tests.
/// </summary>
public sealed class UnixWorkerFixture : IWorkerFixture, IAsyncLifetime
{
    private UnixWorker? _worker;
    private RpcClient? _keepAlive;

    public string Transport => "unix";

    public UnixWorker Worker => _worker ?? throw new InvalidOperationException("fixture not initialised");

    public async Task RunAsync(Func<RpcClient, Task> test)
    {
        await using var client = await Worker.ConnectAsync();
        await test(client).WaitAsync(Infrastructure.Worker.TestTimeout);
    }

    public async Task InitializeAsync()
    {
        _worker = await UnixWorker.StartAsync(5, extraFlags: ["--describe"]);
        _keepAlive = await _worker.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        if (_keepAlive is { } k) await k.DisposeAsync();
        if (_worker is { } w) await w.DisposeAsync();
    }
}
