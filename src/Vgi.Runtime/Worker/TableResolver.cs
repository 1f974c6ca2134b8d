using System.Text;
using Apache.Arrow;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>A table function call bound to one overload: its definition, binding and call arguments.</summary>
internal sealed record BoundTable(TableFunctionDefinition Definition, TableBinding Binding);

/// <summary>
/// Binds a table function call (vgi-functions §4.3): every overload of the name is asked to bind
/// the call's positional and named arguments; the highest score wins (the first registered among
/// equals). <c>init</c>, <c>table_function_cardinality</c> and the other follow-up RPCs re-bind
/// from their embedded <c>bind_call</c>: each may reach another worker process than <c>bind</c>.
/// </summary>
internal static class TableResolver
{
    public static BoundTable Bind(FunctionSet functions, BindRequest request)
    {
        var candidates = functions.FindTables(request.FunctionName);
        if (candidates.Count == 0) throw WorkerErrors.UnknownFunction(request.FunctionName, functions.TableNames);

        Arguments arguments;
        try
        {
            arguments = request.Arguments is { Length: > 0 } bytes ? Arguments.FromIpcBytes(bytes) : Arguments.Empty;
        }
        catch (Exception e) when (e is Ipc.IpcFormatException or Codecs.ArrowRecordException)
        {
            throw WorkerErrors.ValueError($"{candidates[0].Name}: the call's arguments cannot be read: {e.Message}");
        }
        // Each batch is decoded once and offered both typed and as text.
        var settings = CallSettings.ReadBatch(request.Settings);
        var secrets = CallSettings.ReadBatch(request.Secrets);
        var context = new TableBindContext(arguments)
        {
            Settings = CallSettings.ReadSettings(settings),
            Secrets = CallSettings.ReadSecrets(secrets),
            SettingsBatch = settings,
            SecretsBatch = secrets,
            ResolvedSecretsProvided = request.ResolvedSecretsProvided,
            TransactionId = request.TransactionOpaqueData ?? [],
            AtUnit = request.AtUnit,
            AtValue = request.AtValue,
        };

        BoundTable? best = null;
        List<(TableFunctionDefinition Definition, string Reason)>? failures = null;
        foreach (var definition in candidates)
        {
            TableBinding? binding;
            try
            {
                binding = definition.Bind(context);
            }
            catch (TableBindException e)
            {
                (failures ??= []).Add((definition, e.Message));
                continue;
            }
            if (binding?.OutputSchema is null || binding.OpenScan is null)
                throw new InvalidOperationException($"{definition.Name}: its binder returned an incomplete binding (output schema and scan factory are required)");
            if (binding.OutputSchema.FieldsList.Count == 0)
                throw WorkerErrors.ValueError($"{definition.Name}: the bound output schema has no columns");
            if (best is null || binding.Score > best.Binding.Score) best = new BoundTable(definition, binding);
        }
        return best ?? throw NoOverloadFits(arguments, failures!);
    }

    /// <summary><c>name: reason</c> for a single overload; otherwise the call's shape and every overload's reason.</summary>
    private static RpcException NoOverloadFits(Arguments arguments, List<(TableFunctionDefinition Definition, string Reason)> failures)
    {
        if (failures.Count == 1) return WorkerErrors.TypeError($"{failures[0].Definition.Name}: {failures[0].Reason}");
        var text = new StringBuilder();
        text.Append("No overload of ").Append(failures[0].Definition.Name).Append(" matches the call ").Append(CallShape(arguments)).Append(':');
        foreach (var (definition, reason) in failures)
            text.Append("\n  ").Append(Signature(definition)).Append(": ").Append(reason);
        return WorkerErrors.TypeError(text.ToString());
    }

    /// <summary><c>(int64, utf8, step := int64)</c>.</summary>
    private static string CallShape(Arguments arguments)
    {
        var parts = arguments.Positional.Select(v => v.IsNull ? "NULL" : BatchCoercion.TypeText(v.Type))
            .Concat(arguments.Named.Select(n => $"{n.Key} := {(n.Value.IsNull ? "NULL" : BatchCoercion.TypeText(n.Value.Type))}"));
        return $"({string.Join(", ", parts)})";
    }

    /// <summary><c>sequence(start int64, stop int64, step := int64)</c>, from the definition's argument schema.</summary>
    private static string Signature(TableFunctionDefinition definition)
    {
        var parts = definition.Arguments.FieldsList.Select(f =>
            f.HasMetadata && f.Metadata.TryGetValue("vgi_arg", out var kind) && kind == "named"
                ? $"{f.Name} := {BatchCoercion.TypeText(f.DataType)}"
                : $"{f.Name} {BatchCoercion.TypeText(f.DataType)}");
        return $"{definition.Name}({string.Join(", ", parts)})";
    }

    /// <summary>The output schema restricted to <paramref name="projectionIds"/>, in that order (null = all columns).</summary>
    public static Schema Project(Schema output, IReadOnlyList<int>? projectionIds)
    {
        if (projectionIds is null) return output;
        var fields = new Field[projectionIds.Count];
        for (int i = 0; i < fields.Length; i++) fields[i] = output.FieldsList[projectionIds[i]];
        return new Schema(fields, output.Metadata);
    }
}
