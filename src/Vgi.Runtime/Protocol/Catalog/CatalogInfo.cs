namespace Vgi.Protocol;

/// <summary>One catalog a worker serves: an item of <c>catalog_catalogs</c> (vgi-catalog §3.1).</summary>
[ArrowRecord]
public sealed partial record CatalogInfo
{
    /// <summary>Catalog name (the ATTACH path).</summary>
    public string Name { get; init; } = "";

    /// <summary>Worker software version.</summary>
    public string? ImplementationVersion { get; init; }

    /// <summary>Semver range of data versions served, e.g. <c>&gt;=1.0.0,&lt;2.0.0</c>.</summary>
    public string? DataVersionSpec { get; init; }

    /// <summary>The ATTACH options the catalog accepts, each as nested IPC bytes.</summary>
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<AttachOptionSpec> AttachOptionSpecs { get; init; } = [];

    /// <summary>Data releases, newest first, unique versions.</summary>
    public IReadOnlyList<CatalogDataVersionRelease> Releases { get; init; } = [];

    /// <summary>Repository or documentation link.</summary>
    public string? SourceUrl { get; init; }
}

/// <summary>One data release of a catalog (the <c>releases</c> struct of <see cref="CatalogInfo"/>).</summary>
[ArrowRecord]
public sealed partial record CatalogDataVersionRelease
{
    public string Version { get; init; } = "";

    /// <summary>Declared NOT NULL but may carry null (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public DateTimeOffset? ReleasedAt { get; init; }

    public string Summary { get; init; } = "";

    public string? NotesUrl { get; init; }
}
