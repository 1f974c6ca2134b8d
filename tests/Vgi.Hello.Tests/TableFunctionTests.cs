using System.Diagnostics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Hello.Tests.Infrastructure;
using Vgi.Testing;
using Vgi.Protocol;
using Vgi.Rpc;
using static Vgi.Testing.Tables;
using static Vgi.Hello.Tests.Infrastructure.HelloTables;

namespace Vgi.Hello.Tests;

/// <summary>
/// Hello's table functions (<c>sequence</c>, <c>planets</c>) over a real pipe, replayed the way the
/// extension calls them (vgi-functions §5.2, §6.1–6.4; validation-2 §3.1–3.5, C14–C26): the
/// catalog listing, <c>bind</c> → <c>table_function_cardinality</c> → <c>table_function_statistics</c>
/// → <c>init</c> (header) → input schema {} and tick 1 → one batch per tick, each answered with
/// the next tick → output EOS → input EOS; LIMIT teardown; pushed filters; bind errors.
/// </summary>
public sealed class TableFunctionTests
{
    private static readonly string[] PlanetColumns = ["name", "moons", "radius_km", "has_rings", "discovered"];

    private static string? Meta(Field field, string key) =>
        field.HasMetadata && field.Metadata.TryGetValue(key, out var v) ? v : null;

    /// <summary>The whole statement: bind, cardinality, statistics, init, ticks until EOS, input EOS.</summary>
    private static async Task<(BindResult Bound, TableStream Stream, List<TableBatch> Batches)> ScanAsync(WorkerClient w, BindRequest request,
        IReadOnlyList<long>? projection = null, byte[]? filters = null, Func<int, IReadOnlyList<KeyValuePair<string, string>>?>? ticks = null)
    {
        var bound = (await w.BindAsync(request)).Value;
        await CardinalityAsync(w, request, bound);
        await StatisticsAsync(w, request, bound);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bound, projection, filters));
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync(ticks);
        await stream.EndInputAsync();
        return (bound, stream, batches);
    }

    private static Task<Reply<TableFunctionCardinalityResult>> CardinalityAsync(WorkerClient w, BindRequest request, BindResult bound) =>
        w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            new() { Request = new TableFunctionCardinalityRequest { BindCall = request, BindOpaqueData = bound.OpaqueData } });

    /// <summary>Statistics: null outer result is the clean "none" (C25).</summary>
    private static async Task<bool> StatisticsAsync(WorkerClient w, BindRequest request, BindResult bound)
    {
        using var result = await w.Rpc.CallAsync("table_function_statistics", TableFunctionStatisticsParams.ToRecordBatch([new TableFunctionStatisticsParams
        {
            Request = new TableFunctionStatisticsRequest { BindCall = request, BindOpaqueData = bound.OpaqueData },
        }])).Timed();
        return Assert.IsType<BinaryArray>(result.Result).IsNull(0);
    }

    /// <summary>A scalar call still works on this process: it went back to its request loop.</summary>
    private static async Task AssertStillServesAsync(WorkerClient w)
    {
        var (_, results) = await w.CallScalarAsync(Calls.Scalar("upper_case", Calls.Input(StringType.Default)),
            [Calls.Batch(Calls.Input(StringType.Default), Calls.Str("still here"))]);
        Assert.Equal(["STILL HERE"], Calls.Strings(Assert.Single(results)));
    }

    [Fact]
    public async Task Catalog_ListsBothUnderTableFunction()
    {
        await using var w = HelloWorker.Start();
        var attach = (await w.AttachAsync("hello")).Value.AttachOpaqueData;
        var tables = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items.ToDictionary(f => f.Name);
        Assert.Equal(["planets", "sequence"], tables.Keys.Order(StringComparer.Ordinal));
        foreach (var f in tables.Values)
        {
            Assert.Equal(FunctionType.Table, f.FunctionType);
            Assert.Equal("main", f.SchemaName);
            Assert.True(f.ProjectionPushdown);
            Assert.Empty(f.OutputSchema.FieldsList); // decided by bind
        }
        var sequence = tables["sequence"];
        Assert.Equal(["start", "stop", "step"], sequence.Arguments.FieldsList.Select(a => a.Name));
        Assert.All(sequence.Arguments.FieldsList, a => Assert.Equal(ArrowTypeId.Int64, a.DataType.TypeId));
        Assert.Equal("named", Meta(sequence.Arguments.FieldsList[2], "vgi_arg"));
        Assert.Null(Meta(sequence.Arguments.FieldsList[0], "vgi_arg"));
        Assert.NotEqual(true, sequence.FilterPushdown);
        Assert.Equal("Integers from start (inclusive) to stop (exclusive), with a label.", sequence.Description);
        var planets = tables["planets"];
        Assert.Empty(planets.Arguments.FieldsList); // the TableScanContext is not an argument
        Assert.True(planets.FilterPushdown);
    }

    [Fact]
    public async Task Sequence_5000Rows_OneTickInFlight()
    {
        await using var w = HelloWorker.Start();
        var request = Sequence(0, 5000);
        var (bound, stream, batches) = await ScanAsync(w, request, projection: [0, 1]);
        Assert.Equal(["n", "label"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.String], bound.OutputSchema.FieldsList.Select(f => f.DataType.TypeId));
        SchemaAssert.Equal(GlobalInitResponse.ArrowSchema, stream.HeaderStream.Schema);
        Assert.Equal(16, stream.Header.ExecutionId.Length);
        Assert.Equal(1, stream.Header.MaxWorkers);
        SchemaAssert.Equal(bound.OutputSchema, stream.OutputSchema!);

        Assert.All(batches, b => Assert.InRange(b.Batch.Length, 1, Calls.BatchRows));
        Assert.Equal(5000, batches.Sum(b => b.Batch.Length));
        Assert.Equal(batches.Count + 1, stream.TicksSent); // one tick per batch, EOS answered the last
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), Longs(batches, "n"));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => $"#{i}"), Strings(batches, "label"));
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Sequence_StepAsNamedArgument()
    {
        await using var w = HelloWorker.Start();
        var (_, _, batches) = await ScanAsync(w, Sequence(0, 10, step: 3));
        Assert.Equal([0L, 3L, 6L, 9L], Longs(batches, "n"));
        Assert.Equal(["#0", "#3", "#6", "#9"], Strings(batches, "label"));
    }

    [Fact]
    public async Task Sequence_Projection_LabelOnly_AndReordered()
    {
        await using var w = HelloWorker.Start();
        var (bound, labelOnly, batches) = await ScanAsync(w, Sequence(0, 3000), projection: [1]);
        SchemaAssert.Equal(new Schema([bound.OutputSchema.FieldsList[1]], null), labelOnly.OutputSchema!);
        Assert.All(batches, b => Assert.Equal(["label"], b.Batch.Schema.FieldsList.Select(f => f.Name)));
        Assert.Equal(Enumerable.Range(0, 3000).Select(i => $"#{i}"), Strings(batches, "label"));

        var (_, reordered, rows) = await ScanAsync(w, Sequence(5, 8), projection: [1, 0]);
        SchemaAssert.Equal(new Schema([bound.OutputSchema.FieldsList[1], bound.OutputSchema.FieldsList[0]], null), reordered.OutputSchema!);
        var batch = Assert.Single(rows).Batch;
        Assert.Equal(["#5", "#6", "#7"], Calls.Strings(batch.Column(0)));
        Assert.Equal([5L, 6L, 7L], Calls.Longs(batch.Column(1)));
    }

    [Fact]
    public async Task Planets_FilterMoonsGreaterThan10()
    {
        // SELECT * FROM hello.main.planets() WHERE moons > 10: projection [0..4], moons at index 1.
        await using var w = HelloWorker.Start();
        var filter = Filter($"[{Compare("moons", "gt", columnIndex: 1)}]", Calls.I64(10));
        var (bound, stream, batches) = await ScanAsync(w, Table("planets", []), projection: [0, 1, 2, 3, 4], filters: filter);
        Assert.Equal(PlanetColumns, bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal([ArrowTypeId.String, ArrowTypeId.Int64, ArrowTypeId.Double, ArrowTypeId.Boolean, ArrowTypeId.Date32],
            bound.OutputSchema.FieldsList.Select(f => f.DataType.TypeId));
        SchemaAssert.Equal(bound.OutputSchema, stream.OutputSchema!);
        Assert.Equal(["Jupiter", "Saturn", "Uranus", "Neptune"], Strings(batches, "name"));
        Assert.Equal([95L, 146L, 28L, 16L], Longs(batches, "moons"));
    }

    [Fact]
    public async Task Planets_FilterWithReorderingProjection()
    {
        // SELECT has_rings, name FROM planets() WHERE moons > 10 AND name <> 'Saturn':
        // projection [3, 0, 1] (moons is fetched for the filter), init filter indexes are projected positions.
        await using var w = HelloWorker.Start();
        var filter = Filter($"[{Compare("moons", "gt", columnIndex: 2, valueRef: 0)},{Compare("name", "ne", columnIndex: 1, valueRef: 1)}]",
            Calls.I64(10), Calls.Str("Saturn"));
        var (bound, stream, batches) = await ScanAsync(w, Table("planets", []), projection: [3, 0, 1], filters: filter);
        var f = bound.OutputSchema.FieldsList;
        SchemaAssert.Equal(new Schema([f[3], f[0], f[1]], null), stream.OutputSchema!);
        var batch = Assert.Single(batches).Batch;
        Assert.Equal(["has_rings", "name", "moons"], batch.Schema.FieldsList.Select(x => x.Name));
        Assert.Equal(["Jupiter", "Uranus", "Neptune"], Calls.Strings(batch.Column(1)));
        Assert.Equal([95L, 28L, 16L], Calls.Longs(batch.Column(2)));
        var rings = Assert.IsType<BooleanArray>(batch.Column(0));
        Assert.All(Enumerable.Range(0, rings.Length), i => Assert.True(rings.GetValue(i)));
    }

    [Fact]
    public async Task Planets_DynamicTickFilter_IsAndedWithTheInitFilter()
    {
        // Init: moons > 10. Tick filter (§7.5; column_index = bind-schema index, C14): radius_km < 30000.
        // planets() answers tick 1 with all its rows, so the dynamic filter rides on tick 1 here (the
        // real client starts sending it from tick 3, once a Top-N boundary exists).
        await using var w = HelloWorker.Start();
        var request = Table("planets", []);
        var bound = (await w.BindAsync(request)).Value;
        var init = Filter($"[{Compare("moons", "gt", columnIndex: 1)}]", Calls.I64(10));
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bound, [0, 1, 2, 3, 4], init));
        w.Rpc.Writer.WriteSchema(new Schema([], null));
        await stream.TickAsync(DynamicFilter($"[{Compare("radius_km", "lt", columnIndex: 2)}]", Calls.F64(30000)));
        var batches = await stream.ReadAllAsync(_ => DynamicFilter($"[{Compare("radius_km", "lt", columnIndex: 2)}]", Calls.F64(30000)));
        await stream.EndInputAsync();
        Assert.Equal(["Uranus", "Neptune"], Strings(batches, "name"));
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Limit_CancelTickThenClose_WorkerExitsPromptly()
    {
        // SELECT * FROM sequence(0, 1000000) LIMIT 5: one batch, the next tick already in flight,
        // then the dispatcher's cancel tick, no EOS, and the pipes close (C23).
        var w = HelloWorker.Start();
        try
        {
            w.Rpc.ExitTimeout = TimeSpan.FromSeconds(10);
            var request = Sequence(0, 1_000_000);
            var bound = (await w.BindAsync(request)).Value;
            var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bound, [0, 1]));
            await stream.BeginAsync();
            var first = await stream.ReadAsync();
            Assert.Equal(Calls.BatchRows, first!.Batch.Length);
            await stream.TickAsync();
            await stream.CancelAsync();
            var watch = Stopwatch.StartNew();
            await w.DisposeAsync();
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"the worker took {watch.Elapsed} to exit (the client SIGKILLs after 2 s); stderr:\n{w.Stderr}");
            Assert.NotNull(w.Rpc.ExitCode);
        }
        finally
        {
            await w.DisposeAsync();
        }
    }

    [Fact]
    public async Task BindErrors_NameTheArgument_AndTheWorkerServesOn()
    {
        await using var w = HelloWorker.Start();
        var type = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Table("sequence", [Calls.Str("x"), Calls.I64(5)])).Timed());
        Assert.Equal("TypeError", type.TypeName);
        Assert.Contains("argument 'start'", type.Message);
        Assert.Contains("VARCHAR", type.Message);

        var named = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Table("sequence", [Calls.I64(0), Calls.I64(5)], [("size", Calls.I64(2))])).Timed());
        Assert.Contains("no named argument 'size'", named.Message);

        // The next request on the same process works.
        var (_, _, batches) = await ScanAsync(w, Sequence(0, 3));
        Assert.Equal([0L, 1L, 2L], Longs(batches, "n"));
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task StepZero_TheIteratorsExceptionSurfacesOnTheFirstTick()
    {
        // Sequence is an iterator: its argument check runs on the first MoveNext, i.e. when tick 1
        // asks for a batch. Bind and init succeed; the first read is an EXCEPTION batch, then EOS.
        await using var w = HelloWorker.Start();
        var request = Sequence(0, 5, step: 0);
        var bound = (await w.BindAsync(request)).Value;
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bound));
        await stream.BeginAsync();
        var e = await Assert.ThrowsAsync<RpcException>(stream.ReadAsync);
        Assert.Contains("step must be positive", e.Message);
        Assert.Contains("ArgumentOutOfRangeException", e.Message);
        await stream.EndInputAsync();

        var (_, _, batches) = await ScanAsync(w, Sequence(0, 4, step: 2));
        Assert.Equal([0L, 2L], Longs(batches, "n"));
        await AssertStillServesAsync(w);
    }

    [Fact]
    public async Task CardinalityAndStatistics_AnswerNulls()
    {
        await using var w = HelloWorker.Start();
        foreach (var request in new[] { Sequence(0, 10), Table("planets", []) })
        {
            var bound = (await w.BindAsync(request)).Value;
            var cardinality = await CardinalityAsync(w, request, bound);
            SchemaAssert.Equal(TableFunctionCardinalityResult.ArrowSchema, cardinality.InnerSchema);
            Assert.Null(cardinality.Value.Estimate);
            Assert.Null(cardinality.Value.Max);
            Assert.True(await StatisticsAsync(w, request, bound));
        }
        await AssertStillServesAsync(w);
    }
}
