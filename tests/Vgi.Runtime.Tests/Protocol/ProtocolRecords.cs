using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Tests.Protocol;

/// <summary>One protocol record type with its generated codec, callable without knowing the type statically.</summary>
public sealed class RecordCase
{
    public required Type Type { get; init; }

    public string Name => Type.Name;

    public required Func<Schema> Schema { get; init; }

    public required Func<object, byte[]> ToIpcBytes { get; init; }

    public required Func<ReadOnlyMemory<byte>, object> FromIpcBytes { get; init; }

    public required Func<IReadOnlyList<object>, RecordBatch> ToRecordBatch { get; init; }

    public required Func<RecordBatch, object[]> FromRecordBatch { get; init; }

    public required Func<object> CreateDefault { get; init; }

    public static RecordCase Of<T>() where T : IArrowRecord<T>, new() => new()
    {
        Type = typeof(T),
        Schema = () => T.ArrowSchema,
        ToIpcBytes = value => ArrowRecord.ToIpcBytes((T)value),
        FromIpcBytes = bytes => ArrowRecord.FromIpcBytes<T>(bytes),
        ToRecordBatch = rows => T.ToRecordBatch(rows.Cast<T>().ToArray()),
        FromRecordBatch = batch => T.FromRecordBatch(batch).Cast<object>().ToArray(),
        CreateDefault = () => new T(),
    };

    public override string ToString() => Name;
}

/// <summary>
/// Every [ArrowRecord] type of Vgi.Protocol. The 114 schemas of protocol-1.0.0-schemas.md are looked
/// up here by the name in their heading's parentheses, which is the C# type name.
/// </summary>
public static class ProtocolRecords
{
    public static readonly RecordCase[] All =
    [
        RecordCase.Of<AggregateBindParams>(),
        RecordCase.Of<AggregateBindRequest>(),
        RecordCase.Of<AggregateBindResult>(),
        RecordCase.Of<AggregateCombineParams>(),
        RecordCase.Of<AggregateCombineRequest>(),
        RecordCase.Of<AggregateCombineResult>(),
        RecordCase.Of<AggregateDestructorParams>(),
        RecordCase.Of<AggregateDestructorRequest>(),
        RecordCase.Of<AggregateDestructorResult>(),
        RecordCase.Of<AggregateFinalizeParams>(),
        RecordCase.Of<AggregateFinalizeRequest>(),
        RecordCase.Of<AggregateFinalizeResult>(),
        RecordCase.Of<AggregateStreamingChunkParams>(),
        RecordCase.Of<AggregateStreamingChunkRequest>(),
        RecordCase.Of<AggregateStreamingChunkResult>(),
        RecordCase.Of<AggregateStreamingCloseParams>(),
        RecordCase.Of<AggregateStreamingCloseRequest>(),
        RecordCase.Of<AggregateStreamingCloseResult>(),
        RecordCase.Of<AggregateStreamingOpenParams>(),
        RecordCase.Of<AggregateStreamingOpenRequest>(),
        RecordCase.Of<AggregateStreamingOpenResult>(),
        RecordCase.Of<AggregateUpdateParams>(),
        RecordCase.Of<AggregateUpdateRequest>(),
        RecordCase.Of<AggregateUpdateResult>(),
        RecordCase.Of<AggregateWindowBatchParams>(),
        RecordCase.Of<AggregateWindowBatchRequest>(),
        RecordCase.Of<AggregateWindowBatchResult>(),
        RecordCase.Of<AggregateWindowDestructorParams>(),
        RecordCase.Of<AggregateWindowDestructorRequest>(),
        RecordCase.Of<AggregateWindowDestructorResult>(),
        RecordCase.Of<AggregateWindowInitParams>(),
        RecordCase.Of<AggregateWindowInitRequest>(),
        RecordCase.Of<AggregateWindowInitResult>(),
        RecordCase.Of<AggregateWindowParams>(),
        RecordCase.Of<AggregateWindowRequest>(),
        RecordCase.Of<AggregateWindowResult>(),
        RecordCase.Of<AttachOptionSpec>(),
        RecordCase.Of<BindParams>(),
        RecordCase.Of<BindRequest>(),
        RecordCase.Of<BindResult>(),
        RecordCase.Of<CatalogAttachParams>(),
        RecordCase.Of<CatalogAttachRequest>(),
        RecordCase.Of<CatalogAttachResult>(),
        RecordCase.Of<CatalogCatalogsParams>(),
        RecordCase.Of<CatalogCatalogsResult>(),
        RecordCase.Of<CatalogCreateParams>(),
        RecordCase.Of<CatalogCreateRequest>(),
        RecordCase.Of<CatalogDataVersionRelease>(),
        RecordCase.Of<CatalogDetachParams>(),
        RecordCase.Of<CatalogDropParams>(),
        RecordCase.Of<CatalogIndexCreateParams>(),
        RecordCase.Of<CatalogIndexDropParams>(),
        RecordCase.Of<CatalogIndexGetParams>(),
        RecordCase.Of<CatalogIndexGetResult>(),
        RecordCase.Of<CatalogInfo>(),
        RecordCase.Of<CatalogMacroCreateParams>(),
        RecordCase.Of<CatalogMacroDropParams>(),
        RecordCase.Of<CatalogMacroGetParams>(),
        RecordCase.Of<CatalogMacroGetResult>(),
        RecordCase.Of<CatalogSchemaContentsFunctionsParams>(),
        RecordCase.Of<CatalogSchemaContentsFunctionsResult>(),
        RecordCase.Of<CatalogSchemaContentsIndexesParams>(),
        RecordCase.Of<CatalogSchemaContentsIndexesResult>(),
        RecordCase.Of<CatalogSchemaContentsMacrosParams>(),
        RecordCase.Of<CatalogSchemaContentsMacrosResult>(),
        RecordCase.Of<CatalogSchemaContentsTablesParams>(),
        RecordCase.Of<CatalogSchemaContentsTablesResult>(),
        RecordCase.Of<CatalogSchemaContentsViewsParams>(),
        RecordCase.Of<CatalogSchemaContentsViewsResult>(),
        RecordCase.Of<CatalogSchemaCreateParams>(),
        RecordCase.Of<CatalogSchemaDropParams>(),
        RecordCase.Of<CatalogSchemaGetParams>(),
        RecordCase.Of<CatalogSchemaGetResult>(),
        RecordCase.Of<CatalogSchemasParams>(),
        RecordCase.Of<CatalogSchemasResult>(),
        RecordCase.Of<CatalogTableColumnAddParams>(),
        RecordCase.Of<CatalogTableColumnCommentSetParams>(),
        RecordCase.Of<CatalogTableColumnDefaultDropParams>(),
        RecordCase.Of<CatalogTableColumnDefaultSetParams>(),
        RecordCase.Of<CatalogTableColumnDropParams>(),
        RecordCase.Of<CatalogTableColumnRenameParams>(),
        RecordCase.Of<CatalogTableColumnStatisticsGetParams>(),
        RecordCase.Of<CatalogTableColumnTypeChangeParams>(),
        RecordCase.Of<CatalogTableCommentSetParams>(),
        RecordCase.Of<CatalogTableCreateParams>(),
        RecordCase.Of<CatalogTableDeleteFunctionGetParams>(),
        RecordCase.Of<CatalogTableDropParams>(),
        RecordCase.Of<CatalogTableGetParams>(),
        RecordCase.Of<CatalogTableGetResult>(),
        RecordCase.Of<CatalogTableInsertFunctionGetParams>(),
        RecordCase.Of<CatalogTableNotNullDropParams>(),
        RecordCase.Of<CatalogTableNotNullSetParams>(),
        RecordCase.Of<CatalogTableRenameParams>(),
        RecordCase.Of<CatalogTableScanBranchesGetParams>(),
        RecordCase.Of<CatalogTableScanFunctionGetParams>(),
        RecordCase.Of<CatalogTableUpdateFunctionGetParams>(),
        RecordCase.Of<CatalogTransactionBeginParams>(),
        RecordCase.Of<CatalogTransactionBeginResult>(),
        RecordCase.Of<CatalogTransactionCommitParams>(),
        RecordCase.Of<CatalogTransactionRollbackParams>(),
        RecordCase.Of<CatalogVersionParams>(),
        RecordCase.Of<CatalogVersionResult>(),
        RecordCase.Of<CatalogViewCommentSetParams>(),
        RecordCase.Of<CatalogViewCreateParams>(),
        RecordCase.Of<CatalogViewDropParams>(),
        RecordCase.Of<CatalogViewGetParams>(),
        RecordCase.Of<CatalogViewGetResult>(),
        RecordCase.Of<CatalogViewRenameParams>(),
        RecordCase.Of<ForeignKeyConstraint>(),
        RecordCase.Of<FunctionExample>(),
        RecordCase.Of<FunctionInfo>(),
        RecordCase.Of<GlobalInitResponse>(),
        RecordCase.Of<IndexCreateRequest>(),
        RecordCase.Of<IndexInfo>(),
        RecordCase.Of<InitParams>(),
        RecordCase.Of<InitRequest>(),
        RecordCase.Of<MacroCreateRequest>(),
        RecordCase.Of<MacroInfo>(),
        RecordCase.Of<RequiredSecret>(),
        RecordCase.Of<ScanBranch>(),
        RecordCase.Of<ScanBranchesResult>(),
        RecordCase.Of<ScanFunctionResult>(),
        RecordCase.Of<SchemaInfo>(),
        RecordCase.Of<SecretLookupParams>(),
        RecordCase.Of<SecretLookupResult>(),
        RecordCase.Of<SecretTypeSpec>(),
        RecordCase.Of<SettingSpec>(),
        RecordCase.Of<TableBufferingCombineParams>(),
        RecordCase.Of<TableBufferingCombineRequest>(),
        RecordCase.Of<TableBufferingCombineResult>(),
        RecordCase.Of<TableBufferingDestructorParams>(),
        RecordCase.Of<TableBufferingDestructorRequest>(),
        RecordCase.Of<TableBufferingDestructorResult>(),
        RecordCase.Of<TableBufferingProcessParams>(),
        RecordCase.Of<TableBufferingProcessRequest>(),
        RecordCase.Of<TableBufferingProcessResult>(),
        RecordCase.Of<TableCreateRequest>(),
        RecordCase.Of<TableFunctionCardinalityParams>(),
        RecordCase.Of<TableFunctionCardinalityRequest>(),
        RecordCase.Of<TableFunctionCardinalityResult>(),
        RecordCase.Of<TableFunctionDynamicToStringParams>(),
        RecordCase.Of<TableFunctionDynamicToStringRequest>(),
        RecordCase.Of<TableFunctionDynamicToStringResult>(),
        RecordCase.Of<TableFunctionStatisticsParams>(),
        RecordCase.Of<TableFunctionStatisticsRequest>(),
        RecordCase.Of<TableInfo>(),
        RecordCase.Of<ViewInfo>(),
        RecordCase.Of<WriteOptions>(),
    ];

    private static readonly Dictionary<string, RecordCase> ByName = All.ToDictionary(c => c.Name);

    public static RecordCase Get(string name) =>
        ByName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"no protocol record named {name}");

    public static bool TryGet(string name, out RecordCase recordCase) => ByName.TryGetValue(name, out recordCase!);

    public static IEnumerable<object[]> Names() => All.Select(c => new object[] { c.Name });
}
