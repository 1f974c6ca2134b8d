using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary><c>catalog_schema_contents_functions</c>: one FunctionInfo per overload, with the exact values the client validates.</summary>
public sealed class FunctionInfoTests
{
    [Fact]
    public async Task ScalarListing_HasEveryOverloadOfTheSchema()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        SchemaAssert.Equal(CatalogSchemaContentsFunctionsResult.ArrowSchema, reply.InnerSchema);
        Assert.Equal(["upper_case", "multiply", "multiply", "fail_when_negative", "answer", "hash_seed", "bad_length", "setting_value", "secret_value"],
            reply.Value.Items.Select(f => f.Name));
        foreach (var item in CatalogTests.ReadItems(reply.Bytes)) SchemaAssert.Equal(FunctionInfo.ArrowSchema, IpcBytes.ReadSchema(item));

        var text = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction, "TEXT");
        var reverse = Assert.Single(text.Value.Items);
        Assert.Equal("reverse", reverse.Name);
        Assert.Equal("text", reverse.SchemaName);
        Assert.Equal(NullHandling.Special, reverse.NullHandling);
    }

    [Fact]
    public async Task ScalarFunctionInfo_FieldByField()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        var f = reply.Value.Items.First(i => i.Name == "multiply" && ((Schema)i.OutputSchema).FieldsList[0].DataType is Int64Type);

        Assert.Null(f.Comment);
        Assert.Empty(f.Tags);
        Assert.Equal("multiply", f.Name);
        Assert.Equal("main", f.SchemaName);
        Assert.Equal(FunctionType.Scalar, f.FunctionType);

        // arguments: the definition's ArgumentSpec schema, metadata included.
        Assert.Equal(2, f.Arguments.FieldsList.Count);
        var value = f.Arguments.FieldsList[0];
        Assert.Equal("value", value.Name);
        Assert.IsType<Int64Type>(value.DataType);
        Assert.False(value.HasMetadata && value.Metadata.ContainsKey("vgi_const"));
        var factor = f.Arguments.FieldsList[1];
        Assert.Equal("factor", factor.Name);
        Assert.IsType<Int64Type>(factor.DataType);
        Assert.Equal("true", factor.Metadata["vgi_const"]);

        // output_schema: exactly one field named result.
        var result = Assert.Single(f.OutputSchema.FieldsList);
        Assert.Equal("result", result.Name);
        Assert.IsType<Int64Type>(result.DataType);
        Assert.True(result.IsNullable);

        Assert.Equal(FunctionStability.Consistent, f.Stability);
        Assert.Equal(NullHandling.Default, f.NullHandling);
        Assert.Equal("Multiplies by a constant factor.", f.Description);
        Assert.Empty(f.Examples);
        Assert.Empty(f.Categories);
        Assert.Null(f.ProjectionPushdown);
        Assert.Null(f.FilterPushdown);
        Assert.Null(f.SamplingPushdown);
        Assert.Null(f.LateMaterialization);
        Assert.Empty(f.SupportedExpressionFilters);
        Assert.Equal(OrderPreservation.PreservesOrder, f.OrderPreservation);
        Assert.Null(f.MaxWorkers);
        Assert.False(f.SupportsBatchIndex);
        Assert.Equal(PartitionKind.NotPartitioned, f.PartitionKind);
        Assert.Equal(OrderDependence.NotOrderDependent, f.OrderDependent);
        Assert.Equal(DistinctDependence.NotDistinctDependent, f.DistinctDependent);
        Assert.False(f.SupportsWindow);
        Assert.False(f.StreamingPartitioned);
        Assert.False(f.HasFinalize);
        Assert.False(f.SourceOrderDependent);
        Assert.False(f.SinkOrderDependent);
        Assert.False(f.RequiresInputBatchIndex);
        Assert.Empty(f.RequiredSettings);
        Assert.Empty(f.RequiredSecrets);

        // Volatile is carried through.
        Assert.Equal(FunctionStability.Volatile, reply.Value.Items.Single(i => i.Name == "fail_when_negative").Stability);
    }

    [Fact]
    public async Task ScalarFunctionInfo_RawItemMatchesTheClientsView()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        var item = IpcBytes.ReadBatch(CatalogTests.ReadItems(reply.Bytes)[0]);
        Assert.Equal(1, item.Length);

        // max_workers: NOT NULL flag, null value (the quirk the client accepts).
        var maxWorkers = item.Schema.GetFieldByName("max_workers");
        Assert.False(maxWorkers.IsNullable);
        Assert.IsType<Int32Type>(maxWorkers.DataType);
        Assert.True(item.Column(item.Schema.GetFieldIndex("max_workers")).IsNull(0));

        // Enums: dictionary<int16, utf8>, unordered, member names.
        var type = item.Schema.GetFieldByName("function_type");
        var dict = Assert.IsType<DictionaryType>(type.DataType);
        Assert.IsType<Int16Type>(dict.IndexType);
        Assert.IsType<StringType>(dict.ValueType);
        Assert.False(dict.Ordered);
        var column = (DictionaryArray)item.Column(item.Schema.GetFieldIndex("function_type"));
        Assert.Equal("SCALAR", ((StringArray)column.Dictionary).GetString(((Int16Array)column.Indices).GetValue(0)!.Value));

        // arguments / output_schema are schema bytes: a schema message the client reads with ReadSchema.
        var arguments = ((BinaryArray)item.Column(item.Schema.GetFieldIndex("arguments"))).GetBytes(0).ToArray();
        Assert.Equal("value", Assert.Single(IpcBytes.ReadSchema(arguments).FieldsList).Name);
        var output = ((BinaryArray)item.Column(item.Schema.GetFieldIndex("output_schema"))).GetBytes(0).ToArray();
        Assert.Equal("result", Assert.Single(IpcBytes.ReadSchema(output).FieldsList).Name);
    }

    [Theory]
    [InlineData(CatalogObjectType.AggregateFunction)]
    public async Task OtherFunctionKinds_AreEmpty(CatalogObjectType kind)
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var attach = (await w.AttachAsync("w")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, kind);
        Assert.Empty(reply.Value.Items);
        SchemaAssert.Equal(CatalogSchemaContentsFunctionsResult.ArrowSchema, reply.InnerSchema);
    }
}
