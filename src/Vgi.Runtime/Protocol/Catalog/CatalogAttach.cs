namespace Vgi.Protocol;

/// <summary>Request of <c>catalog_attach</c> (vgi-catalog §3.2), as the extension sends it.</summary>
[ArrowRecord]
public sealed partial record CatalogAttachRequest
{
    /// <summary>The catalog to attach.</summary>
    public string Name { get; init; } = "";

    /// <summary>IPC stream of a one-row batch, one column per supplied worker option; NOT NULL flag, null when no options (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? Options { get; init; }

    /// <summary>Requested data version range; null = unconstrained.</summary>
    public string? DataVersionSpec { get; init; }

    /// <summary>Requested implementation version.</summary>
    public string? ImplementationVersion { get; init; }
}

/// <summary>Result of <c>catalog_attach</c> (vgi-catalog §3.3).</summary>
[ArrowRecord]
public sealed partial record CatalogAttachResult
{
    /// <summary>Session token echoed in every later call.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public bool SupportsTransactions { get; init; }

    public bool SupportsTimeTravel { get; init; }

    /// <summary>True: <c>catalog_version</c> is never called and the cache never invalidated.</summary>
    public bool CatalogVersionFrozen { get; init; }

    /// <summary>Initial version; 0 = unknown.</summary>
    public long CatalogVersion { get; init; }

    public bool AttachOpaqueDataRequired { get; init; }

    /// <summary>Empty means <c>main</c>.</summary>
    public string DefaultSchema { get; init; } = "";

    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<SettingSpec> Settings { get; init; } = [];

    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<SecretTypeSpec> SecretTypes { get; init; } = [];

    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    /// <summary>Global gate for table statistics.</summary>
    public bool SupportsColumnStatistics { get; init; }

    public string? ResolvedDataVersion { get; init; }

    public string? ResolvedImplementationVersion { get; init; }
}
