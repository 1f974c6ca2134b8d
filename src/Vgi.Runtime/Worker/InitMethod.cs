using System.Security.Cryptography;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The <c>init</c> stream (vgi-functions §3.3–3.4, §5.1–5.2): re-binds from the embedded
/// <c>bind_call</c> (this connection may be another process than the one that answered
/// <c>bind</c>), answers the <c>GlobalInitResponse</c> header, then serves the data phase: an
/// exchange for scalars (<see cref="ScalarExchange"/>), a producer for table functions
/// (<see cref="TableProducer"/>).
/// </summary>
internal static class InitMethod
{
    public static RpcMethod Create(FunctionSet functions) =>
        RpcMethod.CreateStream("init", InitParams.ArrowSchema, GlobalInitResponse.ArrowSchema, (request, context) =>
        {
            var init = ProtocolMethods.ReadParams<InitParams>(request).Request
                ?? throw WorkerErrors.ValueError("init: the request carries no InitRequest");
            var bindCall = init.BindCall ?? throw WorkerErrors.ValueError("init: the request carries no bind_call");
            RpcStream stream = bindCall.FunctionType switch
            {
                FunctionType.Scalar => new ScalarExchange(ScalarResolver.Bind(functions, bindCall), bindCall, context, Header()),
                FunctionType.Table => TableProducer.Open(functions, init, context),
                _ => throw BindMethod.Unsupported(bindCall),
            };
            return new ValueTask<RpcStream>(stream);
        });

    /// <summary>A fresh execution id (16 random bytes, like Python's UUID4), no opaque data, one stream.</summary>
    private static Apache.Arrow.RecordBatch Header() => GlobalInitResponse.ToRecordBatch(
    [
        new GlobalInitResponse { ExecutionId = RandomNumberGenerator.GetBytes(16), OpaqueData = null, MaxWorkers = 1 },
    ]);
}
