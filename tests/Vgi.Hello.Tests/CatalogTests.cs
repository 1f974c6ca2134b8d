using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Hello.Tests.Infrastructure;
using Vgi.Testing;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Hello.Tests;

/// <summary>
/// What the extension learns about Hello before its first call (vgi-catalog §5.1, §5.3, §6;
/// validation.md §3.1): <c>catalog_attach</c>, <c>catalog_schemas</c>, then
/// <c>catalog_schema_contents_functions(SCALAR_FUNCTION)</c>, every reply checked field by field.
/// </summary>
public sealed class CatalogTests
{
    /// <summary>One expected FunctionInfo: the C# signature and XML doc of examples/Hello, as the catalog must list it.</summary>
    private sealed record Expected(string Name, (string Name, IArrowType Type, (string, string)[] Metadata)[] Arguments, IArrowType Result, NullHandling NullHandling, string Description)
    {
        public string Key => $"{Name}({string.Join(", ", Arguments.Select(a => a.Type.Name))})";
    }

    private static readonly (string, string)[] None = [];

    private static readonly Expected[] HelloFunctions =
    [
        new("upper_case", [("value", StringType.Default, None)], StringType.Default, NullHandling.Special,
            "Upper-cases a string."),
        new("concat_with", [("separator", StringType.Default, None), ("values", StringType.Default, [("vgi_varargs", "true")])], StringType.Default, NullHandling.Special,
            "Joins the values with a separator, skipping NULLs."),
        new("describe", [("value", Int64Type.Default, None)], StringType.Default, NullHandling.Special,
            "Describes a possibly missing number."),
        new("multiply", [("value", Int64Type.Default, None), ("factor", Int64Type.Default, [("vgi_const", "true")])], Int64Type.Default, NullHandling.Default,
            "Multiplies each value by a constant factor."),
        new("add_values", [("left", Int64Type.Default, None), ("right", Int64Type.Default, None)], Int64Type.Default, NullHandling.Default,
            "Adds two numbers; INTEGER, SMALLINT and TINYINT arguments are widened to BIGINT."),
        new("add_values", [("left", DoubleType.Default, None), ("right", DoubleType.Default, None)], DoubleType.Default, NullHandling.Default,
            "Adds two doubles; the overload DuckDB picks for DOUBLE or FLOAT arguments."),
        new("checked_divide", [("dividend", Int64Type.Default, None), ("divisor", Int64Type.Default, None)], Int64Type.Default, NullHandling.Default,
            "Divides, failing on a zero divisor: shows how a user exception reaches DuckDB."),
    ];

    [Fact]
    public async Task Attach_AcceptsAnyName_FrozenReadOnlyCatalog()
    {
        await using var w = HelloWorker.Start();
        foreach (string name in new[] { "hello", "anything_at_all", "functions" })
        {
            var reply = await w.AttachAsync(name);
            SchemaAssert.Equal(CatalogAttachResult.ArrowSchema, reply.InnerSchema);
            var attach = reply.Value;
            Assert.Equal([.. Calls.AttachPrefix, .. System.Text.Encoding.UTF8.GetBytes(name)], attach.AttachOpaqueData);
            Assert.False(attach.SupportsTransactions);
            Assert.False(attach.SupportsTimeTravel);
            Assert.True(attach.CatalogVersionFrozen); // so the extension never calls catalog_version
            Assert.Equal(1, attach.CatalogVersion);
            Assert.False(attach.AttachOpaqueDataRequired);
            Assert.Equal("main", attach.DefaultSchema);
            Assert.Empty(attach.Settings);
            Assert.Empty(attach.SecretTypes);
            Assert.Null(attach.Comment);
            Assert.Empty(attach.Tags);
            Assert.False(attach.SupportsColumnStatistics);
            Assert.Null(attach.ResolvedDataVersion);
            Assert.Null(attach.ResolvedImplementationVersion);
        }
    }

    [Fact]
    public async Task Attach_RequestBytesFromTheRealClient()
    {
        // ATTACH 'example' AS example (TYPE vgi, LOCATION '<worker>'), as DuckDB v1.5.3 wrote it.
        await using var w = HelloWorker.Start();
        await w.Rpc.WriteRawAsync(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "catalog_attach.request.arrows"))).Timed();
        var response = await w.Rpc.ReadResponseStreamAsync().Timed();
        Assert.Null(response.Exception);
        var batch = Assert.Single(response.Batches).Batch;
        var bytes = Assert.IsType<BinaryArray>(batch.Column(batch.Schema.GetFieldIndex("result"))).GetBytes(0).ToArray();
        var attach = ArrowRecord.FromIpcBytes<CatalogAttachResult>(bytes);
        Assert.Equal([.. Calls.AttachPrefix, .. "example"u8.ToArray()], attach.AttachOpaqueData);
        Assert.Equal("main", attach.DefaultSchema);
    }

    [Fact]
    public async Task Schemas_OneMainSchemaWithRealCounts()
    {
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        var reply = await w.SchemasAsync(attach);
        SchemaAssert.Equal(CatalogSchemasResult.ArrowSchema, reply.InnerSchema);
        var main = Assert.Single(reply.Value.Items);
        Assert.Equal("main", main.Name);
        Assert.Null(main.Comment);
        Assert.Empty(main.Tags);
        Assert.Equal(attach, main.AttachOpaqueData);
        // Real counts (the v0.8.0 zeros hid every function, vgi-catalog §6.2); 0 tells the client to skip a listing.
        var counts = Assert.IsAssignableFrom<IReadOnlyDictionary<string, long>>(main.EstimatedObjectCount);
        Assert.Equal(new SortedDictionary<string, long>
        {
            ["aggregate_function"] = 0,
            ["index"] = 0,
            ["macro"] = 0,
            ["scalar_function"] = HelloFunctions.Length,
            ["table"] = 0,
            ["table_function"] = 2, // sequence, planets (examples/Hello/Tables.cs)
            ["view"] = 0,
        }, new SortedDictionary<string, long>(counts.ToDictionary()));

        var item = ItemBytes(reply.Bytes);
        SchemaAssert.Equal(SchemaInfo.ArrowSchema, IpcBytes.ReadSchema(Assert.Single(item)));
    }

    [Fact]
    public async Task ScalarFunctions_EveryFunctionInfoFieldByField()
    {
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        SchemaAssert.Equal(CatalogSchemaContentsFunctionsResult.ArrowSchema, reply.InnerSchema);

        // The client validates each item's schema strictly against FunctionInfoSchema.
        var items = ItemBytes(reply.Bytes);
        Assert.Equal(HelloFunctions.Length, items.Count);
        foreach (var bytes in items) SchemaAssert.Equal(FunctionInfo.ArrowSchema, IpcBytes.ReadSchema(bytes));

        var listed = reply.Value.Items;
        Assert.Equal(HelloFunctions.Select(e => e.Key).Order(), listed.Select(Key).Order());
        foreach (var expected in HelloFunctions)
        {
            var info = Assert.Single(listed, f => Key(f) == expected.Key);

            Assert.Null(info.Comment);
            Assert.Empty(info.Tags);
            Assert.Equal(expected.Name, info.Name);
            Assert.Equal("main", info.SchemaName);
            Assert.Equal(FunctionType.Scalar, info.FunctionType);

            Assert.Equal(expected.Arguments.Length, info.Arguments.FieldsList.Count);
            for (int i = 0; i < expected.Arguments.Length; i++)
            {
                var (name, type, metadata) = expected.Arguments[i];
                SchemaAssert.Field(info.Arguments.FieldsList[i], name, type, nullable: true, metadata);
            }
            SchemaAssert.Field(Assert.Single(info.OutputSchema.FieldsList), "result", expected.Result, nullable: true);

            Assert.Equal(FunctionStability.Consistent, info.Stability);
            Assert.Equal(expected.NullHandling, info.NullHandling);
            Assert.Equal(expected.Description, info.Description);
            Assert.Empty(info.Examples);
            Assert.Empty(info.Categories);
            Assert.Null(info.ProjectionPushdown);
            Assert.Null(info.FilterPushdown);
            Assert.Null(info.SamplingPushdown);
            Assert.Null(info.LateMaterialization);
            Assert.Empty(info.SupportedExpressionFilters);
            Assert.Equal(OrderPreservation.PreservesOrder, info.OrderPreservation);
            Assert.Null(info.MaxWorkers);
            Assert.False(info.SupportsBatchIndex);
            Assert.Equal(PartitionKind.NotPartitioned, info.PartitionKind);
            Assert.Equal(OrderDependence.NotOrderDependent, info.OrderDependent);
            Assert.Equal(DistinctDependence.NotDistinctDependent, info.DistinctDependent);
            Assert.False(info.SupportsWindow);
            Assert.False(info.StreamingPartitioned);
            Assert.False(info.HasFinalize);
            Assert.False(info.SourceOrderDependent);
            Assert.False(info.SinkOrderDependent);
            Assert.False(info.RequiresInputBatchIndex);
            Assert.Empty(info.RequiredSettings);
            Assert.Empty(info.RequiredSecrets);
        }
    }

    [Fact]
    public async Task OtherFunctionKinds_ListOnlyTheirKind()
    {
        // The client rejects a listing that mixes kinds (vgi-catalog §3.7), and duckdb_functions() asks for each kind.
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        Assert.Empty((await w.FunctionsAsync(attach, CatalogObjectType.AggregateFunction)).Value.Items);

        var tables = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items;
        Assert.Equal(["planets", "sequence"], tables.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(tables, f => Assert.Equal(FunctionType.Table, f.FunctionType));
    }

    [Fact]
    public async Task UnknownSchema_ListsNothing()
    {
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        Assert.Empty((await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction, "nowhere")).Value.Items);
        Assert.Equal(HelloFunctions.Length, (await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction, "MAIN")).Value.Items.Count);
    }

    [Fact]
    public async Task NameMisses_TablesViewsMacros_AnswerEmpty()
    {
        // A name that is not a function makes the client look for macros, tables and views (C6 b, C7).
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsMacrosParams, CatalogSchemaContentsMacrosResult>("catalog_schema_contents_macros",
            new() { AttachOpaqueData = attach, Name = "main", Type = CatalogObjectType.ScalarMacro })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsTablesParams, CatalogSchemaContentsTablesResult>("catalog_schema_contents_tables",
            new() { AttachOpaqueData = attach, Name = "main" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsViewsParams, CatalogSchemaContentsViewsResult>("catalog_schema_contents_views",
            new() { AttachOpaqueData = attach, Name = "main" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogTableGetParams, CatalogTableGetResult>("catalog_table_get",
            new() { AttachOpaqueData = attach, SchemaName = "main", Name = "upper_case" })).Value.Items);
    }

    private static string Key(FunctionInfo f) => $"{f.Name}({string.Join(", ", f.Arguments.FieldsList.Select(a => a.DataType.Name))})";

    /// <summary>The raw <c>items</c> of a listing result: each one an IPC stream of one info row.</summary>
    private static List<byte[]> ItemBytes(byte[] result)
    {
        var batch = IpcBytes.ReadBatch(result);
        var items = Assert.IsType<ListArray>(batch.Column(batch.Schema.GetFieldIndex("items")));
        var values = Assert.IsType<BinaryArray>(items.Values);
        return [.. Enumerable.Range(items.ValueOffsets[0], items.ValueOffsets[1] - items.ValueOffsets[0]).Select(i => values.GetBytes(i).ToArray())];
    }
}
