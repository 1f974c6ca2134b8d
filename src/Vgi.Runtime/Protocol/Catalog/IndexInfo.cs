namespace Vgi.Protocol;

/// <summary>One index of a catalog: an item of <c>catalog_schema_contents_indexes</c> / <c>catalog_index_get</c> (vgi-catalog §3.9; never requested by the extension today).</summary>
[ArrowRecord]
public sealed partial record IndexInfo
{
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    public string Name { get; init; } = "";

    public string SchemaName { get; init; } = "";

    public string TableName { get; init; } = "";

    public string IndexType { get; init; } = "";

    public ConstraintType ConstraintType { get; init; }

    public IReadOnlyList<string> Expressions { get; init; } = [];

    public IReadOnlyDictionary<string, string> Options { get; init; } = ProtocolDefaults.EmptyTags;
}
