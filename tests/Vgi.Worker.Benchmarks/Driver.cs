namespace Vgi.Worker.Benchmarks;

/// <summary>Runs the selected suites in order: codecs, kernels (in process), then the pipe suites.</summary>
internal static class Driver
{
    public static Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine(Options.Usage);
            return Task.FromResult(2);
        }

        Console.WriteLine($"Vgi.Worker.Benchmarks: runtime {Environment.Version}, driver {(Artifacts.IsAot ? "native AOT" : "JIT")}, {Environment.ProcessorCount} cores, " +
                          $"{options.Repetitions} runs of {options.Seconds} s per measurement after {options.WarmupSeconds} s warm-up, server GC {System.Runtime.GCSettings.IsServerGC}");
        if (LoadAverage() is { } start) Console.WriteLine($"load average (1/5/15 min) at the start: {start}");
        WorkerProcess.PipeSize = options.PipeSize;
        if (options.PipeSize > 0) Console.WriteLine($"pipe capacity set to {options.PipeSize:N0} B on both pipes of every child (F_SETPIPE_SZ)");
        var artifacts = new Artifacts(options);
        // Publish what the pipe suites need before anything is measured.
        if (options.Suites.Contains("scalar") || options.Suites.Contains("table"))
        {
            _ = artifacts.BenchAot;
            if (options.Wants("bench-jit")) _ = artifacts.BenchJit;
            if (options.Suites.Contains("scalar") && options.Wants("hello-aot")) _ = artifacts.HelloAot;
            if (options.Suites.Contains("scalar") && options.Wants("hello-jit")) _ = artifacts.HelloJit;
        }
        foreach (var suite in options.Suites)
        {
            switch (suite)
            {
                case "codecs": CodecSuite.Run(options); break;
                case "kernels": KernelSuite.Run(options); break;
                case "scalar": PipeSuites.RunScalar(options, artifacts); break;
                case "table": PipeSuites.RunTable(options, artifacts); break;
            }
        }
        if (LoadAverage() is { } end) Console.WriteLine($"load average (1/5/15 min) at the end: {end}");
        return Task.FromResult(0);
    }

    /// <summary>Other work on the machine skews lockstep timings, so the load is printed.</summary>
    private static string? LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return null;
        }
    }
}
