using System.Diagnostics;
using System.Net.Sockets;
using Vgi.Rpc;

namespace Vgi.Transports;

/// <summary>
/// AF_UNIX transport for <c>launch:</c> and <c>unix://</c> locations (vgi-rpc-wire.md §2.3): binds
/// the path, announces <c>UNIX:&lt;path&gt;</c> on stdout, serves each connection concurrently with
/// the stdio request loop, and exits after <c>idle_timeout</c> with no active connection.
/// </summary>
public static class UnixSocketTransport
{
    /// <summary>vgi-rpc arms a longer grace before the first connection arrives.</summary>
    private static readonly TimeSpan StartupGrace = TimeSpan.FromSeconds(60);

    /// <param name="idleTimeout">Zero or negative disables idle shutdown.</param>
    /// <param name="announce">Receives the discovery line; stdout in a worker.</param>
    public static async Task<int> RunAsync(RpcServer server, string path, TimeSpan idleTimeout, Stream announce, CancellationToken cancellationToken = default)
    {
        path = Path.GetFullPath(path);
        if (File.Exists(path)) File.Delete(path);
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        listener.Listen(128);

        var line = System.Text.Encoding.UTF8.GetBytes($"UNIX:{path}\n");
        announce.Write(line);
        announce.Flush();
        Console.SetOut(Console.Error);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var idle = new IdleTracker(idleTimeout);
        var connections = new List<Task>();
        var monitor = idle.Enabled ? MonitorAsync(idle, stop) : Task.CompletedTask;
        try
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptAsync(stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                idle.Enter();
                lock (connections)
                {
                    connections.RemoveAll(t => t.IsCompleted);
                    connections.Add(ServeConnectionAsync(server, socket, idle, cancellationToken));
                }
            }
        }
        finally
        {
            listener.Close();
            try { File.Delete(path); } catch (IOException) { }
        }
        await stop.CancelAsync().ConfigureAwait(false);
        await monitor.ConfigureAwait(false);
        Task[] pending;
        lock (connections) pending = [.. connections];
        await Task.WhenAll(pending).ConfigureAwait(false);
        return 0;
    }

    private static async Task ServeConnectionAsync(RpcServer server, Socket socket, IdleTracker idle, CancellationToken ct)
    {
        await Task.Yield();
        try
        {
            // A connect-and-close liveness probe is simply a channel that ends before its first request.
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            await server.ServeAsync(stream, stream, ct).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            server.Diagnostic($"unix connection failed: {e.Message}");
        }
        finally
        {
            idle.Leave();
        }
    }

    private static async Task MonitorAsync(IdleTracker idle, CancellationTokenSource stop)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(idle.Timeout.TotalMilliseconds / 4, 50, 1000));
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(tick, stop.Token).ConfigureAwait(false);
                if (idle.Expired)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private sealed class IdleTracker(TimeSpan timeout)
    {
        private readonly Lock _lock = new();
        private int _active;
        private bool _seenConnection;
        private long _idleSince = Stopwatch.GetTimestamp();

        public TimeSpan Timeout => timeout;

        public bool Enabled => timeout > TimeSpan.Zero;

        public void Enter()
        {
            lock (_lock)
            {
                _active++;
                _seenConnection = true;
            }
        }

        public void Leave()
        {
            lock (_lock)
            {
                if (--_active == 0) _idleSince = Stopwatch.GetTimestamp();
            }
        }

        public bool Expired
        {
            get
            {
                lock (_lock)
                {
                    if (_active > 0) return false;
                    var limit = _seenConnection ? timeout : (timeout > StartupGrace ? timeout : StartupGrace);
                    return Stopwatch.GetElapsedTime(_idleSince) >= limit;
                }
            }
        }
    }
}
