using System.Security.Cryptography;
using Apache.Arrow;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The read-only catalog of a function-only worker (vgi-catalog §6): one catalog whose schemas hold
/// the served functions, no tables, views, macros or indexes. Object counts are real (the v0.8.0
/// bug of §6.2 reported zeros, which hid every function). Lookups of absent objects return no
/// items; table scan and write discovery fail with <c>NotImplementedError</c>; DDL and transactions
/// fail with <c>CatalogReadOnlyError</c>.
/// </summary>
internal sealed class DefaultCatalog
{
    /// <summary>Never changes: the function set is fixed for the life of the process.</summary>
    public const long Version = 1;

    private readonly FunctionSet _functions;
    private readonly VgiWorkerOptions _options;

    /// <summary>Encoded once, so a bad setting default fails at start-up rather than at the first ATTACH.</summary>
    private readonly SettingSpec[] _settings;

    private readonly SecretTypeSpec[] _secretTypes;

    private DefaultCatalog(FunctionSet functions, VgiWorkerOptions options)
    {
        _functions = functions;
        _options = options;
        _settings = [.. options.Settings.Select(CatalogSpecs.Setting)];
        _secretTypes = [.. options.SecretTypes.Select(CatalogSpecs.SecretType)];
    }

    public static IEnumerable<RpcMethod> CreateMethods(FunctionSet functions, VgiWorkerOptions options) =>
        new DefaultCatalog(functions, options).Methods();

    private IEnumerable<RpcMethod> Methods()
    {
        // Discovery and lifecycle.
        yield return RpcMethod.CreateUnary("catalog_catalogs", CatalogCatalogsParams.ArrowSchema, ProtocolMethods.NullableBytesResult,
            (_, _) => new ValueTask<IArrowArray?>(ProtocolMethods.Bytes(Codecs.ArrowRecord.ToIpcBytes(Catalogs()))));
        yield return ProtocolMethods.Unary<CatalogAttachParams, CatalogAttachResult>("catalog_attach", (p, _) => Attach(p.Request));
        yield return ProtocolMethods.Void<CatalogDetachParams>("catalog_detach", (_, _) => { });
        yield return ReadOnly<CatalogCreateParams>("catalog_create", "create a catalog");
        yield return ReadOnly<CatalogDropParams>("catalog_drop", "drop a catalog");
        yield return ProtocolMethods.Unary<CatalogVersionParams, CatalogVersionResult>("catalog_version", (_, _) => new CatalogVersionResult { Version = Version });
        foreach (var method in TransactionMethods()) yield return method;

        // Schemas and their contents.
        yield return ProtocolMethods.Unary<CatalogSchemasParams, CatalogSchemasResult>("catalog_schemas",
            (p, _) => new CatalogSchemasResult { Items = [.. _functions.Schemas.Select(s => DescribeSchema(s, p.AttachOpaqueData))] });
        yield return ProtocolMethods.Unary<CatalogSchemaGetParams, CatalogSchemaGetResult>("catalog_schema_get",
            (p, _) => new CatalogSchemaGetResult { Items = _functions.TryGetSchema(p.Name, out var s) ? [DescribeSchema(s, p.AttachOpaqueData)] : [] });
        yield return ReadOnly<CatalogSchemaCreateParams>("catalog_schema_create", "create a schema");
        yield return ReadOnly<CatalogSchemaDropParams>("catalog_schema_drop", "drop a schema");
        yield return ProtocolMethods.Unary<CatalogSchemaContentsFunctionsParams, CatalogSchemaContentsFunctionsResult>("catalog_schema_contents_functions",
            (p, _) => new CatalogSchemaContentsFunctionsResult { Items = Functions(p.Name, p.Type) });
        yield return ProtocolMethods.Unary<CatalogSchemaContentsTablesParams, CatalogSchemaContentsTablesResult>("catalog_schema_contents_tables", (_, _) => new());
        yield return ProtocolMethods.Unary<CatalogSchemaContentsViewsParams, CatalogSchemaContentsViewsResult>("catalog_schema_contents_views", (_, _) => new());
        yield return ProtocolMethods.Unary<CatalogSchemaContentsMacrosParams, CatalogSchemaContentsMacrosResult>("catalog_schema_contents_macros", (_, _) => new());
        yield return ProtocolMethods.Unary<CatalogSchemaContentsIndexesParams, CatalogSchemaContentsIndexesResult>("catalog_schema_contents_indexes", (_, _) => new());

        // Tables: none exist.
        yield return ProtocolMethods.Unary<CatalogTableGetParams, CatalogTableGetResult>("catalog_table_get", (_, _) => new());
        yield return NoTables<CatalogTableScanFunctionGetParams>("catalog_table_scan_function_get", p => (p.SchemaName, p.Name));
        yield return NoTables<CatalogTableScanBranchesGetParams>("catalog_table_scan_branches_get", p => (p.SchemaName, p.Name));
        yield return NoTables<CatalogTableInsertFunctionGetParams>("catalog_table_insert_function_get", p => (p.SchemaName, p.Name));
        yield return NoTables<CatalogTableUpdateFunctionGetParams>("catalog_table_update_function_get", p => (p.SchemaName, p.Name));
        yield return NoTables<CatalogTableDeleteFunctionGetParams>("catalog_table_delete_function_get", p => (p.SchemaName, p.Name));
        yield return ProtocolMethods.RawBytes<CatalogTableColumnStatisticsGetParams>("catalog_table_column_statistics_get", nullable: true, (_, _) => null);
        yield return ReadOnly<CatalogTableCreateParams>("catalog_table_create", "create a table");
        yield return ReadOnly<CatalogTableDropParams>("catalog_table_drop", "drop a table");
        yield return ReadOnly<CatalogTableRenameParams>("catalog_table_rename", "rename a table");
        yield return ReadOnly<CatalogTableCommentSetParams>("catalog_table_comment_set", "set a table comment");
        yield return ReadOnly<CatalogTableColumnCommentSetParams>("catalog_table_column_comment_set", "set a column comment");
        yield return ReadOnly<CatalogTableColumnAddParams>("catalog_table_column_add", "add a column");
        yield return ReadOnly<CatalogTableColumnDropParams>("catalog_table_column_drop", "drop a column");
        yield return ReadOnly<CatalogTableColumnRenameParams>("catalog_table_column_rename", "rename a column");
        yield return ReadOnly<CatalogTableColumnDefaultSetParams>("catalog_table_column_default_set", "set a column default");
        yield return ReadOnly<CatalogTableColumnDefaultDropParams>("catalog_table_column_default_drop", "drop a column default");
        yield return ReadOnly<CatalogTableColumnTypeChangeParams>("catalog_table_column_type_change", "change a column type");
        yield return ReadOnly<CatalogTableNotNullSetParams>("catalog_table_not_null_set", "set NOT NULL");
        yield return ReadOnly<CatalogTableNotNullDropParams>("catalog_table_not_null_drop", "drop NOT NULL");

        // Views, macros, indexes: none exist.
        yield return ProtocolMethods.Unary<CatalogViewGetParams, CatalogViewGetResult>("catalog_view_get", (_, _) => new());
        yield return ReadOnly<CatalogViewCreateParams>("catalog_view_create", "create a view");
        yield return ReadOnly<CatalogViewDropParams>("catalog_view_drop", "drop a view");
        yield return ReadOnly<CatalogViewRenameParams>("catalog_view_rename", "rename a view");
        yield return ReadOnly<CatalogViewCommentSetParams>("catalog_view_comment_set", "set a view comment");
        yield return ProtocolMethods.Unary<CatalogMacroGetParams, CatalogMacroGetResult>("catalog_macro_get", (_, _) => new());
        yield return ReadOnly<CatalogMacroCreateParams>("catalog_macro_create", "create a macro");
        yield return ReadOnly<CatalogMacroDropParams>("catalog_macro_drop", "drop a macro");
        yield return ProtocolMethods.Unary<CatalogIndexGetParams, CatalogIndexGetResult>("catalog_index_get", (_, _) => new());
        yield return ReadOnly<CatalogIndexCreateParams>("catalog_index_create", "create an index");
        yield return ReadOnly<CatalogIndexDropParams>("catalog_index_drop", "drop an index");
    }

    /// <summary>
    /// With <see cref="VgiWorkerOptions.SupportsTransactions"/>: a fresh 16-byte id per transaction,
    /// whose <see cref="TransactionStorage"/> commit and rollback drop. Without: read-only errors.
    /// </summary>
    private IEnumerable<RpcMethod> TransactionMethods()
    {
        if (!_options.SupportsTransactions)
        {
            yield return ProtocolMethods.Failing<CatalogTransactionBeginParams>("catalog_transaction_begin", ProtocolMethods.NullableBytesResult,
                () => WorkerErrors.ReadOnly("begin a transaction"));
            yield return ReadOnly<CatalogTransactionCommitParams>("catalog_transaction_commit", "commit a transaction");
            yield return ReadOnly<CatalogTransactionRollbackParams>("catalog_transaction_rollback", "roll back a transaction");
            yield break;
        }
        yield return ProtocolMethods.Unary<CatalogTransactionBeginParams, CatalogTransactionBeginResult>("catalog_transaction_begin",
            (_, _) => new CatalogTransactionBeginResult { TransactionOpaqueData = RandomNumberGenerator.GetBytes(16) });
        yield return ProtocolMethods.Void<CatalogTransactionCommitParams>("catalog_transaction_commit",
            (p, _) => TransactionStorage.End(p.TransactionOpaqueData));
        yield return ProtocolMethods.Void<CatalogTransactionRollbackParams>("catalog_transaction_rollback",
            (p, _) => TransactionStorage.End(p.TransactionOpaqueData));
    }

    private CatalogCatalogsResult Catalogs() => new()
    {
        Items = [new CatalogInfo { Name = _options.CatalogName, ImplementationVersion = _options.ImplementationVersion }],
    };

    /// <summary>
    /// Accepts any catalog name unless <see cref="VgiWorkerOptions.AcceptAnyCatalogName"/> is off (a
    /// deviation from vgi-python, which insists on its catalog_name): this worker has exactly one
    /// catalog, so whatever the user calls it, it is this one.
    /// </summary>
    private CatalogAttachResult Attach(CatalogAttachRequest? request)
    {
        string name = request?.Name ?? "";
        if (!_options.AcceptAnyCatalogName && name != _options.CatalogName)
            throw WorkerErrors.ValueError($"Unknown catalog: '{name}'. Available: {_options.CatalogName}");
        return new CatalogAttachResult
        {
            AttachOpaqueData = AttachToken.Create(name),
            SupportsTransactions = _options.SupportsTransactions,
            SupportsTimeTravel = false,
            CatalogVersionFrozen = true,
            CatalogVersion = Version,
            AttachOpaqueDataRequired = false,
            DefaultSchema = FunctionSet.MainSchema,
            Settings = _settings,
            SecretTypes = _secretTypes,
            Comment = _options.CatalogComment,
            Tags = _options.CatalogTags,
            SupportsColumnStatistics = false,
            ResolvedDataVersion = null,
            ResolvedImplementationVersion = null,
        };
    }

    /// <summary>A schema with its real object counts: 0 is a promise DuckDB trusts to skip the listing RPC.</summary>
    private SchemaInfo DescribeSchema(string schema, byte[] attachOpaqueData) => new()
    {
        Comment = _options.SchemaComments.TryGetValue(schema, out var comment) ? comment : null,
        Tags = ProtocolDefaults.EmptyTags,
        AttachOpaqueData = attachOpaqueData,
        Name = schema,
        EstimatedObjectCount = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["table"] = 0,
            ["view"] = 0,
            ["scalar_function"] = _functions.ScalarsIn(schema).Count,
            ["aggregate_function"] = 0,
            ["table_function"] = _functions.TablesIn(schema).Count,
            ["macro"] = 0,
            ["index"] = 0,
        },
    };

    /// <summary>The listing of one function kind; the client rejects a listing that mixes kinds, so filter exactly.</summary>
    private List<FunctionInfo> Functions(string schemaName, CatalogObjectType type)
    {
        if (!_functions.TryGetSchema(schemaName, out var schema)) return [];
        return type switch
        {
            // Listed under the schema's canonical spelling, whatever case a definition used.
            CatalogObjectType.ScalarFunction => [.. _functions.ScalarsIn(schema).Select(d => ScalarFunctionInfo.Create(d) with { SchemaName = schema })],
            CatalogObjectType.TableFunction => [.. _functions.TablesIn(schema).Select(d => TableFunctionInfo.Create(d) with { SchemaName = schema, MaxWorkers = _options.ListedMaxWorkers ?? d.MaxWorkers })],
            _ => [],
        };
    }

    private static RpcMethod ReadOnly<TParams>(string name, string operation) where TParams : Codecs.IArrowRecord<TParams> =>
        ProtocolMethods.Failing<TParams>(name, RpcSchemas.Empty, () => WorkerErrors.ReadOnly(operation));

    private static RpcMethod NoTables<TParams>(string name, Func<TParams, (string Schema, string Name)> table) where TParams : Codecs.IArrowRecord<TParams> =>
        ProtocolMethods.RawBytes<TParams>(name, nullable: false, (p, _) =>
        {
            var (schema, tableName) = table(p);
            throw WorkerErrors.NotImplemented($"Table '{schema}.{tableName}' not found: this worker serves functions only and has no tables");
        });
}
