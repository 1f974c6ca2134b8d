using Apache.Arrow;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Benchmarks;

/// <summary>One measured run: batches pushed through in lockstep and what it cost.</summary>
internal readonly record struct RunResult(long Batches, double Seconds, long DriverAllocated, long WorkerAllocated, TimeSpan DriverCpu, TimeSpan ChildCpu);

/// <summary>Wall time, allocations and CPU time of both processes around one run.</summary>
internal readonly struct RunMeter
{
    private readonly ChildProcess _child;
    private readonly long _start, _end, _allocated;
    private readonly TimeSpan _driverCpu, _childCpu;

    public RunMeter(ChildProcess child, double seconds)
    {
        _child = child;
        _childCpu = child.CpuTime;
        _driverCpu = Environment.CpuUsage.TotalTime;
        _allocated = GC.GetTotalAllocatedBytes(precise: true);
        _start = System.Diagnostics.Stopwatch.GetTimestamp();
        _end = _start + (long)(seconds * System.Diagnostics.Stopwatch.Frequency);
    }

    /// <summary>Whether the run's time is up (checked after each batch).</summary>
    public bool Done => System.Diagnostics.Stopwatch.GetTimestamp() >= _end;

    public RunResult Stop(long batches, long workerAllocated = -1)
    {
        double seconds = System.Diagnostics.Stopwatch.GetElapsedTime(_start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - _allocated;
        var driverCpu = Environment.CpuUsage.TotalTime - _driverCpu;
        var childCpu = _child.CpuTime - _childCpu;
        return new RunResult(batches, seconds, allocated, workerAllocated, driverCpu, childCpu);
    }
}

/// <summary>A benchmark target the driver pushes batches through.</summary>
internal interface IBenchSession : IDisposable
{
    string Name { get; }

    /// <summary>
    /// Pushes batches through in lockstep for at least <paramref name="seconds"/> (one exchange stream);
    /// <paramref name="verify"/> checks every value of every batch, otherwise the last value of each.
    /// </summary>
    ValueTask<RunResult> RunAsync(double seconds, bool verify);
}

/// <summary>
/// The driver side of the vgi_rpc protocol, spoken directly with <see cref="ArrowIpcWriter"/> and
/// <see cref="ArrowIpcReader"/>: request stream, input stream (one output batch read per input batch),
/// input EOS, output drained to EOS (vgi-rpc-wire.md §3.1, §5.2, §8.4).
/// </summary>
internal sealed class RpcExchangeSession : IBenchSession
{
    private readonly ChildProcess _child;
    private readonly ArrowIpcWriter _writer;
    private readonly ArrowIpcReader _reader;
    private readonly string _method;
    private readonly Schema _parameters;
    private readonly IArrowArray[] _arguments;
    private readonly RecordBatch _input;
    private readonly long _factor;
    private readonly long _statsOverhead;

    /// <param name="factor">What the worker multiplies each value by (1 for echo): how the output is checked.</param>
    public RpcExchangeSession(string name, string method, Schema parameters, IArrowArray[] arguments, RecordBatch input, long factor)
    {
        Name = name;
        _method = method;
        _parameters = parameters;
        _arguments = arguments;
        _input = input;
        _factor = factor;
        _child = ChildProcess.Start("--worker");
        _writer = new ArrowIpcWriter(_child.ToChild);
        _reader = new ArrowIpcReader(_child.FromChild);
        // What one stats call allocates in the worker, subtracted from each measurement.
        long a = CallStats(), b = CallStats(), c = CallStats();
        _statsOverhead = Math.Min(b - a, c - b);
    }

    public string Name { get; }

    public async ValueTask<RunResult> RunAsync(double seconds, bool verify)
    {
        long workerBefore = CallStats();
        var meter = new RunMeter(_child, seconds);

        WriteRequest(_method, _parameters, _arguments);
        _writer.WriteSchema(_input.Schema);
        long batches = 0;
        for (long i = 0; !meter.Done; i++, batches++)
        {
            _writer.WriteBatch(_input);
            _writer.Flush();
            if (i == 0) await ReadSchemaAsync().ConfigureAwait(false);
            using var output = await ReadDataBatchAsync().ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{_method}: output stream ended after {i} batches");
            Check(output.Batch, verify);
        }
        _writer.WriteEos();
        _writer.Flush();
        if (batches == 0) await ReadSchemaAsync().ConfigureAwait(false);
        if (await ReadDataBatchAsync().ConfigureAwait(false) is { } extra)
        {
            extra.Dispose();
            throw new InvalidOperationException($"{_method}: an output batch more than the inputs");
        }

        var result = meter.Stop(batches);
        return result with { WorkerAllocated = CallStats() - workerBefore - _statsOverhead };
    }

    private void Check(RecordBatch output, bool verify)
    {
        if (output.Length != _input.Length) throw new InvalidOperationException($"{_method}: {output.Length} output rows for {_input.Length} input rows");
        var got = ((Int64Array)output.Column(0)).Values;
        var sent = ((Int64Array)_input.Column(0)).Values;
        for (int i = verify ? 0 : got.Length - 1; i < got.Length; i++)
        {
            if (got[i] != sent[i] * _factor) throw new InvalidOperationException($"{_method}: row {i} is {got[i]}, expected {sent[i] * _factor}");
        }
    }

    private void WriteRequest(string method, Schema parameters, IReadOnlyList<IArrowArray> arguments)
    {
        _writer.WriteSchema(parameters);
        _writer.WriteBatch(1, arguments, [
            new(RpcMetadataKeys.Method, method),
            new(RpcMetadataKeys.RequestVersion, RpcMetadataKeys.CurrentRequestVersion),
            new(RpcMetadataKeys.ProtocolVersion, "1.0.0"),
        ]);
        _writer.WriteEos();
    }

    private async ValueTask ReadSchemaAsync()
    {
        if (await _reader.ReadSchemaAsync().ConfigureAwait(false) is null)
            throw new InvalidOperationException("the worker closed its output");
    }

    /// <summary>The next data batch of the output stream (log batches skipped), or null at its EOS; throws on an error batch.</summary>
    private async ValueTask<IpcRecordBatch?> ReadDataBatchAsync()
    {
        while (await _reader.ReadBatchAsync().ConfigureAwait(false) is { } batch)
        {
            if (batch.Length > 0 || !batch.Metadata.TryGet(RpcMetadataKeys.LogLevel, out var level)) return batch;
            var message = batch.Metadata.Get(RpcMetadataKeys.LogMessage);
            batch.Dispose();
            if (level == "EXCEPTION") throw new InvalidOperationException($"worker error: {message}");
        }
        return null;
    }

    /// <summary>A <c>bench_stats</c> unary call: the worker's total allocated bytes.</summary>
    private long CallStats()
    {
        WriteRequest(BenchWorker.StatsMethod, RpcSchemas.Empty, []);
        _writer.Flush();
        // The reader completes synchronously over the blocking pipe wrapper.
        ReadSchemaAsync().AsTask().GetAwaiter().GetResult();
        using var result = ReadDataBatchAsync().AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("bench_stats returned no batch");
        long value = ((Int64Array)result.Batch.Column(0)).GetValue(0)!.Value;
        if (ReadDataBatchAsync().AsTask().GetAwaiter().GetResult() is not null) throw new InvalidOperationException("bench_stats returned two batches");
        return value;
    }

    public void Dispose() => _child.Dispose();
}

/// <summary>
/// The raw baseline: the bytes of one encoded input batch message, pushed through the same kind of
/// pipe to a child that reads and writes them back in lockstep, with no Arrow on either side.
/// </summary>
internal sealed class RawEchoSession : IBenchSession
{
    private readonly ChildProcess _child;
    private readonly byte[] _message;
    private readonly byte[] _received;

    public RawEchoSession(byte[] message)
    {
        _message = message;
        _received = new byte[message.Length];
        _child = ChildProcess.Start("--raw-echo", message.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public string Name => "raw";

    public ValueTask<RunResult> RunAsync(double seconds, bool verify)
    {
        var to = _child.ToChild;
        var from = _child.FromChild;
        var meter = new RunMeter(_child, seconds);
        long batches = 0;
        for (; !meter.Done; batches++)
        {
            to.Write(_message, 0, _message.Length);
            to.Flush();
            from.ReadExactly(_received);
            if (verify && !_received.AsSpan().SequenceEqual(_message)) throw new InvalidOperationException("raw echo returned different bytes");
        }
        return ValueTask.FromResult(meter.Stop(batches));
    }

    public void Dispose() => _child.Dispose();
}
