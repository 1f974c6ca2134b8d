using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>
/// Result of <c>bind</c> (Python <c>BindResponse</c>, vgi-functions §3.2). A non-empty
/// <see cref="LookupSecretTypes"/> turns it into a secret-scope request (§4.6).
/// </summary>
[ArrowRecord]
public sealed partial record BindResult
{
    /// <summary>Scalar/aggregate: exactly one field (<c>result</c>); table: the full unprojected output schema.</summary>
    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Worker bytes echoed back as <c>bind_opaque_data</c>; declared NOT NULL but null when absent (quirk, mandatory).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? OpaqueData { get; init; }

    /// <summary>Secret types to resolve before re-binding; empty for a normal bind.</summary>
    public IReadOnlyList<string> LookupSecretTypes { get; init; } = [];

    /// <summary>Parallel to <see cref="LookupSecretTypes"/>; <c>""</c> = no scope.</summary>
    public IReadOnlyList<string> LookupScopes { get; init; } = [];

    /// <summary>Parallel to <see cref="LookupSecretTypes"/>; <c>""</c> = no name.</summary>
    public IReadOnlyList<string> LookupNames { get; init; } = [];
}
