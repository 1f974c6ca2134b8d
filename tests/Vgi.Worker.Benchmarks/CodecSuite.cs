using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using static Vgi.Worker.Benchmarks.TablePrinter;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// Issue 3: the generated protocol codecs, in process, single thread. Each record is encoded with
/// <see cref="ArrowRecord.ToIpcBytes{T}(T)"/> and decoded with <see cref="ArrowRecord.FromIpcBytes{T}"/>
/// (the nested-IPC form every VGI request and result travels in), plus the <see cref="Arguments"/>
/// decode a bind does.
/// </summary>
internal static class CodecSuite
{
    public static void Run(Options options)
    {
        Console.WriteLine();
        Console.WriteLine("== Protocol codecs (issue 3): in process, one thread ==");

        var scalarBind = Requests.Scalar("multiply", Requests.Input(Int64Type.Default), Requests.I64(3));
        var tableBind = Requests.Table("bench_rows", Requests.I64(10_000_000));
        var bindResult = new BindResult
        {
            OutputSchema = new Schema([new Field("result", Int64Type.Default, true)], null),
            OpaqueData = null,
            LookupSecretTypes = [],
            LookupScopes = [],
            LookupNames = [],
        };
        var tableOutput = new Schema(
        [
            new Field("id", Int64Type.Default, false),
            new Field("value", DoubleType.Default, false),
            new Field("tag", StringType.Default, false),
        ], null);
        var init = new InitRequest
        {
            BindCall = tableBind,
            OutputSchema = tableOutput,
            BindOpaqueData = "bod:bench_rows"u8.ToArray(),
            ProjectionIds = [0, 2],
            PushdownFilters = Requests.FilterStream(),
        };
        // A table call with a positional and a named argument (vgi_table_function style struct).
        var mixedArguments = new Arguments(
            [new ArgumentValue(Requests.I64(10_000_000)), new ArgumentValue(new StringArray.Builder().Append("abc").Build())],
            new Dictionary<string, ArgumentValue> { ["batch_size"] = new(Requests.I64(2048)) }).ToIpcBytes();

        var results = new List<(MicroResult Result, int Bytes)>();
        void Codec<T>(string label, T value, bool split) where T : IArrowRecord<T>
        {
            byte[] bytes = ArrowRecord.ToIpcBytes(value);
            // Sanity: the round trip gives an equal value back (records compare by value; byte[]/lists by reference, so compare the re-encoding).
            if (!ArrowRecord.ToIpcBytes(ArrowRecord.FromIpcBytes<T>(bytes)).AsSpan().SequenceEqual(bytes))
                throw new InvalidOperationException($"{label}: decode + encode does not reproduce the bytes");
            results.Add((Micro.Measure($"{label} encode (ToIpcBytes)", () => ArrowRecord.ToIpcBytes(value), options), bytes.Length));
            results.Add((Micro.Measure($"{label} decode (FromIpcBytes)", () => ArrowRecord.FromIpcBytes<T>(bytes), options), bytes.Length));
            results.Add((Micro.Measure($"{label} encode + decode", () => ArrowRecord.FromIpcBytes<T>(ArrowRecord.ToIpcBytes(value)), options), bytes.Length));
            if (!split) return;
            // The two halves of each direction: the generated record <-> RecordBatch code, and the IPC stream.
            var batch = T.ToRecordBatch([value]);
            results.Add((Micro.Measure("  encode 1/2: T.ToRecordBatch (generated)", () => T.ToRecordBatch([value]), options), bytes.Length));
            results.Add((Micro.Measure("  encode 2/2: IpcBytes.WriteBatch", () => IpcBytes.WriteBatch(batch), options), bytes.Length));
            results.Add((Micro.Measure("  decode 1/2: IpcBytes.ReadBatch", () => IpcBytes.ReadBatch(bytes), options), bytes.Length));
            var read = IpcBytes.ReadBatch(bytes);
            results.Add((Micro.Measure("  decode 2/2: T.FromRecordBatch (generated)", () => T.FromRecordBatch(read), options), bytes.Length));
        }

        Codec("BindRequest (scalar multiply)", scalarBind, split: true);
        Codec("BindResult (scalar, {result: int64})", bindResult, split: false);
        Codec("InitRequest (table bind_call, projection, filters)", init, split: true);
        var scalarArguments = scalarBind.Arguments;
        results.Add((Micro.Measure("Arguments decode (BindRequest.ReadArguments, 1 const)", () => scalarBind.ReadArguments(), options), scalarArguments.Length));
        results.Add((Micro.Measure("Arguments decode (2 positional + 1 named)", () => Arguments.FromIpcBytes(mixedArguments), options), mixedArguments.Length));

        Console.WriteLine();
        Console.WriteLine($"Median of {options.Repetitions} runs of {options.Seconds} s each; B/op = GC.GetAllocatedBytesForCurrentThread delta / ops.");
        string[] header = ["operation", "IPC bytes", "ops/s", "best ops/s", "us/op", "B/op"];
        Print(header, [.. results.Select(r => new[]
        {
            r.Result.Name,
            N(r.Bytes),
            N(r.Result.Median.OpsPerSecond),
            N(r.Result.Best.OpsPerSecond),
            N(r.Result.Median.NanosecondsPerOp / 1000, "F2"),
            N(r.Result.Median.BytesPerOp),
        })]);
    }
}
