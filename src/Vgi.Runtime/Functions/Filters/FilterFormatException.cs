namespace Vgi.Functions;

/// <summary>A pushed filter (<c>pushdown_filters</c>, <c>join_keys</c> or a tick's <c>vgi_pushdown_filters</c>) that cannot be read.</summary>
public sealed class FilterFormatException : FormatException
{
    public FilterFormatException(string message)
        : base(message)
    {
    }

    public FilterFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
