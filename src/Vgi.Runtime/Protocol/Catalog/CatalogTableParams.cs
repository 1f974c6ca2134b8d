using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>Params of <c>catalog_table_column_add</c> (ALTER TABLE … ADD COLUMN).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnAddParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>A one-field schema: the column's name, type and metadata.</summary>
    public Schema ColumnDefinition { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    public bool IfColumnNotExists { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_comment_set</c> (COMMENT ON COLUMN).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnCommentSetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    public string? Comment { get; init; }

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_default_drop</c> (ALTER TABLE … ALTER COLUMN … DROP DEFAULT).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnDefaultDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_default_set</c> (ALTER TABLE … ALTER COLUMN … SET DEFAULT).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnDefaultSetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    public string Expression { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_drop</c> (ALTER TABLE … DROP COLUMN).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    public bool IfColumnExists { get; init; }

    public bool Cascade { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_rename</c> (ALTER TABLE … RENAME COLUMN).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnRenameParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    public string NewColumnName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_statistics_get</c>: fetches a table's column statistics (result: the raw statistics IPC stream).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnStatisticsGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_column_type_change</c> (ALTER TABLE … ALTER COLUMN … TYPE).</summary>
[ArrowRecord]
public sealed partial record CatalogTableColumnTypeChangeParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>A one-field schema: the column's name, type and metadata.</summary>
    public Schema ColumnDefinition { get; init; } = ProtocolDefaults.EmptySchema;

    public string? Expression { get; init; }

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_comment_set</c> (COMMENT ON TABLE).</summary>
[ArrowRecord]
public sealed partial record CatalogTableCommentSetParams
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

/// <summary>Params of <c>catalog_table_create</c> (CREATE TABLE).</summary>
[ArrowRecord]
public sealed partial record CatalogTableCreateParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableCreateRequest Request { get; init; } = new();
}

/// <summary>Params of <c>catalog_table_delete_function_get</c>: finds a table's DELETE function (result: <see cref="ScanFunctionResult"/> bytes).</summary>
[ArrowRecord]
public sealed partial record CatalogTableDeleteFunctionGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_drop</c> (DROP TABLE).</summary>
[ArrowRecord]
public sealed partial record CatalogTableDropParams
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

/// <summary>Params of <c>catalog_table_get</c>: looks up one table.</summary>
[ArrowRecord]
public sealed partial record CatalogTableGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>AT clause unit (<c>VERSION</c>, <c>TIMESTAMP</c>).</summary>
    public string? AtUnit { get; init; }

    /// <summary>AT clause value as text.</summary>
    public string? AtValue { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_insert_function_get</c>: finds a table's INSERT function (result: <see cref="ScanFunctionResult"/> bytes).</summary>
[ArrowRecord]
public sealed partial record CatalogTableInsertFunctionGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }

    public string? WritableBranchFunctionName { get; init; }
}

/// <summary>Params of <c>catalog_table_not_null_drop</c> (ALTER TABLE … ALTER COLUMN … DROP NOT NULL).</summary>
[ArrowRecord]
public sealed partial record CatalogTableNotNullDropParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_not_null_set</c> (ALTER TABLE … ALTER COLUMN … SET NOT NULL).</summary>
[ArrowRecord]
public sealed partial record CatalogTableNotNullSetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    public string ColumnName { get; init; } = "";

    /// <summary>True for DROP … IF EXISTS; always false for ALTER and COMMENT ON.</summary>
    public bool IgnoreNotFound { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_rename</c> (ALTER TABLE … RENAME TO).</summary>
[ArrowRecord]
public sealed partial record CatalogTableRenameParams
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

/// <summary>Params of <c>catalog_table_scan_branches_get</c>: finds a table's scan branches (result: <see cref="ScanBranchesResult"/> bytes).</summary>
[ArrowRecord]
public sealed partial record CatalogTableScanBranchesGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>AT clause unit (<c>VERSION</c>, <c>TIMESTAMP</c>).</summary>
    public string? AtUnit { get; init; }

    /// <summary>AT clause value as text.</summary>
    public string? AtValue { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_scan_function_get</c>: finds a table's scan function (result: <see cref="ScanFunctionResult"/> bytes).</summary>
[ArrowRecord]
public sealed partial record CatalogTableScanFunctionGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>AT clause unit (<c>VERSION</c>, <c>TIMESTAMP</c>).</summary>
    public string? AtUnit { get; init; }

    /// <summary>AT clause value as text.</summary>
    public string? AtValue { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}

/// <summary>Params of <c>catalog_table_update_function_get</c>: finds a table's UPDATE function (result: <see cref="ScanFunctionResult"/> bytes).</summary>
[ArrowRecord]
public sealed partial record CatalogTableUpdateFunctionGetParams
{
    /// <summary>Bytes returned by <c>catalog_attach</c>.</summary>
    public byte[] AttachOpaqueData { get; init; } = [];

    public string SchemaName { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>; null outside a transaction.</summary>
    public byte[]? TransactionOpaqueData { get; init; }
}
