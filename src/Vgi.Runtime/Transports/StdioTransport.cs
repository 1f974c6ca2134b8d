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
        var stdout = new BlockingStream(OpenStandardOutput());
        var stdin = new BlockingStream(Console.OpenStandardInput());
        Console.SetOut(Console.Error);
        bool clean = await server.ServeAsync(stdin, stdout, cancellationToken).ConfigureAwait(false);
        return clean || cancellationToken.IsCancellationRequested ? 0 : 1;
    }

    /// <summary>
    /// stdout as a stream that reports a vanished reader. Console's own stdout stream swallows EPIPE
    /// ("pretend we were successful"), so a worker whose client closed the pipe would go on producing
    /// into the void; a FileStream on fd 1 throws IOException, which ends the channel (§2.2).
    /// </summary>
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows()) return Console.OpenStandardOutput();
        try
        {
            return new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return Console.OpenStandardOutput(); // fd 1 closed or unusable: keep the console's behaviour
        }
    }
}
