namespace Vgi.Protocol;

/// <summary>Params of <c>catalog_attach</c> (ATTACH).</summary>
[ArrowRecord]
public sealed partial record CatalogAttachParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public CatalogAttachRequest Request { get; init; } = new();
}

/// <summary>Params of <c>catalog_catalogs</c>: lists the catalogs a worker serves (bare-form ATTACH, <c>vgi_catalogs()</c>, ATTACH with worker options).</summary>
[ArrowRecord]
public sealed partial record CatalogCatalogsParams;

/// <summary>Params of <c>catalog_create</c>: creates a catalog (vgi-client only).</summary>
[ArrowRecord]
public sealed partial record CatalogCreateParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public CatalogCreateRequest Request { get; init; } = new();
}

/// <summary>Params of <c>catalog_detach</c>: detaches a catalog (vgi-client only).</summary>
[ArrowRecord]
public sealed partial record CatalogDetachParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];
}

/// <summary>Params of <c>catalog_drop</c>: drops a catalog (vgi-client only).</summary>
[ArrowRecord]
public sealed partial record CatalogDropParams
{
    public string Name { get; init; } = "";
}

/// <summary>Params of <c>catalog_transaction_begin</c>: starts a transaction.</summary>
[ArrowRecord]
public sealed partial record CatalogTransactionBeginParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];
}

/// <summary>Params of <c>catalog_transaction_commit</c>: commits a transaction.</summary>
[ArrowRecord]
public sealed partial record CatalogTransactionCommitParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>.</summary>
    public byte[] TransactionOpaqueData { get; init; } = [];
}

/// <summary>Params of <c>catalog_transaction_rollback</c>: rolls a transaction back.</summary>
[ArrowRecord]
public sealed partial record CatalogTransactionRollbackParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>.</summary>
    public byte[] TransactionOpaqueData { get; init; } = [];
}

/// <summary>Params of <c>catalog_version</c>: probes the catalog version at transaction start.</summary>
[ArrowRecord]
public sealed partial record CatalogVersionParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}
