using Apache.Arrow;
using Apache.Arrow.Types;
using static Vgi.Worker.Benchmarks.TablePrinter;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// Issues 4 and 5 through real pipes: scalar exchanges (<c>multiply</c>, <c>upper_case</c>,
/// <c>upper_case_ascii</c>) and table producers (<c>bench_rows</c>), each against native AOT and
/// JIT workers, with a raw pipe baseline of the same traffic.
/// </summary>
internal static class PipeSuites
{
    private const double MultiplyTarget = 60e6, UpperTarget = 8e6;

    public static void RunScalar(Options options, Artifacts artifacts)
    {
        int rows = options.BatchRows;
        var ints = Requests.Int64Batch(rows);
        var strings = Requests.StringBatch(rows, options.StringLength);
        int intMessage = Requests.BatchMessage(ints).Length, stringMessage = Requests.BatchMessage(strings).Length;
        Console.WriteLine();
        Console.WriteLine($"== Scalar functions through a pipe (issue 4): {rows}-row batches, exchange lockstep; int64 batch message {intMessage:N0} B, " +
                          $"{options.StringLength}-byte strings batch message {stringMessage:N0} B ==");

        var multiply = Requests.Scalar("multiply", ints.Schema, Requests.I64(options.Factor));
        var upper = Requests.Scalar("upper_case", strings.Schema);
        var upperAscii = Requests.Scalar("upper_case_ascii", strings.Schema);
        long factor = options.Factor;
        void CheckMultiply(RecordBatch input, RecordBatch output, bool all)
        {
            var got = ((Int64Array)output.Column(0)).Values;
            var sent = ((Int64Array)input.Column(0)).Values;
            for (int i = all ? 0 : got.Length - 1; i < got.Length; i++)
            {
                if (got[i] != sent[i] * factor) throw new InvalidOperationException($"multiply: row {i} is {got[i]}, expected {sent[i] * factor}");
            }
        }
        var expectedUpper = (StringArray)new StringArray.Builder()
            .AppendRange(Enumerable.Range(0, rows).Select(i => ((StringArray)strings.Column(0)).GetString(i).ToUpperInvariant())).Build();
        void CheckUpper(RecordBatch input, RecordBatch output, bool all)
        {
            var got = (StringArray)output.Column(0);
            for (int i = all ? 0 : got.Length - 1; i < got.Length; i++)
            {
                if (!got.GetBytes(i).SequenceEqual(expectedUpper.GetBytes(i))) throw new InvalidOperationException($"upper_case: row {i} is wrong");
            }
        }

        var cases = new List<IPipeCase>();
        try
        {
            string raw = artifacts.BenchAot;
            bool int64Cases = options.Wants("multiply", "hello-aot") || options.Wants("multiply", "hello-jit") || options.Wants("multiply", "bench-aot");
            if (int64Cases) cases.Add(new RawCase("raw int64", raw, intMessage, intMessage, rows, pipelined: false));
            if (options.Wants("multiply", "hello-aot")) cases.Add(new ExchangeCase("multiply", "hello-aot", artifacts.HelloAot, [], multiply, ints, CheckMultiply, false, "raw int64"));
            if (options.Wants("multiply", "hello-jit")) cases.Add(new ExchangeCase("multiply", "hello-jit", artifacts.HelloJit, [], multiply, ints, CheckMultiply, false, "raw int64"));
            if (options.Wants("multiply", "bench-aot")) cases.Add(new ExchangeCase("multiply", "bench-aot", artifacts.BenchAot, ["--worker"], multiply, ints, CheckMultiply, true, "raw int64"));
            int before = cases.Count;
            if (options.Wants("upper_case", "hello-aot")) cases.Add(new ExchangeCase("upper_case", "hello-aot", artifacts.HelloAot, [], upper, strings, CheckUpper, false, "raw strings"));
            if (options.Wants("upper_case", "hello-jit")) cases.Add(new ExchangeCase("upper_case", "hello-jit", artifacts.HelloJit, [], upper, strings, CheckUpper, false, "raw strings"));
            if (options.Wants("upper_case", "bench-aot")) cases.Add(new ExchangeCase("upper_case", "bench-aot", artifacts.BenchAot, ["--worker"], upper, strings, CheckUpper, true, "raw strings"));
            if (options.Wants("upper_case_ascii", "bench-aot")) cases.Add(new ExchangeCase("upper_case_ascii", "bench-aot", artifacts.BenchAot, ["--worker"], upperAscii, strings, CheckUpper, true, "raw strings"));
            if (options.Wants("upper_case_ascii", "bench-jit")) cases.Add(new ExchangeCase("upper_case_ascii", "bench-jit", artifacts.BenchJit, ["--worker"], upperAscii, strings, CheckUpper, true, "raw strings"));
            if (cases.Count > before) cases.Insert(before, new RawCase("raw strings", raw, stringMessage, stringMessage, rows, pipelined: false));
            var results = Measure(cases, options);
            PrintTable(options, cases, results);
            Console.WriteLine();
            foreach (var c in cases.Where(c => c.Name is "multiply" or "upper_case" or "upper_case_ascii"))
            {
                double target = c.Name == "multiply" ? MultiplyTarget : UpperTarget;
                var runs = results[c];
                var median = Median(runs);
                double cpuRate = runs.Sum(r => (double)r.Rows) / runs.Sum(r => r.Worker.Cpu.TotalSeconds);
                Console.WriteLine($"target {c.Name} >= {target / 1e6:N0} M rows/s on one core, {c.Worker}: wall {median.RowsPerSecond / 1e6:N1} M rows/s " +
                                  $"({(median.RowsPerSecond >= target ? "meets" : "misses")}), worker CPU {cpuRate / 1e6:N1} M rows per CPU-second ({(cpuRate >= target ? "meets" : "misses")})");
            }
        }
        finally
        {
            foreach (var c in cases) c.Dispose();
        }
    }

    public static void RunTable(Options options, Artifacts artifacts)
    {
        long count = options.TableRows;
        Console.WriteLine();
        Console.WriteLine($"== Table function through a pipe (issue 5): bench_rows({count:N0}) -> (id int64, value float64, tag utf8 16 B), producer with one tick in flight ==");
        // The raw baseline's reply sizes: one output batch message of each projection, as the worker writes it.
        int full = BatchMessageBytes(options.BatchRows, 3), idOnly = BatchMessageBytes(options.BatchRows, 1);
        const int tick = 72; // validation-2 §7.4
        var cases = new List<IPipeCase>();
        try
        {
            string raw = artifacts.BenchAot;
            if (options.Wants("full", "bench-aot") || options.Wants("full", "bench-jit")) cases.Add(new RawCase("raw full", raw, tick, full, options.BatchRows, pipelined: true));
            if (options.Wants("full", "bench-aot")) cases.Add(new ProducerCase("bench_rows [0,1,2]", "bench-aot", artifacts.BenchAot, count, [0, 1, 2], "raw full"));
            if (options.Wants("full", "bench-jit")) cases.Add(new ProducerCase("bench_rows [0,1,2]", "bench-jit", artifacts.BenchJit, count, [0, 1, 2], "raw full"));
            if (options.Wants("id", "bench-aot") || options.Wants("id", "bench-jit")) cases.Add(new RawCase("raw id", raw, tick, idOnly, options.BatchRows, pipelined: true));
            if (options.Wants("id", "bench-aot")) cases.Add(new ProducerCase("bench_rows [0]", "bench-aot", artifacts.BenchAot, count, [0], "raw id"));
            if (options.Wants("id", "bench-jit")) cases.Add(new ProducerCase("bench_rows [0]", "bench-jit", artifacts.BenchJit, count, [0], "raw id"));
            var results = Measure(cases, options);
            PrintTable(options, cases, results);
        }
        finally
        {
            foreach (var c in cases) c.Dispose();
        }
    }

    /// <summary>The bytes of one bench_rows output batch message with the first <paramref name="columns"/> columns.</summary>
    private static int BatchMessageBytes(int rows, int columns)
    {
        var id = new Int64Array.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => (long)i)).Build();
        var value = new DoubleArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => i * 0.5)).Build();
        var tag = new StringArray.Builder().AppendRange(Enumerable.Repeat(BenchFunctions.Tag, rows)).Build();
        Field[] fields = [new("id", Int64Type.Default, false), new("value", DoubleType.Default, false), new("tag", StringType.Default, false)];
        IArrowArray[] arrays = [id, value, tag];
        return Requests.BatchMessage(new RecordBatch(new Schema(fields.Take(columns), null), arrays.Take(columns), rows)).Length;
    }

    /// <summary>Warm-up of every case (every value checked), then the repetitions, interleaved across cases.</summary>
    private static Dictionary<IPipeCase, List<PipeRun>> Measure(List<IPipeCase> cases, Options options)
    {
        foreach (var c in cases)
        {
            var warm = c.Run(options.WarmupSeconds, verify: true);
            Console.WriteLine($"  warm-up {c.Name,-20} {c.Worker,-10} {warm.Seconds,6:F2} s {warm.Batches,9:N0} batches, all values checked");
        }
        var results = cases.ToDictionary(c => c, _ => new List<PipeRun>());
        for (int rep = 0; rep < options.Repetitions; rep++)
        {
            foreach (var c in cases)
            {
                var r = c.Run(options.Seconds, verify: false);
                results[c].Add(r);
                Console.WriteLine($"  run {rep + 1} {c.Name,-20} {c.Worker,-10} {r.Batches,9:N0} batches {r.Seconds,6:F2} s {r.RowsPerSecond,14:N0} rows/s" +
                                  $"  CPU us/batch worker {r.Worker.Cpu.TotalMicroseconds / r.Batches,6:F1} driver {r.DriverCpu.TotalMicroseconds / r.Batches,6:F1}");
            }
        }
        return results;
    }

    private static PipeRun Median(List<PipeRun> runs) => runs.OrderBy(r => r.Seconds / r.Rows).ElementAt(runs.Count / 2);

    private static void PrintTable(Options options, List<IPipeCase> cases, Dictionary<IPipeCase, List<PipeRun>> results)
    {
        var medians = cases.ToDictionary(c => c.Name + "|" + c.Worker, c => Median(results[c]).RowsPerSecond);
        var rows = new List<string[]>();
        foreach (var c in cases)
        {
            var runs = results[c];
            var median = Median(runs);
            double batches = runs.Sum(r => (double)r.Batches);
            double workerCpu = runs.Sum(r => r.Worker.Cpu.TotalSeconds);
            double? baseline = c.Baseline is { } b && medians.TryGetValue(b + "|raw child", out var raw) ? raw : null;
            rows.Add(
            [
                c.Name,
                c.Worker,
                N(median.Batches),
                N(median.RowsPerSecond),
                N(runs.Max(r => r.RowsPerSecond)),
                N(median.BytesFromWorker / 1e6 / median.Seconds, "F0"),
                baseline is { } bv ? N(median.RowsPerSecond / bv, "P0") : "-",
                N(workerCpu * 1e6 / batches, "F1"),
                N(runs.Sum(r => (double)r.Rows) / workerCpu),
                N(runs.Sum(r => r.DriverCpu.TotalMicroseconds) / batches, "F1"),
                N(runs.Sum(r => (double)r.DriverAllocated) / batches),
                runs[0].WorkerAllocated < 0 ? "-" : N(runs.Sum(r => (double)r.WorkerAllocated) / batches),
                N(runs.Sum(r => (double)r.Worker.MinorFaults) / batches, "F1"),
            ]);
        }
        Console.WriteLine();
        Console.WriteLine($"Median run of {options.Repetitions} x {options.Seconds} s (batches, rows/s, MB/s, vs raw); best = fastest run. MB/s = bytes read from the worker per second.");
        Console.WriteLine("CPU from /proc/<pid>/stat (10 ms ticks) and Environment.CpuUsage; per batch and per row averaged over all runs. B/batch = allocated bytes per batch.");
        Print(["case", "worker", "batches", "rows/s", "best rows/s", "MB/s", "vs raw", "worker CPU us/batch", "rows per worker CPU-s",
            "driver CPU us/batch", "driver B/batch", "worker B/batch", "worker faults/batch"], rows);
    }
}
