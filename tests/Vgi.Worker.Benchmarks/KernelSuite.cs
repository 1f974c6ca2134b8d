using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Ipc;
using Vgi.Protocol;
using static Vgi.Worker.Benchmarks.TablePrinter;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// Where a scalar batch's time goes inside the worker, in process: the generated kernels alone (the
/// copies in <see cref="BenchFunctions"/>, identical to Hello's), the stages of the <c>upper_case</c>
/// kernel taken apart, and the worker's per-batch path without the pipe (IPC decode of the input
/// message → kernel → IPC encode of the output). The pipe suites give the same batches over a pipe.
/// </summary>
internal static class KernelSuite
{
    public static void Run(Options options)
    {
        Console.WriteLine();
        Console.WriteLine($"== Scalar kernels in process (issue 4 profile): {options.BatchRows}-row batches, {(Artifacts.IsAot ? "native AOT" : "JIT")} ==");
        int rows = options.BatchRows;
        var ints = Requests.Int64Batch(rows);
        var strings = Requests.StringBatch(rows, options.StringLength);
        var multiply = BindKernel("multiply", ints.Schema, Requests.I64(options.Factor));
        var upper = BindKernel("upper_case", strings.Schema);
        var upperAscii = BindKernel("upper_case_ascii", strings.Schema);
        var context = new BenchContext();
        var column = (StringArray)strings.Column(0);

        // Check the kernels once.
        var product = (Int64Array)multiply(ints, context);
        for (int i = 0; i < rows; i++)
        {
            if (product.GetValue(i) != ((Int64Array)ints.Column(0)).GetValue(i) * options.Factor) throw new InvalidOperationException("multiply kernel is wrong");
        }
        var upperResult = (StringArray)upper(strings, context);
        var asciiResult = (StringArray)upperAscii(strings, context);
        for (int i = 0; i < rows; i++)
        {
            string expected = column.GetString(i).ToUpperInvariant();
            if (upperResult.GetString(i) != expected || asciiResult.GetString(i) != expected) throw new InvalidOperationException("upper_case kernels are wrong");
        }

        // The stages of the generated upper_case kernel (see BenchFunctions.UpperCase's generated Kernel0).
        var decoded = new string[rows];
        for (int i = 0; i < rows; i++) decoded[i] = column.GetString(i);
        var uppered = decoded.Select(s => s.ToUpperInvariant()).ToArray();

        var results = new List<(string Group, MicroResult Result)>
        {
            ("multiply", Micro.Measure("multiply: generated kernel", () => multiply(ints, context), options)),
            ("multiply", Micro.Measure("multiply: worker path without pipe (decode, kernel, encode)", WorkerPath(ints, b => multiply(b, context)), options)),
            ("multiply", Micro.Measure("int64 batch: IPC decode + encode only (echo)", WorkerPath(ints, b => b.Column(0)), options)),
            ("upper_case", Micro.Measure("upper_case: generated kernel", () => upper(strings, context), options)),
            ("upper_case", Micro.Measure("  stage 1: Columns.Binary + GetString per row", () => DecodeStage(strings), options)),
            ("upper_case", Micro.Measure("  stage 2: ToUpperInvariant per row", () => UpperStage(decoded), options)),
            ("upper_case", Micro.Measure("  stage 3: BinaryResult.Append(string) per row + Build", () => EncodeStage(uppered), options)),
            ("upper_case", Micro.Measure("  stage 3': BinaryResult sized from the input + Append + Build", () => EncodeStageSized(uppered, column.ValueBuffer.Length), options)),
            ("upper_case", Micro.Measure("upper_case: worker path without pipe", WorkerPath(strings, b => upper(b, context)), options)),
            ("upper_case_ascii", Micro.Measure("upper_case_ascii: generated kernel (array form)", () => upperAscii(strings, context), options)),
            ("upper_case_ascii", Micro.Measure("upper_case_ascii: worker path without pipe", WorkerPath(strings, b => upperAscii(b, context)), options)),
            ("upper_case_ascii", Micro.Measure("string batch: IPC decode + encode only (echo)", WorkerPath(strings, b => b.Column(0)), options)),
        };

        Console.WriteLine();
        Console.WriteLine($"Median of {options.Repetitions} runs of {options.Seconds} s; one op = one {rows}-row batch ({options.StringLength}-byte ASCII strings for the string rows).");
        Print(["operation (per batch)", "us/batch", "rows/s", "best rows/s", "B/batch", "B/row"], [.. results.Select(r => new[]
        {
            r.Result.Name,
            N(r.Result.Median.NanosecondsPerOp / 1000, "F1"),
            N(r.Result.Median.OpsPerSecond * rows),
            N(r.Result.Best.OpsPerSecond * rows),
            N(r.Result.Median.BytesPerOp),
            N(r.Result.Median.BytesPerOp / rows, "F1"),
        })]);
    }

    /// <summary>Binds <paramref name="name"/> from this assembly's registry (the generated definitions) as the worker does.</summary>
    private static ScalarKernel BindKernel(string name, Schema input, params IArrowArray[] constants)
    {
        var definition = FunctionRegistry.Scalars.Single(d => d.Name == name);
        var args = new Arguments([.. constants.Select(c => new ArgumentValue(c))], new Dictionary<string, ArgumentValue>());
        return definition.Bind(new ScalarBindContext(input, args)).Kernel;
    }

    /// <summary>
    /// The worker's per-batch work without the pipe: read the input batch message (from memory),
    /// run <paramref name="kernel"/>, write <c>{result}</c> as a batch message (to nowhere).
    /// </summary>
    private static Func<object?> WorkerPath(RecordBatch input, Func<RecordBatch, IArrowArray> kernel)
    {
        var schemaMessage = ArrowIpcWriter.SerializeSchema(input.Schema);
        var reader = new ArrowIpcReader(new ReplayStream(schemaMessage, Requests.BatchMessage(input)));
        VgiConnection.Sync(reader.ReadSchemaAsync());
        var output = new Schema([new Field("result", input.Schema.FieldsList[0].DataType, true)], null);
        var writer = new ArrowIpcWriter(Stream.Null);
        writer.WriteSchema(output);
        return () =>
        {
            using var batch = VgiConnection.Sync(reader.ReadBatchAsync())!;
            var result = kernel(batch.Batch);
            writer.WriteBatch(new RecordBatch(output, [result], batch.Length));
            writer.Flush();
            return result;
        };
    }

    private static object DecodeStage(RecordBatch batch)
    {
        var column = Columns.Binary(batch.Column(0));
        string last = "";
        for (int i = 0; i < batch.Length; i++) last = column.IsNull(i) ? "" : column.GetString(i);
        return last;
    }

    private static object UpperStage(string[] values)
    {
        string last = "";
        foreach (var v in values) last = v.ToUpperInvariant();
        return last;
    }

    private static object EncodeStage(string[] values)
    {
        var result = new BinaryResult(values.Length);
        foreach (var v in values) result.Append(v);
        return result.Build(StringType.Default);
    }

    private static object EncodeStageSized(string[] values, int inputBytes)
    {
        var result = new BinaryResult(values.Length, inputBytes / values.Length + 1);
        foreach (var v in values) result.Append(v);
        return result.Build(StringType.Default);
    }
}

/// <summary>A <see cref="VgiContext"/> for calling kernels outside a worker.</summary>
internal sealed class BenchContext : VgiContext
{
    public override CancellationToken CancellationToken => CancellationToken.None;

    public override string FunctionName => "bench";

    public override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    public override IReadOnlyDictionary<string, VgiSecret> Secrets { get; } = new Dictionary<string, VgiSecret>();

    public override void Log(VgiLogLevel level, string message)
    {
    }
}

/// <summary>Reads as <paramref name="prefix"/> followed by <paramref name="repeated"/> over and over: a schema, then the same batch message forever.</summary>
internal sealed class ReplayStream(byte[] prefix, byte[] repeated) : Stream
{
    private bool _inPrefix = true;
    private int _position;

    public override int Read(Span<byte> buffer)
    {
        var source = _inPrefix ? prefix : repeated;
        int n = Math.Min(buffer.Length, source.Length - _position);
        source.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        if (_position == source.Length)
        {
            _inPrefix = false;
            _position = 0;
        }
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
