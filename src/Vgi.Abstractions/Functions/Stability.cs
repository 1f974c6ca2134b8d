namespace Vgi;

/// <summary>How a function's result depends on its inputs (DuckDB function stability).</summary>
public enum Stability
{
    /// <summary>Same inputs, same result: DuckDB may fold constant calls at plan time.</summary>
    Consistent,

    /// <summary>May differ on every call (random, clock): never folded or cached.</summary>
    Volatile,

    /// <summary>Fixed within one query (e.g. the query's start time).</summary>
    ConsistentWithinQuery,
}
