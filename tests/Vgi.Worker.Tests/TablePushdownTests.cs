using Apache.Arrow;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Worker.Tests.TableFunctionTests;

namespace Vgi.Worker.Tests;

/// <summary>
/// Projection and filter pushdown end to end (validation-2 §3.4–3.5, C14, C17, C18, C26, C31): the
/// emitted schema is exactly the bind schema restricted to <c>projection_ids</c> in that order;
/// init filters and tick filters are applied by column name, ANDed.
/// </summary>
public sealed class TablePushdownTests
{
    private static BindRequest Tri(long count, long? batchSize = null) =>
        Tables.Table("tri", [Calls.I64(count)], batchSize is { } b ? [("batch_size", Calls.I64(b))] : null);

    private static async Task<(TableStream Stream, List<TableBatch> Batches)> ScanAsync(WorkerClient w, InitRequest init,
        Func<int, IReadOnlyList<KeyValuePair<string, string>>?>? ticks = null)
    {
        var stream = await TableStream.OpenAsync(w.Rpc, init);
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync(ticks);
        await stream.EndInputAsync();
        return (stream, batches);
    }

    private static string[] Strings(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b =>
        {
            var array = (StringArray)b.Batch.Column(b.Batch.Schema.GetFieldIndex(column));
            return Enumerable.Range(0, array.Length).Select(i => array.GetString(i));
        })];

    /// <summary>The <c>a</c> values of a <c>tri</c> batch (by name).</summary>
    private static long?[] A(RecordBatch batch) => Calls.Longs(batch.Column(batch.Schema.GetFieldIndex("a")));

    private static long?[] As(IEnumerable<TableBatch> batches) => [.. batches.SelectMany(b => A(b.Batch))];

    [Fact]
    public async Task Section73_ProjectionAndInitFilters()
    {
        // SELECT b FROM tri(20) WHERE a > 3 AND c = 'x': projection_ids [0,2,1], the §7.3 filter bytes.
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(20);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        Assert.Equal(["a", "b", "c"], output.FieldsList.Select(f => f.Name));
        var (stream, batches) = await ScanAsync(w, Init(request, output, [0, 2, 1]) with { PushdownFilters = Section73 });

        SchemaAssert.Equal(new Schema([output.FieldsList[0], output.FieldsList[2], output.FieldsList[1]], null), stream.OutputSchema!);
        Assert.All(batches, b => Assert.Equal(["a", "c", "b"], b.Batch.Schema.FieldsList.Select(f => f.Name)));
        Assert.Equal([4L, 8L, 10L, 12L, 14L, 16L, 18L], As(batches));
        Assert.All(Strings(batches, "c"), c => Assert.Equal("x", c));
        Assert.Equal(["b4", "b8", "b10", "b12", "b14", "b16", "b18"], Strings(batches, "b"));
    }

    [Theory]
    [InlineData(new long[] { 2, 0 })]     // SELECT c, a …: reordered subset
    [InlineData(new long[] { 1 })]        // a single column
    [InlineData(new long[] { 0 })]        // count(*): DuckDB still asks for one column
    [InlineData(new long[] { 2, 1, 0 })]  // all, reversed
    public async Task Projection_EmitsExactlyTheProjectedColumns(long[] projection)
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(2500, batchSize: 1000);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var (stream, batches) = await ScanAsync(w, Init(request, output, projection));
        var expected = new Schema(projection.Select(i => output.FieldsList[(int)i]), null);
        SchemaAssert.Equal(expected, stream.OutputSchema!);
        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Batch.Length));
        Assert.All(batches, b => SchemaAssert.Equal(expected, b.Batch.Schema));
    }

    [Fact]
    public async Task NullProjection_EmitsEveryColumn()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(3);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var (stream, batches) = await ScanAsync(w, Init(request, output, projection: null));
        SchemaAssert.Equal(output, stream.OutputSchema!);
        Assert.Equal([0L, 1L, 2L], As(batches));
    }

    [Fact]
    public async Task JoinKeys_AtInit()
    {
        // §7.2: tri(100) JOIN (VALUES (5),(6),(13)) → and(join_keys, ge 5, le 13), keys 5, 6, 13;
        // 6 and 13 are NULL in tri, so only 5 remains. Then a literal IN (1, 3, 5).
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(100);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        string join = """[{"column_name":"a","column_index":0,"type":"and","children":[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"},""" +
            CompareNode("a", "ge", 0) + "," + CompareNode("a", "le", 1) + "]}]";
        var (_, joined) = await ScanAsync(w, Init(request, output, [0, 1]) with { PushdownFilters = Filter(join, I64(5), I64(13)), JoinKeys = [JoinKeys("a", I64(5, 6, 13))] });
        Assert.Equal([5L], As(joined));

        string inList = """[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"}]""";
        var (_, listed) = await ScanAsync(w, Init(request, output, [0, 1, 2]) with { PushdownFilters = Filter(inList), JoinKeys = [JoinKeys("a", I64(1, 3, 5))] });
        Assert.Equal([1L, 3L, 5L], As(listed));
    }

    [Fact]
    public async Task TickFilters_ByName_AndedWithInitFilters()
    {
        // SELECT c, a FROM tri(5000) ORDER BY a DESC LIMIT 3: projection [2,0], filter_spec "[]"
        // (C17), then ticks 3+ carry a > … with column_index 0 although a is emitted second (C14).
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(5000, batchSize: 1000);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var init = Init(request, output, [2, 0]) with
        {
            PushdownFilters = Filter("[]"),
            OrderByColumnName = "a",
            OrderByDirection = OrderByDirection.Desc,
            OrderByNullOrder = OrderByNullOrder.NullsLast,
            OrderByLimit = 3,
        };
        var (_, batches) = await ScanAsync(w, init, tick => tick switch
        {
            3 => [new("vgi_pushdown_filters", Tick(Compare("a", "gt", columnIndex: 0), I64(2500)))],
            >= 4 => [new("vgi_pushdown_filters", Tick(Compare("a", "gt", columnIndex: 0), I64(3900)))],
            _ => null,
        });
        Assert.All(batches, b => Assert.Equal(["c", "a"], b.Batch.Schema.FieldsList.Select(f => f.Name)));
        Assert.Equal(1000, batches[0].Batch.Length);
        Assert.Equal(1000, batches[1].Batch.Length);
        Assert.All(A(batches[2].Batch), a => Assert.True(a > 2500));
        Assert.Equal(2501L, A(batches[2].Batch)[0]);
        Assert.All(batches.Skip(3).SelectMany(b => A(b.Batch)), a => Assert.True(a > 3900));
        Assert.Equal(5, batches.Count);
        Assert.Equal(3901L, A(batches[3].Batch)[0]);
        Assert.Equal(4000L, A(batches[4].Batch)[0]);

        // C18: WHERE c = 'x' ORDER BY a LIMIT 2 OFFSET 1 → ticks carry only a < 4: both apply.
        var withStatic = Init(request, output, [2, 1, 0]) with { PushdownFilters = Filter(Compare("c", "eq"), Str("x")) };
        var (_, anded) = await ScanAsync(w, withStatic, tick => tick >= 2 ? [new("vgi_pushdown_filters", Tick(Compare("a", "lt"), I64(4)))] : null);
        Assert.Equal(500, anded[0].Batch.Length); // tick 1: only c = 'x'
        Assert.All(anded.Skip(1), b => Assert.Equal(0, b.Batch.Length)); // then nothing both even and < 4 is left
        Assert.All(Strings(anded, "c"), c => Assert.Equal("x", c));
    }

    [Fact]
    public async Task ScanSees_InitAndTickFilters_AndHints_WithoutAutoApply()
    {
        // filter_echo declares filter pushdown but applies nothing itself (AutoApplyFilters = false):
        // every row comes back, each showing the filters and hints its tick saw.
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("filter_echo", [Calls.I64(4)]);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var init = Init(request, output, [0, 1, 2]) with
        {
            PushdownFilters = Filter(Compare("n", "gt"), I64(1)),
            OrderByColumnName = "n",
            OrderByDirection = OrderByDirection.Desc,
            OrderByNullOrder = OrderByNullOrder.NullsFirst,
            OrderByLimit = 3,
            TablesamplePercentage = 10.0,
            TablesampleSeed = 42,
        };
        var (_, batches) = await ScanAsync(w, init, tick => tick switch
        {
            3 => [new("vgi_pushdown_filters", Tick(Compare("n", "lt"), I64(5)))],
            4 => [new("vgi_pushdown_filters", Tick("[]"))],
            _ => null,
        });
        Assert.Equal([0L, 1L, 2L, 3L], Values(batches));
        Assert.Equal(["n > 1", "n > 1", "n > 1 AND n < 5", "n > 1"], Strings(batches, "filters"));
        Assert.Equal("order=OrderByHint { Column = n, Descending = True, NullsFirst = True, Limit = 3 }; sample=SampleHint { Percentage = 10, Seed = 42 }; secondary=False",
            Strings(batches, "hints")[0]);
    }

    [Fact]
    public async Task UnreadableTickFilters_AreSkippedWithAWarning()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("filter_echo", [Calls.I64(2)]);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var (stream, batches) = await ScanAsync(w, Init(request, output, [0, 1]),
            tick => tick == 2 ? [new("vgi_pushdown_filters", "%%% not base64")] : null);
        Assert.Equal(["(none)", "(none)"], Strings(batches, "filters"));
        Assert.Contains(stream.Logs, log => log.Any(kv => kv.Value.Contains("ignoring dynamic filters", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task UnreadableInitFilters_AreAnInitError()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tri(5);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var e = await Assert.ThrowsAsync<Vgi.Rpc.RpcException>(() => TableStream.OpenAsync(w.Rpc,
            Init(request, output, [0]) with { PushdownFilters = Filter("""[{"column_name":"a","type":"bloom"}]""") }));
        Assert.Equal("ValueError: tri: the pushed filters cannot be read: filter on 'a' has an unknown type 'bloom'", e.Message);
        await BindErrorTests.AssertStillServesAsync(w);
    }
}
