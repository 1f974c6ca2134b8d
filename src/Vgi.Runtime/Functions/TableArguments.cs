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
            if (!nullable) throw new TableBindException($"argument '{name}' cannot be NULL; declare the parameter nullable to accept NULL");
            return ArgumentTypes.Exact;
        }
        int score = ArgumentTypes.Score(value.Type, declared);
        return score > 0 ? score
            : throw new TableBindException($"argument '{name}' expects {ArgumentTypes.SqlName(declared)}, got {ArgumentTypes.SqlName(value.Type)}");
    }
}
