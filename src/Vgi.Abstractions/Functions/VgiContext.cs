namespace Vgi;

/// <summary>
/// What a function can ask of the call it serves: settings and secrets DuckDB passed, cancellation,
/// and logging to the client (log records surface in DuckDB's log). Declare a parameter of this
/// type to receive it; it is not an SQL argument.
/// </summary>
public abstract class VgiContext
{
    /// <summary>Signalled when DuckDB abandons the call (LIMIT reached, query cancelled, pipe closed).</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>The SQL name of the function being served.</summary>
    public abstract string FunctionName { get; }

    /// <summary>Catalog settings with a value, by name, as text (null for SQL NULL).</summary>
    public abstract IReadOnlyDictionary<string, string?> Settings { get; }

    /// <summary>Secrets DuckDB resolved for this call, by secret type.</summary>
    public abstract IReadOnlyDictionary<string, VgiSecret> Secrets { get; }

    /// <summary>Sends a log record to the client.</summary>
    public abstract void Log(VgiLogLevel level, string message);
}

/// <summary>Levels of <see cref="VgiContext.Log"/>.</summary>
public enum VgiLogLevel
{
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

/// <summary>A DuckDB secret: its name, provider and key/value pairs (values as text).</summary>
public sealed record VgiSecret(string Type, string Name, string Provider, IReadOnlyDictionary<string, string?> Values);
