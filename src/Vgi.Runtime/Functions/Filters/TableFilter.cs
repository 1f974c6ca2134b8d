using Apache.Arrow;

namespace Vgi.Functions;

/// <summary>
/// One pushed predicate on one output column: a node of the filter tree DuckDB sends
/// (vgi-functions §6.2). The concrete kinds are <see cref="ComparisonFilter"/>,
/// <see cref="IsNullFilter"/>, <see cref="IsNotNullFilter"/>, <see cref="InFilter"/>,
/// <see cref="AndFilter"/>, <see cref="OrFilter"/>, <see cref="StructFieldFilter"/> and
/// <see cref="ExpressionFilter"/>; switch on the type to inspect them.
/// </summary>
/// <remarks>
/// Semantics are SQL's: a NULL value satisfies only <c>IS NULL</c>. Nodes are immutable and may be
/// evaluated from several threads.
/// </remarks>
public abstract class TableFilter
{
    private protected TableFilter(string columnName)
    {
        ArgumentNullException.ThrowIfNull(columnName);
        ColumnName = columnName;
    }

    /// <summary>
    /// The output column the predicate applies to, by its name in the bind output schema. Filters
    /// are matched to columns by this name, never by position (validation-2 C14).
    /// </summary>
    public string ColumnName { get; }

    /// <summary>False when the worker cannot evaluate this filter itself (see <see cref="ExpressionFilter"/>).</summary>
    public virtual bool CanApply => true;

    /// <summary>Clears <paramref name="selected"/>[i] for every row i of <paramref name="column"/> that does not satisfy the predicate.</summary>
    internal abstract void Refine(IArrowArray column, Span<bool> selected);

    /// <summary>Whether a NULL value satisfies the predicate (the field of a NULL struct is NULL).</summary>
    internal abstract bool MatchesNull { get; }

    /// <summary>SQL-like text of the predicate, e.g. <c>a &gt; 3</c>, <c>c IN (3 values)</c>.</summary>
    public abstract override string ToString();

    /// <summary>The column reference as SQL text (quoted when it is not a plain identifier).</summary>
    private protected string Column => QuoteIdentifier(ColumnName);

    internal static string QuoteIdentifier(string name)
    {
        bool plain = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (char c in name) plain &= char.IsAsciiLetterOrDigit(c) || c == '_';
        return plain ? name : "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>The comparison of a <see cref="ComparisonFilter"/> (<c>op</c> of the wire format).</summary>
public enum ComparisonOperator
{
    /// <summary><c>eq</c>: <c>=</c></summary>
    Equal,
    /// <summary><c>ne</c>: <c>&lt;&gt;</c></summary>
    NotEqual,
    /// <summary><c>gt</c>: <c>&gt;</c></summary>
    GreaterThan,
    /// <summary><c>ge</c>: <c>&gt;=</c></summary>
    GreaterThanOrEqual,
    /// <summary><c>lt</c>: <c>&lt;</c></summary>
    LessThan,
    /// <summary><c>le</c>: <c>&lt;=</c></summary>
    LessThanOrEqual,
}

/// <summary>Text and algebra of <see cref="ComparisonOperator"/>.</summary>
public static class ComparisonOperators
{
    /// <summary><c>=</c>, <c>&lt;&gt;</c>, <c>&gt;</c>, <c>&gt;=</c>, <c>&lt;</c>, <c>&lt;=</c>.</summary>
    public static string ToSql(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "<>",
        ComparisonOperator.GreaterThan => ">",
        ComparisonOperator.GreaterThanOrEqual => ">=",
        ComparisonOperator.LessThan => "<",
        _ => "<=",
    };

    /// <summary>The operator with its operands swapped: <c>k &lt; x</c> is <c>x &gt; k</c>.</summary>
    public static ComparisonOperator Flip(this ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
        ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
        ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
        ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
        _ => op,
    };

    /// <summary>Parses the wire name (<c>eq ne gt ge lt le</c>; the SQL symbols are accepted too).</summary>
    public static bool TryParse(string? text, out ComparisonOperator op)
    {
        switch (text)
        {
            case "eq" or "=" or "==": op = ComparisonOperator.Equal; return true;
            case "ne" or "!=" or "<>": op = ComparisonOperator.NotEqual; return true;
            case "gt" or ">": op = ComparisonOperator.GreaterThan; return true;
            case "ge" or ">=": op = ComparisonOperator.GreaterThanOrEqual; return true;
            case "lt" or "<": op = ComparisonOperator.LessThan; return true;
            case "le" or "<=": op = ComparisonOperator.LessThanOrEqual; return true;
            default: op = default; return false;
        }
    }

    /// <summary>Whether a three-way comparison result (<c>value.CompareTo(constant)</c>) satisfies <paramref name="op"/>.</summary>
    internal static bool Holds(this ComparisonOperator op, int comparison) => op switch
    {
        ComparisonOperator.Equal => comparison == 0,
        ComparisonOperator.NotEqual => comparison != 0,
        ComparisonOperator.GreaterThan => comparison > 0,
        ComparisonOperator.GreaterThanOrEqual => comparison >= 0,
        ComparisonOperator.LessThan => comparison < 0,
        _ => comparison <= 0,
    };
}
