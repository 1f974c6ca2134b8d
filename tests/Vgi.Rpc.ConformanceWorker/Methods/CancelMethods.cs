using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Cancel group: two endless streams whose <c>on_cancel</c> hooks bump process-wide counters, and
/// the unary methods that read and reset them.
/// </summary>
public static class CancelMethods
{
    private static long s_producerCancels;
    private static long s_exchangeCancels;

    public static IEnumerable<RpcMethod> Create()
    {
        // cancellable_producer(): {index: i} per tick, never finishes by itself
        yield return RpcMethod.CreateStream("cancellable_producer", RpcSchemas.Empty, null, (_, _) =>
        {
            long i = 0;
            return ValueTask.FromResult(RpcStream.Producer(TickIndex, (output, _) =>
            {
                output.Emit(Arrays.Row(TickIndex, Arrays.Int64(i++)));
                return default;
            }, onCancel: _ =>
            {
                Interlocked.Increment(ref s_producerCancels);
                return default;
            }));
        }, isExchange: false);

        // cancellable_exchange(): echoes {value}
        yield return RpcMethod.CreateStream("cancellable_exchange", RpcSchemas.Empty, null, (_, _) =>
            ValueTask.FromResult(RpcStream.Exchange(FloatValue, FloatValue, (input, output, _) =>
            {
                output.Emit(ExchangeMethods.Scale(input, 1.0));
                return default;
            }, onCancel: _ =>
            {
                Interlocked.Increment(ref s_exchangeCancels);
                return default;
            })), isExchange: true);

        // cancel_probe_counters() -> CancelProbeCounters(producer_cancels, exchange_cancels)
        yield return RpcMethod.CreateUnary("cancel_probe_counters", RpcSchemas.Empty, DataclassResult, (_, _) =>
            Args.Return(Dataclass.Result(CancelCounters,
                Arrays.Int64(Interlocked.Read(ref s_producerCancels)),
                Arrays.Int64(Interlocked.Read(ref s_exchangeCancels)))));

        // reset_cancel_probe() -> None
        yield return RpcMethod.CreateUnary("reset_cancel_probe", RpcSchemas.Empty, RpcSchemas.Empty, (_, _) =>
        {
            Interlocked.Exchange(ref s_producerCancels, 0);
            Interlocked.Exchange(ref s_exchangeCancels, 0);
            return Args.Return(null);
        });
    }
}
