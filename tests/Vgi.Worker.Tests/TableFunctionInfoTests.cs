using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>
/// Table functions in the default catalog (vgi-catalog §6, validation-2 §2): real
/// <c>table_function</c> counts, and one strict FunctionInfo per overload with the values the
/// probe's accepted listing had (TABLE, empty output schema, null stability/null handling).
/// </summary>
public sealed class TableFunctionInfoTests
{
    [Fact]
    public async Task TableListing_FieldByField()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.TableFunction);
        SchemaAssert.Equal(CatalogSchemaContentsFunctionsResult.ArrowSchema, reply.InnerSchema);
        Assert.Equal(["sequence", "sequence", "tri", "par_sequence", "filter_echo", "failing"], reply.Value.Items.Select(f => f.Name));
        foreach (var item in CatalogTests.ReadItems(reply.Bytes)) SchemaAssert.Equal(FunctionInfo.ArrowSchema, IpcBytes.ReadSchema(item));

        var f = reply.Value.Items[0];
        Assert.Null(f.Comment);
        Assert.Empty(f.Tags);
        Assert.Equal("main", f.SchemaName);
        Assert.Equal(FunctionType.Table, f.FunctionType);
        Assert.Empty(f.OutputSchema.FieldsList); // the real schema comes from bind
        Assert.Null(f.Stability);
        Assert.Null(f.NullHandling);
        Assert.Equal("Integers from start (inclusive) to stop (exclusive).", f.Description);
        Assert.Equal(["start", "stop", "step"], f.Arguments.FieldsList.Select(a => a.Name));
        Assert.All(f.Arguments.FieldsList, a => Assert.IsType<Int64Type>(a.DataType));
        Assert.Equal("named", f.Arguments.FieldsList[2].Metadata["vgi_arg"]);
        Assert.False(f.Arguments.FieldsList[0].HasMetadata);
        Assert.True(f.ProjectionPushdown);
        Assert.True(f.FilterPushdown);
        Assert.False(f.SamplingPushdown);
        Assert.False(f.LateMaterialization);
        Assert.Empty(f.SupportedExpressionFilters);
        Assert.Equal(OrderPreservation.PreservesOrder, f.OrderPreservation);
        Assert.Equal(1, f.MaxWorkers);
        Assert.False(f.SupportsBatchIndex);
        Assert.Equal(PartitionKind.NotPartitioned, f.PartitionKind);
        Assert.False(f.HasFinalize);
        Assert.Empty(f.RequiredSettings);
        Assert.Empty(f.RequiredSecrets);

        var par = reply.Value.Items.Single(i => i.Name == "par_sequence");
        Assert.Equal(2, par.MaxWorkers);
        Assert.True(par.SupportsBatchIndex);
        Assert.Equal(OrderPreservation.NoOrderGuarantee, par.OrderPreservation);
        var failing = reply.Value.Items.Single(i => i.Name == "failing");
        Assert.False(failing.FilterPushdown);

        // The scalar listing holds no table function (the client rejects mixed kinds).
        var scalars = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        Assert.All(scalars.Value.Items, i => Assert.Equal(FunctionType.Scalar, i.FunctionType));
    }

    [Fact]
    public async Task FirstCatalogUse_Sequence()
    {
        // validation-2 C21: catalog_schemas → contents_functions(TABLE_FUNCTION) → bind → cardinality → statistics → init.
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        Assert.Equal(6, (await w.SchemasAsync(attach)).Value.Items[0].EstimatedObjectCount!["table_function"]);
        Assert.Contains((await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items, f => f.Name == "tri");
        var request = Tables.Table("tri", [Calls.I64(5)], attach: attach);
        var bind = await w.BindAsync(request);
        var cardinality = await w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            new() { Request = new TableFunctionCardinalityRequest { BindCall = request } });
        Assert.Equal(5, cardinality.Value.Estimate);
        var stream = await TableStream.OpenAsync(w.Rpc, TableFunctionTests.Init(request, bind.Value.OutputSchema, [0]));
        await stream.BeginAsync();
        var values = TableFunctionTests.Values(await stream.ReadAllAsync(), "a");
        Assert.Equal([0L, 1L, 2L, 3L, 4L], values);
        await stream.EndInputAsync();
    }

    [Fact]
    public void TableDefinitions_AreValidatedAtStartup()
    {
        static TableFunctionDefinition Definition(string name, int maxWorkers = 1, int batchSize = 2048) => new()
        {
            Name = name,
            Arguments = new Schema([], null),
            MaxWorkers = maxWorkers,
            BatchSize = batchSize,
            Bind = _ => throw new TableBindException("never binds"),
        };
        var methods = VgiWorker.CreateMethods(new VgiWorkerOptions { TableFunctions = [Definition("t")] }).Select(m => m.Name).ToList();
        Assert.Contains("table_function_cardinality", methods);
        Assert.Contains("table_function_statistics", methods);
        Assert.Contains("table_function_dynamic_to_string", methods);
        Assert.Equal("a table function definition has no name",
            Assert.Throws<ArgumentException>(() => VgiWorker.CreateMethods(new VgiWorkerOptions { TableFunctions = [Definition("")] })).Message);
        Assert.Equal("table function 't' has MaxWorkers 0; it must be at least 1",
            Assert.Throws<ArgumentException>(() => VgiWorker.CreateMethods(new VgiWorkerOptions { TableFunctions = [Definition("t", maxWorkers: 0)] })).Message);
        Assert.Equal("table function 't' has BatchSize 0; it must be at least 1",
            Assert.Throws<ArgumentException>(() => VgiWorker.CreateMethods(new VgiWorkerOptions { TableFunctions = [Definition("t", batchSize: 0)] })).Message);
    }
}
