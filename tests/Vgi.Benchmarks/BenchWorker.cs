using System.Numerics;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Hosting;
using Vgi.Rpc;

namespace Vgi.Benchmarks;

/// <summary>The worker side: a stdio vgi_rpc worker with the benchmark methods.</summary>
internal static class BenchWorker
{
    public const string EchoMethod = "bench_echo";
    public const string MultiplyMethod = "bench_multiply";
    public const string StatsMethod = "bench_stats";

    /// <summary><c>{value: int64 not null}</c>: the input and output of both exchanges.</summary>
    public static readonly Schema ValueSchema = new([new Field("value", Int64Type.Default, nullable: false)], null);

    public static readonly Schema FactorSchema = new([new Field("factor", Int64Type.Default, nullable: false)], null);

    public static readonly Schema StatsResultSchema = RpcSchemas.Result(Int64Type.Default, nullable: false);

    public static RpcMethod[] Methods() =>
    [
        // (a) echo: the input batch is the output batch (its column is written straight back).
        RpcMethod.CreateStream(EchoMethod, RpcSchemas.Empty, null, (_, _) =>
            ValueTask.FromResult(RpcStream.Exchange(ValueSchema, ValueSchema, (input, output, _) =>
            {
                output.Emit(input);
                return default;
            })), isExchange: true),

        // (b) multiply: a new int64 buffer per batch, filled by a tight (vectorised) span loop.
        RpcMethod.CreateStream(MultiplyMethod, FactorSchema, null, (request, _) =>
        {
            long factor = request.Get<Int64Array>("factor").GetValue(0)!.Value;
            return ValueTask.FromResult(RpcStream.Exchange(ValueSchema, ValueSchema, (input, output, _) =>
            {
                output.Emit(Multiply(input, factor));
                return default;
            }));
        }, isExchange: true),

        // Total bytes this process has allocated: the driver calls it around each measurement.
        RpcMethod.CreateUnary(StatsMethod, RpcSchemas.Empty, StatsResultSchema, (_, _) =>
            ValueTask.FromResult<IArrowArray?>(new Int64Array.Builder().Append(GC.GetTotalAllocatedBytes(precise: true)).Build())),
    ];

    internal static RecordBatch Multiply(RecordBatch input, long factor)
    {
        var column = (Int64Array)input.Column(0);
        int n = column.Length;
        var bytes = GC.AllocateUninitializedArray<byte>(n * sizeof(long));
        var destination = MemoryMarshal.Cast<byte, long>(bytes.AsSpan());
        var source = column.Values;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var by = new Vector<long>(factor);
            var sourceVectors = MemoryMarshal.Cast<long, Vector<long>>(source);
            var destinationVectors = MemoryMarshal.Cast<long, Vector<long>>(destination);
            for (int v = 0; v < sourceVectors.Length; v++) destinationVectors[v] = sourceVectors[v] * by;
            i = sourceVectors.Length * Vector<long>.Count;
        }
        for (; i < source.Length; i++) destination[i] = source[i] * factor;
        // Nulls stay nulls: the validity bitmap is passed through (it lives as long as the input).
        var result = new Int64Array(new ArrowBuffer(bytes), column.NullBitmapBuffer, n, column.NullCount, 0);
        return new RecordBatch(ValueSchema, [result], n);
    }

    public static async Task<int> RunAsync(string[] args)
    {
        int code = await RpcHost.RunAsync(args, Methods(), new RpcServerOptions { ProtocolName = "VgiBenchmarks" }).ConfigureAwait(false);
        await Console.Error.WriteLineAsync(
            $"[bench worker] exit: allocated {GC.GetTotalAllocatedBytes(precise: true):N0} B, gen0/1/2 collections {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}").ConfigureAwait(false);
        return code;
    }
}
