using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>One table of a catalog: an item of <c>catalog_schema_contents_tables</c> / <c>catalog_table_get</c> (vgi-catalog §3.5).</summary>
[ArrowRecord]
public sealed partial record TableInfo
{
    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string> Tags { get; init; } = ProtocolDefaults.EmptyTags;

    public string Name { get; init; } = "";

    public string SchemaName { get; init; } = "";

    /// <summary>Column schema; field metadata <c>default</c>, <c>generated_expression</c>, <c>comment</c>, <c>is_row_id</c>.</summary>
    public Schema Columns { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Column indices into <see cref="Columns"/> (row-id field included).</summary>
    public IReadOnlyList<int> NotNullConstraints { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<int>> UniqueConstraints { get; init; } = [];

    /// <summary>SQL expressions without the <c>CHECK(...)</c> wrapper.</summary>
    public IReadOnlyList<string> CheckConstraints { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<int>> PrimaryKeyConstraints { get; init; } = [];

    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<ForeignKeyConstraint> ForeignKeyConstraints { get; init; } = [];

    public bool SupportsInsert { get; init; }

    public bool SupportsUpdate { get; init; }

    public bool SupportsDelete { get; init; }

    public bool SupportsReturning { get; init; }

    public bool SupportsColumnStatistics { get; init; }

    /// <summary>Inlined scan discovery (skips <c>catalog_table_scan_*_get</c>); declared NOT NULL, null when absent (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull, Storage = ArrowStorage.IpcBytes)]
    public ScanFunctionResult? ScanFunction { get; init; }

    [ArrowField(Nullability = ArrowNullability.NotNull, Storage = ArrowStorage.IpcBytes)]
    public ScanFunctionResult? InsertFunction { get; init; }

    [ArrowField(Nullability = ArrowNullability.NotNull, Storage = ArrowStorage.IpcBytes)]
    public ScanFunctionResult? UpdateFunction { get; init; }

    [ArrowField(Nullability = ArrowNullability.NotNull, Storage = ArrowStorage.IpcBytes)]
    public ScanFunctionResult? DeleteFunction { get; init; }

    /// <summary>Inlined cardinality (skips <c>table_function_cardinality</c>); NOT NULL flag, null when unknown (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public long? CardinalityEstimate { get; init; }

    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public long? CardinalityMax { get; init; }

    /// <summary>Inlined column statistics IPC stream (vgi-catalog §3.12); NOT NULL flag, null when absent (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? ColumnStatistics { get; init; }

    /// <summary>Inlined bind result (skips the scan's <c>bind</c>); NOT NULL flag, null when absent (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull, Storage = ArrowStorage.IpcBytes)]
    public BindResult? BindResult { get; init; }

    /// <summary>Dotted column paths that must appear in WHERE.</summary>
    public IReadOnlyList<string> RequiredFieldFilterPaths { get; init; } = [];
}

/// <summary>
/// A foreign key of a table (vgi-catalog §3.5.2): an item of <c>TableInfo.foreign_key_constraints</c>
/// and <c>TableCreateRequest.foreign_key_constraints</c>. Every field is flagged nullable, as Python's
/// plain <c>pa.schema</c> writes it. Metadata only: DuckDB does not enforce it.
/// </summary>
[ArrowRecord]
public sealed partial record ForeignKeyConstraint
{
    /// <summary>Referencing columns of this table.</summary>
    public IReadOnlyList<string>? FkColumns { get; init; }

    /// <summary>Referenced columns of <see cref="ReferencedTable"/>.</summary>
    public IReadOnlyList<string>? PkColumns { get; init; }

    public string? ReferencedTable { get; init; }

    public string? ReferencedSchema { get; init; }
}
