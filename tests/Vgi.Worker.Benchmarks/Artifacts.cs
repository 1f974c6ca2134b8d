using System.Diagnostics;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// The worker executables the pipe suites start: examples/Hello published native AOT and
/// framework-dependent (JIT), and this program published native AOT (its own JIT form is the
/// running Vgi.Worker.Benchmarks.dll). Paths given on the command line win; otherwise they are
/// published into <c>artifacts/worker-bench/</c> of the repository (git-ignored).
/// </summary>
internal sealed class Artifacts
{
    private readonly Options _options;
    private string? _root;
    private string? _helloAot, _helloJit, _benchAot, _benchJit;

    public Artifacts(Options options)
    {
        _options = options;
    }

    private string Root => _root ??= RepositoryRoot();

    private string OutputRoot => _options.Artifacts ?? Path.Combine(Root, "artifacts", "worker-bench");

    public string HelloAot => _helloAot ??= _options.HelloAot ?? Publish("examples/Hello/Hello.csproj", "hello-aot", "Hello", aot: true);

    public string HelloJit => _helloJit ??= _options.HelloJit ?? Publish("examples/Hello/Hello.csproj", "hello-jit", "Hello.dll", aot: false);

    public string BenchAot => _benchAot ??= _options.BenchAot
        ?? (IsAot && Environment.ProcessPath is { } self ? self : Publish("tests/Vgi.Worker.Benchmarks/Vgi.Worker.Benchmarks.csproj", "bench-aot", "Vgi.Worker.Benchmarks", aot: true));

    public string BenchJit => _benchJit ??= _options.BenchJit
        ?? (!IsAot ? Path.Combine(AppContext.BaseDirectory, "Vgi.Worker.Benchmarks.dll")
            : Publish("tests/Vgi.Worker.Benchmarks/Vgi.Worker.Benchmarks.csproj", "bench-jit", "Vgi.Worker.Benchmarks.dll", aot: false));

    /// <summary>
    /// Whether this process is the native AOT build. (RuntimeFeature.IsDynamicCodeSupported cannot
    /// tell: PublishAot=true switches it off in the JIT build's runtimeconfig too.) A JIT build has
    /// its managed assembly next to it.
    /// </summary>
    public static bool IsAot { get; } = !File.Exists(Path.Combine(AppContext.BaseDirectory, "Vgi.Worker.Benchmarks.dll"));

    private string Publish(string project, string name, string file, bool aot)
    {
        string output = Path.Combine(OutputRoot, name);
        string path = Path.Combine(output, file);
        if (_options.NoBuild)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"--no-build: {path} does not exist; run once without --no-build", path);
            return path;
        }
        var info = new ProcessStartInfo(WorkerProcess.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Root,
        };
        foreach (var a in new[] { "publish", project, "-c", "Release", "-o", output, "-nologo" }) info.ArgumentList.Add(a);
        if (aot)
        {
            info.ArgumentList.Add("-r");
            info.ArgumentList.Add("linux-x64");
            // PublishAot=true comes from the project file: as a global property it would reach the
            // netstandard2.0 generator project too, which cannot be compiled ahead of time.
            if (ClangName() is { } clang && clang != "clang") info.ArgumentList.Add($"-p:CppCompilerAndLinker={clang}");
        }
        else
        {
            info.ArgumentList.Add("-p:PublishAot=false");
        }
        Console.WriteLine($"publishing {project} ({(aot ? "native AOT" : "JIT")}) to {output} ...");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet publish");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0 || !File.Exists(path))
        {
            Console.Error.WriteLine(stdout);
            Console.Error.WriteLine(stderr.Result);
            throw new InvalidOperationException($"dotnet publish {project} failed (exit {process.ExitCode})");
        }
        Console.WriteLine($"  done in {watch.Elapsed.TotalSeconds:F0} s: {path}");
        return path;
    }

    /// <summary><c>clang</c> if it is on the PATH, else the newest <c>clang-NN</c> (native AOT links with it).</summary>
    private static string? ClangName()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        if (dirs.Any(d => File.Exists(Path.Combine(d, "clang")))) return "clang";
        return dirs.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "clang-*"))
            .Select(Path.GetFileName)
            .Where(n => n is not null && int.TryParse(n["clang-".Length..], out _))
            .OrderByDescending(n => int.Parse(n!["clang-".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
    }

    /// <summary>The directory holding Vgi.Gen.sln, searched up from the current directory, then from this program.</summary>
    private static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Vgi.Gen.sln"))) return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmark inside the repository (Vgi.Gen.sln not found above the current directory)");
    }
}
