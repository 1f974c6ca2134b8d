using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Vgi.Client;

namespace Vgi.Worker.Tests.Infrastructure;

/// <summary>
/// Starts the test worker as a real child process (<c>dotnet Vgi.Worker.TestWorker.dll</c>, copied
/// next to this assembly by the project reference), over stdio pipes or an AF_UNIX socket. Set
/// <c>VGI_WORKER_TEST_EXE</c> to a published executable (e.g. the native AOT build) to run that instead.
/// </summary>
public static class WorkerProcess
{
    /// <summary>The program and leading arguments that start the worker.</summary>
    public static (string FileName, string[] Arguments) Command =>
        Environment.GetEnvironmentVariable("VGI_WORKER_TEST_EXE") is { Length: > 0 } exe ? (exe, []) : (DotnetHost, [DllPath]);

    /// <summary>Every read waits at most this long, so a hang fails the test instead of the run.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(15);

    public static string DllPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Vgi.Worker.TestWorker.dll");
            if (!File.Exists(path)) throw new FileNotFoundException("the test worker was not built next to the tests", path);
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

    /// <summary>A client over a fresh worker speaking on its stdin/stdout.</summary>
    public static VgiClient StartStdio(IEnumerable<string>? args = null)
    {
        var stderr = new StderrLog();
        var (fileName, leading) = Command;
        var client = RpcClient.StartProcess(fileName, [.. leading, .. args ?? []], stderr.Add);
        client.ExitTimeout = TimeSpan.FromSeconds(5);
        return new VgiClient(client, stderr);
    }

    public static Task<T> Timed<T>(this Task<T> task) => task.WaitAsync(ReadTimeout);

    public static Task Timed(this Task task) => task.WaitAsync(ReadTimeout);

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

    public override string ToString() => string.Join('\n', _lines);
}

/// <summary>
/// The test worker started with <c>--unix PATH --idle-timeout SEC</c>, as the <c>launch:</c>
/// transport does: stdin is closed, the discovery line <c>UNIX:&lt;path&gt;</c> is read from stdout.
/// </summary>
public sealed class UnixTestWorker : IAsyncDisposable
{
    private UnixTestWorker(Process process, string socketPath, StderrLog stderr)
    {
        Process = process;
        SocketPath = socketPath;
        Stderr = stderr;
    }

    public Process Process { get; }

    public string SocketPath { get; }

    public StderrLog Stderr { get; }

    public string DiscoveryLine { get; private set; } = "";

    public static async Task<UnixTestWorker> StartAsync(double idleTimeoutSeconds = 30)
    {
        // AF_UNIX paths are limited to ~108 bytes: keep it short.
        string dir = Path.Combine(Path.GetTempPath(), "vgi-wt-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        string socketPath = Path.Combine(dir, "w.sock");
        var (fileName, leading) = WorkerProcess.Command;
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--unix");
        info.ArgumentList.Add(socketPath);
        info.ArgumentList.Add("--idle-timeout");
        info.ArgumentList.Add(idleTimeoutSeconds.ToString(CultureInfo.InvariantCulture));
        var stderr = new StderrLog();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) stderr.Add(line);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var worker = new UnixTestWorker(process, socketPath, stderr);
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            worker.DiscoveryLine = line ?? throw new InvalidOperationException($"worker exited before its discovery line:\n{stderr}");
        }
        catch
        {
            WorkerProcess.KillQuietly(process);
            throw;
        }
        return worker;
    }

    /// <summary>A new connection: the extension opens one per unary RPC, and one for bind + init.</summary>
    public async Task<VgiClient> ConnectAsync() =>
        new(await RpcClient.ConnectUnixAsync(SocketPath).WaitAsync(WorkerProcess.ReadTimeout), Stderr);

    public ValueTask DisposeAsync()
    {
        WorkerProcess.KillQuietly(Process);
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
