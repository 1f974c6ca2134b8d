using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>Request of <c>catalog_table_create</c> (vgi-catalog §3.15), exactly as the extension builds it.</summary>
[ArrowRecord]
public sealed partial record TableCreateRequest
{
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The new table's columns (all nullable; <c>default</c> field metadata where a default exists).</summary>
    public Schema Columns { get; init; } = ProtocolDefaults.EmptySchema;

    public OnConflict OnConflict { get; init; }

    public IReadOnlyList<int> NotNullConstraints { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<int>> UniqueConstraints { get; init; } = [];

    public IReadOnlyList<string> CheckConstraints { get; init; } = [];

    public IReadOnlyList<IReadOnlyList<int>> PrimaryKeyConstraints { get; init; } = [];

    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<ForeignKeyConstraint> ForeignKeyConstraints { get; init; } = [];

    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Request of <c>catalog_create</c> (vgi-client only; from the Python dataclass).</summary>
[ArrowRecord]
public sealed partial record CatalogCreateRequest
{
    public string Name { get; init; } = "";

    public OnConflict OnConflict { get; init; }

    /// <summary>IPC stream of the options batch; NOT NULL flag, null when none (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? Options { get; init; }
}

/// <summary>Request of <c>catalog_macro_create</c> (vgi-client only; from the Python dataclass).</summary>
[ArrowRecord]
public sealed partial record MacroCreateRequest
{
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public MacroType MacroType { get; init; }

    public IReadOnlyList<string> Parameters { get; init; } = [];

    public string Definition { get; init; } = "";

    public OnConflict OnConflict { get; init; }

    /// <summary>Same format as <see cref="MacroInfo.ParameterDefaultValues"/>; NOT NULL flag, null when none (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? ParameterDefaultValues { get; init; }

    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Request of <c>catalog_index_create</c> (vgi-client only; from the Python dataclass).</summary>
[ArrowRecord]
public sealed partial record IndexCreateRequest
{
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string TableName { get; init; } = "";

    public string IndexType { get; init; } = "";

    public ConstraintType ConstraintType { get; init; }

    public IReadOnlyList<string> Expressions { get; init; } = [];

    public OnConflict OnConflict { get; init; }

    public IReadOnlyDictionary<string, string> Options { get; init; } = ProtocolDefaults.EmptyTags;

    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>
/// The <c>write_options</c> named argument of every write-function bind (vgi-catalog §9.2): an IPC
/// stream of a one-row batch whose fields are all nullable.
/// </summary>
[ArrowRecord]
public sealed partial record WriteOptions
{
    /// <summary>RETURNING was requested.</summary>
    public bool? ReturnChunks { get; init; }

    /// <summary><c>throw</c> or <c>nothing</c>.</summary>
    public string? OnConflict { get; init; }

    /// <summary>Conflict target column names.</summary>
    public IReadOnlyList<string>? OnConflictColumns { get; init; }
}
