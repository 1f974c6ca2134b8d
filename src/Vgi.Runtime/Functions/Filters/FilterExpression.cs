namespace Vgi.Functions;

/// <summary>
/// A node of an <see cref="ExpressionFilter"/>'s tree (the wire <c>expr</c> object, keyed by
/// <c>expr_type</c>): <see cref="ColumnReferenceExpression"/>, <see cref="ConstantExpression"/>,
/// <see cref="FunctionExpression"/>, <see cref="ComparisonExpression"/>,
/// <see cref="ConjunctionExpression"/>, or <see cref="UnknownExpression"/> for a node type this
/// runtime does not know.
/// </summary>
public abstract class FilterExpression
{
    private protected FilterExpression()
    {
    }

    public abstract override string ToString();

    /// <summary>The equivalent filter on <paramref name="column"/>, or null with the reason it has none.</summary>
    internal abstract TableFilter? ToFilter(string column, out string? reason);
}

/// <summary><c>{expr_type: column_ref, index}</c>: the filtered column itself.</summary>
public sealed class ColumnReferenceExpression(int index) : FilterExpression
{
    /// <summary>The column's index as DuckDB sent it (the filtered column is the filter's <see cref="TableFilter.ColumnName"/>).</summary>
    public int Index { get; } = index;

    public override string ToString() => "#" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        reason = "a bare column reference is not a predicate";
        return null;
    }
}

/// <summary><c>{expr_type: constant, value_ref}</c>.</summary>
public sealed class ConstantExpression : FilterExpression
{
    public ConstantExpression(FilterValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Value = value;
    }

    public FilterValue Value { get; }

    public override string ToString() => Value.ToString();

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        reason = "a bare constant is not a predicate";
        return null;
    }
}

/// <summary><c>{expr_type: function, function_name, children}</c>: a call of one of the function's <c>supported_expression_filters</c>.</summary>
public sealed class FunctionExpression : FilterExpression
{
    public FunctionExpression(string functionName, IReadOnlyList<FilterExpression> children)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        ArgumentNullException.ThrowIfNull(children);
        FunctionName = functionName;
        Children = [.. children];
    }

    public string FunctionName { get; }

    public IReadOnlyList<FilterExpression> Children { get; }

    public override string ToString() => $"{FunctionName}({string.Join(", ", Children)})";

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        reason = $"it calls the function '{FunctionName}'";
        return null;
    }
}

/// <summary><c>{expr_type: comparison, op, left, right}</c>.</summary>
public sealed class ComparisonExpression : FilterExpression
{
    public ComparisonExpression(ComparisonOperator op, FilterExpression left, FilterExpression right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Operator = op;
        Left = left;
        Right = right;
    }

    public ComparisonOperator Operator { get; }

    public FilterExpression Left { get; }

    public FilterExpression Right { get; }

    public override string ToString() => $"({Left} {Operator.ToSql()} {Right})";

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        reason = null;
        if (Left is ColumnReferenceExpression && Right is ConstantExpression right) return new ComparisonFilter(column, Operator, right.Value);
        if (Left is ConstantExpression left && Right is ColumnReferenceExpression) return new ComparisonFilter(column, Operator.Flip(), left.Value);
        // Anything else (a function of the column) has no exact evaluation here.
        _ = Left.ToFilter(column, out var leftReason);
        _ = Right.ToFilter(column, out var rightReason);
        reason = Left is ColumnReferenceExpression or ConstantExpression ? rightReason : leftReason;
        return null;
    }
}

/// <summary>How a <see cref="ConjunctionExpression"/> combines its children.</summary>
public enum ConjunctionType
{
    And,
    Or,
}

/// <summary><c>{expr_type: conjunction, conjunction_type: and|or, children}</c>.</summary>
public sealed class ConjunctionExpression : FilterExpression
{
    public ConjunctionExpression(ConjunctionType type, IReadOnlyList<FilterExpression> children)
    {
        ArgumentNullException.ThrowIfNull(children);
        Type = type;
        Children = [.. children];
    }

    public ConjunctionType Type { get; }

    public IReadOnlyList<FilterExpression> Children { get; }

    public override string ToString() => "(" + string.Join(Type == ConjunctionType.And ? " AND " : " OR ", Children) + ")";

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        var filters = new List<TableFilter>(Children.Count);
        foreach (var child in Children)
        {
            if (child.ToFilter(column, out reason) is not { } filter) return null;
            filters.Add(filter);
        }
        reason = null;
        return Type == ConjunctionType.And ? new AndFilter(column, filters) : new OrFilter(column, filters);
    }
}

/// <summary>A node whose <c>expr_type</c> this runtime does not know; <see cref="Json"/> is the node as sent.</summary>
public sealed class UnknownExpression(string expressionType, string json) : FilterExpression
{
    public string ExpressionType { get; } = expressionType;

    public string Json { get; } = json;

    public override string ToString() => $"<{ExpressionType}>";

    internal override TableFilter? ToFilter(string column, out string? reason)
    {
        reason = $"its node type '{ExpressionType}' is unknown";
        return null;
    }
}
