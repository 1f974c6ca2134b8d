using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Errors and logs group. The raise_* methods fail with the Python exception type named in the
/// method (wire text <c>"&lt;Type&gt;: &lt;message&gt;"</c>); the echo_with_* methods return their
/// <c>value</c> after emitting log batches.
/// </summary>
public static class ErrorLogMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        yield return Raise("raise_value_error", "ValueError");
        yield return Raise("raise_runtime_error", "RuntimeError");
        yield return Raise("raise_type_error", "TypeError");

        yield return Logged("echo_with_info_log", (context, value) =>
            context.Log(RpcLogLevel.Info, $"info: {value}"));

        yield return Logged("echo_with_multi_logs", (context, value) =>
        {
            context.Log(RpcLogLevel.Debug, $"debug: {value}");
            context.Log(RpcLogLevel.Info, $"info: {value}");
            context.Log(RpcLogLevel.Warn, $"warn: {value}");
        });

        yield return Logged("echo_with_log_extras", (context, value) =>
            context.Log(RpcLogLevel.Info, $"extras: {value}", [new("key", "value"), new("count", 42)]));

        yield return Logged("echo_with_all_log_levels", (context, value) =>
        {
            context.Log(RpcLogLevel.Error, $"error: {value}");
            context.Log(RpcLogLevel.Warn, $"warn: {value}");
            context.Log(RpcLogLevel.Info, $"info: {value}");
            context.Log(RpcLogLevel.Debug, $"debug: {value}");
            context.Log(RpcLogLevel.Trace, $"trace: {value}");
        });
    }

    /// <summary><c>name(message: str) -> str</c> that always raises <paramref name="typeName"/>(message).</summary>
    private static RpcMethod Raise(string name, string typeName) =>
        RpcMethod.CreateUnary(name, Of(F("message", Utf8)), Result(Utf8),
            (request, _) => throw new RpcException(typeName, Args.Utf8(request, "message")));

    /// <summary><c>name(value: str) -> str</c> that logs before answering.</summary>
    private static RpcMethod Logged(string name, Action<RpcCallContext, string> log) =>
        RpcMethod.CreateUnary(name, Value(Utf8), Result(Utf8), (request, context) =>
        {
            string value = Args.Utf8(request, "value");
            log(context, value);
            return Args.Return(Arrays.Utf8(value));
        });
}
