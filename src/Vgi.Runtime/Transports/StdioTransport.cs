using Vgi.Rpc;

namespace Vgi.Transports;

/// <summary>
/// Serves one channel over the process's stdin/stdout (vgi-rpc-wire.md §2.2). stdout carries
/// Arrow IPC only, so <see cref="Console.Out"/> is pointed at stderr first: a stray
/// <c>Console.WriteLine</c> in user code would otherwise hang the client (validation.md C11).
/// </summary>
public static class StdioTransport
{
    /// <summary>Serves until stdin closes; returns the process exit code (0 on EOF at a request boundary).</summary>
    public static async Task<int> RunAsync(RpcServer server, CancellationToken cancellationToken = default)
    {
        // The console streams only block; used through async calls they would hop to the thread pool
        // on every read and write. One channel in lockstep is served best by blocking this thread.
        var stdout = new BlockingStream(Console.OpenStandardOutput());
        var stdin = new BlockingStream(Console.OpenStandardInput());
        Console.SetOut(Console.Error);
        bool clean = await server.ServeAsync(stdin, stdout, cancellationToken).ConfigureAwait(false);
        return clean || cancellationToken.IsCancellationRequested ? 0 : 1;
    }
}
