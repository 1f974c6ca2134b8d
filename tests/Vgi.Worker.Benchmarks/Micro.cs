using System.Diagnostics;

namespace Vgi.Worker.Benchmarks;

/// <summary>One timed repetition of an in-process operation.</summary>
internal readonly record struct MicroRun(long Ops, double Seconds, long Allocated)
{
    public double OpsPerSecond => Ops / Seconds;

    public double NanosecondsPerOp => Seconds * 1e9 / Ops;

    public double BytesPerOp => (double)Allocated / Ops;
}

/// <summary>The repetitions of one operation: median and best by time per op.</summary>
internal sealed record MicroResult(string Name, IReadOnlyList<MicroRun> Runs)
{
    public MicroRun Median => Runs.OrderBy(r => r.NanosecondsPerOp).ElementAt(Runs.Count / 2);

    public MicroRun Best => Runs.MinBy(r => r.NanosecondsPerOp);
}

/// <summary>
/// A Stopwatch harness for single-threaded in-process operations: warm-up (JIT tiering, pools),
/// then repetitions of at least the given seconds each, run in chunks sized to about 10 ms.
/// Allocations are <see cref="GC.GetAllocatedBytesForCurrentThread"/> deltas over the whole repetition.
/// </summary>
internal static class Micro
{
    /// <summary>Keeps results alive so the work cannot be optimized away.</summary>
    public static object? Sink;

    public static MicroResult Measure(string name, Func<object?> op, Options options)
    {
        // Warm-up, which also sizes a chunk.
        long chunk = 1, done = 0;
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < options.WarmupSeconds || done == 0)
        {
            var t = Stopwatch.GetTimestamp();
            for (long i = 0; i < chunk; i++) Sink = op();
            done += chunk;
            double ms = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
            if (ms < 10) chunk = Math.Min(chunk * 2, 1 << 24);
        }

        var runs = new List<MicroRun>();
        for (int rep = 0; rep < options.Repetitions; rep++)
        {
            long ops = 0;
            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            long end = start + (long)(options.Seconds * Stopwatch.Frequency);
            do
            {
                for (long i = 0; i < chunk; i++) Sink = op();
                ops += chunk;
            }
            while (Stopwatch.GetTimestamp() < end);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            runs.Add(new MicroRun(ops, seconds, GC.GetAllocatedBytesForCurrentThread() - allocated));
        }
        var result = new MicroResult(name, runs);
        Console.WriteLine($"  {name,-58} {result.Median.OpsPerSecond,14:N0} ops/s  {result.Median.NanosecondsPerOp,10:N0} ns/op  {result.Median.BytesPerOp,10:N0} B/op");
        return result;
    }
}
