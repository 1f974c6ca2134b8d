using Apache.Arrow;
using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Exchange group: one output batch per input batch. Unless stated otherwise input and output are
/// <c>{value: float64}</c>; inputs of other numeric types (int32, int64, float32) are cast by the
/// server before the method sees them, an input without a <c>value</c> column is a TypeError.
/// </summary>
public static class ExchangeMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        // exchange_scale(factor: float): value * factor
        yield return Exchange("exchange_scale", Of(F("factor", F64)), null, (request, _) =>
            Scaling(Args.Float64(request, "factor")));

        // exchange_accumulate(): one row per exchange with the running sum of every value so far
        yield return Exchange("exchange_accumulate", RpcSchemas.Empty, null, (_, _) =>
        {
            double sum = 0;
            long exchanges = 0;
            return RpcStream.Exchange(FloatValue, Accumulated, (input, output, _) =>
            {
                var values = (DoubleArray)input.Column(0);
                for (int i = 0; i < values.Length; i++) sum += values.GetValue(i) ?? 0;
                exchanges++;
                output.Emit(Arrays.Row(Accumulated, Arrays.Float64(sum), Arrays.Int64(exchanges)));
                return default;
            });
        });

        // exchange_with_logs(): INFO and DEBUG logs before each (unchanged) output batch
        yield return Exchange("exchange_with_logs", RpcSchemas.Empty, null, (_, _) =>
        {
            long n = 0;
            return RpcStream.Exchange(FloatValue, FloatValue, (input, output, _) =>
            {
                n++;
                output.Log(RpcLogLevel.Info, $"exchange {n}: {input.Length} rows");
                output.Log(RpcLogLevel.Debug, $"exchange {n} done", [new("rows", input.Length)]);
                output.Emit(Scale(input, 1.0));
                return default;
            });
        });

        // exchange_error_on_nth(fail_on: int): RuntimeError on exchange number fail_on (1-based), echo otherwise
        yield return Exchange("exchange_error_on_nth", Of(F("fail_on", I64)), null, (request, _) =>
        {
            long failOn = Args.Int64(request, "fail_on"), n = 0;
            return RpcStream.Exchange(FloatValue, FloatValue, (input, output, _) =>
            {
                if (++n == failOn) throw new RpcException("RuntimeError", $"intentional error on exchange {n}");
                output.Emit(Scale(input, 1.0));
                return default;
            });
        });

        // exchange_zero_columns(): the input schema has no fields, so on the wire this is a producer
        // (ticks in, no finish); each input answers {row_count: its length}
        yield return Exchange("exchange_zero_columns", RpcSchemas.Empty, null, (_, _) =>
            RpcStream.Exchange(RpcSchemas.Empty, RowCount, (input, output, _) =>
            {
                output.Emit(Arrays.Row(RowCount, Arrays.Int64(input.Length)));
                return default;
            }));

        // exchange_error_on_init(): ValueError before any stream exists
        yield return Exchange("exchange_error_on_init", RpcSchemas.Empty, null, (_, _) =>
            throw new RpcException("ValueError", "intentional error in exchange_error_on_init"));

        // exchange_oversized(size_bytes: int): each exchange answers {index: n, payload: size_bytes bytes}
        yield return Exchange("exchange_oversized", Of(F("size_bytes", I64)), null, (request, _) =>
        {
            byte[] payload = EchoMethods.Payload(Args.Int64(request, "size_bytes"));
            long n = 0;
            return RpcStream.Exchange(FloatValue, Schemas.Payload, (_, output, _) =>
            {
                output.Emit(Arrays.Row(Schemas.Payload, Arrays.Int64(n++), Arrays.Binary(payload)));
                return default;
            });
        });

        // exchange_with_header(factor: float) -> Stream[..., ExchangeHeader(factor)]: scales by factor
        yield return Exchange("exchange_with_header", Of(F("factor", F64)), ExchangeHeader, (request, _) =>
        {
            double factor = Args.Float64(request, "factor");
            return Scaling(factor, Headers.Exchange(factor));
        });

        // exchange_cast_compatible(): echoes value as float64 whatever numeric type was sent
        yield return Exchange("exchange_cast_compatible", RpcSchemas.Empty, null, (_, _) => Scaling(1.0));

        // exchange_with_rich_header(seed: int) -> Stream[..., RichHeader]: echoes value
        yield return Exchange("exchange_with_rich_header", Of(F("seed", I64)), RichHeader, (request, _) =>
            Scaling(1.0, Headers.Rich(Args.Int64(request, "seed"))));
    }

    private static RpcMethod Exchange(string name, Schema parameters, Schema? header, Func<RpcRequest, RpcCallContext, RpcStream> init) =>
        RpcMethod.CreateStream(name, parameters, header, (request, context) => ValueTask.FromResult(init(request, context)), isExchange: true);

    private static RpcStream Scaling(double factor, RecordBatch? header = null) =>
        RpcStream.Exchange(FloatValue, FloatValue, (input, output, _) =>
        {
            output.Emit(Scale(input, factor));
            return default;
        }, header: header);

    /// <summary>A new <c>{value}</c> batch holding each input value times <paramref name="factor"/> (nulls stay null).</summary>
    public static RecordBatch Scale(RecordBatch input, double factor)
    {
        var values = (DoubleArray)input.Column(0);
        var result = new DoubleArray.Builder().Reserve(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (values.GetValue(i) is { } v) result.Append(v * factor);
            else result.AppendNull();
        }
        return new RecordBatch(FloatValue, [result.Build()], values.Length);
    }
}
