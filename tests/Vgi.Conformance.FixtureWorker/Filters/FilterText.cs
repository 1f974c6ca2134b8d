using System.Text;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Filters;

/// <summary>
/// The texts the Python fixtures derive from pushed filters (fixtures.md §6.6): the SQL-like echo,
/// the debug repr, expression SQL, discrete value sets, filtered columns and the late-materialization
/// witness. Values are rendered as the Python values pyarrow gives for the constants (<see cref="PyValues"/>).
/// </summary>
public static class FilterText
{
    /// <summary>More IN values than this render as <c>&lt;col&gt; IN (&lt;n&gt; values)</c> in <see cref="Sql"/>.</summary>
    private const int SqlInLimit = 20;

    /// <summary>More IN values than this render as the first 3 and a total in <see cref="DebugRepr"/>.</summary>
    private const int ReprInLimit = 5;

    private const string RowIdColumn = "row_id";

    /// <summary>
    /// §6.6.1: the top-level filters joined with <c> AND </c>, <c>(none)</c> when empty. Column names
    /// are not quoted; string values are <c>repr(str)</c>, others <c>str()</c>; an IN with more than 20
    /// values is <c>&lt;col&gt; IN (&lt;n&gt; values)</c> (not inside a struct filter).
    /// </summary>
    public static string Sql(TableFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.IsEmpty) return "(none)";
        return string.Join(" AND ", filters.Filters.Select(f => SqlNode(f, null, truncateIn: true)));
    }

    private static string SqlNode(TableFilter filter, string? column, bool truncateIn)
    {
        string name = column ?? filter.ColumnName;
        return filter switch
        {
            InFilter f when truncateIn && f.Count > SqlInLimit => $"{name} IN ({f.Count} values)",
            InFilter f => $"{name} IN ({string.Join(", ", Keys(f).Select(SqlValue))})",
            AndFilter f => "(" + string.Join(" AND ", f.Children.Select(c => SqlNode(c, column, truncateIn))) + ")",
            OrFilter f => "(" + string.Join(" OR ", f.Children.Select(c => SqlNode(c, column, truncateIn))) + ")",
            ComparisonFilter f => $"{name} {Op(f.Operator)} {SqlValue(PyValues.Get(f.Value))}",
            IsNullFilter => name + " IS NULL",
            IsNotNullFilter => name + " IS NOT NULL",
            StructFieldFilter f => SqlNode(f.ChildFilter, name + "." + f.ChildName, truncateIn: false),
            // Python substitutes '?' placeholders into the rendered text, which swallows a literal '?'
            // of an expression's SQL (fixtures.md §6.6.1 quirk).
            ExpressionFilter f => ExpressionSql(f).Replace("?", "", StringComparison.Ordinal),
            _ => filter.ToString(),
        };
    }

    private static string SqlValue(object? value) => value is string s ? PyText.Repr(s) : PyText.Str(value);

    /// <summary>
    /// §6.6.2: <c>PushdownFilters([…])</c> of the filters (<c>(none)</c> when empty), each as
    /// <c>ConstantFilter(col op str(value))</c>, <c>InFilter(col IN [..])</c>, <c>AndFilter(…)</c>, ….
    /// </summary>
    public static string DebugRepr(TableFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.IsEmpty) return "(none)";
        return "PushdownFilters([" + string.Join(", ", filters.Filters.Select(ReprNode)) + "])";
    }

    private static string ReprNode(TableFilter filter)
    {
        string name = filter.ColumnName;
        switch (filter)
        {
            case ComparisonFilter f:
                return $"ConstantFilter({name} {Op(f.Operator)} {PyText.Str(PyValues.Get(f.Value))})";
            case IsNullFilter:
                return $"IsNullFilter({name} IS NULL)";
            case IsNotNullFilter:
                return $"IsNotNullFilter({name} IS NOT NULL)";
            case InFilter f:
            {
                var keys = Keys(f);
                return f.Count <= ReprInLimit
                    ? $"InFilter({name} IN {PyText.Repr(keys)})"
                    : $"InFilter({name} IN {PyText.Repr(keys.Take(3).ToList())}...({f.Count} total))";
            }
            case AndFilter f:
                return "AndFilter(" + string.Join(" AND ", f.Children.Select(ReprNode)) + ")";
            case OrFilter f:
                return "OrFilter(" + string.Join(" OR ", f.Children.Select(ReprNode)) + ")";
            case StructFieldFilter f:
                return $"StructFilter({name}.{f.ChildName}: {ReprNode(f.ChildFilter)})";
            case ExpressionFilter f:
                return $"ExpressionFilter({name}: {ExpressionSql(f)})";
            default:
                return filter.ToString();
        }
    }

    /// <summary>
    /// §6.6.5: the expression as DuckDB SQL. The column reference is the filtered column,
    /// <c>"name"</c>; constants are <c>NULL</c>, <c>TRUE</c>/<c>FALSE</c>, numbers as <c>str()</c>,
    /// <c>'text'</c> (quotes doubled), <c>'\x&lt;hex&gt;'::BLOB</c> or
    /// <c>ST_GeomFromHEXWKB('&lt;hex&gt;')</c> for a <c>geoarrow.wkb</c> constant, other values as a
    /// quoted <c>str()</c>; an operator function (punctuation only) of two arguments is infix.
    /// </summary>
    public static string ExpressionSql(ExpressionFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return Expression(filter.Expression, filter.ColumnName);
    }

    private static string Expression(FilterExpression expression, string column) => expression switch
    {
        // An expression filter is on one column: its column reference is the filter's column
        // (the index is DuckDB's, not a position in any schema the worker has).
        ColumnReferenceExpression => "\"" + column.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        ConstantExpression c => Constant(c.Value),
        FunctionExpression f when f.Children.Count == 2 && IsOperator(f.FunctionName) =>
            $"({Expression(f.Children[0], column)} {f.FunctionName} {Expression(f.Children[1], column)})",
        FunctionExpression f => f.FunctionName + "(" + string.Join(", ", f.Children.Select(c => Expression(c, column))) + ")",
        ComparisonExpression c => $"({Expression(c.Left, column)} {Op(c.Operator)} {Expression(c.Right, column)})",
        ConjunctionExpression c => "(" + string.Join(c.Type == ConjunctionType.And ? " AND " : " OR ", c.Children.Select(x => Expression(x, column))) + ")",
        _ => expression.ToString(),
    };

    private static bool IsOperator(string name) => name.Length > 0 && name.All(c => !char.IsLetterOrDigit(c) && c != '_');

    private static string Constant(FilterValue value)
    {
        object? v = PyValues.Get(value);
        return v switch
        {
            null => "NULL",
            bool b => b ? "TRUE" : "FALSE",
            string s => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            byte[] bytes when value.ExtensionName == "geoarrow.wkb" => "ST_GeomFromHEXWKB('" + Convert.ToHexStringLower(bytes) + "')",
            byte[] bytes => "'\\x" + Convert.ToHexStringLower(bytes) + "'::BLOB",
            double or float or decimal or PyDecimal => PyText.Str(v),
            _ when PyText.IntegerText(v) is { } integer => integer,
            _ => "'" + PyText.Str(v) + "'",
        };
    }

    /// <summary>
    /// §6.6.3: the discrete values <paramref name="column"/> is restricted to, or null. Candidates are
    /// the top-level filters on the column (a top-level AND contributes its direct children on the
    /// column), in order; the first of <c>= v</c>, <c>IN (…)</c>, or an OR of only those on the column
    /// (union, first-seen order, duplicates removed) wins.
    /// </summary>
    public static IReadOnlyList<object?>? DiscreteValues(TableFilters filters, string column)
    {
        ArgumentNullException.ThrowIfNull(filters);
        ArgumentNullException.ThrowIfNull(column);
        foreach (var filter in filters.Filters.Where(f => f.ColumnName == column))
        {
            var candidates = filter is AndFilter conjunction ? conjunction.Children.Where(c => c.ColumnName == column) : [filter];
            foreach (var candidate in candidates)
            {
                if (Values(candidate, column) is { } values) return values;
            }
        }
        return null;
    }

    private static List<object?>? Values(TableFilter filter, string column)
    {
        switch (filter)
        {
            case ComparisonFilter { Operator: ComparisonOperator.Equal } f:
                return [PyValues.Get(f.Value)];
            case InFilter f:
                return Keys(f);
            case OrFilter f when f.Children.Count > 0 && f.Children.All(c => c.ColumnName == column
                && c is InFilter or ComparisonFilter { Operator: ComparisonOperator.Equal }):
            {
                var union = new List<object?>();
                foreach (var child in f.Children)
                {
                    foreach (var value in Values(child, column)!)
                    {
                        if (!union.Any(u => PyCompare.Equal(u, value))) union.Add(value);
                    }
                }
                return union;
            }
            default:
                return null;
        }
    }

    /// <summary>The columns of the top-level filters, distinct, sorted by code point.</summary>
    public static IReadOnlyList<string> FilteredColumns(TableFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var columns = filters.Filters.Select(f => f.ColumnName).Distinct(StringComparer.Ordinal).ToList();
        columns.Sort((a, b) => PyCompare.Compare(a, b));
        return columns;
    }

    /// <summary>Whether a top-level filter is on <paramref name="column"/> (exact name).</summary>
    public static bool HasFilterFor(TableFilters filters, string column)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return filters.Filters.Any(f => f.ColumnName == column);
    }

    /// <summary>
    /// §6.6.4: <c>rid:in=&lt;n&gt;;rng=&lt;lo&gt;..&lt;hi&gt;</c> over the filters on <c>row_id</c>
    /// (descending into AND/OR): n = total IN values; lo = least <c>&gt;</c>/<c>&gt;=</c>/<c>=</c> bound,
    /// hi = greatest <c>&lt;</c>/<c>&lt;=</c>/<c>=</c> bound; a missing side is <c>None</c>, both
    /// missing is <c>rng=none</c>.
    /// </summary>
    public static string LateMaterializationWitness(TableFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        int inCount = 0;
        object? lo = null, hi = null;
        bool hasLo = false, hasHi = false;
        foreach (var filter in filters.Filters) Walk(filter);
        var text = new StringBuilder("rid:in=").Append(inCount).Append(";rng=");
        if (!hasLo && !hasHi) return text.Append("none").ToString();
        return text.Append(hasLo ? PyText.Str(lo) : "None").Append("..").Append(hasHi ? PyText.Str(hi) : "None").ToString();

        void Walk(TableFilter filter)
        {
            switch (filter)
            {
                case AndFilter f:
                    foreach (var child in f.Children) Walk(child);
                    break;
                case OrFilter f:
                    foreach (var child in f.Children) Walk(child);
                    break;
                case InFilter f when f.ColumnName == RowIdColumn:
                    inCount += f.Count;
                    break;
                case ComparisonFilter f when f.ColumnName == RowIdColumn:
                {
                    object? value = PyValues.Get(f.Value);
                    bool lower = f.Operator is ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual or ComparisonOperator.Equal;
                    bool upper = f.Operator is ComparisonOperator.LessThan or ComparisonOperator.LessThanOrEqual or ComparisonOperator.Equal;
                    if (lower && (!hasLo || PyCompare.Compare(value, lo) < 0)) (lo, hasLo) = (value, true);
                    if (upper && (!hasHi || PyCompare.Compare(value, hi) > 0)) (hi, hasHi) = (value, true);
                    break;
                }
            }
        }
    }

    /// <summary>§6.8 natural order of Python values (see <see cref="PyCompare"/>).</summary>
    public static int ComparePython(object? a, object? b) => PyCompare.Compare(a, b);

    private static List<object?> Keys(InFilter filter)
    {
        var keys = new List<object?>(filter.Count);
        for (int i = 0; i < filter.Count; i++) keys.Add(PyValues.Get(filter.GetKey(i)));
        return keys;
    }

    /// <summary>Python's operator text: <c>=</c>, <c>!=</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>.</summary>
    private static string Op(ComparisonOperator op) => op == ComparisonOperator.NotEqual ? "!=" : op.ToSql();
}
