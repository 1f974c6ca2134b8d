using Vgi.Hosting;
using Vgi.Rpc;
using Vgi.Rpc.Conformance.Methods;

// The vgi-rpc conformance service (vgi-rpc-wire.md §10), one file per method group. Stdio by
// default; --unix PATH --idle-timeout SEC, --describe and --access-log PATH as every worker.
RpcMethod[] methods =
[
    .. EchoMethods.Create(),
    .. DataclassMethods.Create(),
    .. AnnotatedMethods.Create(),
    .. CompositeMethods.Create(),
    .. MultiParamMethods.Create(),
    .. ErrorLogMethods.Create(),
    .. ProducerMethods.Create(),
    .. ExchangeMethods.Create(),
    .. CancelMethods.Create(),
];

return await RpcHost.RunAsync(args, methods, new RpcServerOptions
{
    ProtocolName = "ConformanceService",
    ProtocolVersion = "1.0.0",
});
