using System.Globalization;
using Apache.Arrow;
using Vgi.Ipc;

namespace Vgi.Benchmarks;

/// <summary>
/// Measures rows/s of 2048-row int64 exchange streams through real pipes to real child processes:
/// <c>echo</c> and <c>multiply</c> against a vgi_rpc worker, <c>raw</c> against a child that only
/// echoes bytes. Each mode keeps its child for the whole run; the repetitions are interleaved.
/// </summary>
internal static class Driver
{
    private const long Factor = 3;

    private sealed record Options(int Rows, double Seconds, int Repetitions, double WarmupSeconds, string[] Modes);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("usage: [--rows N] [--seconds S] [--reps R] [--warmup S] [--modes raw,echo,multiply]");
            return 2;
        }

        var input = MakeInput(options.Rows);
        var message = EncodeBatchMessage(input);
        Console.WriteLine($"Vgi.Benchmarks: exchange stream, {options.Rows}-row int64 batches ({message.Length} B per IPC batch message), lockstep over stdio pipes");
        Console.WriteLine($"runtime {Environment.Version}, {(System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "native AOT")}, {Environment.ProcessorCount} cores, " +
                          $"{options.Repetitions} interleaved runs of {options.Seconds} s per mode after {options.WarmupSeconds} s warm-up");

        if (LoadAverage() is { } startLoad) Console.WriteLine($"load average (1/5/15 min) at the start: {startLoad}");
        var sessions = new List<IBenchSession>();
        try
        {
            foreach (var mode in options.Modes)
            {
                sessions.Add(mode switch
                {
                    "raw" => new RawEchoSession(message),
                    "echo" => new RpcExchangeSession("echo", BenchWorker.EchoMethod, Vgi.Rpc.RpcSchemas.Empty, [], input, factor: 1),
                    "multiply" => new RpcExchangeSession("multiply", BenchWorker.MultiplyMethod, BenchWorker.FactorSchema,
                        [new Int64Array.Builder().Append(Factor).Build()], input, Factor),
                    _ => throw new ArgumentException($"unknown mode '{mode}'"),
                });
            }

            // Warm up (JIT tiers, pools, pipe buffers), checking every value.
            foreach (var session in sessions)
            {
                var warm = await session.RunAsync(options.WarmupSeconds, verify: true).ConfigureAwait(false);
                Console.WriteLine($"  warm-up {session.Name,-8} {warm.Seconds,6:F2} s, {warm.Batches,10:N0} batches, all values checked");
            }

            var results = sessions.ToDictionary(s => s, _ => new List<RunResult>());
            for (int rep = 0; rep < options.Repetitions; rep++)
            {
                foreach (var session in sessions)
                {
                    var r = await session.RunAsync(options.Seconds, verify: false).ConfigureAwait(false);
                    results[session].Add(r);
                    Console.WriteLine($"  run {rep + 1} {session.Name,-8} {r.Batches,10:N0} batches {r.Seconds,7:F3} s {r.Batches * options.Rows / r.Seconds,14:N0} rows/s" +
                                      $"  cpu us/batch child {r.ChildCpu.TotalMicroseconds / r.Batches,5:F1} driver {r.DriverCpu.TotalMicroseconds / r.Batches,5:F1}");
                }
            }

            PrintTable(options, message.Length, sessions, results);
            if (LoadAverage() is { } load) Console.WriteLine($"load average (1/5/15 min) at the end: {load}");
            return 0;
        }
        finally
        {
            foreach (var session in sessions) session.Dispose();
        }
    }

    private static void PrintTable(Options options, int messageBytes, List<IBenchSession> sessions, Dictionary<IBenchSession, List<RunResult>> results)
    {
        static string N(double v, string format = "N0") => v.ToString(format, CultureInfo.InvariantCulture);
        double? rawMedian = null, rawBest = null;
        var rows = new List<string[]>();
        foreach (var session in sessions)
        {
            var runs = results[session];
            var median = runs.OrderBy(r => r.Seconds / r.Batches).ElementAt(runs.Count / 2);
            double medianRate = median.Batches * options.Rows / median.Seconds;
            double bestRate = runs.Max(r => r.Batches * options.Rows / r.Seconds);
            double megabytes = median.Batches * (double)messageBytes / 1e6 / median.Seconds;
            if (session.Name == "raw") (rawMedian, rawBest) = (medianRate, bestRate);
            bool compared = session.Name != "raw" && rawMedian is not null;
            double batches = runs.Sum(r => (double)r.Batches);
            rows.Add([
                session.Name,
                N(median.Batches),
                N(median.Batches * options.Rows),
                N(median.Seconds, "F3"),
                N(medianRate),
                N(bestRate),
                N(megabytes, "F1"),
                compared ? N(medianRate / rawMedian!.Value, "P0") : "-",
                compared ? N(bestRate / rawBest!.Value, "P0") : "-",
                N(runs.Sum(r => r.ChildCpu.TotalMicroseconds) / batches, "F1"),
                N(runs.Sum(r => r.DriverCpu.TotalMicroseconds) / batches, "F1"),
                N(runs.Sum(r => (double)r.DriverAllocated) / batches),
                runs[0].WorkerAllocated < 0 ? "-" : N(runs.Sum(r => (double)r.WorkerAllocated) / batches),
            ]);
        }
        string[] header = ["mode", "batches", "rows", "seconds", "rows/s", "best rows/s", "MB/s", "vs raw", "best vs raw",
            "child CPU us/batch", "driver CPU us/batch", "driver B/batch", "worker B/batch"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.WriteLine();
        Console.WriteLine($"Median run of {options.Repetitions} (batches, rows, seconds, rows/s, MB/s, vs raw); best = fastest run. MB/s counts one direction");
        Console.WriteLine($"({messageBytes} B per batch each way). CPU = user + system time per batch; allocations per batch, averaged over all runs.");
        Console.WriteLine("| " + string.Join(" | ", header.Select((h, i) => i == 0 ? h.PadRight(widths[i]) : h.PadLeft(widths[i]))) + " |");
        Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
        foreach (var row in rows)
            Console.WriteLine("| " + string.Join(" | ", row.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |");
    }

    /// <summary>Linux load averages: other work on the machine skews lockstep timings, so they are printed.</summary>
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
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static RecordBatch MakeInput(int rows)
    {
        var builder = new Int64Array.Builder().Reserve(rows);
        for (int i = 0; i < rows; i++) builder.Append((i * 2654435761L) % 1_000_003 - 500_000);
        return new RecordBatch(BenchWorker.ValueSchema, [builder.Build()], rows);
    }

    /// <summary>The exact bytes one input batch takes on the wire (the raw baseline's message).</summary>
    private static byte[] EncodeBatchMessage(RecordBatch batch)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer);
        writer.WriteSchema(batch.Schema);
        writer.Flush();
        long start = buffer.Length;
        writer.WriteBatch(batch);
        writer.Flush();
        return buffer.ToArray()[(int)start..];
    }

    private static Options Parse(string[] args)
    {
        int rows = 2048, reps = 5;
        double seconds = 3, warmup = 2;
        string[] modes = ["raw", "echo", "multiply"];
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rows": rows = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--reps": reps = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--modes": modes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries); break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }
        if (rows <= 0 || reps <= 0 || seconds <= 0 || warmup < 0) throw new ArgumentException("--rows, --reps and --seconds must be positive");
        return new Options(rows, seconds, reps, warmup, modes);
    }
}
