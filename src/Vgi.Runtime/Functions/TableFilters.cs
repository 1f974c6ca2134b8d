using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// The filters DuckDB pushed into a table scan, as a conjunction. The worker can apply them exactly
/// (<see cref="Apply"/>); a function can also inspect them to skip work.
/// </summary>
public sealed class TableFilters
{
    public static readonly TableFilters None = new();

    /// <summary>True when nothing was pushed.</summary>
    public bool IsEmpty => true;

    /// <summary>The rows of <paramref name="batch"/> that satisfy every filter.</summary>
    public RecordBatch Apply(RecordBatch batch) => batch;
}
