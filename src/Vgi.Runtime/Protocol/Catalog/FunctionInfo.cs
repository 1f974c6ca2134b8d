using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>
/// One function overload of a catalog: an item of <c>catalog_schema_contents_functions</c>
/// (vgi-functions §3.8, vgi-catalog §3.7), validated strictly by the client.
/// </summary>
[ArrowRecord]
public sealed partial record FunctionInfo
{
    /// <summary>Python sends null for functions.</summary>
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    /// <summary>SQL name; overloads are several items with the same name.</summary>
    public string Name { get; init; } = "";

    public string SchemaName { get; init; } = "";

    public FunctionType FunctionType { get; init; }

    /// <summary>Argument schema (§4.2): positional fields in order, then named ones sorted; <c>vgi_*</c> field metadata.</summary>
    public Schema Arguments { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Scalar/aggregate: exactly one field (<c>result</c>); table: empty schema.</summary>
    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Scalar functions only.</summary>
    public FunctionStability? Stability { get; init; }

    /// <summary>Scalar and aggregate functions.</summary>
    public NullHandling? NullHandling { get; init; }

    public string Description { get; init; } = "";

    public IReadOnlyList<FunctionExample> Examples { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public bool? ProjectionPushdown { get; init; }

    public bool? FilterPushdown { get; init; }

    public bool? SamplingPushdown { get; init; }

    public bool? LateMaterialization { get; init; }

    /// <summary>Function names the worker can evaluate inside expression filters.</summary>
    public IReadOnlyList<string> SupportedExpressionFilters { get; init; } = [];

    public OrderPreservation? OrderPreservation { get; init; }

    /// <summary>Informational (init decides); declared NOT NULL, null for scalars (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public int? MaxWorkers { get; init; }

    public bool SupportsBatchIndex { get; init; }

    public PartitionKind PartitionKind { get; init; }

    public OrderDependence OrderDependent { get; init; }

    public DistinctDependence DistinctDependent { get; init; }

    public bool SupportsWindow { get; init; }

    public bool StreamingPartitioned { get; init; }

    public bool HasFinalize { get; init; }

    public bool SourceOrderDependent { get; init; }

    public bool SinkOrderDependent { get; init; }

    public bool RequiresInputBatchIndex { get; init; }

    /// <summary>Catalog settings the function needs (checked by the client before bind).</summary>
    public IReadOnlyList<string> RequiredSettings { get; init; } = [];

    public IReadOnlyList<RequiredSecret> RequiredSecrets { get; init; } = [];
}

/// <summary>A usage example of a function (the <c>examples</c> struct of <see cref="FunctionInfo"/>).</summary>
[ArrowRecord]
public sealed partial record FunctionExample
{
    public string Sql { get; init; } = "";

    public string Description { get; init; } = "";

    public string? ExpectedOutput { get; init; }
}

/// <summary>A secret a function needs at bind (the <c>required_secrets</c> struct of <see cref="FunctionInfo"/>).</summary>
[ArrowRecord]
public sealed partial record RequiredSecret
{
    public string SecretType { get; init; } = "";

    /// <summary>Scope for DuckDB's secret lookup; <c>""</c> = unscoped.</summary>
    public string? Scope { get; init; }

    /// <summary>A specific secret by name (its type must match).</summary>
    public string? SecretName { get; init; }
}
