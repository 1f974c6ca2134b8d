using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Functions;

/// <summary><c>column op constant</c> (wire type <c>constant</c>). A NULL value, or a NULL constant, never matches.</summary>
public sealed class ComparisonFilter : TableFilter
{
    public ComparisonFilter(string columnName, ComparisonOperator op, FilterValue value)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(value);
        Operator = op;
        Value = value;
    }

    public ComparisonOperator Operator { get; }

    /// <summary>The constant, with the Arrow type DuckDB exported it as (compare it as that type).</summary>
    public FilterValue Value { get; }

    internal override bool MatchesNull => false;

    internal override void Refine(IArrowArray column, Span<bool> selected) =>
        ColumnPredicates.Compare(column, Operator, Value.Constant, this, selected);

    public override string ToString() => $"{Column} {Operator.ToSql()} {Value}";
}

/// <summary><c>column IS NULL</c> (wire type <c>is_null</c>; DuckDB sends it only inside an OR, e.g. NULLS FIRST Top-N).</summary>
public sealed class IsNullFilter(string columnName) : TableFilter(columnName)
{
    internal override bool MatchesNull => true;

    internal override void Refine(IArrowArray column, Span<bool> selected) => ColumnPredicates.Nulls(column, wantNull: true, selected);

    public override string ToString() => $"{Column} IS NULL";
}

/// <summary><c>column IS NOT NULL</c> (wire type <c>is_not_null</c>).</summary>
public sealed class IsNotNullFilter(string columnName) : TableFilter(columnName)
{
    internal override bool MatchesNull => false;

    internal override void Refine(IArrowArray column, Span<bool> selected) => ColumnPredicates.Nulls(column, wantNull: false, selected);

    public override string ToString() => $"{Column} IS NOT NULL";
}

/// <summary>
/// <c>column IN (keys)</c>: a literal IN list that is not a dense integer range, or the key set of
/// a hash join (wire type <c>join_keys</c>, values from the <c>join_keys</c> stream whose column is
/// <see cref="KeysColumn"/>; the legacy <c>in</c> type reads them from a list constant). NULL keys
/// never match.
/// </summary>
public sealed class InFilter : TableFilter
{
    private readonly Lock _gate = new();
    private KeySet? _keySet;

    /// <param name="columnName">The filtered output column.</param>
    /// <param name="keys">One key per row (any length; NULL rows never match).</param>
    /// <param name="keysField">The keys' field, for extension types (<c>arrow.uuid</c>, …); null = plain storage.</param>
    public InFilter(string columnName, IArrowArray keys, Field? keysField = null)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Keys = keys;
        KeysField = keysField ?? new Field(columnName, keys.Data.DataType, true);
    }

    /// <summary>The key values, one per row, typed as DuckDB exported them.</summary>
    public IArrowArray Keys { get; }

    /// <summary>The keys' field (name = the wire <c>keys_column</c>, metadata = extension type).</summary>
    public Field KeysField { get; }

    /// <summary>The <c>keys_column</c> of a <c>join_keys</c> filter.</summary>
    public string KeysColumn => KeysField.Name;

    /// <summary>Number of keys (NULLs included).</summary>
    public int Count => Keys.Length;

    /// <summary>Key <paramref name="index"/> as a typed constant.</summary>
    public FilterValue GetKey(int index) => FilterValue.FromField(KeysField, Keys, index);

    internal override bool MatchesNull => false;

    internal override void Refine(IArrowArray column, Span<bool> selected) => ColumnPredicates.In(column, this, selected);

    /// <summary>The key set prepared for columns of <paramref name="type"/> (built once per column type, then reused).</summary>
    internal KeySet KeySetFor(IArrowType type)
    {
        lock (_gate)
        {
            if (_keySet is { } cached && cached.Matches(type)) return cached;
            return _keySet = KeySet.Build(this, type);
        }
    }

    public override string ToString()
    {
        if (Count > 5) return $"{Column} IN ({Count} values)";
        var text = new StringBuilder(Column).Append(" IN (");
        for (int i = 0; i < Count; i++) text.Append(i == 0 ? "" : ", ").Append(GetKey(i));
        return text.Append(')').ToString();
    }
}

/// <summary>Every child holds (wire type <c>and</c>; children are on the same column).</summary>
public sealed class AndFilter : TableFilter
{
    public AndFilter(string columnName, IReadOnlyList<TableFilter> children)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(children);
        Children = [.. children];
    }

    public IReadOnlyList<TableFilter> Children { get; }

    public override bool CanApply => Children.All(c => c.CanApply);

    internal override bool MatchesNull => Children.All(c => c.MatchesNull);

    internal override void Refine(IArrowArray column, Span<bool> selected)
    {
        foreach (var child in Children) child.Refine(column, selected);
    }

    public override string ToString() => Children.Count == 0 ? "true" : "(" + string.Join(" AND ", Children) + ")";
}

/// <summary>At least one child holds (wire type <c>or</c>; children are on the same column).</summary>
public sealed class OrFilter : TableFilter
{
    public OrFilter(string columnName, IReadOnlyList<TableFilter> children)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(children);
        Children = [.. children];
    }

    public IReadOnlyList<TableFilter> Children { get; }

    public override bool CanApply => Children.All(c => c.CanApply);

    internal override bool MatchesNull => Children.Any(c => c.MatchesNull);

    internal override void Refine(IArrowArray column, Span<bool> selected)
    {
        using var any = new Selection(selected.Length);
        using var one = new Selection(selected.Length);
        var union = any.Span;
        union.Clear();
        foreach (var child in Children)
        {
            var candidate = one.Span;
            selected.CopyTo(candidate);
            child.Refine(column, candidate);
            for (int i = 0; i < union.Length; i++) union[i] |= candidate[i];
        }
        union.CopyTo(selected);
    }

    public override string ToString() => Children.Count == 0 ? "false" : "(" + string.Join(" OR ", Children) + ")";
}

/// <summary>A predicate on field <see cref="ChildName"/> of a struct column (wire type <c>struct</c>).</summary>
public sealed class StructFieldFilter : TableFilter
{
    public StructFieldFilter(string columnName, string childName, int childIndex, TableFilter childFilter)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(childName);
        ArgumentNullException.ThrowIfNull(childFilter);
        ChildName = childName;
        ChildIndex = childIndex;
        ChildFilter = childFilter;
    }

    /// <summary>The struct field, matched by name (the index is the fallback).</summary>
    public string ChildName { get; }

    public int ChildIndex { get; }

    /// <summary>The predicate on the field's values.</summary>
    public TableFilter ChildFilter { get; }

    public override bool CanApply => ChildFilter.CanApply;

    internal override bool MatchesNull => ChildFilter.MatchesNull;

    internal override void Refine(IArrowArray column, Span<bool> selected) => ColumnPredicates.StructField(column, this, selected);

    public override string ToString() => $"{Column}.{QuoteIdentifier(ChildName)}: {ChildFilter}";
}

/// <summary>
/// An expression over the column (wire type <c>expression</c>; sent only to functions that list
/// <c>supported_expression_filters</c>). The tree is kept as sent. Comparisons of the column with
/// constants and AND/OR of those are applied exactly, as are the calls of <c>prefix</c>,
/// <c>starts_with</c>, <c>contains</c>, <c>list_contains</c>, <c>&amp;&amp;</c> and
/// <c>st_intersects_extent</c>; any other function call is not (<see cref="CanApply"/> is false and
/// <see cref="TableFilters.Apply"/> fails rather than return wrong rows): a function receiving such
/// filters must evaluate them itself.
/// </summary>
public sealed class ExpressionFilter : TableFilter
{
    private readonly TableFilter? _equivalent;
    private readonly ExpressionEvaluator.RowPredicate? _predicate;

    public ExpressionFilter(string columnName, FilterExpression expression)
        : base(columnName)
    {
        ArgumentNullException.ThrowIfNull(expression);
        Expression = expression;
        _equivalent = expression.ToFilter(columnName, out var reason);
        if (_equivalent is null)
        {
            _predicate = ExpressionEvaluator.TryCompile(expression, out var evaluatorReason);
            reason = _predicate is null ? evaluatorReason ?? reason : null;
        }
        UnsupportedReason = reason;
    }

    public FilterExpression Expression { get; }

    public override bool CanApply => _equivalent is not null || _predicate is not null;

    /// <summary>Why the worker cannot apply it (null when it can).</summary>
    public string? UnsupportedReason { get; }

    internal override bool MatchesNull => _equivalent?.MatchesNull ?? false;

    internal override void Refine(IArrowArray column, Span<bool> selected)
    {
        if (_equivalent is null && _predicate is not null)
        {
            for (int i = 0; i < selected.Length; i++) selected[i] &= _predicate(column, i) == true;
            return;
        }
        if (_equivalent is null)
            throw new NotSupportedException($"cannot apply the expression filter {Expression} on column '{ColumnName}': {UnsupportedReason}. " +
                "A function that receives expression filters must apply them itself (AutoApplyFilters = false).");
        _equivalent.Refine(column, selected);
    }

    public override string ToString() => Expression.ToString();
}
