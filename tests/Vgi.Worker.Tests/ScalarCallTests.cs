using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Client;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>
/// Scalar calls replayed the way the extension makes them (validation.md §3.1, C6): catalog
/// lookups, <c>bind</c> twice, <c>__transport_options__</c>, then <c>init</c> with its header and an
/// exchange of full-size batches, over a real stdio pipe.
/// </summary>
public sealed class ScalarCallTests
{
    private const int BatchRows = 2048;

    [Fact]
    public async Task UpperCase_FullExtensionSequence()
    {
        await using var w = WorkerProcess.TestWorker.Start();

        // ATTACH 'anything' AS w (TYPE vgi, LOCATION …), then SELECT w.upper_case(s) FROM t.
        var attach = (await w.AttachAsync("anything")).Value.AttachOpaqueData;
        var schemas = await w.SchemasAsync(attach);
        Assert.True(schemas.Value.Items.Single(s => s.Name == "main").EstimatedObjectCount!["scalar_function"] > 0);
        var listed = (await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction)).Value.Items.Single(f => f.Name == "upper_case");
        Assert.Equal(StringType.Default.TypeId, listed.Arguments.FieldsList[0].DataType.TypeId);

        var request = Calls.Scalar("upper_case", Calls.Input(StringType.Default), attach: attach);
        var planBind = await w.BindAsync(request);
        var execBind = await w.BindAsync(request);
        foreach (var bind in new[] { planBind, execBind })
        {
            SchemaAssert.Equal(BindResult.ArrowSchema, bind.InnerSchema);
            Assert.False(bind.InnerSchema.GetFieldByName("opaque_data").IsNullable); // the mandatory NOT NULL quirk
            var output = Assert.Single(bind.Value.OutputSchema.FieldsList);
            Assert.Equal("result", output.Name);
            Assert.IsType<StringType>(output.DataType);
            Assert.Null(bind.Value.OpaqueData);
            Assert.Empty(bind.Value.LookupSecretTypes);
            Assert.Empty(bind.Value.LookupScopes);
            Assert.Empty(bind.Value.LookupNames);
        }

        var transport = await w.TransportOptionsAsync();
        Assert.Empty(transport.Schema.FieldsList);
        Assert.Contains(transport.Batches, b => b.Metadata.Contains(new KeyValuePair<string, string>(RpcMetadataKeys.TransportShm, "false")));

        await using (var session = await w.InitAsync(request, execBind.Value.OutputSchema))
        {
            var header = WorkerClient.Header(session);
            Assert.Equal(16, header.ExecutionId.Length);
            Assert.Null(header.OpaqueData);
            Assert.Equal(1, header.MaxWorkers);
            SchemaAssert.Equal(GlobalInitResponse.ArrowSchema, session.Header!.Schema);

            var input = Calls.Input(StringType.Default);
            for (int b = 0; b < 5; b++)
            {
                var values = Enumerable.Range(0, BatchRows).Select(i => i % 7 == 3 ? null : $"row-{b}-{i}-ß").ToArray();
                using var result = await session.ExchangeAsync(Calls.Batch(input, Calls.Str(values))).Timed();
                Assert.Equal(BatchRows, result.Length);
                var column = Assert.IsType<StringArray>(Assert.Single(result.Batch.Arrays));
                for (int i = 0; i < BatchRows; i++)
                    Assert.Equal(values[i]?.ToUpperInvariant(), column.IsNull(i) ? null : column.GetString(i));
            }
            Assert.Equal("result", Assert.Single(session.OutputSchema!.FieldsList).Name);
            await session.CloseAsync().Timed();
        }

        // The same worker goes on serving (pooled by the extension).
        Assert.Equal(1, (await w.CallAsync<CatalogVersionParams, CatalogVersionResult>("catalog_version", new() { AttachOpaqueData = attach })).Value.Version);
    }

    [Fact]
    public async Task Multiply_PromotesInt32AndUsesTheConstant()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var input = Calls.Input(Int32Type.Default);
        var request = Calls.Scalar("multiply", input, [Calls.I64(3)]);
        var bind = await w.BindAsync(request);
        Assert.IsType<Int64Type>(Assert.Single(bind.Value.OutputSchema.FieldsList).DataType);

        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        for (int b = 0; b < 3; b++)
        {
            var values = Enumerable.Range(0, BatchRows).Select(i => i % 5 == 0 ? (int?)null : b * BatchRows + i).ToArray();
            using var result = await session.ExchangeAsync(Calls.Batch(input, Calls.I32(values))).Timed();
            var column = Assert.IsType<Int64Array>(Assert.Single(result.Batch.Arrays));
            Assert.Equal(BatchRows, column.Length);
            for (int i = 0; i < BatchRows; i++) Assert.Equal(values[i] * 3L, column.GetValue(i));
        }
        await session.CloseAsync().Timed();
    }

    [Fact]
    public async Task Multiply_PicksTheOverloadByInputType()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var doubles = Calls.Scalar("multiply", Calls.Input(DoubleType.Default), [Calls.F64(0.5)]);
        var bind = await w.BindAsync(doubles);
        Assert.IsType<DoubleType>(Assert.Single(bind.Value.OutputSchema.FieldsList).DataType);
        await using var session = await w.InitAsync(doubles, bind.Value.OutputSchema);
        using (var result = await session.ExchangeAsync(Calls.Batch(Calls.Input(DoubleType.Default), Calls.F64(3, 5))).Timed())
            Assert.Equal([1.5, 2.5], ((DoubleArray)result.Batch.Column(0)).Values.ToArray());
        await session.CloseAsync().Timed();

        var longs = await w.BindAsync(Calls.Scalar("multiply", Calls.Input(Int64Type.Default), [Calls.I64(2)]));
        Assert.IsType<Int64Type>(Assert.Single(longs.Value.OutputSchema.FieldsList).DataType);
    }

    [Fact]
    public async Task Names_MatchCaseInsensitively()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Calls.Scalar("UPPER_Case", Calls.Input(StringType.Default));
        var bind = await w.BindAsync(request);
        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        using (var result = await session.ExchangeAsync(Calls.Batch(Calls.Input(StringType.Default), Calls.Str("abc"))).Timed())
            Assert.Equal("ABC", ((StringArray)result.Batch.Column(0)).GetString(0));
        await session.CloseAsync().Timed();
    }

    [Fact]
    public async Task Init_RebindsOnAProcessThatNeverSawTheBind()
    {
        // validation.md C6: the execution connection may be a fresh process.
        var request = Calls.Scalar("multiply", Calls.Input(Int64Type.Default), [Calls.I64(-2)]);
        Schema output;
        await using (var planner = WorkerProcess.TestWorker.Start()) output = (await planner.BindAsync(request)).Value.OutputSchema;

        await using var executor = WorkerProcess.TestWorker.Start();
        await using var session = await executor.InitAsync(request, output);
        using (var result = await session.ExchangeAsync(Calls.Batch(Calls.Input(Int64Type.Default), Calls.I64(1, null, 21))).Timed())
        {
            var column = (Int64Array)result.Batch.Column(0);
            Assert.Equal([-2L, null, -42L], Enumerable.Range(0, 3).Select(i => column.GetValue(i)));
        }
        await session.CloseAsync().Timed();
    }

    [Fact]
    public async Task ConstantFolding_OneRowExchangeThenEos()
    {
        // SELECT w.upper_case('abc'): planning folds it with one 1-row exchange; the worker must
        // also cope with an init whose input ends without any batch.
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Calls.Scalar("upper_case", Calls.Input(StringType.Default));
        var bind = await w.BindAsync(request);
        await using (var session = await w.InitAsync(request, bind.Value.OutputSchema))
        {
            using (var result = await session.ExchangeAsync(Calls.Batch(Calls.Input(StringType.Default), Calls.Str("abc"))).Timed())
                Assert.Equal("ABC", ((StringArray)result.Batch.Column(0)).GetString(0));
            await session.CloseAsync().Timed();
        }
        await using (var empty = await w.InitAsync(request, bind.Value.OutputSchema))
        {
            await empty.CloseAsync().Timed();
            Assert.Equal("result", Assert.Single(empty.OutputSchema!.FieldsList).Name);
        }
        Assert.NotNull((await w.BindAsync(request)).Value.OutputSchema);
    }
}
