using Apache.Arrow;
using Vgi.Protocol;

namespace Vgi.Functions;

/// <summary>
/// One table function overload as the worker serves it (<c>SELECT * FROM w.main.f(...)</c>): what
/// <c>FunctionInfo</c> advertises and how to bind a call. Generated code creates these for
/// <see cref="TableFunctionAttribute"/> methods; hand-written ones (e.g. returning batches with a
/// bind-computed schema) are equally valid.
/// </summary>
public sealed class TableFunctionDefinition
{
    public required string Name { get; init; }

    public string Schema { get; init; } = "main";

    public string Description { get; init; } = "";

    /// <summary>
    /// <c>FunctionInfo.arguments</c>: positional fields first, in order, then named ones sorted by name
    /// (field metadata <c>vgi_arg = named</c>).
    /// </summary>
    public required Schema Arguments { get; init; }

    /// <summary>Only projected columns are produced; the worker asks DuckDB for projection ids.</summary>
    public bool ProjectionPushdown { get; init; } = true;

    /// <summary>DuckDB sends its WHERE filters on the output columns (<see cref="TableScanContext.Filters"/>).</summary>
    public bool FilterPushdown { get; init; }

    /// <summary>
    /// The worker applies pushed filters to every emitted batch itself. DuckDB drops pushed predicates
    /// from its plan, so a function that pushes filters and does not apply them exactly must leave this on.
    /// </summary>
    public bool AutoApplyFilters { get; init; } = true;

    /// <summary>Parallel scan streams (<c>max_workers</c>); secondaries share work through the function.</summary>
    public int MaxWorkers { get; init; } = 1;

    /// <summary>Every non-empty batch carries <c>vgi_batch_index</c> (<see cref="TableScan.BatchIndex"/>, else the stream's batch number).</summary>
    public bool SupportsBatchIndex { get; init; }

    public OrderPreservation OrderPreservation { get; init; } = OrderPreservation.PreservesOrder;

    /// <summary>
    /// Rows per emitted batch, passed to the scan as <see cref="TableScanContext.BatchSize"/> (default 2048,
    /// DuckDB's vector size); a call's <see cref="TableBinding.BatchSize"/> overrides it.
    /// </summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>DuckDB passes TABLESAMPLE hints (<see cref="TableScanContext.Sample"/>) instead of sampling above the scan.</summary>
    public bool SamplingPushdown { get; init; }

    /// <summary>The function takes part in late materialization (its output has an <c>is_row_id</c> column).</summary>
    public bool LateMaterialization { get; init; }

    /// <summary>Expression filters DuckDB may push down (<c>supported_expression_filters</c>), e.g. <c>starts_with</c>.</summary>
    public IReadOnlyList<string> SupportedExpressionFilters { get; init; } = [];

    /// <summary>
    /// How batches relate to the partition columns (output fields with metadata
    /// <c>vgi.partition_column = true</c>); not <see cref="PartitionKind.NotPartitioned"/> means every
    /// non-empty batch carries <c>vgi_partition_values#b64</c> (<see cref="TableScan.PartitionValues"/>).
    /// </summary>
    public PartitionKind PartitionKind { get; init; } = PartitionKind.NotPartitioned;

    /// <summary>Catalog listing categories (<c>FunctionInfo.categories</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Catalog tags (<c>FunctionInfo.tags</c>).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    /// <summary>Catalog settings the function reads; DuckDB refuses to bind while one is unset.</summary>
    public IReadOnlyList<string> RequiredSettings { get; init; } = [];

    /// <summary>Secrets DuckDB resolves before bind (<see cref="TableBindContext.Secrets"/>, <see cref="VgiContext.Secrets"/>).</summary>
    public IReadOnlyList<RequiredSecret> RequiredSecrets { get; init; } = [];

    /// <summary>
    /// <c>table_function_dynamic_to_string</c> (EXPLAIN ANALYZE, once per scan thread at the end):
    /// key/value lines for the execution. Must not throw; a failure answers no lines.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, IReadOnlyList<KeyValuePair<string, string>>>? DynamicToString { get; init; }

    /// <summary>Checks a call's arguments and returns the output schema and the scan factory.</summary>
    public required TableBinder Bind { get; init; }
}

/// <summary>Binds one call, or throws <see cref="TableBindException"/> saying why the arguments do not fit.</summary>
public delegate TableBinding TableBinder(TableBindContext context);

/// <summary>What DuckDB sends at bind: positional and named argument values, settings and secrets.</summary>
public sealed class TableBindContext(Arguments arguments)
{
    public Arguments Arguments { get; } = arguments;

    /// <summary>Catalog settings DuckDB sent (the function's required settings), as text by name.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Secrets DuckDB resolved for the call, by secret type.</summary>
    public IReadOnlyDictionary<string, VgiSecret> Secrets { get; init; } = new Dictionary<string, VgiSecret>();

    /// <summary>The raw settings batch (one row, one column per setting, typed), when DuckDB sent one.</summary>
    public RecordBatch? SettingsBatch { get; init; }

    /// <summary>The raw secrets batch (one row, one struct column per secret type), when DuckDB sent one.</summary>
    public RecordBatch? SecretsBatch { get; init; }

    /// <summary>True on the second bind of a two-phase secret lookup (<see cref="TableBinding.SecretLookups"/>).</summary>
    public bool ResolvedSecretsProvided { get; init; }

    /// <summary>The DuckDB transaction the call runs in (<c>transaction_opaque_data</c>); empty outside one.</summary>
    public ReadOnlyMemory<byte> TransactionId { get; init; }

    /// <summary>Values scoped to <see cref="TransactionId"/>; null outside a transaction.</summary>
    public TransactionStorage? Transaction => TransactionId.IsEmpty ? null : TransactionStorage.For(TransactionId.Span);

    /// <summary>Time-travel clause of a catalog table scan (<c>AT (VERSION =&gt; 2)</c>): unit and value as text, or null.</summary>
    public string? AtUnit { get; init; }

    public string? AtValue { get; init; }
}

/// <summary>A successful bind.</summary>
/// <param name="OutputSchema">The full (unprojected) output schema.</param>
/// <param name="OpenScan">Opens one scan stream per <c>init</c> (primary or secondary).</param>
/// <param name="Score">Higher is a better match; picks among overloads.</param>
public sealed record TableBinding(Schema OutputSchema, Func<TableScanContext, TableScan> OpenScan, int Score)
{
    /// <summary>Estimated and maximum row counts for the planner (<c>table_function_cardinality</c>); null = unknown.</summary>
    public long? CardinalityEstimate { get; init; }

    public long? CardinalityMax { get; init; }

    /// <summary>
    /// Rows per emitted batch for this call (<see cref="TableScanContext.BatchSize"/>), at least 1, e.g. from a
    /// <c>batch_size</c> argument; null = the definition's <see cref="TableFunctionDefinition.BatchSize"/>.
    /// </summary>
    public int? BatchSize { get; init; }

    /// <summary>Column statistics for the planner (<c>table_function_statistics</c>); null = none.</summary>
    public IReadOnlyList<ColumnStatistics>? Statistics { get; init; }

    /// <summary>
    /// Two-phase secret bind (vgi-functions §4.6): secrets to resolve and bind again with. DuckDB
    /// answers with a second bind carrying them (<see cref="TableBindContext.ResolvedSecretsProvided"/>).
    /// </summary>
    public IReadOnlyList<SecretLookup>? SecretLookups { get; init; }

    /// <summary>Bytes carried from bind to every init (<c>bind_opaque_data</c>), e.g. a value computed at bind.</summary>
    public byte[]? OpaqueData { get; init; }

    /// <summary>
    /// Bytes the primary init answers as <c>opaque_data</c>; DuckDB forwards them to the secondary
    /// inits of a parallel scan (<see cref="TableScanContext.InitOpaqueData"/>).
    /// </summary>
    public byte[]? InitOpaqueData { get; init; }
}

/// <summary>One secret to look up: its type, and optionally a scope (a path or URL) and a name.</summary>
public sealed record SecretLookup(string SecretType, string? Scope = null, string? Name = null);

/// <summary>The call does not fit this overload; the message names the argument and the expected type.</summary>
public sealed class TableBindException(string message) : Exception(message);
