using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;

namespace Vgi.Worker.Benchmarks;

/// <summary>One measured run through a pipe: what went through and what it cost on each side.</summary>
internal readonly record struct PipeRun(
    long Batches, long Rows, long BytesFromWorker, double Seconds,
    long DriverAllocated, TimeSpan DriverCpu, ProcStat Worker, long WorkerAllocated)
{
    public double RowsPerSecond => Rows / Seconds;
}

/// <summary>Wall time, driver allocations and CPU, worker CPU and faults, bytes received, around one run.</summary>
internal sealed class PipeMeter
{
    private readonly WorkerProcess _worker;
    private readonly long _start, _end, _allocated, _bytes;
    private readonly TimeSpan _driverCpu;
    private readonly ProcStat _workerStat;

    public PipeMeter(WorkerProcess worker, double seconds)
    {
        _worker = worker;
        _workerStat = worker.Stat();
        _bytes = worker.FromWorker.BytesRead;
        _driverCpu = Environment.CpuUsage.TotalTime;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _start = Stopwatch.GetTimestamp();
        _end = _start + (long)(seconds * Stopwatch.Frequency);
    }

    /// <summary>Whether the run's time is up (checked at batch or scan boundaries).</summary>
    public bool Done => Stopwatch.GetTimestamp() >= _end;

    public PipeRun Stop(long batches, long rows)
    {
        double seconds = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        var driverCpu = Environment.CpuUsage.TotalTime - _driverCpu;
        var worker = _worker.Stat() - _workerStat;
        return new PipeRun(batches, rows, _worker.FromWorker.BytesRead - _bytes, seconds, allocated, driverCpu, worker, -1);
    }
}

/// <summary>A benchmark target: a worker process kept for every run of the case.</summary>
internal interface IPipeCase : IDisposable
{
    /// <summary>The function or baseline (<c>multiply</c>, <c>raw int64</c>, …).</summary>
    string Name { get; }

    /// <summary>Which executable serves it (<c>hello-aot</c>, …).</summary>
    string Worker { get; }

    /// <summary>The raw case whose pipe traffic matches this one (for the "vs raw" column), or null.</summary>
    string? Baseline { get; }

    /// <summary>Pushes batches for at least <paramref name="seconds"/>; <paramref name="verify"/> checks every value.</summary>
    PipeRun Run(double seconds, bool verify);
}

/// <summary>
/// <c>bench_allocated()</c> on a worker built from this program: a whole scalar call (bind, init, one
/// 1-row batch with no columns, EOS) whose value is the worker's total allocated bytes. The
/// allocations of the call itself are measured and subtracted.
/// </summary>
internal sealed class WorkerAllocations
{
    private static readonly Schema NoColumns = new([], null);
    private readonly VgiConnection _connection;
    private readonly BindRequest _request = Requests.Scalar("bench_allocated", NoColumns);
    private readonly RecordBatch _oneRow = new(NoColumns, [], 1);
    private readonly long _overhead;

    public WorkerAllocations(VgiConnection connection)
    {
        _connection = connection;
        long a = Read(), b = Read(), c = Read(), d = Read();
        _overhead = Math.Min(Math.Min(b - a, c - b), d - c);
    }

    public long Read() => _connection.CallScalarInt64(_request, _oneRow);

    /// <summary>What the worker allocated since <paramref name="before"/> (a <see cref="Read"/>), less one stats call.</summary>
    public long Since(long before) => Read() - before - _overhead;
}

/// <summary>
/// A scalar function through a worker, driven like the extension (vgi-functions §5.1, validation.md §3):
/// <c>bind</c>; <c>init</c> (header stream); the exchange input stream with one batch in flight —
/// write a batch, read exactly one output batch —; input EOS; output drained to EOS. One run is one
/// bind + init + exchange.
/// </summary>
internal sealed class ExchangeCase : IPipeCase
{
    private readonly WorkerProcess _process;
    private readonly VgiConnection _connection;
    private readonly BindRequest _request;
    private readonly RecordBatch _input;
    private readonly Action<RecordBatch, RecordBatch, bool> _check;
    private readonly WorkerAllocations? _allocations;

    /// <param name="check">(input, output, every value) → throws when the output is wrong.</param>
    public ExchangeCase(string name, string worker, string command, string[] arguments, BindRequest request, RecordBatch input,
        Action<RecordBatch, RecordBatch, bool> check, bool hasStats, string? baseline)
    {
        Name = name;
        Worker = worker;
        Baseline = baseline;
        _request = request;
        _input = input;
        _check = check;
        _process = WorkerProcess.Start(command, arguments);
        _connection = new VgiConnection(_process);
        if (hasStats) _allocations = new WorkerAllocations(_connection);
    }

    public string Name { get; }

    public string Worker { get; }

    public string? Baseline { get; }

    public PipeRun Run(double seconds, bool verify)
    {
        long workerBefore = _allocations?.Read() ?? 0;
        var meter = new PipeMeter(_process, seconds);
        var c = _connection;
        var bound = c.Bind(_request);
        c.Init(Requests.ScalarInit(_request, bound));
        c.Writer.WriteSchema(_input.Schema);
        long batches = 0;
        for (; batches == 0 || !meter.Done; batches++)
        {
            c.Writer.WriteBatch(_input);
            c.Writer.Flush();
            if (batches == 0) c.ReadSchema(_request.FunctionName);
            using var output = c.ReadDataBatch(_request.FunctionName)
                ?? throw new InvalidOperationException($"{Name}: the output ended after {batches} batches");
            if (output.Length != _input.Length || output.Batch.ColumnCount != 1)
                throw new InvalidOperationException($"{Name}: {output.Length} rows x {output.Batch.ColumnCount} columns for {_input.Length} input rows");
            _check(_input, output.Batch, verify);
        }
        c.EndInput();
        if (c.ReadDataBatch(_request.FunctionName) is { } extra)
        {
            extra.Dispose();
            throw new InvalidOperationException($"{Name}: an output batch more than the inputs");
        }
        var run = meter.Stop(batches, batches * _input.Length);
        return _allocations is null ? run : run with { WorkerAllocated = _allocations.Since(workerBefore) };
    }

    public void Dispose() => _process.Dispose();
}

/// <summary>
/// A table function through a worker, driven like the extension (vgi-functions §5.2, validation-2
/// §3.2, §7.4): <c>bind</c>; <c>init</c> with projection ids (header stream); the producer input
/// stream — the empty schema and tick 1 before anything is read, then the next tick as soon as a
/// batch has been read (one tick in flight) — until the output's EOS; then the input EOS. One run is
/// as many whole scans of <c>bench_rows(count)</c> as fit in the time (at least one).
/// </summary>
internal sealed class ProducerCase : IPipeCase
{
    private readonly WorkerProcess _process;
    private readonly VgiConnection _connection;
    private readonly BindRequest _request;
    private readonly long[] _projection;
    private readonly long _count;
    private readonly WorkerAllocations _allocations;

    public ProducerCase(string name, string worker, string command, long count, long[] projection, string? baseline)
    {
        Name = name;
        Worker = worker;
        Baseline = baseline;
        _count = count;
        _projection = projection;
        _request = Requests.Table("bench_rows", Requests.I64(count));
        _process = WorkerProcess.Start(command, "--worker");
        _connection = new VgiConnection(_process);
        _allocations = new WorkerAllocations(_connection);
    }

    public string Name { get; }

    public string Worker { get; }

    public string? Baseline { get; }

    public PipeRun Run(double seconds, bool verify)
    {
        long workerBefore = _allocations.Read();
        var meter = new PipeMeter(_process, seconds);
        var c = _connection;
        long batches = 0, rows = 0;
        do
        {
            var bound = c.Bind(_request);
            if (bound.OutputSchema.FieldsList.Count != 3) throw new InvalidOperationException($"{Name}: bind answered {bound.OutputSchema.FieldsList.Count} columns");
            c.Init(Requests.TableInit(_request, bound, _projection));
            c.BeginTicks();
            var schema = c.ReadSchema(Name);
            if (schema.FieldsList.Count != _projection.Length) throw new InvalidOperationException($"{Name}: output schema has {schema.FieldsList.Count} columns");
            long next = 0;
            while (c.ReadDataBatch(Name) is { } batch)
            {
                using (batch)
                {
                    c.Tick(); // the next tick goes out before this batch is looked at
                    Check(batch.Batch, ref next, verify);
                    batches++;
                    rows += batch.Length;
                }
            }
            c.EndInput();
            if (next != _count) throw new InvalidOperationException($"{Name}: the scan produced {next} rows, expected {_count}");
        }
        while (!meter.Done);
        return meter.Stop(batches, rows) with { WorkerAllocated = _allocations.Since(workerBefore) };
    }

    private void Check(RecordBatch batch, ref long next, bool verify)
    {
        var id = (Int64Array)batch.Column(0);
        int n = batch.Length;
        if (n == 0) return;
        if (id.GetValue(n - 1) != next + n - 1) throw new InvalidOperationException($"{Name}: batch ends with id {id.GetValue(n - 1)}, expected {next + n - 1}");
        if (verify)
        {
            var value = _projection.Length == 3 ? (DoubleArray)batch.Column(1) : null;
            var tag = _projection.Length == 3 ? (StringArray)batch.Column(2) : null;
            for (int i = 0; i < n; i++)
            {
                long expected = next + i;
                if (id.GetValue(i) != expected) throw new InvalidOperationException($"{Name}: id {id.GetValue(i)}, expected {expected}");
                if (value is not null && value.GetValue(i) != expected * 0.5) throw new InvalidOperationException($"{Name}: value of row {expected} is {value.GetValue(i)}");
                if (tag is not null && tag.GetString(i) != BenchFunctions.Tag) throw new InvalidOperationException($"{Name}: tag of row {expected} is {tag.GetString(i)}");
            }
        }
        next += n;
    }

    public void Dispose() => _process.Dispose();
}

/// <summary>
/// The raw baseline: the same bytes through the same kind of pipe to a child that does nothing but
/// read and write them, with no Arrow. Pipelined, one request stays in flight like a producer's tick
/// (the next goes out as soon as a reply has been read); otherwise lockstep like an exchange.
/// </summary>
internal sealed class RawCase : IPipeCase
{
    private readonly WorkerProcess _process;
    private readonly byte[] _request;
    private readonly byte[] _reply;
    private readonly bool _pipelined;
    private readonly int _rowsPerReply;

    public RawCase(string name, string command, int requestBytes, int replyBytes, int rowsPerReply, bool pipelined)
    {
        Name = name;
        _request = new byte[requestBytes];
        _reply = new byte[replyBytes];
        _pipelined = pipelined;
        _rowsPerReply = rowsPerReply;
        _process = WorkerProcess.Start(command, "--raw", requestBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), replyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Name { get; }

    public string Worker => "raw child";

    public string? Baseline => null;

    public PipeRun Run(double seconds, bool verify)
    {
        var to = _process.ToWorker;
        var from = _process.FromWorker;
        var meter = new PipeMeter(_process, seconds);
        long batches = 0;
        if (_pipelined)
        {
            to.Write(_request);
            to.Flush();
        }
        for (; batches == 0 || !meter.Done; batches++)
        {
            if (!_pipelined)
            {
                to.Write(_request);
                to.Flush();
            }
            from.ReadExactly(_reply);
            if (_pipelined)
            {
                to.Write(_request);
                to.Flush();
            }
        }
        var run = meter.Stop(batches, batches * _rowsPerReply);
        if (_pipelined) from.ReadExactly(_reply); // the reply to the request still in flight
        return run;
    }

    public void Dispose() => _process.Dispose();
}
