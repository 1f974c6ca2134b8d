using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>
/// Table function calls replayed the way the extension makes them (validation-2 §3.1–3.2, §7.1):
/// <c>bind</c> → <c>table_function_cardinality</c> → <c>table_function_statistics</c> →
/// <c>init</c> with its header → input schema and tick 1 before any read → one batch per tick,
/// each answered with the next tick → EOS on a tick → the client's input EOS, over a real stdio pipe.
/// </summary>
public sealed class TableFunctionTests
{
    internal static BindRequest Sequence(long start, long stop, long? step = null) =>
        Tables.Table("sequence", [Calls.I64(start), Calls.I64(stop)], step is { } s ? [("step", Calls.I64(s))] : null);

    internal static InitRequest Init(BindRequest bind, Schema output, IReadOnlyList<long>? projection = null) => new()
    {
        BindCall = bind,
        OutputSchema = output,
        BindOpaqueData = null,
        ProjectionIds = projection,
    };

    internal static long[] Values(IEnumerable<TableBatch> batches, string column = "n") =>
        [.. batches.SelectMany(b =>
        {
            var array = (Int64Array)b.Batch.Column(b.Batch.Schema.GetFieldIndex(column));
            return Enumerable.Range(0, array.Length).Select(i => array.GetValue(i)!.Value);
        })];

    [Fact]
    public async Task Sequence_FullExtensionSequence()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        // vgi_table_function(<worker>, 'sequence', [0, 5000]): LIST elements arrive as int32.
        var request = Tables.Table("sequence", [Calls.I32(0), Calls.I32(5000)]);

        var bind = await w.BindAsync(request);
        SchemaAssert.Equal(BindResult.ArrowSchema, bind.InnerSchema);
        var n = Assert.Single(bind.Value.OutputSchema.FieldsList);
        Assert.Equal(("n", ArrowTypeId.Int64), (n.Name, n.DataType.TypeId));
        Assert.Null(bind.Value.OpaqueData);
        Assert.Empty(bind.Value.LookupSecretTypes);

        var cardinality = await w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
            new() { Request = new TableFunctionCardinalityRequest { BindCall = request, BindOpaqueData = bind.Value.OpaqueData } });
        SchemaAssert.Equal(TableFunctionCardinalityResult.ArrowSchema, cardinality.InnerSchema);
        Assert.Equal((5000L, 5000L), (cardinality.Value.Estimate, cardinality.Value.Max));

        using (var statistics = await w.CallRawAsync("table_function_statistics",
            new TableFunctionStatisticsParams { Request = new TableFunctionStatisticsRequest { BindCall = request, BindOpaqueData = bind.Value.OpaqueData } }))
        {
            var result = Assert.IsType<BinaryArray>(statistics.Result);
            Assert.True(result.IsNull(0)); // no statistics: the clean "none"
            Assert.True(Assert.Single(statistics.ResultSchema.FieldsList).IsNullable);
        }

        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bind.Value.OutputSchema));
        SchemaAssert.Equal(GlobalInitResponse.ArrowSchema, stream.HeaderStream.Schema);
        Assert.Equal(16, stream.Header.ExecutionId.Length);
        Assert.Null(stream.Header.OpaqueData);
        Assert.Equal(1, stream.Header.MaxWorkers);

        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync();
        await stream.EndInputAsync();

        SchemaAssert.Equal(bind.Value.OutputSchema, stream.OutputSchema!);
        Assert.Equal([2048, 2048, 904], batches.Select(b => b.Batch.Length));
        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), Values(batches));
        Assert.Equal(4, stream.TicksSent); // 3 batches, then EOS answered tick 4: nothing left to drain
        Assert.All(batches, b => Assert.Empty(b.Metadata));

        // The worker is back at its request loop (the extension pools it).
        await BindErrorTests.AssertStillServesAsync(w);
        Assert.Contains("scan disposed: sequence", w.Stderr.ToString());
    }

    [Fact]
    public async Task NamedArgument_AndTheFinishWithLastPattern()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Sequence(0, 10, step: 3);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        var values = Values(await stream.ReadAllAsync());
        Assert.Equal([0L, 3L, 6L, 9L], values);
        // A client that sent one more tick before its EOS (the "last batch and EOS in one step"
        // shape) is drained just the same.
        await stream.TickAsync();
        await stream.EndInputAsync();
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Overloads_PickByArgumentShape()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var one = Tables.Table("sequence", [Calls.I32(3)]);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(one, (await w.BindAsync(one)).Value.OutputSchema));
        await stream.BeginAsync();
        var values = Values(await stream.ReadAllAsync());
        Assert.Equal([0L, 1L, 2L], values);
        await stream.EndInputAsync();

        var e = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Tables.Table("sequence", [])));
        Assert.Equal("TypeError", e.TypeName);
        Assert.Contains("No overload of sequence matches the call ()", e.Message);
        Assert.Contains("sequence(start int64, stop int64, step := int64): sequence(start, stop, step := 1) takes 2 positional arguments, got 0", e.Message);
        Assert.Contains("sequence(count int64): sequence(count) takes 1 positional argument, got 0", e.Message);
    }

    [Fact]
    public async Task EmptyResult_IsSchemaThenEos()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Sequence(5, 5);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        Assert.Empty(await stream.ReadAllAsync());
        Assert.Equal("n", Assert.Single(stream.OutputSchema!.FieldsList).Name);
        await stream.EndInputAsync();
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task Cardinality_UnknownIsNullsNotAnError()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        foreach (var request in new[] { Tables.Table("tri", [Calls.I64(7)]) with { FunctionName = "filter_echo" }, Tables.Table("nosuch", []) })
        {
            var reply = await w.CallAsync<TableFunctionCardinalityParams, TableFunctionCardinalityResult>("table_function_cardinality",
                new() { Request = new TableFunctionCardinalityRequest { BindCall = request } });
            Assert.Null(reply.Value.Estimate);
            Assert.Null(reply.Value.Max);
        }
    }

    [Fact]
    public async Task DynamicToString_AnswersEmptyLists()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var reply = await w.CallAsync<TableFunctionDynamicToStringParams, TableFunctionDynamicToStringResult>("table_function_dynamic_to_string",
            new() { Request = new TableFunctionDynamicToStringRequest { BindCall = Sequence(0, 3), GlobalExecutionId = new byte[16] } });
        SchemaAssert.Equal(TableFunctionDynamicToStringResult.ArrowSchema, reply.InnerSchema);
        Assert.Empty(reply.Value.Keys);
        Assert.Empty(reply.Value.Values);
    }

    [Fact]
    public async Task BindErrors_NameTheArgument()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var type = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Tables.Table("sequence", [Calls.Str("x"), Calls.I64(5)])));
        Assert.Equal("TypeError", type.TypeName);
        Assert.Contains("No overload of sequence matches the call (utf8, int64):", type.Message);
        Assert.Contains("sequence(start int64, stop int64, step := int64): argument 'start' expects BIGINT, got VARCHAR", type.Message);
        var single = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Tables.Table("tri", [Calls.Str("x")])));
        Assert.Equal("TypeError: tri: argument 'count' expects BIGINT, got VARCHAR", single.Message);
        var step = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Sequence(0, 5, step: 0)));
        Assert.Contains("step must be positive, got 0", step.Message);
        var failing = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Tables.Table("failing", [Calls.Str("bind")])));
        Assert.Equal("TypeError: failing: bind failed on purpose", failing.Message);
        var named = await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Tables.Table("tri", [Calls.I64(5)], [("size", Calls.I64(2))])));
        Assert.Contains("tri(count, batch_size := 1000) has no named argument 'size'", named.Message);
        // The same errors at init (init re-binds from bind_call).
        var init = await Assert.ThrowsAsync<RpcException>(() => TableStream.OpenAsync(w.Rpc, Init(Sequence(0, 5, step: -1), new Schema([], null))));
        Assert.Contains("step must be positive, got -1", init.Message);
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task InitError_IsTheEmptySchemaErrorStream()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("failing", [Calls.Str("init")]);
        var bind = await w.BindAsync(request);
        var e = await Assert.ThrowsAsync<RpcException>(() => TableStream.OpenAsync(w.Rpc, Init(request, bind.Value.OutputSchema)));
        Assert.Equal("InvalidOperationException: init failed on purpose", e.Message);
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task MidStreamError_IsAnExceptionBatchThenEos()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("failing", [Calls.Str("stream")]);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        var first = await stream.ReadAsync();
        Assert.Equal(1L, ((Int64Array)first!.Batch.Column(0)).GetValue(0));
        await stream.TickAsync();
        var e = await Assert.ThrowsAsync<RpcException>(stream.ReadAsync);
        Assert.Equal("InvalidOperationException: producer failed on purpose", e.Message);
        // The output is at its EOS; the worker drains the input to ours and serves on.
        await stream.EndInputAsync();
        await BindErrorTests.AssertStillServesAsync(w);
        Assert.Contains("scan disposed: failing stream", w.Stderr.ToString());
    }

    [Fact]
    public async Task WrongColumnType_FromTheScan_IsAnError()
    {
        // validation-2 C26: the client would reinterpret the buffers silently, so the worker checks.
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Tables.Table("failing", [Calls.Str("schema")]);
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, (await w.BindAsync(request)).Value.OutputSchema));
        await stream.BeginAsync();
        var e = await Assert.ThrowsAsync<RpcException>(stream.ReadAsync);
        Assert.Equal("TypeError: failing: column 'v' is utf8, but the call was bound to int64", e.Message);
        await stream.EndInputAsync();
        await BindErrorTests.AssertStillServesAsync(w);
    }

    [Fact]
    public async Task BadProjection_IsAnInitError()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Sequence(0, 3);
        var output = (await w.BindAsync(request)).Value.OutputSchema;
        var e = await Assert.ThrowsAsync<RpcException>(() => TableStream.OpenAsync(w.Rpc, Init(request, output, projection: [1])));
        Assert.Equal("ValueError: sequence: projection_ids[0] = 1 is outside the output schema's 1 columns", e.Message);
        await BindErrorTests.AssertStillServesAsync(w);
    }
}
