using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Probes.FixtureScan;
using static Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.Probes;

/// <summary>
/// The pushdown probes of fixtures.md §2.4.2 end to end: the fixture worker as a child process over a
/// real pipe, filters and hints encoded the way the extension sends them (vgi-functions §6.2–6.6),
/// the echo texts of §6.6 and the rows after the worker applied the pushed filters.
/// </summary>
public sealed class PushdownProbeTests
{
    [Fact]
    public async Task FilterEcho_SeveralFilters_EchoedAndApplied()
    {
        // WHERE n >= 10 AND n < 20 AND s <> 'row_15': DuckDB sends the two n bounds as one AND.
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter(
            $"[{Conjunction("and", "n", 0, Compare("n", "ge", 0, 0), Compare("n", "lt", 0, 1))},{Compare("s", "ne", 1, 2)}]",
            Calls.I64(10), Calls.I64(20), Calls.Str("row_15"));
        var (bound, _, batches) = await RunAsync(w, Table("filter_echo", [Calls.I64(40)]), projection: [0, 1, 2], filters: filter);
        Assert.Equal(["n", "s", "pushed_filters"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        long[] expected = [10, 11, 12, 13, 14, 16, 17, 18, 19];
        Assert.Equal(expected, Longs(batches, "n"));
        Assert.Equal(expected.Select(n => "row_" + n), Strings(batches, "s"));
        Assert.Equal(["(n >= 10 AND n < 20) AND s != 'row_15'"], DistinctStrings(batches, "pushed_filters"));
    }

    [Fact]
    public async Task FilterEcho_NoFilters_AndLargeInList()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, all) = await RunAsync(w, Table("filter_echo", [Calls.I64(5)], [Named("batch_size", 2)]), projection: [0, 2]);
        Assert.Equal([0L, 1, 2, 3, 4], Longs(all, "n"));
        Assert.Equal(["(none)"], DistinctStrings(all, "pushed_filters"));

        // n IN (0, 2, 4, …, 48): 25 join keys render as a count.
        var keys = Calls.I64(Enumerable.Range(0, 25).Select(i => (long?)(i * 2)));
        var (_, _, batches) = await RunAsync(w, Table("filter_echo", [Calls.I64(30)]), projection: [0, 2],
            filters: Filter($"[{InKeys("n", 0)}]"), init: r => r with { JoinKeys = [JoinKeys("n", keys)] });
        Assert.Equal(Enumerable.Range(0, 15).Select(i => (long)i * 2), Longs(batches, "n"));
        Assert.Equal(["n IN (25 values)"], DistinctStrings(batches, "pushed_filters"));
    }

    [Fact]
    public async Task FilterEchoPartitioned_PrimaryAndSecondaryShareTheQueue()
    {
        // 24000 rows: 24 queue items of exactly 1000 rows, so the primary's first batch is one whole item.
        await using var w = WorkerProcess.Fixture.Start();
        var request = Table("filter_echo_partitioned", [Calls.I64(24000)]);
        var filter = Filter($"[{Compare("n", "lt", 0)}]", Calls.I64(4000));
        var bound = (await w.BindAsync(request)).Value;
        var primary = await TableStream.OpenAsync(w.Rpc, Init(request, bound, [0, 1, 2], filter));
        Assert.Equal(99999, primary.Header.MaxWorkers);
        await primary.BeginAsync();
        var first = Assert.IsType<TableBatch>(await primary.ReadAsync());
        // The client hands the connection back (input EOS): the primary stream ends, its queue stays.
        await primary.EndInputAsync();
        while (await primary.ReadAsync() is not null)
        {
        }

        var secondary = await TableStream.OpenAsync(w.Rpc, Init(request, bound, [0, 1, 2], filter) with { ExecutionId = primary.Header.ExecutionId });
        Assert.Equal(primary.Header.ExecutionId, secondary.Header.ExecutionId);
        await secondary.BeginAsync();
        var rest = await secondary.ReadAllAsync();
        await secondary.EndInputAsync();

        List<TableBatch> all = [first, .. rest];
        Assert.All(all, b => Assert.InRange(b.Batch.Length, 0, 1000)); // all-filtered pulls may surface as empty batches
        Assert.Equal(Enumerable.Range(0, 4000).Select(i => (long)i), Longs(all, "n").Order());
        Assert.Equal(["n < 4000"], DistinctStrings(all, "pushed_filters"));
        long pid = Assert.Single(NullableLongs(all, "worker_pid").Distinct())!.Value;
        Assert.True(pid > 0);
    }

    [Fact]
    public async Task DynamicFilterEcho_TickFilterReplacesTheEcho()
    {
        // count 1000, batch_size 100, descending. From tick 2 on, every tick carries the Top-N
        // boundary n < 500: batches 899..500 are emptied by it (and skipped), later ones echo it.
        await using var w = WorkerProcess.Fixture.Start();
        var dynamic = DynamicFilter($"[{Compare("n", "lt", 0)}]", Calls.I64(500));
        var (_, _, batches) = await RunAsync(w, Table("dynamic_filter_echo", [Calls.I64(1000)], [Named("batch_size", 100)]),
            projection: [0, 1], ticks: tick => tick >= 2 ? dynamic : null);
        Assert.Equal(6, batches.Count);
        Assert.Equal(Enumerable.Range(900, 100).Reverse().Select(i => (long)i), Longs([batches[0]], "n"));
        Assert.Equal(["(none)"], DistinctStrings([batches[0]], "pushed_filters"));
        Assert.Equal(Enumerable.Range(0, 500).Reverse().Select(i => (long)i), Longs(batches.Skip(1), "n"));
        Assert.Equal(["PushdownFilters([ConstantFilter(n < 500)])"], DistinctStrings(batches.Skip(1), "pushed_filters"));
    }

    [Fact]
    public async Task DynamicFilterEcho_InitFiltersUntilATickReplacesThem()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Compare("n", "ge", 0)}]", Calls.I64(150));
        var (_, _, batches) = await RunAsync(w, Table("dynamic_filter_echo", [Calls.I64(300)], [Named("batch_size", 100)]),
            projection: [0, 1], filters: filter);
        Assert.Equal(Enumerable.Range(150, 150).Reverse().Select(i => (long)i), Longs(batches, "n"));
        Assert.Equal(["PushdownFilters([ConstantFilter(n >= 150)])"], DistinctStrings(batches, "pushed_filters"));
    }

    [Fact]
    public async Task ValuePrune_InListResolvesTheKeys()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var keys = Calls.I64(42, 7, 3, 1);
        var (_, _, batches) = await RunAsync(w, Table("value_prune", [Calls.I64(10)]), projection: [0, 1],
            filters: Filter($"[{InKeys("n", 0)}]"), init: r => r with { JoinKeys = [JoinKeys("n", keys)] });
        Assert.Equal([1L, 3, 7], Longs(batches, "n"));
        Assert.Equal(["1,3,7,42"], DistinctStrings(batches, "resolved"));

        // n = 4 OR n = 2 (an OR of equalities), and no filter at all.
        var or = Filter($"[{Conjunction("or", "n", 0, Compare("n", "eq", 0, 0), Compare("n", "eq", 0, 1))}]", Calls.I64(4), Calls.I64(2));
        var (_, _, pruned) = await RunAsync(w, Table("value_prune", [Calls.I64(10)]), projection: [0, 1], filters: or);
        Assert.Equal([2L, 4], Longs(pruned, "n"));
        Assert.Equal(["2,4"], DistinctStrings(pruned, "resolved"));
        var (_, _, scan) = await RunAsync(w, Table("value_prune", [Calls.I64(4)]), projection: [0, 1]);
        Assert.Equal([0L, 1, 2, 3], Longs(scan, "n"));
        Assert.Equal(["(scan)"], DistinctStrings(scan, "resolved"));
    }

    [Fact]
    public async Task FilteredColumnsEcho_ColumnsFlagsAndTagValues()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Compare("n", "ge", 0)},{InKeys("tag", 1)}]", Calls.I64(5));
        var (_, _, batches) = await RunAsync(w, Table("filtered_columns_echo", [Calls.I64(10)]), projection: [0, 1, 2, 3, 4, 5],
            filters: filter, init: r => r with { JoinKeys = [JoinKeys("tag", Calls.Str("t7", "t1"))] });
        Assert.Single(batches);
        Assert.Equal([7L], Longs(batches, "n"));
        Assert.Equal(["t7"], Strings(batches, "tag"));
        Assert.Equal(["n,tag"], Strings(batches, "filtered_cols"));
        Assert.Equal([true], Booleans(batches, "has_n"));
        Assert.Equal([true], Booleans(batches, "has_tag"));
        Assert.Equal(["t1,t7"], Strings(batches, "tag_values"));

        var (_, _, none) = await RunAsync(w, Table("filtered_columns_echo", [Calls.I64(2)]), projection: [2, 3, 4, 5]);
        Assert.Equal(["", ""], Strings(none, "filtered_cols"));
        Assert.Equal([false, false], Booleans(none, "has_tag"));
        Assert.Equal(["(none)", "(none)"], Strings(none, "tag_values"));
    }

    [Fact]
    public async Task DictFilterEcho_StringConstantAgainstDictionaryColumn()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Compare("s", "eq", 1)}]", Calls.Str("green"));
        var (bound, _, batches) = await RunAsync(w, Table("dict_filter_echo", [Calls.I64(10)], [Named("batch_size", 4)]), projection: [0, 1], filters: filter);
        var type = Assert.IsType<DictionaryType>(bound.OutputSchema.FieldsList[1].DataType);
        Assert.Equal(ArrowTypeId.Int8, type.IndexType.TypeId);
        Assert.Equal(ArrowTypeId.String, type.ValueType.TypeId);
        Assert.Equal([1L, 4, 7], Longs(batches, "n"));
        var s = batches.SelectMany(b => Enumerable.Range(0, b.Batch.Length).Select(i => (string?)Vgi.Conformance.Fixtures.Python.PyValues.Get(b.Batch.Column(1), i)));
        Assert.Equal(["green", "green", "green"], s);
    }

    [Fact]
    public async Task OrderEcho_EchoesTheHint()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, hinted) = await RunAsync(w, Table("order_echo", [Calls.I64(3)]), projection: [0, 1, 2, 3, 4, 5], init: r => r with
        {
            OrderByColumnName = "n",
            OrderByDirection = OrderByDirection.Desc,
            OrderByNullOrder = OrderByNullOrder.NullsFirst,
            OrderByLimit = 5,
        });
        Assert.Equal([0L, 1, 2], Longs(hinted, "n"));
        Assert.Equal(["n"], DistinctStrings(hinted, "order_column"));
        Assert.Equal(["DESC"], DistinctStrings(hinted, "order_direction"));
        Assert.Equal(["NULLS_FIRST"], DistinctStrings(hinted, "order_null_order"));
        Assert.Equal([5L, 5, 5], Longs(hinted, "order_limit"));

        var (_, _, plain) = await RunAsync(w, Table("order_echo", [Calls.I64(2)]), projection: [2, 3, 4, 5]);
        Assert.Equal(["(none)"], DistinctStrings(plain, "order_column"));
        Assert.Equal(["(none)"], DistinctStrings(plain, "order_direction"));
        Assert.Equal(["(none)"], DistinctStrings(plain, "order_null_order"));
        Assert.Equal([-1L, -1], Longs(plain, "order_limit"));
    }

    [Fact]
    public async Task OrderEcho_ColumnWithoutDirection_EchoesNone()
    {
        // A hint naming a column, but no direction and no null order: both echo "(none)".
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, batches) = await RunAsync(w, Table("order_echo", [Calls.I64(2)]), projection: [0, 2, 3, 4, 5], init: r => r with
        {
            OrderByColumnName = "s",
            OrderByDirection = null,
            OrderByNullOrder = null,
            OrderByLimit = 7,
        });
        Assert.Equal([0L, 1], Longs(batches, "n"));
        Assert.Equal(["s"], DistinctStrings(batches, "order_column"));
        Assert.Equal(["(none)"], DistinctStrings(batches, "order_direction"));
        Assert.Equal(["(none)"], DistinctStrings(batches, "order_null_order"));
        Assert.Equal([7L, 7], Longs(batches, "order_limit"));

        // Only a direction: the null order alone is "(none)".
        var (_, _, asc) = await RunAsync(w, Table("order_echo", [Calls.I64(1)]), projection: [3, 4], init: r => r with
        {
            OrderByColumnName = "n",
            OrderByDirection = OrderByDirection.Asc,
        });
        Assert.Equal(["ASC"], DistinctStrings(asc, "order_direction"));
        Assert.Equal(["(none)"], DistinctStrings(asc, "order_null_order"));
    }

    [Fact]
    public async Task SampleEcho_EchoesTheHintAndKeepsEveryRow()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, hinted) = await RunAsync(w, Table("sample_echo", [Calls.I64(50)]), projection: [0, 2, 3],
            init: r => r with { TablesamplePercentage = 10.0, TablesampleSeed = 42 });
        Assert.Equal(Enumerable.Range(0, 50).Select(i => (long)i), Longs(hinted, "n"));
        Assert.All(Doubles(hinted, "sample_percentage"), p => Assert.Equal(10.0, p));
        Assert.All(Longs(hinted, "sample_seed"), s => Assert.Equal(42L, s));

        var (_, _, plain) = await RunAsync(w, Table("sample_echo", [Calls.I64(1)]), projection: [2, 3]);
        Assert.Equal([-1.0], Doubles(plain, "sample_percentage"));
        Assert.Equal([-1L], Longs(plain, "sample_seed"));
    }

    [Fact]
    public async Task FilterEchoTableScan_PrefixExpressionEchoedAndApplied()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Expression("s", 1, Call("prefix", 0))}]", Calls.Str("row_1"));
        var (_, _, batches) = await RunAsync(w, Table("filter_echo_table_scan", []), projection: [0, 1, 2], filters: filter);
        Assert.Equal([1L, .. Enumerable.Range(10, 10).Select(i => (long)i)], Longs(batches, "n"));
        Assert.Equal(["prefix(\"s\", 'row_1')"], DistinctStrings(batches, "pushed_filters"));
    }

    [Fact]
    public async Task ExpressionFilterTest_ListContainsAndContains()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var listContains = Filter($"[{Expression("tags", 2, Call("list_contains", 0))}]", Calls.Str("tag_3"));
        var (bound, _, batches) = await RunAsync(w, Table("expression_filter_test", [Calls.I64(20)], [Named("batch_size", 7)]),
            projection: [0, 1, 2, 3], filters: listContains);
        Assert.Equal(["id", "name", "tags", "score"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal([2L, 3, 7, 8, 12, 13, 17, 18], Longs(batches, "id"));
        Assert.Equal(3 * 1.1, Doubles(batches, "score")[1]);

        var contains = Filter($"[{Expression("name", 1, Call("contains", 0))}]", Calls.Str("m_1"));
        var (_, _, named) = await RunAsync(w, Table("expression_filter_test", [Calls.I64(20)]), projection: [0, 1], filters: contains);
        Assert.Equal([1L, .. Enumerable.Range(10, 10).Select(i => (long)i)], Longs(named, "id"));
    }

    [Fact]
    public async Task SpatialFilterExample_BoundingBoxIntersection()
    {
        // count 16: a 4×4 grid with step 0.25; the box (0,0)-(0.3,0.3) holds points 0, 1, 4, 5.
        await using var w = WorkerProcess.Fixture.Start();
        var box = Wkb.Polygon((0, 0), (0.3, 0), (0.3, 0.3), (0, 0.3), (0, 0));
        var filter = GeometryFilter($"[{Expression("geom", 3, Call("&&", 0))}]", box);
        var (bound, _, batches) = await RunAsync(w, Table("spatial_filter_example", [Calls.I64(16)]), projection: [0, 1, 2, 3], filters: filter);
        Assert.Equal("geoarrow.wkb", Meta(bound.OutputSchema.FieldsList[3], "ARROW:extension:name"));
        Assert.Equal([0L, 1, 4, 5], Longs(batches, "n"));
        Assert.Equal([0.0, 0.25, 0.0, 0.25], Doubles(batches, "x"));
        var geom = (BinaryArray)batches[0].Batch.Column(3);
        Assert.Equal(21, geom.GetBytes(0).Length);

        var (_, _, intersects) = await RunAsync(w, Table("spatial_filter_example", [Calls.I64(16)]), projection: [0, 3],
            filters: GeometryFilter($"[{Expression("geom", 1, Call("st_intersects_extent", 0))}]", box));
        Assert.Equal([0L, 1, 4, 5], Longs(intersects, "n"));
    }

    [Fact]
    public async Task FilterEchoTableScan_StartsWithAndAComparison_BothApplied()
    {
        // WHERE starts_with(s, 'row_2') AND n < 25: an expression filter and a constant filter.
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Expression("s", 1, Call("starts_with", 0))},{Compare("n", "lt", 0, 1)}]", Calls.Str("row_2"), Calls.I64(25));
        var (_, _, batches) = await RunAsync(w, Table("filter_echo_table_scan", []), projection: [0, 1, 2], filters: filter);
        Assert.Equal([2L, 20, 21, 22, 23, 24], Longs(batches, "n"));
        Assert.Equal(["row_2", "row_20", "row_21", "row_22", "row_23", "row_24"], Strings(batches, "s"));

        // No row matches: no rows at all.
        var none = Filter($"[{Expression("s", 1, Call("prefix", 0))}]", Calls.Str("nope"));
        var (_, _, empty) = await RunAsync(w, Table("filter_echo_table_scan", []), projection: [0, 1], filters: none);
        Assert.Empty(Longs(empty, "n"));
    }

    [Fact]
    public async Task ExpressionFilterTest_PrefixOrContainsOnAList_AcrossBatches()
    {
        await using var w = WorkerProcess.Fixture.Start();
        // prefix(name, 'item_1') OR contains(name, '_7'), over batches of 4 rows.
        var or = Filter($"[{Conjunction("or", "name", 1, Expression("name", 1, Call("prefix", 0)), Expression("name", 1, Call("contains", 1)))}]",
            Calls.Str("item_1"), Calls.Str("_7"));
        var (_, _, named) = await RunAsync(w, Table("expression_filter_test", [Calls.I64(20)], [Named("batch_size", 4)]), projection: [0, 1], filters: or);
        Assert.Equal([1L, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19], Longs(named, "id"));

        // contains on a list column is list membership: tag_0 is in rows i % 5 ∈ {0, 4}.
        var contains = Filter($"[{Expression("tags", 2, Call("contains", 0))}]", Calls.Str("tag_0"));
        var (_, _, tagged) = await RunAsync(w, Table("expression_filter_test", [Calls.I64(12)]), projection: [0, 2], filters: contains);
        Assert.Equal([0L, 4, 5, 9, 10], Longs(tagged, "id"));

        // A NULL constant makes the predicate NULL: no row.
        var nullConstant = Filter($"[{Expression("name", 1, Call("prefix", 0))}]", new StringArray.Builder().AppendNull().Build());
        var (_, _, nothing) = await RunAsync(w, Table("expression_filter_test", [Calls.I64(5)]), projection: [0, 1], filters: nullConstant);
        Assert.Empty(Longs(nothing, "id"));
    }

    [Fact]
    public async Task SpatialFilterExample_DynamicBoxFromATick_Prunes()
    {
        // The init filter keeps the lower-left box; from tick 2 a dynamic && filter with a box around (0.75, 0.75) applies too.
        await using var w = WorkerProcess.Fixture.Start();
        var all = Wkb.Polygon((0, 0), (1, 0), (1, 1), (0, 1), (0, 0));
        var corner = Wkb.Polygon((0.7, 0.7), (0.8, 0.7), (0.8, 0.8), (0.7, 0.8), (0.7, 0.7));
        var init = GeometryFilter($"[{Expression("geom", 1, Call("&&", 0))}]", all);
        var tick = new List<KeyValuePair<string, string>> { new("vgi_pushdown_filters", Convert.ToBase64String(GeometryFilter($"[{Expression("geom", 1, Call("&&", 0))}]", corner))) };
        var (_, _, batches) = await RunAsync(w, Table("spatial_filter_example", [Calls.I64(16)], [Named("batch_size", 4)]), projection: [0, 3],
            filters: init, ticks: t => t >= 2 ? tick : null);
        // Batch 1 (rows 0..3) under the init box only; later batches also need the corner box: row 15 = (0.75, 0.75).
        Assert.Equal([0L, 1, 2, 3, 15], Longs(batches, "n"));
    }

    [Fact]
    public async Task LateMaterialization_RowIdRangeWitness()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var filter = Filter($"[{Conjunction("and", "row_id", 0, Compare("row_id", "ge", 0, 0), Compare("row_id", "lt", 0, 1))}]", Calls.I64(10), Calls.I64(20));
        var (bound, _, batches) = await RunAsync(w, Table("late_materialization", [Calls.I64(100)], [("null_ord_stride", Calls.I64(7))]),
            projection: [0, 1, 2, 3], filters: filter);
        Assert.Equal("", Meta(bound.OutputSchema.FieldsList[0], "is_row_id"));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (long)i), Longs(batches, "row_id"));
        Assert.Equal(["rid:in=0;rng=10..20"], DistinctStrings(batches, "pushed"));
        var ord = NullableLongs(batches, "ord");
        Assert.Null(ord[4]); // row 14: 14 % 7 == 0
        Assert.Equal(10L * 2654435761 % 1000000007, ord[0]);

        var (_, _, plain) = await RunAsync(w, Table("late_materialization", [Calls.I64(4)], [("dup_row_id", new BooleanArray.Builder().Append(true).Build())]),
            projection: [0, 3]);
        Assert.Equal([0L, 0, 1, 1], Longs(plain, "row_id"));
        Assert.Equal(["rid:in=0;rng=none"], DistinctStrings(plain, "pushed"));
    }

    [Fact]
    public async Task ArgumentBounds_AreCheckedAtBind()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var error = await Assert.ThrowsAsync<Vgi.Rpc.RpcException>(() => w.BindAsync(Table("dynamic_filter_echo", [Calls.I64(0)])));
        Assert.Contains("Argument 'count' is too small.", error.Message);
        Assert.Contains("must be >= 1", error.Message);
        error = await Assert.ThrowsAsync<Vgi.Rpc.RpcException>(() => w.BindAsync(Table("dict_filter_echo", [Calls.I64(5)], [Named("batch_size", 0)])));
        Assert.Contains("Argument 'batch_size' is too small.", error.Message);
    }

    [Fact]
    public async Task Catalog_ListsTheProbesWithTheirFlags()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var functions = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        var echo = functions["filter_echo"];
        Assert.Equal("Echoes pushed-down filter predicates in output", echo.Description);
        Assert.Equal(["generator", "diagnostic"], echo.Categories);
        Assert.True(echo.FilterPushdown);
        Assert.True(echo.ProjectionPushdown);
        Assert.Equal(["count", "batch_size"], echo.Arguments.FieldsList.Select(f => f.Name));
        Assert.Equal("named", Meta(echo.Arguments.FieldsList[1], "vgi_arg"));
        Assert.Equal(99999, functions["filter_echo_partitioned"].MaxWorkers);
        Assert.True(functions["sample_echo"].SamplingPushdown);
        Assert.NotEqual(true, functions["sample_echo"].FilterPushdown);
        Assert.Equal(["prefix", "starts_with"], functions["filter_echo_table_scan"].SupportedExpressionFilters);
        Assert.Equal(["list_contains", "prefix", "starts_with", "contains"], functions["expression_filter_test"].SupportedExpressionFilters);
        Assert.Equal(["&&", "st_intersects_extent"], functions["spatial_filter_example"].SupportedExpressionFilters);
        Assert.True(functions["late_materialization"].LateMaterialization);
        Assert.Equal(["count", "batch_size", "dup_row_id", "null_ord_stride"], functions["late_materialization"].Arguments.FieldsList.Select(f => f.Name));
        Assert.Equal(["generator", "diagnostic", "testing"], functions["dict_filter_echo"].Categories);
        Assert.Equal("Prunes the key set via get_column_values('n'); echoes the resolved discrete values", functions["value_prune"].Description);
    }

    [Fact]
    public async Task FilterEcho_CardinalityIsTheCount_AndCountIsBounded()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var request = Table("filter_echo", [Calls.I64(40)]);
        var bound = (await w.BindAsync(request)).Value;
        var cardinality = (await w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            new() { Request = new TableFunctionCardinalityRequest { BindCall = request, BindOpaqueData = bound.OpaqueData } })).Value;
        Assert.Equal(40, cardinality.Estimate);
        Assert.Equal(40, cardinality.Max);
        var error = await Assert.ThrowsAsync<Vgi.Rpc.RpcException>(() => w.BindAsync(Table("filter_echo", [Calls.I64(-1)])));
        Assert.Contains("Argument 'count' is too small.", error.Message);
    }

    /// <summary>The filter stream with one GEOMETRY constant (a <c>geoarrow.wkb</c> binary field).</summary>
    private static byte[] GeometryFilter(string json, byte[] wkb)
    {
        var fields = new List<Field>
        {
            new("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]),
            new("_val_0", BinaryType.Default, true, [new KeyValuePair<string, string>("ARROW:extension:name", "geoarrow.wkb")]),
        };
        var value = new BinaryArray.Builder().Append(wkb.AsSpan()).Build();
        return IpcBytes.WriteBatch(new RecordBatch(new Schema(fields, null), [Calls.Str(json), value], 1));
    }
}
