using System.Globalization;

namespace Vgi.Worker.Benchmarks;

/// <summary>The driver's command line (see README.md).</summary>
internal sealed record Options
{
    public double Seconds { get; init; } = 3;
    public int Repetitions { get; init; } = 5;
    public double WarmupSeconds { get; init; } = 2;
    public string[] Suites { get; init; } = ["codecs", "kernels", "scalar", "table"];
    public int BatchRows { get; init; } = 2048;
    public int StringLength { get; init; } = 256;
    public long Factor { get; init; } = 3;
    public long TableRows { get; init; } = 10_000_000;
    public string? HelloAot { get; init; }
    public string? HelloJit { get; init; }
    public string? BenchAot { get; init; }
    public string? BenchJit { get; init; }
    public string? Artifacts { get; init; }
    public bool NoBuild { get; init; }
    public int PipeSize { get; init; }
    public string[]? Workers { get; init; }
    public string[]? Cases { get; init; }

    public const string Usage =
        "usage: [--suites codecs,kernels,scalar,table] [--seconds S] [--reps R] [--warmup S] [--workers hello-aot,hello-jit,bench-aot,bench-jit]\n" +
        "       [--cases multiply,upper_case,upper_case_ascii,full,id] " +
        "       [--rows N] [--string-length N] [--table-rows N] [--hello-aot PATH] [--hello-jit PATH.dll] [--bench-aot PATH] [--bench-jit PATH.dll]\n" +
        "       [--artifacts DIR] [--no-build] [--pipe-size BYTES]";

    public static Options Parse(string[] args)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            string[] List() => Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            double D() => double.Parse(Next(), CultureInfo.InvariantCulture);
            long L() => long.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--seconds" => o with { Seconds = D() },
                "--reps" => o with { Repetitions = (int)L() },
                "--warmup" => o with { WarmupSeconds = D() },
                "--suites" => o with { Suites = List() },
                "--workers" => o with { Workers = List() },
                "--cases" => o with { Cases = List() },
                "--rows" => o with { BatchRows = (int)L() },
                "--string-length" => o with { StringLength = (int)L() },
                "--table-rows" => o with { TableRows = L() },
                "--hello-aot" => o with { HelloAot = Path.GetFullPath(Next()) },
                "--hello-jit" => o with { HelloJit = Path.GetFullPath(Next()) },
                "--bench-aot" => o with { BenchAot = Path.GetFullPath(Next()) },
                "--bench-jit" => o with { BenchJit = Path.GetFullPath(Next()) },
                "--artifacts" => o with { Artifacts = Path.GetFullPath(Next()) },
                "--no-build" => o with { NoBuild = true },
                "--pipe-size" => o with { PipeSize = (int)L() },
                _ => throw new ArgumentException($"unknown option '{args[i]}'"),
            };
        }
        if (o.Seconds <= 0 || o.Repetitions <= 0 || o.WarmupSeconds < 0 || o.BatchRows <= 0 || o.StringLength <= 0 || o.TableRows <= 0 || o.PipeSize < 0)
            throw new ArgumentException("--seconds, --reps, --rows, --string-length and --table-rows must be positive");
        foreach (var s in o.Suites)
        {
            if (s is not ("codecs" or "kernels" or "scalar" or "table")) throw new ArgumentException($"unknown suite '{s}'");
        }
        foreach (var w in o.Workers ?? [])
        {
            if (w is not ("hello-aot" or "hello-jit" or "bench-aot" or "bench-jit")) throw new ArgumentException($"unknown worker '{w}'");
        }
        return o;
    }

    public bool Wants(string worker) => Workers is null || Workers.Contains(worker);

    /// <summary>Whether pipe case <paramref name="name"/> runs on <paramref name="worker"/> (<c>--cases</c>, <c>--workers</c>).</summary>
    public bool Wants(string name, string worker) => Wants(worker) && (Cases is null || Cases.Contains(name));
}
