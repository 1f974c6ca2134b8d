namespace Vgi.Protocol;

// Results of the catalog listing and get methods (vgi-catalog §3.11): items: list<binary>, each
// item an independent IPC stream of one info row. "get" methods return 0 or 1 items.

/// <summary>Result of <c>catalog_catalogs</c>: <see cref="CatalogInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogCatalogsResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<CatalogInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schemas</c>: <see cref="SchemaInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemasResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<SchemaInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_get</c>: <see cref="SchemaInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaGetResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<SchemaInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_contents_tables</c>: <see cref="TableInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsTablesResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<TableInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_contents_views</c>: <see cref="ViewInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsViewsResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<ViewInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_contents_functions</c>: <see cref="FunctionInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsFunctionsResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<FunctionInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_contents_macros</c>: <see cref="MacroInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsMacrosResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<MacroInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_schema_contents_indexes</c>: <see cref="IndexInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsIndexesResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<IndexInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_table_get</c>: <see cref="TableInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogTableGetResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<TableInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_view_get</c>: <see cref="ViewInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogViewGetResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<ViewInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_macro_get</c>: <see cref="MacroInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogMacroGetResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<MacroInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_index_get</c>: <see cref="IndexInfo"/> items.</summary>
[ArrowRecord]
public sealed partial record CatalogIndexGetResult
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<IndexInfo> Items { get; init; } = [];
}

/// <summary>Result of <c>catalog_version</c>.</summary>
[ArrowRecord]
public sealed partial record CatalogVersionResult
{
    public long Version { get; init; }
}

/// <summary>Result of <c>catalog_transaction_begin</c>; null bytes = no transaction.</summary>
[ArrowRecord]
public sealed partial record CatalogTransactionBeginResult
{
    public byte[]? TransactionOpaqueData { get; init; }
}
