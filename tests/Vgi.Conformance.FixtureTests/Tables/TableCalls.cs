using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;
using Requests = Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.TableFixtures;

/// <summary>
/// Drives the generator and scan fixtures the way the extension does: bind, the planner calls
/// (cardinality, statistics), init (header), input schema {} and tick 1, one batch per tick, output
/// EOS, input EOS. Also reads the planner answers back for assertions.
/// </summary>
internal static class TableCalls
{
    /// <summary>The whole statement; the bind and the init's re-bind both see <paramref name="request"/>.</summary>
    public static async Task<(BindResult Bound, TableStream Stream, List<TableBatch> Batches)> ScanAsync(WorkerClient w, BindRequest request,
        IReadOnlyList<long>? projection = null, byte[]? filters = null)
    {
        var bound = (await w.BindAsync(request)).Value;
        var stream = await TableStream.OpenAsync(w.Rpc, Requests.Init(request, bound, projection, filters));
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync();
        await stream.EndInputAsync();
        return (bound, stream, batches);
    }

    /// <summary>Bind succeeds, init fails: the init error as the client sees it.</summary>
    public static async Task<RpcException> InitErrorAsync(WorkerClient w, BindRequest request)
    {
        var bound = (await w.BindAsync(request)).Value;
        return await Assert.ThrowsAsync<RpcException>(() => TableStream.OpenAsync(w.Rpc, Requests.Init(request, bound)));
    }

    public static Task<RpcException> BindErrorAsync(WorkerClient w, BindRequest request) =>
        Assert.ThrowsAsync<RpcException>(() => w.BindAsync(request).Timed());

    public static async Task<TableFunctionCardinalityResult> CardinalityAsync(WorkerClient w, BindRequest request, BindResult bound) =>
        (await w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            new() { Request = new TableFunctionCardinalityRequest { BindCall = request, BindOpaqueData = bound.OpaqueData } })).Value;

    /// <summary><c>table_function_statistics</c>: the statistics batch, or null when the worker has none.</summary>
    public static async Task<RecordBatch?> StatisticsAsync(WorkerClient w, BindRequest request, BindResult bound)
    {
        using var result = await w.CallRawAsync("table_function_statistics", new TableFunctionStatisticsParams
        {
            Request = new TableFunctionStatisticsRequest { BindCall = request, BindOpaqueData = bound.OpaqueData },
        });
        var column = Assert.IsType<BinaryArray>(result.Result);
        return column.IsNull(0) ? null : IpcBytes.ReadBatch(column.GetBytes(0).ToArray());
    }

    /// <summary><c>table_function_dynamic_to_string</c> for an execution, as key/value pairs.</summary>
    public static async Task<List<KeyValuePair<string, string>>> DynamicToStringAsync(WorkerClient w, BindRequest request, byte[] executionId)
    {
        var result = (await w.CallAsync<TableFunctionDynamicToStringParams, TableFunctionDynamicToStringResult>("table_function_dynamic_to_string",
            new() { Request = new TableFunctionDynamicToStringRequest { BindCall = request, GlobalExecutionId = executionId } })).Value;
        return [.. result.Keys.Zip(result.Values, (k, v) => new KeyValuePair<string, string>(k, v))];
    }

    /// <summary>The value of row <paramref name="row"/> in child <paramref name="child"/> of a statistics union column.</summary>
    public static IArrowArray UnionChild(RecordBatch statistics, string column, int child) =>
        ((UnionArray)statistics.Column(statistics.Schema.GetFieldIndex(column))).Fields[child];

    public static (string Name, IArrowArray Value) Named(string name, long value) => (name, Calls.I64(value));

    public static (string Name, IArrowArray Value) Named(string name, string value) => (name, Calls.Str(value));

    public static (string Name, IArrowArray Value) Named(string name, double value) => (name, Calls.F64(value));

    public static string? Meta(Field field, string key) =>
        field.HasMetadata && field.Metadata.TryGetValue(key, out var v) ? v : null;

    public static long?[] NullableLongs(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Longs(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))))];

    public static double?[] Doubles(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Doubles(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))))];

    public static string?[] NullableStrings(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Strings(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))))];

    /// <summary>All rows of one column as one array (batches concatenated).</summary>
    public static IArrowArray Column(IEnumerable<TableBatch> batches, string column) =>
        ArrowArrayConcatenator.Concatenate([.. batches.Select(b => b.Batch.Column(b.Batch.Schema.GetFieldIndex(column)))]);

    public static string[] Names(Schema schema) => [.. schema.FieldsList.Select(f => f.Name)];

    public static ArrowTypeId[] TypeIds(Schema schema) => [.. schema.FieldsList.Select(f => f.DataType.TypeId)];
}

/// <summary>
/// The fixture worker on a unix socket (<c>--unix PATH --idle-timeout 60</c>), so several
/// connections reach the same process: what parallel scan streams of one execution need to
/// share its work queue.
/// </summary>
internal static class UnixFixtureWorker
{
    public static Task<UnixWorker> StartAsync() => WorkerProcess.Fixture.StartUnixAsync(idleTimeoutSeconds: 60);
}
