namespace Vgi;

/// <summary>
/// Serves a static method as a DuckDB table function (<c>SELECT * FROM w.main.f(...)</c>). The method
/// returns <c>IEnumerable&lt;T&gt;</c> or <c>IAsyncEnumerable&lt;T&gt;</c> of a record, record struct or
/// named tuple; its members are the output columns. To decide the batches itself, it yields
/// <c>Vgi.Functions.RowBatch&lt;T&gt;</c> instead: each is sent as one Arrow batch, with its own batch
/// index, partition values and metadata. Required parameters are positional arguments;
/// optional parameters are named arguments (<c>f(1, step := 2)</c>) with their C# defaults.
/// A parameter of type <c>Vgi.Functions.TableScanContext</c>, <see cref="VgiContext"/> or
/// <see cref="System.Threading.CancellationToken"/> is injected, not an SQL argument.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class TableFunctionAttribute : Attribute
{
    public TableFunctionAttribute()
    {
    }

    /// <param name="name">The SQL name, when snake_case of the method name is not it.</param>
    public TableFunctionAttribute(string name) => Name = name;

    public string? Name { get; }

    /// <summary>The catalog schema the function is listed in (default <c>main</c>).</summary>
    public string? Schema { get; set; }

    /// <summary>Overrides the description taken from the XML doc comment.</summary>
    public string? Description { get; set; }

    /// <summary>Ask DuckDB to push WHERE filters down (they reach the method through <c>TableScanContext.Filters</c>).</summary>
    public bool FilterPushdown { get; set; }

    /// <summary>
    /// With <see cref="FilterPushdown"/>, the worker also applies the pushed filters exactly to every
    /// batch (default true): DuckDB drops pushed predicates from its plan. Turn off only when the
    /// method applies every filter itself.
    /// </summary>
    public bool ApplyFilters { get; set; } = true;

    /// <summary>Parallel scan streams (<c>max_workers</c>, default 1).</summary>
    public int MaxWorkers { get; set; } = 1;

    /// <summary>Rows per emitted batch (default 2048); a <see cref="BatchSizeAttribute"/> argument overrides it per call.</summary>
    public int BatchSize { get; set; } = 2048;

    /// <summary>
    /// The number of rows every call returns, when it is fixed: the planner gets it as the cardinality
    /// estimate and maximum (<c>table_function_cardinality</c>). Default -1: unknown. For a count that
    /// depends on an argument, mark that argument <see cref="RowCountAttribute"/> instead.
    /// </summary>
    public long Cardinality { get; set; } = -1;

    /// <summary>Only the columns the query reads are produced (default true); off, every batch carries all columns.</summary>
    public bool ProjectionPushdown { get; set; } = true;

    /// <summary>DuckDB passes TABLESAMPLE percentage and seed (<c>TableScanContext.Sample</c>) instead of sampling above the scan.</summary>
    public bool SamplingPushdown { get; set; }

    /// <summary>The function takes part in late materialization (its output has a row-id column).</summary>
    public bool LateMaterialization { get; set; }

    /// <summary>Expression filters DuckDB may push down (<c>supported_expression_filters</c>), e.g. <c>starts_with</c>.</summary>
    public string[]? ExpressionFilters { get; set; }

    /// <summary>The order promise of the rows (default <see cref="ScanOrder.PreservesOrder"/>).</summary>
    public ScanOrder Order { get; set; }

    /// <summary>
    /// Every batch carries a batch index that orders it across parallel streams: the stream's batch number,
    /// or the <c>RowBatch&lt;T&gt;.BatchIndex</c> the method gives it.
    /// </summary>
    public bool SupportsBatchIndex { get; set; }

    /// <summary>How batches relate to the partition columns of the output.</summary>
    public ScanPartitioning Partitioning { get; set; }

    /// <summary>Catalog listing categories (<c>FunctionInfo.categories</c>).</summary>
    public string[]? Categories { get; set; }

    /// <summary>Catalog tags as alternating keys and values: <c>Tags = ["category", "generator"]</c>.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Catalog settings the function reads (<see cref="VgiContext.Settings"/>); DuckDB refuses to bind when one is unset.</summary>
    public string[]? RequiredSettings { get; set; }

    /// <summary>Secret types the function needs (<see cref="VgiContext.Secrets"/>), resolved by DuckDB before bind.</summary>
    public string[]? RequiredSecrets { get; set; }

    /// <summary>
    /// Names a static method of the same class that supplies the planner's column statistics for a call
    /// (<c>table_function_statistics</c>). It takes the function's SQL parameters (same names and types,
    /// in the same order, no injected parameters) and returns
    /// <c>IEnumerable&lt;Vgi.Functions.ColumnStatistics&gt;?</c>; null means no statistics. It runs at bind,
    /// once per call: <c>Statistics = nameof(SeriesStatistics)</c>.
    /// </summary>
    public string? Statistics { get; set; }

    /// <summary>
    /// Names a static void method of the same class that checks a call's arguments at bind. It takes the
    /// function's SQL parameters (same names and types, in the same order, no injected parameters) and runs
    /// after the arguments are read and their declared checks pass. An exception it throws fails the bind:
    /// DuckDB reports its class name and message; a <c>Vgi.Functions.TableBindException</c> is an argument
    /// mismatch, as for the declared checks: <c>Validate = nameof(CheckRange)</c>.
    /// </summary>
    public string? Validate { get; set; }
}
