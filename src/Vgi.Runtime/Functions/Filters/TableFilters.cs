using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// The filters DuckDB pushed into a table scan, as a conjunction: the init-time filters
/// (<c>pushdown_filters</c> + <c>join_keys</c>) AND the latest dynamic Top-N set a tick carried
/// (<c>vgi_pushdown_filters</c>; validation-2 C18). Immutable: a new tick set gives a new instance.
/// The worker applies them exactly (<see cref="Apply"/>) when the definition says
/// <c>AutoApplyFilters</c>; a function can also inspect <see cref="Filters"/> to skip work
/// (e.g. start a range scan at a lower bound).
/// </summary>
/// <remarks>
/// Filters name their column by the bind-schema name (<see cref="TableFilter.ColumnName"/>) and are
/// matched to a batch's columns by that name, so the projection order does not matter.
/// </remarks>
public sealed class TableFilters
{
    /// <summary>No filters (also what a null or <c>[]</c> <c>filter_spec</c> decodes to).</summary>
    public static readonly TableFilters None = new([], []);

    private readonly TableFilter[] _static;
    private readonly TableFilter[] _dynamic;
    private readonly TableFilter[] _all;

    /// <summary>A conjunction of <paramref name="filters"/> (all static: each must be applicable to the batches).</summary>
    public TableFilters(IEnumerable<TableFilter> filters)
        : this([.. filters ?? throw new ArgumentNullException(nameof(filters))], [])
    {
    }

    private TableFilters(TableFilter[] staticFilters, TableFilter[] dynamicFilters)
    {
        _static = staticFilters;
        _dynamic = dynamicFilters;
        _all = dynamicFilters.Length == 0 ? staticFilters : [.. staticFilters, .. dynamicFilters];
    }

    /// <summary>Every filter, ANDed: the init filters, then the dynamic ones.</summary>
    public IReadOnlyList<TableFilter> Filters => _all;

    /// <summary>The dynamic (Top-N) filters of the latest tick that carried any; empty before the first.</summary>
    public IReadOnlyList<TableFilter> DynamicFilters => _dynamic;

    /// <summary>True when nothing was pushed.</summary>
    public bool IsEmpty => _all.Length == 0;

    /// <summary>
    /// False when some init filter cannot be evaluated by the worker (an <see cref="ExpressionFilter"/>
    /// calling a function); <see cref="Apply"/> would then fail. Dynamic filters that cannot be
    /// evaluated are skipped instead (they only prune).
    /// </summary>
    public bool CanApply => _static.All(f => f.CanApply);

    /// <summary>The top-level filters on <paramref name="columnName"/> (matched like batch columns: exact name, else case-insensitively).</summary>
    public IEnumerable<TableFilter> On(string columnName)
    {
        bool exact = _all.Any(f => f.ColumnName == columnName);
        return _all.Where(f => exact ? f.ColumnName == columnName : string.Equals(f.ColumnName, columnName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Decodes the init-time filters: the <c>pushdown_filters</c> batch and the <c>join_keys</c>
    /// streams. An empty or null <c>filter_spec</c>, or <c>[]</c>, gives <see cref="None"/>.
    /// </summary>
    /// <exception cref="FilterFormatException">The batch cannot be read, or holds a filter this runtime does not know.</exception>
    public static TableFilters Decode(ReadOnlyMemory<byte> pushdownFilters, IReadOnlyList<byte[]>? joinKeys = null)
    {
        var filters = FilterDecoder.Decode(pushdownFilters, joinKeys, lenient: false);
        return filters.Length == 0 ? None : new TableFilters(filters, []);
    }

    /// <summary>
    /// Decodes a tick's dynamic filters: the filter batch, base64-encoded (the value of the tick's
    /// <c>vgi_pushdown_filters</c> metadata). Unknown filter kinds are dropped, not fatal: DuckDB's
    /// Top-N still runs above the scan.
    /// </summary>
    /// <exception cref="FilterFormatException">Not base64, or not a filter batch.</exception>
    public static TableFilters DecodeDynamic(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new FilterFormatException("vgi_pushdown_filters is not base64", e);
        }
        var filters = FilterDecoder.Decode(bytes, null, lenient: true);
        return filters.Length == 0 ? None : new TableFilters([], filters);
    }

    /// <summary>These filters' init part AND <paramref name="dynamic"/>'s filters as the dynamic part (replacing the previous dynamic set).</summary>
    public TableFilters WithDynamic(TableFilters dynamic)
    {
        ArgumentNullException.ThrowIfNull(dynamic);
        if (dynamic._all.Length == 0 && _dynamic.Length == 0) return this;
        return new TableFilters(_static, dynamic._all);
    }

    /// <summary>
    /// Clears <paramref name="selected"/>[i] for every row i of <paramref name="batch"/> that fails a
    /// filter (rows already cleared stay cleared). Columns are found by name. A dynamic filter on a
    /// column the batch lacks, or one that cannot be evaluated, is skipped (it only prunes); an init
    /// filter on a missing column is an error.
    /// </summary>
    /// <exception cref="InvalidOperationException">An init filter names a column the batch does not have.</exception>
    /// <exception cref="NotSupportedException">A filter cannot be evaluated exactly on its column (type or expression).</exception>
    public void Evaluate(RecordBatch batch, Span<bool> selected)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (selected.Length != batch.Length) throw new ArgumentException($"the selection has {selected.Length} entries for {batch.Length} rows", nameof(selected));
        foreach (var filter in _static)
        {
            int column = ColumnIndex(batch.Schema, filter.ColumnName);
            if (column < 0)
                throw new InvalidOperationException($"the filter {filter} names column '{filter.ColumnName}', which the batch does not have " +
                    $"(columns: {string.Join(", ", batch.Schema.FieldsList.Select(f => f.Name))})");
            filter.Refine(batch.Column(column), selected);
        }
        foreach (var filter in _dynamic)
        {
            int column = ColumnIndex(batch.Schema, filter.ColumnName);
            if (column < 0) continue;
            try
            {
                filter.Refine(batch.Column(column), selected);
            }
            catch (NotSupportedException)
            {
                // Refining only ever clears rows that fail part of the conjunction, so stopping
                // half-way still leaves a correct superset; the Top-N above the scan does the rest.
            }
        }
    }

    /// <summary>
    /// The rows of <paramref name="batch"/> that satisfy every filter, in order: the batch itself
    /// when all do (or there are no filters), else a new batch with the same schema.
    /// </summary>
    /// <exception cref="InvalidOperationException">An init filter names a column the batch does not have.</exception>
    /// <exception cref="NotSupportedException">A filter cannot be evaluated exactly on its column.</exception>
    public RecordBatch Apply(RecordBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (IsEmpty || batch.Length == 0) return batch;
        var selection = new Selection(batch.Length);
        try
        {
            selection.Span.Fill(true);
            Evaluate(batch, selection.Span);
            return ArrayTake.Filter(batch, selection.Span);
        }
        finally
        {
            selection.Dispose();
        }
    }

    /// <summary><c>a &gt; 3 AND c = 'x'</c>; <c>(none)</c> when empty.</summary>
    public override string ToString() => IsEmpty ? "(none)" : string.Join(" AND ", _all.Select(f => f.ToString()));

    private static int ColumnIndex(Schema schema, string name)
    {
        var fields = schema.FieldsList;
        for (int i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name == name) return i;
        }
        for (int i = 0; i < fields.Count; i++)
        {
            if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return -1;
    }
}
