using System.Collections.Concurrent;
using Vgi.Client;

namespace Vgi.Testing;

/// <summary>
/// Starts a worker as a real child process speaking on its stdin/stdout: the executable named by
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

    /// <summary>A client over a fresh worker process.</summary>
    public WorkerClient Start()
    {
        var (file, args) = Command;
        var stderr = new StderrLog();
        var rpc = RpcClient.StartProcess(file, args, stderr.Add);
        rpc.ExitTimeout = TimeSpan.FromSeconds(5);
        return new WorkerClient(rpc, stderr);
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
