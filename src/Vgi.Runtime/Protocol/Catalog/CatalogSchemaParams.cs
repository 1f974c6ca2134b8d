namespace Vgi.Protocol;

/// <summary>Params of <c>catalog_schema_contents_functions</c>: lists the functions of one kind in a schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsFunctionsParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    public CatalogObjectType Type { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_contents_indexes</c>: lists the indexes of a schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsIndexesParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_contents_macros</c>: lists the macros of one kind in a schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsMacrosParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    public CatalogObjectType Type { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_contents_tables</c>: lists the tables of a schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsTablesParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_contents_views</c>: lists the views of a schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaContentsViewsParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_create</c> (CREATE SCHEMA).</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaCreateParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    public OnConflict OnConflict { get; init; }

    public string? Comment { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_drop</c> (DROP SCHEMA).</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    public bool Cascade { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schema_get</c>: looks up one schema.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemaGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_schemas</c>: lists the schemas of the attached catalog.</summary>
[ArrowRecord]
public sealed partial record CatalogSchemasParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}
