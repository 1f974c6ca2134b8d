namespace Vgi.Protocol;

/// <summary>One view of a catalog: an item of <c>catalog_schema_contents_views</c> / <c>catalog_view_get</c> (vgi-catalog §3.6).</summary>
[ArrowRecord]
public sealed partial record ViewInfo
{
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    public string Name { get; init; } = "";

    public string SchemaName { get; init; } = "";

    /// <summary>A single <c>SELECT</c> statement.</summary>
    public string Definition { get; init; } = "";

    /// <summary>Comments by output column name.</summary>
    public IReadOnlyDictionary<string, string> ColumnComments { get; init; } = ProtocolDefaults.EmptyTags;
}
