namespace Vgi.Protocol;

/// <summary>One macro of a catalog: an item of <c>catalog_schema_contents_macros</c> / <c>catalog_macro_get</c> (vgi-catalog §3.8).</summary>
[ArrowRecord]
public sealed partial record MacroInfo
{
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    public string Name { get; init; } = "";

    public string SchemaName { get; init; } = "";

    public MacroType MacroType { get; init; }

    /// <summary>Parameter names in order.</summary>
    public IReadOnlyList<string> Parameters { get; init; } = [];

    /// <summary>IPC stream of a one-row batch, one column per defaulted parameter; NOT NULL flag, null when none (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? ParameterDefaultValues { get; init; }

    /// <summary>Scalar macro: an expression; table macro: a SELECT.</summary>
    public string Definition { get; init; } = "";
}
