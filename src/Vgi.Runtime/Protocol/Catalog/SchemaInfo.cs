namespace Vgi.Protocol;

/// <summary>One schema of an attached catalog: an item of <c>catalog_schemas</c> / <c>catalog_schema_get</c> (vgi-catalog §3.4).</summary>
[ArrowRecord]
public sealed partial record SchemaInfo
{
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    /// <summary>Ignored by the extension.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>
    /// Object counts by kind (<c>table, view, scalar_function, aggregate_function, table_function,
    /// macro, index</c>); an absent key counts as 1, and 0 guarantees the kind is empty (no listing RPC).
    /// </summary>
    public IReadOnlyDictionary<string, long>? EstimatedObjectCount { get; init; }
}
