using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Vgi.Client;

namespace Vgi.Testing;

/// <summary>
/// Starts a worker as a real child process, speaking on its stdin/stdout (<see cref="Start"/>) or on
/// an AF_UNIX socket (<see cref="StartUnixAsync"/>): the executable named by
/// <see cref="EnvironmentVariable"/> (CI: the native AOT publish), else <c>dotnet</c>
/// <see cref="DllName"/> built next to the tests by a project reference (or under
/// <see cref="ProjectDirectory"/>/bin of the repository).
/// </summary>
/// <param name="environmentVariable">Names the worker executable (or a <c>.dll</c>, run under dotnet) when set.</param>
/// <param name="dllName">The worker's assembly file, e.g. <c>Hello.dll</c>.</param>
/// <param name="projectDirectory">The worker project relative to the repository root, e.g. <c>examples/Hello</c>.</param>
public sealed class WorkerProcess(string environmentVariable, string dllName, string projectDirectory)
{
    /// <summary>The Hello example worker (<c>VGI_HELLO_WORKER</c>, <c>Hello.dll</c>).</summary>
    public static WorkerProcess Hello { get; } = new("VGI_HELLO_WORKER", "Hello.dll", "examples/Hello");

    /// <summary>The conformance fixture worker, catalog <c>example</c> (<c>VGI_FIXTURE_WORKER</c>, <c>vgi-fixture-worker.dll</c>).</summary>
    public static WorkerProcess Fixture { get; } = new("VGI_FIXTURE_WORKER", "vgi-fixture-worker.dll", "tests/Vgi.Conformance.FixtureWorker");

    /// <summary>The runtime's test worker (<c>VGI_WORKER_TEST_EXE</c>, <c>Vgi.Worker.TestWorker.dll</c>).</summary>
    public static WorkerProcess TestWorker { get; } = new("VGI_WORKER_TEST_EXE", "Vgi.Worker.TestWorker.dll", "tests/Vgi.Worker.TestWorker");

    /// <summary>Every read waits at most this long, so a hang fails the test instead of the run.</summary>
    public static TimeSpan ReadTimeout => Timing.ReadTimeout;

    public string EnvironmentVariable => environmentVariable;

    public string DllName => dllName;

    public string ProjectDirectory => projectDirectory;

    /// <summary>The command that starts the worker (a <c>.dll</c> in the variable also runs under dotnet).</summary>
    public (string File, string[] Args) Command
    {
        get
        {
            if (Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } configured)
            {
                string path = Path.GetFullPath(configured);
                if (!File.Exists(path)) throw new FileNotFoundException($"{environmentVariable} names a file that does not exist", path);
                return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost, [path]) : (path, []);
            }
            return (DotnetHost, [DllPath]);
        }
    }

    /// <summary>True when <see cref="EnvironmentVariable"/> names a native executable rather than a <c>.dll</c>.</summary>
    public bool IsNativeExecutable =>
        Environment.GetEnvironmentVariable(environmentVariable) is { Length: > 0 } configured && !configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>The dll next to the test assembly, else the newest build under <see cref="ProjectDirectory"/>/bin of the repository.</summary>
    public string DllPath
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, dllName);
            if (File.Exists(local)) return local;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var bin = new DirectoryInfo(Path.Combine(dir.FullName, projectDirectory, "bin"));
                if (!bin.Exists) continue;
                var built = bin.EnumerateFiles(dllName, SearchOption.AllDirectories)
                    .Where(f => File.Exists(Path.ChangeExtension(f.FullName, ".runtimeconfig.json")))
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .FirstOrDefault();
                if (built is not null) return built.FullName;
            }
            throw new FileNotFoundException($"{dllName} was neither built next to the tests nor under {projectDirectory}/bin", local);
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

    /// <summary>A client over a fresh worker process speaking on its stdin/stdout; <paramref name="args"/> follow the command.</summary>
    public WorkerClient Start(IEnumerable<string>? args = null)
    {
        var (file, leading) = Command;
        var stderr = new StderrLog();
        var rpc = RpcClient.StartProcess(file, [.. leading, .. args ?? []], stderr.Add);
        rpc.ExitTimeout = TimeSpan.FromSeconds(5);
        return new WorkerClient(rpc, stderr);
    }

    /// <summary>
    /// A fresh worker started with <c>--unix PATH --idle-timeout SEC</c>, as the <c>launch:</c>
    /// transport does: stdin is closed, and the discovery line <c>UNIX:&lt;path&gt;</c> (read from
    /// stdout) says the socket is listening. Several connections reach the same process.
    /// </summary>
    public async Task<UnixWorker> StartUnixAsync(double idleTimeoutSeconds = 30)
    {
        // AF_UNIX paths are limited to ~108 bytes: keep it short.
        string directory = Path.Combine(Path.GetTempPath(), "vgi-t-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        string socketPath = Path.Combine(directory, "w.sock");
        var (file, leading) = Command;
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in leading) info.ArgumentList.Add(argument);
        foreach (var argument in new[] { "--unix", socketPath, "--idle-timeout", idleTimeoutSeconds.ToString(CultureInfo.InvariantCulture) })
            info.ArgumentList.Add(argument);
        var stderr = new StderrLog();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) stderr.Add(line);
        };
        process.Start();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        var worker = new UnixWorker(process, socketPath, stderr);
        try
        {
            string? line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            worker.DiscoveryLine = line ?? throw new InvalidOperationException($"worker exited before its discovery line:\n{stderr}");
        }
        catch
        {
            await worker.DisposeAsync();
            throw;
        }
        return worker;
    }

    /// <summary>Kills <paramref name="process"/> and its children if it still runs; a process already gone is fine.</summary>
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

/// <summary>A worker listening on an AF_UNIX socket (<see cref="WorkerProcess.StartUnixAsync"/>); disposing kills it and removes the socket's directory.</summary>
public sealed class UnixWorker : IAsyncDisposable
{
    internal UnixWorker(Process process, string socketPath, StderrLog stderr)
    {
        Process = process;
        SocketPath = socketPath;
        Stderr = stderr;
    }

    public Process Process { get; }

    public string SocketPath { get; }

    public StderrLog Stderr { get; }

    /// <summary>The first line the worker wrote to stdout: <c>UNIX:&lt;path&gt;</c>.</summary>
    public string DiscoveryLine { get; internal set; } = "";

    /// <summary>A new connection: the extension opens one per unary RPC, and one for bind + init.</summary>
    public async Task<WorkerClient> ConnectAsync() =>
        new(await RpcClient.ConnectUnixAsync(SocketPath).WaitAsync(Timing.ReadTimeout), Stderr);

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

/// <summary>Bounded waits: every read of a test waits at most <see cref="ReadTimeout"/>.</summary>
public static class Timing
{
    /// <summary>Every read waits at most this long, so a hang fails the test instead of the run.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    public static Task<T> Timed<T>(this Task<T> task) => task.WaitAsync(ReadTimeout);

    public static Task Timed(this Task task) => task.WaitAsync(ReadTimeout);
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

    public IReadOnlyList<string> Lines => [.. _lines];

    public override string ToString() => string.Join('\n', _lines);
}
