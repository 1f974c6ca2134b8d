namespace Vgi.Protocol;

/// <summary>Stability of a scalar function (<c>FunctionInfo.stability</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum FunctionStability
{
    Consistent,
    Volatile,
    ConsistentWithinQuery,
}

/// <summary>How a scalar or aggregate function treats NULL inputs (<c>FunctionInfo.null_handling</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum NullHandling
{
    /// <summary>NULL in, NULL out; the function never sees NULL rows.</summary>
    Default,

    /// <summary>The function receives NULLs and decides itself.</summary>
    Special,
}

/// <summary>Output order guarantee of a table function (<c>FunctionInfo.order_preservation</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum OrderPreservation
{
    PreservesOrder,
    NoOrderGuarantee,
    FixedOrder,
}

/// <summary>How a table function's output is partitioned (<c>FunctionInfo.partition_kind</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum PartitionKind
{
    NotPartitioned,
    SingleValuePartitions,
    OverlappingPartitions,
    DisjointPartitions,
}

/// <summary>Whether an aggregate's result depends on input order (<c>FunctionInfo.order_dependent</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum OrderDependence
{
    OrderDependent,
    NotOrderDependent,
}

/// <summary>Whether an aggregate's result depends on DISTINCT (<c>FunctionInfo.distinct_dependent</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum DistinctDependence
{
    DistinctDependent,
    NotDistinctDependent,
}
