using System.IO.Pipelines;
using Vgi.Client;

namespace Vgi.Tests.Client;

/// <summary>An <see cref="RpcClient"/> wired to a <see cref="FakeServer"/> through two in-memory pipes.</summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private static readonly PipeOptions Unbounded = new(pauseWriterThreshold: 0, resumeWriterThreshold: 0);

    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private readonly RecordingStream _sent;
    private readonly Task _serverTask;

    public FakeChannel()
    {
        var toServer = new Pipe(Unbounded);
        var fromServer = new Pipe(Unbounded);
        _sent = new RecordingStream(toServer.Writer.AsStream());
        var serverOutput = fromServer.Writer.AsStream();
        Server = new FakeServer(toServer.Reader.AsStream(), serverOutput) { OutputStream = serverOutput };
        Client = new RpcClient(_sent, fromServer.Reader.AsStream());
        _serverTask = Task.Run(async () =>
        {
            try
            {
                await Server.RunAsync(_timeout.Token);
            }
            finally
            {
                // A server that stops (or "dies") closes its end: the client then reads EOF.
                await serverOutput.DisposeAsync();
            }
        });
    }

    public RpcClient Client { get; }

    public FakeServer Server { get; }

    /// <summary>Every byte the client has written so far.</summary>
    public byte[] Sent => _sent.Recorded;

    /// <summary>Bounds every operation so a protocol bug fails the test instead of hanging it.</summary>
    public CancellationToken Ct => _timeout.Token;

    /// <summary>Closes the client and returns the server loop's fault, if any (null: it saw a clean EOF).</summary>
    public async Task<Exception?> StopAsync()
    {
        await Client.DisposeAsync();
        try
        {
            await _serverTask.WaitAsync(TimeSpan.FromSeconds(10));
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _timeout.Dispose();
    }
}
