using Vgi.Functions;

namespace Vgi;

/// <summary>How <see cref="VgiWorker"/> presents itself: the catalog it answers for and the functions it serves.</summary>
public sealed class VgiWorkerOptions
{
    /// <summary>
    /// The catalog name reported by <c>catalog_catalogs</c> (default <c>functions</c>, as in
    /// vgi-python). It names the catalog in a bare-form <c>ATTACH '&lt;location&gt;' (TYPE vgi)</c>;
    /// <c>catalog_attach</c> itself accepts any requested name (see <see cref="VgiWorker"/>).
    /// </summary>
    public string CatalogName { get; init; } = "functions";

    /// <summary>Worker software version reported by <c>catalog_catalogs</c> (<c>implementation_version</c>); null = not reported.</summary>
    public string? ImplementationVersion { get; init; }

    /// <summary>
    /// Scalar functions served in addition to those generated code registered in
    /// <see cref="FunctionRegistry"/>: hand-written definitions, or functions for tests.
    /// </summary>
    public IReadOnlyList<ScalarFunctionDefinition> ScalarFunctions { get; init; } = [];

    /// <summary>
    /// Table functions served in addition to those generated code registered in
    /// <see cref="FunctionRegistry"/>: hand-written definitions (e.g. with a bind-computed schema),
    /// or functions for tests.
    /// </summary>
    public IReadOnlyList<TableFunctionDefinition> TableFunctions { get; init; } = [];

    /// <summary>
    /// True (default): <c>catalog_attach</c> accepts any catalog name (a function-only worker has one
    /// catalog, whatever the user calls it). False: only <see cref="CatalogName"/>, else
    /// <c>Unknown catalog: '&lt;name&gt;'. Available: &lt;catalog&gt;</c>, as vgi-python answers.
    /// </summary>
    public bool AcceptAnyCatalogName { get; init; } = true;

    /// <summary>
    /// The catalog takes part in DuckDB transactions: <c>catalog_transaction_begin</c> mints an id,
    /// binds inside the transaction get its <see cref="Functions.TransactionStorage"/>, and commit or
    /// rollback drop it. Off (default), transaction calls fail as on any read-only catalog.
    /// </summary>
    public bool SupportsTransactions { get; init; }

    /// <summary>
    /// The <c>max_workers</c> every table function lists in the catalog, when it should differ from
    /// the function's real grant (<see cref="Functions.TableFunctionDefinition.MaxWorkers"/>, which
    /// <c>init</c> answers): the listed value is informational, and vgi-python lists 99999.
    /// </summary>
    public int? ListedMaxWorkers { get; init; }

    /// <summary>The catalog's comment (<c>duckdb_databases().comment</c>).</summary>
    public string? CatalogComment { get; init; }

    /// <summary>The catalog's tags (<c>duckdb_databases().tags</c>).</summary>
    public IReadOnlyDictionary<string, string> CatalogTags { get; init; } = new Dictionary<string, string>();

    /// <summary>Schema comments by schema name (<c>duckdb_schemas().comment</c>).</summary>
    public IReadOnlyDictionary<string, string> SchemaComments { get; init; } = new Dictionary<string, string>();

    /// <summary>Settings declared at attach, in order.</summary>
    public IReadOnlyList<CatalogSetting> Settings { get; init; } = [];

    /// <summary>Secret types declared at attach, in order.</summary>
    public IReadOnlyList<CatalogSecretType> SecretTypes { get; init; } = [];
}
