using Apache.Arrow;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Workers;

/// <summary>
/// The <c>FunctionInfo</c> item of a scalar overload (vgi-functions §3.8), with the values
/// vgi-python gives a scalar: pushdown flags and <c>max_workers</c> null, empty lists and maps,
/// aggregate/buffering flags false.
/// </summary>
internal static class ScalarFunctionInfo
{
    public static FunctionInfo Create(ScalarFunctionDefinition definition) => new()
    {
        Comment = null,
        Tags = ProtocolDefaults.EmptyTags,
        Name = definition.Name,
        SchemaName = definition.Schema,
        FunctionType = FunctionType.Scalar,
        Arguments = definition.Arguments,
        OutputSchema = ResultSchema(definition.Result),
        Stability = definition.Stability,
        NullHandling = definition.NullHandling,
        Description = definition.Description,
        Examples = [],
        Categories = [],
        ProjectionPushdown = null,
        FilterPushdown = null,
        SamplingPushdown = null,
        LateMaterialization = null,
        SupportedExpressionFilters = [],
        OrderPreservation = OrderPreservation.PreservesOrder,
        MaxWorkers = null,
        SupportsBatchIndex = false,
        PartitionKind = PartitionKind.NotPartitioned,
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

    /// <summary><c>{result: T}</c>: the field's type, nullability and metadata under the name <c>result</c>.</summary>
    public static Schema ResultSchema(Field field) =>
        new([new Field("result", field.DataType, field.IsNullable, field.HasMetadata ? field.Metadata : null)], null);
}
