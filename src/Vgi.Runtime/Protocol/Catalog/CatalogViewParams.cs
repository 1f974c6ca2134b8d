namespace Vgi.Protocol;

/// <summary>Params of <c>catalog_view_comment_set</c> (COMMENT ON VIEW).</summary>
[ArrowRecord]
public sealed partial record CatalogViewCommentSetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string? Comment { get; init; }

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_view_create</c> (CREATE VIEW).</summary>
[ArrowRecord]
public sealed partial record CatalogViewCreateParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string Definition { get; init; } = "";

    public OnConflict OnConflict { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_view_drop</c> (DROP VIEW).</summary>
[ArrowRecord]
public sealed partial record CatalogViewDropParams
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

/// <summary>Params of <c>catalog_view_get</c>: looks up one view.</summary>
[ArrowRecord]
public sealed partial record CatalogViewGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_view_rename</c> (ALTER VIEW … RENAME TO).</summary>
[ArrowRecord]
public sealed partial record CatalogViewRenameParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string NewName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}
