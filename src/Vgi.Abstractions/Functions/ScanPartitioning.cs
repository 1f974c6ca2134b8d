namespace Vgi;

/// <summary>How a table function's batches relate to its partition columns (fields marked <c>vgi.partition_column</c>).</summary>
public enum ScanPartitioning
{
    /// <summary>No partition columns.</summary>
    None,

    /// <summary>Every batch holds a single value of the partition columns (DuckDB can plan a partitioned aggregate).</summary>
    SingleValue,

    /// <summary>Batches hold disjoint ranges of the partition columns.</summary>
    Disjoint,
}
