using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Workers;

/// <summary>
/// The <c>FunctionInfo</c> item of a table function overload (vgi-functions §3.8), with the values
/// vgi-python gives a table producer: the output schema is the EMPTY schema (the real one comes
/// from <c>bind</c>), stability and null handling are null, the pushdown flags, max_workers,
/// batch-index support and order preservation come from the definition, everything aggregate- or
/// buffering-specific is false.
/// </summary>
internal static class TableFunctionInfo
{
    public static FunctionInfo Create(TableFunctionDefinition definition) => new()
    {
        Comment = null,
        Tags = definition.Tags,
        Name = definition.Name,
        SchemaName = definition.Schema,
        FunctionType = FunctionType.Table,
        Arguments = definition.Arguments,
        OutputSchema = ProtocolDefaults.EmptySchema,
        Stability = null,
        NullHandling = null,
        Description = definition.Description,
        Examples = [],
        Categories = definition.Categories,
        ProjectionPushdown = definition.ProjectionPushdown,
        FilterPushdown = definition.FilterPushdown,
        SamplingPushdown = definition.SamplingPushdown,
        LateMaterialization = definition.LateMaterialization,
        SupportedExpressionFilters = definition.SupportedExpressionFilters,
        OrderPreservation = definition.OrderPreservation,
        MaxWorkers = definition.MaxWorkers,
        SupportsBatchIndex = definition.SupportsBatchIndex,
        PartitionKind = definition.PartitionKind,
        OrderDependent = OrderDependence.NotOrderDependent,
        DistinctDependent = DistinctDependence.NotDistinctDependent,
        SupportsWindow = false,
        StreamingPartitioned = false,
        HasFinalize = false,
        SourceOrderDependent = false,
        SinkOrderDependent = false,
        RequiresInputBatchIndex = false,
        RequiredSettings = definition.RequiredSettings,
        RequiredSecrets = definition.RequiredSecrets,
    };
}
