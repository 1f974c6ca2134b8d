using System.Text;
using Apache.Arrow;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>A scalar call bound to one overload: its definition, binding and <c>{result: T}</c> output schema.</summary>
internal sealed record BoundScalar(ScalarFunctionDefinition Definition, ScalarBinding Binding, Schema OutputSchema);

/// <summary>
/// Binds a scalar call (vgi-functions §4.3): every overload of the name is asked to bind the call's
/// input columns and constants; the highest score wins (the first registered among equals). The
/// same request always binds the same way, so <c>init</c> re-binds from its <c>bind_call</c>
/// instead of relying on state from the <c>bind</c> RPC, which may have run in another process.
/// </summary>
internal static class ScalarResolver
{
    public static BoundScalar Bind(FunctionSet functions, BindRequest request)
    {
        var candidates = functions.FindScalars(request.FunctionName);
        if (candidates.Count == 0) throw WorkerErrors.UnknownFunction(request.FunctionName, functions.ScalarNames);

        var input = request.InputSchema ?? RpcSchemas.Empty;
        Arguments constants;
        try
        {
            constants = request.Arguments is { Length: > 0 } bytes ? Arguments.FromIpcBytes(bytes) : Arguments.Empty;
        }
        catch (Exception e) when (e is Ipc.IpcFormatException or Codecs.ArrowRecordException)
        {
            throw WorkerErrors.ValueError($"{candidates[0].Name}: the call's constant arguments cannot be read: {e.Message}");
        }
        var context = new ScalarBindContext(input, constants);

        BoundScalar? best = null;
        List<(ScalarFunctionDefinition Definition, string Reason)>? failures = null;
        foreach (var definition in candidates)
        {
            ScalarBinding? binding;
            try
            {
                binding = definition.Bind(context);
            }
            catch (ScalarBindException e)
            {
                (failures ??= []).Add((definition, e.Message));
                continue;
            }
            if (binding?.Output is null || binding.Kernel is null)
                throw new InvalidOperationException($"{definition.Name}: its binder returned an incomplete binding (output field and kernel are required)");
            if (best is null || binding.Score > best.Binding.Score)
                best = new BoundScalar(definition, binding, ScalarFunctionInfo.ResultSchema(binding.Output));
        }
        return best ?? throw NoOverloadFits(input, constants, failures!);
    }

    /// <summary><c>name: reason</c> for a single overload; otherwise the call's shape and every overload's reason.</summary>
    private static RpcException NoOverloadFits(Schema input, Arguments constants, List<(ScalarFunctionDefinition Definition, string Reason)> failures)
    {
        if (failures.Count == 1) return WorkerErrors.TypeError($"{failures[0].Definition.Name}: {failures[0].Reason}");
        var text = new StringBuilder();
        text.Append("No overload of ").Append(failures[0].Definition.Name).Append(" matches the call ").Append(CallShape(input, constants)).Append(':');
        foreach (var (definition, reason) in failures)
            text.Append("\n  ").Append(Signature(definition)).Append(": ").Append(reason);
        return WorkerErrors.TypeError(text.ToString());
    }

    /// <summary><c>(col_0: int64; constants: int64)</c>.</summary>
    private static string CallShape(Schema input, Arguments constants)
    {
        string columns = string.Join(", ", input.FieldsList.Select(f => $"{f.Name}: {BatchCoercion.TypeText(f.DataType)}"));
        string consts = string.Join(", ", constants.Positional.Select(v => v.IsNull ? "NULL" : BatchCoercion.TypeText(v.Type)));
        return constants.Positional.Count == 0 ? $"({columns})" : $"({columns}; constants: {consts})";
    }

    /// <summary><c>multiply(value int64, factor int64 const)</c>, from the definition's argument schema.</summary>
    private static string Signature(ScalarFunctionDefinition definition)
    {
        var parts = definition.Arguments.FieldsList.Select(f =>
        {
            string text = $"{f.Name} {BatchCoercion.TypeText(f.DataType)}";
            if (f.HasMetadata && f.Metadata.TryGetValue("vgi_const", out var isConst) && isConst == "true") text += " const";
            if (f.HasMetadata && f.Metadata.TryGetValue("vgi_varargs", out var isVarargs) && isVarargs == "true") text += "...";
            return text;
        });
        return $"{definition.Name}({string.Join(", ", parts)})";
    }
}
