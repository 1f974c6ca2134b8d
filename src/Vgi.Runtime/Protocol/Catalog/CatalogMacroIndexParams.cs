namespace Vgi.Protocol;

/// <summary>Params of <c>catalog_index_create</c> (CREATE INDEX (not sent by the extension)).</summary>
[ArrowRecord]
public sealed partial record CatalogIndexCreateParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IndexCreateRequest Request { get; init; } = new();
}

/// <summary>Params of <c>catalog_index_drop</c> (DROP INDEX (not sent by the extension)).</summary>
[ArrowRecord]
public sealed partial record CatalogIndexDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    public bool Cascade { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_index_get</c>: looks up one index (not sent by the extension).</summary>
[ArrowRecord]
public sealed partial record CatalogIndexGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_macro_create</c> (CREATE MACRO (not sent by the extension)).</summary>
[ArrowRecord]
public sealed partial record CatalogMacroCreateParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public MacroCreateRequest Request { get; init; } = new();
}

/// <summary>Params of <c>catalog_macro_drop</c> (DROP MACRO (not sent by the extension)).</summary>
[ArrowRecord]
public sealed partial record CatalogMacroDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_macro_get</c>: looks up one macro.</summary>
[ArrowRecord]
public sealed partial record CatalogMacroGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}
