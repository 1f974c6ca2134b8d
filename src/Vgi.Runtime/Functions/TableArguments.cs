using System.Globalization;
using Apache.Arrow.Types;
using Vgi.Protocol;

namespace Vgi.Functions;

/// <summary>
/// Bind-time checks generated table-function binders call on the call's <see cref="Arguments"/>:
/// counts, names and types, with messages that name the argument and the expected SQL type.
/// </summary>
public static class TableArguments
{
    public static void ExpectPositional(Arguments arguments, int count, string signature)
    {
        if (arguments.Positional.Count == count) return;
        throw new TableBindException($"{signature} takes {count} positional argument{(count == 1 ? "" : "s")}, got {arguments.Positional.Count}");
    }

    /// <summary>Rejects named arguments the function does not declare.</summary>
    public static void ExpectNamed(Arguments arguments, string[] names, string signature)
    {
        foreach (var key in arguments.Named.Keys)
        {
            if (Array.IndexOf(names, key) < 0)
                throw new TableBindException($"{signature} has no named argument '{key}'" + (names.Length == 0 ? "" : $"; it takes {string.Join(", ", names.Select(n => n + " := …"))}"));
        }
    }

    /// <summary>Scores positional argument <paramref name="index"/> against <paramref name="declared"/>.</summary>
    public static int Check(ArgumentValue value, string name, IArrowType declared, bool nullable)
    {
        if (value.IsNull || value.Type is NullType)
        {
            if (!nullable) throw new TableBindException($"Argument '{name}' cannot be NULL.\n  Tip: declare the parameter nullable (T?) to accept NULL");
            return ArgumentTypes.Exact;
        }
        int score = ArgumentTypes.Score(value.Type, declared);
        return score > 0 ? score
            : throw new TableBindException($"argument '{name}' expects {ArgumentTypes.SqlName(declared)}, got {ArgumentTypes.SqlName(value.Type)}");
    }

    // [Min] / [GreaterThan]: the bound's type is the attribute's (a long or a double), which decides
    // how the message prints it; the value is compared as the wider of the two.

    /// <summary>[Min(long)] on an integer argument.</summary>
    public static void Min(long value, string name, long bound)
    {
        if (value < bound) throw TooSmall(name, ">=", Bound(bound));
    }

    /// <summary>[Min(long)] on a <see cref="ulong"/> argument.</summary>
    public static void Min(ulong value, string name, long bound)
    {
        if (bound > 0 && value < (ulong)bound) throw TooSmall(name, ">=", Bound(bound));
    }

    /// <summary>[Min(long)] on a floating-point argument.</summary>
    public static void Min(double value, string name, long bound)
    {
        if (value < bound) throw TooSmall(name, ">=", Bound(bound));
    }

    /// <summary>[Min(double)].</summary>
    public static void Min(double value, string name, double bound)
    {
        if (value < bound) throw TooSmall(name, ">=", Bound(bound));
    }

    /// <summary>[GreaterThan(long)] on an integer argument.</summary>
    public static void GreaterThan(long value, string name, long bound)
    {
        if (value <= bound) throw TooSmall(name, ">", Bound(bound));
    }

    /// <summary>[GreaterThan(long)] on a <see cref="ulong"/> argument.</summary>
    public static void GreaterThan(ulong value, string name, long bound)
    {
        if (bound >= 0 && value <= (ulong)bound) throw TooSmall(name, ">", Bound(bound));
    }

    /// <summary>[GreaterThan(long)] on a floating-point argument.</summary>
    public static void GreaterThan(double value, string name, long bound)
    {
        if (value <= bound) throw TooSmall(name, ">", Bound(bound));
    }

    /// <summary>[GreaterThan(double)].</summary>
    public static void GreaterThan(double value, string name, double bound)
    {
        if (value <= bound) throw TooSmall(name, ">", Bound(bound));
    }

    /// <summary>[OneOf]: the value must equal one of <paramref name="choices"/> (ordinal, case-sensitive).</summary>
    public static void OneOf(string value, string name, string[] choices)
    {
        if (Array.IndexOf(choices, value) >= 0) return;
        throw new TableBindException(
            $"Argument '{name}' has an invalid value.\n  Constraint: must be one of the allowed choices\n  Valid values: {string.Join(", ", choices)}");
    }

    /// <summary>[RowCount]: the argument as the planner's cardinality; a negative (or NULL) count is unknown.</summary>
    public static long? RowCount(long? value) => value >= 0 ? value : null;

    /// <summary>[RowCount] on an unsigned argument; a count past <see cref="long.MaxValue"/> is unknown.</summary>
    public static long? RowCount(ulong? value) => value <= long.MaxValue ? (long?)value : null;

    private static TableBindException TooSmall(string name, string op, string bound) =>
        new($"Argument '{name}' is too small.\n  Constraint: must be {op} {bound}");

    private static string Bound(long bound) => bound.ToString(CultureInfo.InvariantCulture);

    /// <summary>A double bound as Python prints it: shortest round trip, <c>.0</c> when integral (<c>1.0</c>, <c>1.5</c>, <c>1e+20</c>).</summary>
    private static string Bound(double bound)
    {
        if (double.IsNaN(bound)) return "nan";
        if (double.IsInfinity(bound)) return bound > 0 ? "inf" : "-inf";
        string text = bound.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.AsSpan().IndexOfAny(".e") < 0 ? text + ".0" : text;
    }
}
