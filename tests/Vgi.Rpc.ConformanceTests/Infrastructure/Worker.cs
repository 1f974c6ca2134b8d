using System.Collections.Concurrent;
using System.Diagnostics;
using Vgi.Client;

namespace Vgi.Rpc.ConformanceTests.Infrastructure;

/// <summary>
/// Starts the conformance worker as a real child process: <c>dotnet Vgi.Rpc.ConformanceWorker.dll</c>,
/// the dll being copied next to this test assembly by the project reference.
/// </summary>
public static class Worker
{
    /// <summary>Every read of a test waits at most this long, so a hang fails instead of blocking the run.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Upper bound for one whole test body.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    public static string DllPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Vgi.Rpc.ConformanceWorker.dll");
            if (!File.Exists(path)) throw new FileNotFoundException("the conformance worker was not built next to the tests", path);
            return path;
        }
    }

    /// <summary>The dotnet host running these tests (the CLI exports it), else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
            if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
            return "dotnet";
        }
    }

    /// <summary>A stdio client over a fresh worker; its stderr lines go to <paramref name="stderr"/>.</summary>
    public static RpcClient StartStdio(IEnumerable<string>? args = null, StderrLog? stderr = null)
    {
        var client = RpcClient.StartProcess(DotnetHost, [DllPath, .. args ?? []], stderr is null ? null : stderr.Add);
        client.ExitTimeout = TimeSpan.FromSeconds(5);
        return client;
    }

    /// <summary>A fresh temp directory with a short path (AF_UNIX paths are limited to ~108 bytes).</summary>
    public static string NewSocketPath()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vgi-conf-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, "w.sock");
    }

    /// <summary>A read with the test read timeout: a hang becomes a <see cref="TimeoutException"/>.</summary>
    public static Task<T> Timed<T>(this Task<T> task) => task.WaitAsync(ReadTimeout);

    public static Task Timed(this Task task) => task.WaitAsync(ReadTimeout);

    public static async Task<int> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"worker {process.Id} did not exit within {timeout.TotalSeconds} s");
        }
        return process.ExitCode;
    }

    public static void KillQuietly(Process? process)
    {
        try
        {
            if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}

/// <summary>The last stderr lines of a worker, for failure messages.</summary>
public sealed class StderrLog
{
    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > 200) _lines.TryDequeue(out _);
    }

    public IReadOnlyCollection<string> Lines => _lines;

    public override string ToString() => string.Join('\n', _lines);
}

/// <summary>
/// A worker started with <c>--unix PATH --idle-timeout SEC</c>: waits for its discovery line
/// <c>UNIX:&lt;path&gt;</c> on stdout, then clients connect to the socket.
/// </summary>
public sealed class UnixWorker : IAsyncDisposable
{
    private UnixWorker(Process process, string socketPath, StderrLog stderr)
    {
        Process = process;
        SocketPath = socketPath;
        Stderr = stderr;
    }

    public Process Process { get; }

    public string SocketPath { get; }

    public StderrLog Stderr { get; }

    /// <summary>The discovery line as printed.</summary>
    public string DiscoveryLine { get; private set; } = "";

    /// <param name="userArgs">Arguments placed before the transport flags, as a launcher would leave them.</param>
    public static async Task<UnixWorker> StartAsync(double idleTimeoutSeconds, IEnumerable<string>? userArgs = null, IEnumerable<string>? extraFlags = null, string? socketPath = null)
    {
        socketPath ??= Worker.NewSocketPath();
        var info = new ProcessStartInfo(Worker.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Worker.DllPath);
        foreach (var a in userArgs ?? []) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--unix");
        info.ArgumentList.Add(socketPath);
        info.ArgumentList.Add("--idle-timeout");
        info.ArgumentList.Add(idleTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var a in extraFlags ?? []) info.ArgumentList.Add(a);
        var stderr = new StderrLog();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) stderr.Add(line);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.StandardInput.Close(); // as the launcher does: stdin is /dev/null
        var worker = new UnixWorker(process, socketPath, stderr);
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            worker.DiscoveryLine = line ?? throw new InvalidOperationException($"worker exited before its discovery line:\n{stderr}");
        }
        catch
        {
            Worker.KillQuietly(process);
            throw;
        }
        return worker;
    }

    public Task<RpcClient> ConnectAsync() => RpcClient.ConnectUnixAsync(SocketPath).WaitAsync(Worker.ReadTimeout);

    /// <summary>Everything the worker wrote to stdout after the discovery line (read to EOF; call after exit).</summary>
    public Task<string> ReadRestOfStdoutAsync() => Process.StandardOutput.ReadToEndAsync().WaitAsync(Worker.ReadTimeout);

    public ValueTask DisposeAsync()
    {
        Worker.KillQuietly(Process);
        Process.Dispose();
        try
        {
            Directory.Delete(Path.GetDirectoryName(SocketPath)!, recursive: true);
        }
        catch (IOException)
        {
        }
        return default;
    }
}
