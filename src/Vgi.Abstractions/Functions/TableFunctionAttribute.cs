namespace Vgi;

/// <summary>
/// Serves a static method as a DuckDB table function (<c>SELECT * FROM w.main.f(...)</c>). The method
/// returns <c>IEnumerable&lt;T&gt;</c> or <c>IAsyncEnumerable&lt;T&gt;</c> of a record, record struct or
/// named tuple; its members are the output columns. Required parameters are positional arguments;
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

    /// <summary>Rows per emitted batch (default 2048).</summary>
    public int BatchSize { get; set; } = 2048;
}
