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

    /// <summary>Rows per emitted batch, passed to the scan as <see cref="TableScanContext.BatchSize"/> (default 2048, DuckDB's vector size).</summary>
    public int BatchSize { get; init; } = 2048;

    /// <summary>Checks a call's arguments and returns the output schema and the scan factory.</summary>
    public required TableBinder Bind { get; init; }
}

/// <summary>Binds one call, or throws <see cref="TableBindException"/> saying why the arguments do not fit.</summary>
public delegate TableBinding TableBinder(TableBindContext context);

/// <summary>What DuckDB sends at bind: positional and named argument values.</summary>
public sealed class TableBindContext(Arguments arguments)
{
    public Arguments Arguments { get; } = arguments;
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
}

/// <summary>The call does not fit this overload; the message names the argument and the expected type.</summary>
public sealed class TableBindException(string message) : Exception(message);
