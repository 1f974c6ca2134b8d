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
        yield return ProtocolMethods.RawBytes<TableFunctionStatisticsParams>("table_function_statistics", nullable: true,
            (p, _) => Statistics(functions, p.Request));
        yield return ProtocolMethods.Unary<TableFunctionDynamicToStringParams, TableFunctionDynamicToStringResult>("table_function_dynamic_to_string",
            (p, _) => DynamicToString(functions, p.Request));
    }

    /// <summary>The binding's column statistics; null (none) when it has none or the call does not bind here.</summary>
    private static byte[]? Statistics(FunctionSet functions, TableFunctionStatisticsRequest? request)
    {
        if (request?.BindCall is not { } bindCall) return null;
        try
        {
            var binding = TableResolver.Bind(functions, bindCall).Binding;
            return binding.Statistics is { Count: > 0 } statistics ? StatisticsBatch.Encode(statistics, binding.OutputSchema) : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The definition's EXPLAIN ANALYZE lines for the execution; none when it has no hook or the hook fails (it must never fail).</summary>
    private static TableFunctionDynamicToStringResult DynamicToString(FunctionSet functions, TableFunctionDynamicToStringRequest? request)
    {
        var none = new TableFunctionDynamicToStringResult { Keys = [], Values = [] };
        if (request?.BindCall is not { } bindCall) return none;
        try
        {
            var definition = TableResolver.Bind(functions, bindCall).Definition;
            if (definition.DynamicToString is not { } hook) return none;
            var lines = hook(request.GlobalExecutionId);
            return new TableFunctionDynamicToStringResult { Keys = [.. lines.Select(l => l.Key)], Values = [.. lines.Select(l => l.Value)] };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return none;
        }
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
