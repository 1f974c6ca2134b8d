using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The <c>bind</c> RPC (vgi-functions §3.1–3.2): resolves the call and answers its output schema.
/// DuckDB sends it twice per scalar statement (plan time, then on the execution connection) and
/// once per table function call (validation-2 C21), and may run it during planning for constant
/// folding; it keeps no state.
/// </summary>
internal static class BindMethod
{
    public static RpcMethod Create(FunctionSet functions) =>
        ProtocolMethods.Unary<BindParams, BindResult>("bind", (p, _) =>
        {
            var request = p.Request ?? throw WorkerErrors.ValueError("bind: the request carries no BindRequest");
            return request.FunctionType switch
            {
                FunctionType.Scalar => BindScalar(functions, request),
                FunctionType.Table => BindTable(functions, request),
                _ => throw Unsupported(request),
            };
        });

    private static BindResult BindScalar(FunctionSet functions, BindRequest request) => new()
    {
        OutputSchema = ScalarResolver.Bind(functions, request).OutputSchema,
        OpaqueData = null,
        LookupSecretTypes = [],
        LookupScopes = [],
        LookupNames = [],
    };

    /// <summary>Table functions answer their full (unprojected) output schema; the binding is redone at init.</summary>
    private static BindResult BindTable(FunctionSet functions, BindRequest request)
    {
        var binding = TableResolver.Bind(functions, request).Binding;
        var lookups = request.ResolvedSecretsProvided ? null : binding.SecretLookups;
        return new BindResult
        {
            OutputSchema = binding.OutputSchema,
            OpaqueData = binding.OpaqueData,
            LookupSecretTypes = [.. (lookups ?? []).Select(l => l.SecretType)],
            LookupScopes = [.. (lookups ?? []).Select(l => l.Scope ?? "")],
            LookupNames = [.. (lookups ?? []).Select(l => l.Name ?? "")],
        };
    }

    /// <summary>The function kinds this worker does not serve yet.</summary>
    public static RpcException Unsupported(BindRequest request) => request.FunctionType switch
    {
        FunctionType.TableBuffering =>
            WorkerErrors.NotImplemented($"{request.FunctionName}: table buffering functions are not served by this worker"),
        FunctionType.Aggregate =>
            WorkerErrors.NotImplemented($"{request.FunctionName}: aggregate functions are not served by this worker"),
        _ => WorkerErrors.ValueError($"{request.FunctionName}: unknown function type {request.FunctionType}"),
    };
}
