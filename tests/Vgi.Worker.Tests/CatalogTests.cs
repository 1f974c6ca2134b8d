using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>The default read-only catalog of a function-only worker (vgi-catalog §6), over a real stdio pipe.</summary>
public sealed class CatalogTests
{
    [Fact]
    public async Task Catalogs_ListsTheDefaultCatalog()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var reply = await w.CatalogsAsync();
        SchemaAssert.Equal(CatalogCatalogsResult.ArrowSchema, reply.InnerSchema);
        var info = Assert.Single(reply.Value.Items);
        Assert.Equal("functions", info.Name);
        Assert.Equal("0.0.1-test", info.ImplementationVersion);
        Assert.Null(info.DataVersionSpec);
        Assert.Empty(info.AttachOptionSpecs);
        Assert.Empty(info.Releases);
        Assert.Null(info.SourceUrl);
    }

    [Theory]
    [InlineData("functions")]
    [InlineData("anything")]
    [InlineData("W")]
    public async Task Attach_AcceptsAnyName(string name)
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var reply = await w.AttachAsync(name);
        SchemaAssert.Equal(CatalogAttachResult.ArrowSchema, reply.InnerSchema);
        var outer = Assert.Single(reply.OuterSchema.FieldsList);
        Assert.Equal("result", outer.Name);
        Assert.True(outer.IsNullable);
        Assert.IsType<Apache.Arrow.Types.BinaryType>(outer.DataType);
        var r = reply.Value;
        Assert.Equal([.. Calls.AttachPrefix, .. System.Text.Encoding.UTF8.GetBytes(name)], r.AttachOpaqueData);
        Assert.False(r.SupportsTransactions);
        Assert.False(r.SupportsTimeTravel);
        Assert.True(r.CatalogVersionFrozen);
        Assert.Equal(1, r.CatalogVersion);
        Assert.False(r.AttachOpaqueDataRequired);
        Assert.Equal("main", r.DefaultSchema);
        Assert.Empty(r.Settings);
        Assert.Empty(r.SecretTypes);
        Assert.Null(r.Comment);
        Assert.Empty(r.Tags);
        Assert.False(r.SupportsColumnStatistics);
        Assert.Null(r.ResolvedDataVersion);
        Assert.Null(r.ResolvedImplementationVersion);
    }

    [Fact]
    public async Task Schemas_ReportRealObjectCounts()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.SchemasAsync(attach);
        SchemaAssert.Equal(CatalogSchemasResult.ArrowSchema, reply.InnerSchema);
        Assert.Equal(["main", "text"], reply.Value.Items.Select(s => s.Name));

        var main = reply.Value.Items[0];
        Assert.Null(main.Comment);
        Assert.Empty(main.Tags);
        Assert.Equal(attach, main.AttachOpaqueData);
        var counts = Assert.IsAssignableFrom<IReadOnlyDictionary<string, long>>(main.EstimatedObjectCount);
        Assert.Equal(9, counts["scalar_function"]); // every overload in main: both multiply overloads count
        Assert.Equal(6, counts["table_function"]); // every table overload in main: both sequence overloads count
        foreach (var kind in new[] { "table", "view", "aggregate_function", "macro", "index" })
            Assert.Equal(0, counts[kind]);
        Assert.Equal(1, reply.Value.Items[1].EstimatedObjectCount!["scalar_function"]);
        Assert.Equal(0, reply.Value.Items[1].EstimatedObjectCount!["table_function"]);

        // Each item is its own IPC stream on the strict SchemaInfo schema.
        var items = ReadItems(reply.Bytes);
        Assert.Equal(2, items.Count);
        foreach (var item in items) SchemaAssert.Equal(SchemaInfo.ArrowSchema, IpcBytes.ReadSchema(item));
    }

    [Fact]
    public async Task SchemaGet_IsCaseInsensitive()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var hit = await w.CallAsync<CatalogSchemaGetParams, CatalogSchemaGetResult>("catalog_schema_get", new() { AttachOpaqueData = attach, Name = "TEXT" });
        Assert.Equal("text", Assert.Single(hit.Value.Items).Name);
        var miss = await w.CallAsync<CatalogSchemaGetParams, CatalogSchemaGetResult>("catalog_schema_get", new() { AttachOpaqueData = attach, Name = "nosuch" });
        Assert.Empty(miss.Value.Items);
    }

    [Fact]
    public async Task EmptyKinds_AnswerNoItems()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsTablesParams, CatalogSchemaContentsTablesResult>("catalog_schema_contents_tables", new() { AttachOpaqueData = attach, Name = "main" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsViewsParams, CatalogSchemaContentsViewsResult>("catalog_schema_contents_views", new() { AttachOpaqueData = attach, Name = "main" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsMacrosParams, CatalogSchemaContentsMacrosResult>("catalog_schema_contents_macros", new() { AttachOpaqueData = attach, Name = "main", Type = CatalogObjectType.ScalarMacro })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogSchemaContentsIndexesParams, CatalogSchemaContentsIndexesResult>("catalog_schema_contents_indexes", new() { AttachOpaqueData = attach, Name = "main" })).Value.Items);
        var tableGet = await w.CallAsync<CatalogTableGetParams, CatalogTableGetResult>("catalog_table_get", new() { AttachOpaqueData = attach, SchemaName = "main", Name = "t" });
        Assert.Empty(tableGet.Value.Items);
        SchemaAssert.Equal(CatalogTableGetResult.ArrowSchema, tableGet.InnerSchema);
        Assert.Empty((await w.CallAsync<CatalogViewGetParams, CatalogViewGetResult>("catalog_view_get", new() { AttachOpaqueData = attach, SchemaName = "main", Name = "v" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogMacroGetParams, CatalogMacroGetResult>("catalog_macro_get", new() { AttachOpaqueData = attach, SchemaName = "main", Name = "m" })).Value.Items);
        Assert.Empty((await w.CallAsync<CatalogIndexGetParams, CatalogIndexGetResult>("catalog_index_get", new() { AttachOpaqueData = attach, SchemaName = "main", Name = "i" })).Value.Items);
        Assert.Empty((await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction, "nosuch")).Value.Items);
    }

    [Fact]
    public async Task VersionDetachAndStatistics()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var version = await w.CallAsync<CatalogVersionParams, CatalogVersionResult>("catalog_version", new() { AttachOpaqueData = attach });
        Assert.Equal(1, version.Value.Version);
        SchemaAssert.Equal(CatalogVersionResult.ArrowSchema, version.InnerSchema);

        using (var detach = await w.CallRawAsync("catalog_detach", new CatalogDetachParams { AttachOpaqueData = attach }))
        {
            Assert.Null(detach.Batch);
            Assert.Empty(detach.ResultSchema.FieldsList);
        }
        using (var stats = await w.CallRawAsync("catalog_table_column_statistics_get", new CatalogTableColumnStatisticsGetParams { AttachOpaqueData = attach, SchemaName = "main", Name = "t" }))
            Assert.True(Assert.IsType<BinaryArray>(stats.Result).IsNull(0));
    }

    [Fact]
    public async Task ScanAndWriteDiscovery_AreNotImplemented()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var scan = await Assert.ThrowsAsync<RpcException>(() => w.CallRawAsync("catalog_table_scan_function_get", new CatalogTableScanFunctionGetParams { AttachOpaqueData = attach, SchemaName = "main", Name = "t" }));
        Assert.Equal("NotImplementedError", scan.TypeName);
        Assert.Contains("Table 'main.t' not found", scan.Message);
        var branches = await Assert.ThrowsAsync<RpcException>(() => w.CallRawAsync("catalog_table_scan_branches_get", new CatalogTableScanBranchesGetParams { AttachOpaqueData = attach, SchemaName = "s", Name = "x" }));
        Assert.Contains("Table 's.x' not found", branches.Message);
        var insert = await Assert.ThrowsAsync<RpcException>(() => w.CallRawAsync("catalog_table_insert_function_get", new CatalogTableInsertFunctionGetParams { AttachOpaqueData = attach, SchemaName = "main", Name = "t" }));
        Assert.Equal("NotImplementedError", insert.TypeName);
        // The worker keeps serving after each error.
        Assert.Equal(1, (await w.CallAsync<CatalogVersionParams, CatalogVersionResult>("catalog_version", new() { AttachOpaqueData = attach })).Value.Version);
    }

    [Fact]
    public async Task DdlAndTransactions_AreReadOnlyErrors()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        async Task ExpectReadOnly<TParams>(string method, TParams p, string operation) where TParams : IArrowRecord<TParams>
        {
            var e = await Assert.ThrowsAsync<RpcException>(() => w.CallRawAsync(method, p));
            Assert.Equal("CatalogReadOnlyError", e.TypeName);
            Assert.Equal($"CatalogReadOnlyError: Cannot {operation}: catalog is read-only", e.Message);
        }
        await ExpectReadOnly("catalog_schema_create", new CatalogSchemaCreateParams { AttachOpaqueData = attach, Name = "s" }, "create a schema");
        await ExpectReadOnly("catalog_table_drop", new CatalogTableDropParams { AttachOpaqueData = attach, SchemaName = "main", Name = "t" }, "drop a table");
        await ExpectReadOnly("catalog_view_create", new CatalogViewCreateParams { AttachOpaqueData = attach, SchemaName = "main", Name = "v", Definition = "SELECT 1" }, "create a view");
        await ExpectReadOnly("catalog_transaction_begin", new CatalogTransactionBeginParams { AttachOpaqueData = attach }, "begin a transaction");
        await ExpectReadOnly("catalog_transaction_commit", new CatalogTransactionCommitParams { AttachOpaqueData = attach, TransactionOpaqueData = [1] }, "commit a transaction");
        await ExpectReadOnly("catalog_drop", new CatalogDropParams { Name = "w" }, "drop a catalog");
    }

    [Fact]
    public async Task Describe_ListsTheWholeCatalogAndFunctionSurface()
    {
        await using var w = WorkerProcess.TestWorker.Start(["--describe"]);
        using var result = await w.Rpc.CallAsync("__describe__").Timed();
        var names = Enumerable.Range(0, result.Batch!.Length).Select(i => ((StringArray)result.Batch.Batch.Column(result.Batch.Schema.GetFieldIndex("name"))).GetString(i)).ToHashSet();
        foreach (var method in new[] { "bind", "init", "catalog_attach", "catalog_catalogs", "catalog_schemas", "catalog_schema_get", "catalog_schema_contents_functions",
                     "catalog_schema_contents_tables", "catalog_schema_contents_views", "catalog_schema_contents_macros", "catalog_schema_contents_indexes",
                     "catalog_table_get", "catalog_view_get", "catalog_macro_get", "catalog_index_get", "catalog_version", "catalog_detach",
                     "catalog_table_scan_function_get", "catalog_table_scan_branches_get", "catalog_transaction_begin", "catalog_table_column_add" })
            Assert.Contains(method, names);
    }

    /// <summary>The <c>items</c> of an items response: each an independent IPC stream.</summary>
    internal static List<byte[]> ReadItems(byte[] response)
    {
        var batch = IpcBytes.ReadBatch(response);
        var list = (ListArray)batch.Column(batch.Schema.GetFieldIndex("items"));
        var values = (BinaryArray)list.Values;
        var items = new List<byte[]>();
        for (int i = list.ValueOffsets[0]; i < list.ValueOffsets[1]; i++) items.Add(values.GetBytes(i).ToArray());
        return items;
    }
}
