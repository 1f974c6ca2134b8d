using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// Planner statistics of one output column (<c>table_function_statistics</c>, vgi-functions §3.5):
/// bounds, null presence and distinct count. <see cref="Min"/> and <see cref="Max"/> are one-value
/// arrays of the column's Arrow type (null = unknown).
/// </summary>
public sealed record ColumnStatistics(string ColumnName, IArrowArray? Min, IArrowArray? Max, bool HasNull, bool HasNotNull = true)
{
    public long? DistinctCount { get; init; }

    /// <summary>String columns: whether any value has a non-ASCII character.</summary>
    public bool? ContainsUnicode { get; init; }

    /// <summary>String columns: the longest value in bytes.</summary>
    public ulong? MaxStringLength { get; init; }
}
