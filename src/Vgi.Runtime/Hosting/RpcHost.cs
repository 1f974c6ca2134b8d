using System.Runtime.InteropServices;
using Vgi.Rpc;
using Vgi.Transports;

namespace Vgi.Hosting;

/// <summary>Runs a vgi_rpc service as a worker process on the transport its command line picks.</summary>
public static class RpcHost
{
    /// <summary>
    /// Parses <paramref name="args"/>, builds the server and serves until the channel (stdio) or the
    /// idle timeout (unix) ends it. Returns the process exit code.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, IEnumerable<RpcMethod> methods, RpcServerOptions options)
    {
        WorkerArguments parsed;
        try
        {
            parsed = WorkerArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}\nusage: [--unix PATH [--idle-timeout SEC]] [--describe] [--access-log PATH]").ConfigureAwait(false);
            return 2;
        }
        if (parsed.Http)
        {
            await Console.Error.WriteLineAsync("error: the HTTP transport is not available in this build; use stdio (no flags) or --unix PATH").ConfigureAwait(false);
            return 2;
        }
        options.EnableDescribe |= parsed.Describe;
        options.AccessLogPath ??= parsed.AccessLogPath;
        options.Diagnostics ??= Console.Error;
        var server = new RpcServer(methods, options);

        using var shutdown = new CancellationTokenSource();
        // SIGTERM on a unix worker: stop accepting, unlink the socket and exit 0. A stdio worker keeps
        // the default (terminate): its blocking stdin read would not observe a cancellation.
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (parsed.UnixPath is null) return;
            context.Cancel = true;
            shutdown.Cancel();
        });

        if (parsed.UnixPath is { } path)
            return await UnixSocketTransport.RunAsync(server, path, parsed.IdleTimeout, Console.OpenStandardOutput(), shutdown.Token).ConfigureAwait(false);
        return await StdioTransport.RunAsync(server, shutdown.Token).ConfigureAwait(false);
    }
}
