using System.Collections.Concurrent;
using Vgi.Client;

namespace Vgi.Hello.Tests.Infrastructure;

/// <summary>
/// Starts the Hello example worker as a real child process speaking on its stdin/stdout: the
/// executable named by <c>VGI_HELLO_WORKER</c> (CI: the native AOT publish), else
/// <c>dotnet Hello.dll</c> built next to these tests by the project reference.
/// </summary>
public static class HelloWorker
{
    /// <summary>Every read waits at most this long, so a hang fails the test instead of the run.</summary>
    public static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(20);

    public const string EnvironmentVariable = "VGI_HELLO_WORKER";

    /// <summary>The command that starts the worker (a <c>.dll</c> in the variable also runs under dotnet).</summary>
    public static (string File, string[] Args) Command
    {
        get
        {
            if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured)
            {
                string path = Path.GetFullPath(configured);
                if (!File.Exists(path)) throw new FileNotFoundException($"{EnvironmentVariable} names a file that does not exist", path);
                return path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? (DotnetHost, [path]) : (path, []);
            }
            return (DotnetHost, [DllPath]);
        }
    }

    /// <summary>Hello.dll next to the test assembly, else under examples/Hello/bin of the repository.</summary>
    public static string DllPath
    {
        get
        {
            string local = Path.Combine(AppContext.BaseDirectory, "Hello.dll");
            if (File.Exists(local)) return local;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var bin = new DirectoryInfo(Path.Combine(dir.FullName, "examples", "Hello", "bin"));
                if (!bin.Exists) continue;
                var built = bin.EnumerateFiles("Hello.dll", SearchOption.AllDirectories)
                    .Where(f => File.Exists(Path.ChangeExtension(f.FullName, ".runtimeconfig.json")))
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .FirstOrDefault();
                if (built is not null) return built.FullName;
            }
            throw new FileNotFoundException("Hello.dll was neither built next to the tests nor under examples/Hello/bin", local);
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
    public static HelloClient Start()
    {
        var (file, args) = Command;
        var stderr = new StderrLog();
        var rpc = RpcClient.StartProcess(file, args, stderr.Add);
        rpc.ExitTimeout = TimeSpan.FromSeconds(5);
        return new HelloClient(rpc, stderr);
    }

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
