namespace Vgi.Protocol;

/// <summary>Params of <c>secret_lookup</c> (secret protocol): the secret wanted for a path and type.</summary>
[ArrowRecord]
public sealed partial record SecretLookupParams
{
    public string Path { get; init; } = "";

    public string Type { get; init; } = "";
}

/// <summary>Result of <c>secret_lookup</c>.</summary>
[ArrowRecord]
public sealed partial record SecretLookupResult
{
    public bool Found { get; init; }

    public string SecretType { get; init; } = "";

    public string Provider { get; init; } = "";

    public string Name { get; init; } = "";

    public IReadOnlyList<string> Scope { get; init; } = [];

    /// <summary>The secret's serialized key/values (opaque to this layer).</summary>
    public byte[] Values { get; init; } = [];

    public IReadOnlyList<string> RedactKeys { get; init; } = [];

    public long TtlSeconds { get; init; }

    public long ExpiresAtUnix { get; init; }
}
