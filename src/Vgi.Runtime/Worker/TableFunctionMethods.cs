using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The planner RPCs of table functions (vgi-functions §3.5, validation-2 C21/C25), each a pooled
/// unary call that re-binds from its <c>bind_call</c>. All three answer rather than fail: an error
/// costs a worker process per statement on stdio, and "unknown" is always a valid answer.
/// </summary>
internal static class TableFunctionMethods
{
    public static IEnumerable<RpcMethod> Create(FunctionSet functions)
    {
        yield return ProtocolMethods.Unary<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            (p, _) => Cardinality(functions, p.Request));
        // No statistics: a null result is the clean "none" (a zero-row batch would claim the columns are empty).
        yield return ProtocolMethods.RawBytes<TableFunctionStatisticsParams>("table_function_statistics", nullable: true, (_, _) => null);
        yield return ProtocolMethods.Unary<TableFunctionDynamicToStringParams, TableFunctionDynamicToStringResult>("table_function_dynamic_to_string",
            (_, _) => new TableFunctionDynamicToStringResult { Keys = [], Values = [] });
    }

    /// <summary>The binding's estimate and maximum; nulls (unknown) when the call does not bind here.</summary>
    private static TableFunctionCardinalityResult Cardinality(FunctionSet functions, TableFunctionCardinalityRequest? request)
    {
        if (request?.BindCall is not { } bindCall) return new TableFunctionCardinalityResult();
        try
        {
            var binding = TableResolver.Bind(functions, bindCall).Binding;
            return new TableFunctionCardinalityResult { Estimate = binding.CardinalityEstimate, Max = binding.CardinalityMax };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // bind reported this already; init will report it again if the query goes on.
            return new TableFunctionCardinalityResult();
        }
    }
}
