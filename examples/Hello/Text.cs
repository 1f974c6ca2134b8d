using Vgi;

namespace Hello;

/// <summary>String functions.</summary>
public static class Text
{
    /// <summary>Upper-cases a string.</summary>
    [ScalarFunction]
    public static string? UpperCase(string? value) => value?.ToUpperInvariant();

    /// <summary>Joins the values with a separator, skipping NULLs.</summary>
    [ScalarFunction]
    public static string ConcatWith(string separator, params string?[] values) =>
        string.Join(separator, values.Where(v => v is not null));

    /// <summary>Describes a possibly missing number.</summary>
    [ScalarFunction]
    public static string Describe(long? value) => value is { } v ? $"the number {v}" : "no number";
}
