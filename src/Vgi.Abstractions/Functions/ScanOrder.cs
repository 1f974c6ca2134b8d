namespace Vgi;

/// <summary>What a table function promises about the order of its rows (DuckDB order preservation).</summary>
public enum ScanOrder
{
    /// <summary>Rows keep the order the function emits them in (DuckDB insertion order).</summary>
    PreservesOrder,

    /// <summary>No order promised: DuckDB may interleave parallel streams freely.</summary>
    NoOrderGuarantee,

    /// <summary>The order is part of the result: DuckDB runs the scan on one thread unless batches carry a batch index.</summary>
    FixedOrder,
}
