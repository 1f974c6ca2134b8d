using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests.Conformance;

public abstract partial class ConformanceTests
{
    private static RecordBatch Count(long n) => A.Params(new Col("count", A.I64(n)));

    private static string CounterBatch(long i) => $"index=[{i}] value=[{i * 10}]";

    // ------------------------------------------------------------------ producer_stream

    [Fact]
    public Task ProducerStream_N() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_n", Count(5), hasHeader: false).Timed();
        var batches = await DrainProducerAsync(session);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => CounterBatch(i)), batches);
        Assert.Equal("index: int64?, value: int64?", A.Describe(session.OutputSchema!));
        Assert.Null(session.Header);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProducerStream_Empty() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_empty", null, hasHeader: false).Timed();
        Assert.Empty(await DrainProducerAsync(session));
        Assert.Equal("index: int64?, value: int64?", A.Describe(session.OutputSchema!));
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProducerStream_CountZero() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_n", Count(0), hasHeader: false).Timed();
        Assert.Empty(await DrainProducerAsync(session));
    });

    [Fact]
    public Task ProducerStream_Single() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_single", null, hasHeader: false).Timed();
        Assert.Equal([CounterBatch(0)], await DrainProducerAsync(session));
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProducerStream_WithLogs() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_with_logs", Count(3), hasHeader: false).Timed();
        Assert.Equal(3, (await DrainProducerAsync(session)).Count);
        Assert.Equal(["INFO: producing batch 0", "INFO: producing batch 1", "INFO: producing batch 2", "INFO: finished after 3 batches"],
            session.Logs.Select(l => l.ToString()));
        Assert.Contains("\"index\":1", session.Logs[1].ExtraJson);
        // Logs emitted inside process() carry the server id but no request id (vgi-rpc-wire.md §4.2).
        Assert.All(session.Logs, l => Assert.Matches("^[0-9a-f]{12}$", l.Metadata.Get(RpcMetadataKeys.ServerId)));
        Assert.All(session.Logs, l => Assert.False(l.Metadata.Contains(RpcMetadataKeys.RequestId)));
    });

    [Fact]
    public Task ProducerStream_ErrorMidStream() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_error_mid_stream", A.Params(new Col("emit_before_error", A.I64(3))), hasHeader: false).Timed();
        for (int i = 0; i < 3; i++)
        {
            using var batch = await session.TickAsync().Timed();
            Assert.Equal(CounterBatch(i), Render(batch!));
        }
        var error = await Assert.ThrowsAsync<RpcException>(() => session.TickAsync().Timed());
        Assert.Equal("RuntimeError", error.TypeName);
        Assert.Equal("RuntimeError: intentional error after 3 batches", error.Message);
        Assert.True(session.IsFinished);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProducerStream_LargeBatches() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_large_batches",
            A.Params(new Col("rows_per_batch", A.I64(50_000)), new Col("batch_count", A.I64(4))), hasHeader: false).Timed();
        long expected = 0;
        int batches = 0;
        while (await session.TickAsync().Timed() is { } batch)
        {
            using (batch)
            {
                Assert.Equal(50_000, batch.Length);
                var index = (Int64Array)batch.Batch.Column(0);
                var value = (Int64Array)batch.Batch.Column(1);
                for (int i = 0; i < batch.Length; i++, expected++)
                {
                    Assert.Equal(expected, index.GetValue(i));
                    Assert.Equal(expected * 10, value.GetValue(i));
                }
            }
            batches++;
        }
        Assert.Equal(4, batches);
    });

    [Fact]
    public Task ProducerStream_OversizedBatch() => Run(async c =>
    {
        const int size = 8 << 20;
        await using var session = await c.OpenStreamAsync("produce_oversized_batch", A.Params(new Col("size_bytes", A.I64(size))), hasHeader: false).Timed();
        using (var batch = (await session.TickAsync().Timed())!)
        {
            var payload = ((BinaryArray)batch.Batch.Column(1)).GetBytes(0);
            Assert.Equal(size, payload.Length);
            Assert.Equal((byte)(12345 % 251), payload[12345]);
        }
        Assert.Null(await session.TickAsync().Timed());
    });

    [Fact]
    public Task ProducerStream_ErrorOnInit() => Run(async c =>
    {
        // Without a header the init error surfaces on the first tick; the client then resynchronises the pipe.
        await using var session = await c.OpenStreamAsync("produce_error_on_init", null, hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.TickAsync().Timed());
        Assert.Equal("ValueError", error.TypeName);
        Assert.Equal("ValueError: intentional error in produce_error_on_init", error.Message);
        await AssertUsableAsync(c);
    });

    // ------------------------------------------------------------------ producer_header

    [Fact]
    public Task ProducerHeader_HeaderValues() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_with_header", Count(3), hasHeader: true).Timed();
        Assert.NotNull(session.Header);
        Assert.Equal("total_expected: int64, description: utf8", A.Describe(session.Header!.Schema));
        Assert.Equal("total_expected=[3] description=['producing 3 batches']", Render(session.Header));
        Assert.Equal(Enumerable.Range(0, 3).Select(i => CounterBatch(i)), await DrainProducerAsync(session));
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProducerHeader_HeaderWithLogs() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_with_header_and_logs", Count(2), hasHeader: true).Timed();
        Assert.Equal("total_expected=[2] description=['producing 2 batches']", Render(session.Header!));
        // Init logs arrive in the header stream, before any tick; they carry the request id.
        Assert.Equal(["INFO: init: producing 2 batches", "DEBUG: init: header ready"], session.Logs.Select(l => l.ToString()));
        Assert.All(session.Logs, l => Assert.Matches("^[0-9a-f]{16}$", l.Metadata.Get(RpcMetadataKeys.RequestId)));
        Assert.Equal(2, (await DrainProducerAsync(session)).Count);
        Assert.Equal(["INFO: init: producing 2 batches", "DEBUG: init: header ready", "INFO: producing batch 0", "INFO: producing batch 1", "INFO: finished after 2 batches"],
            session.Logs.Select(l => l.ToString()));
    });

    [Fact]
    public Task ProducerHeader_CloseEarly() => Run(async c =>
    {
        await using (var session = await c.OpenStreamAsync("produce_with_header", Count(100), hasHeader: true).Timed())
        {
            using var first = await session.TickAsync().Timed();
            Assert.Equal(CounterBatch(0), Render(first!));
            await session.CloseAsync().Timed();
            Assert.True(session.IsFinished);
        }
        await AssertUsableAsync(c);
    });

    // ------------------------------------------------------------------ exchange_stream

    private static RecordBatch Values(params double?[] values) => A.Column("value", A.F64(values));

    [Fact]
    public Task ExchangeStream_Scale() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(2))), hasHeader: false).Timed();
        Assert.Equal("value=[2, 4, 6]", await ExchangeAsync(session, Values(1, 2, 3)));
        Assert.Equal("value: float64?", A.Describe(session.OutputSchema!));
        Assert.Equal("value=[20]", await ExchangeAsync(session, Values(10)));
        Assert.Equal("value=[1, -2, null]", await ExchangeAsync(session, Values(0.5, -1, null)));
        await session.CloseAsync().Timed();
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_Echo() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(1))), hasHeader: false).Timed();
        Assert.Equal("value=[1.25, f64:8000000000000000, f64:7FF0000000000000]", await ExchangeAsync(session, Values(1.25, -0.0, double.PositiveInfinity)));
    });

    [Fact]
    public Task ExchangeStream_ZeroRowInput() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(3))), hasHeader: false).Timed();
        Assert.Equal("value=[]", await ExchangeAsync(session, Values()));
        Assert.Equal("value=[3]", await ExchangeAsync(session, Values(1)));
    });

    [Fact]
    public Task ExchangeStream_Accumulate() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_accumulate", null, hasHeader: false).Timed();
        Assert.Equal("running_sum=[6] exchange_count=[1]", await ExchangeAsync(session, Values(1, 2, 3)));
        Assert.Equal("running_sum=[16] exchange_count=[2]", await ExchangeAsync(session, Values(10)));
        Assert.Equal("running_sum=[16] exchange_count=[3]", await ExchangeAsync(session, Values()));
        Assert.Equal("running_sum: float64?, exchange_count: int64?", A.Describe(session.OutputSchema!));
    });

    [Fact]
    public Task ExchangeStream_WithLogs() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_with_logs", null, hasHeader: false).Timed();
        Assert.Equal("value=[1, 2]", await ExchangeAsync(session, Values(1, 2)));
        Assert.Equal("value=[3]", await ExchangeAsync(session, Values(3)));
        Assert.Equal(["INFO: exchange 1: 2 rows", "DEBUG: exchange 1 done", "INFO: exchange 2: 1 rows", "DEBUG: exchange 2 done"],
            session.Logs.Select(l => l.ToString()));
    });

    [Fact]
    public Task ExchangeStream_ErrorFirst() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_error_on_nth", A.Params(new Col("fail_on", A.I64(1))), hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(1)).Timed());
        Assert.Equal("RuntimeError", error.TypeName);
        Assert.Equal("RuntimeError: intentional error on exchange 1", error.Message);
        Assert.True(session.IsFinished);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_ErrorNth() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_error_on_nth", A.Params(new Col("fail_on", A.I64(3))), hasHeader: false).Timed();
        Assert.Equal("value=[1]", await ExchangeAsync(session, Values(1)));
        Assert.Equal("value=[2]", await ExchangeAsync(session, Values(2)));
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(3)).Timed());
        Assert.Equal("RuntimeError: intentional error on exchange 3", error.Message);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_EmptySession() => Run(async c =>
    {
        // Zero inputs: the input stream is a schema and EOS, the output a schema and EOS.
        await using (var session = await c.OpenStreamAsync("exchange_scale", A.Params(new Col("factor", A.F64(2))), hasHeader: false).Timed())
        {
            await session.CloseAsync().Timed();
            Assert.True(session.IsFinished);
            Assert.Equal("value: float64?", A.Describe(session.OutputSchema!));
        }
        await AssertUsableAsync(c);
    });

    public static TheoryData<string> CastCases => new(["int32", "int64", "float32"]);

    [Theory]
    [MemberData(nameof(CastCases))]
    public Task ExchangeStream_CastToFloat64(string type) => Run(async c =>
    {
        IArrowArray values = type switch
        {
            "int32" => A.I32(1, -2, int.MaxValue),
            "int64" => A.I64(1, -2, 1L << 40),
            _ => A.F32(1.5f, -2, float.PositiveInfinity),
        };
        string expected = type switch
        {
            "int32" => "value=[1, -2, 2147483647]",
            "int64" => "value=[1, -2, 1099511627776]",
            _ => "value=[1.5, -2, f64:7FF0000000000000]",
        };
        await using var session = await c.OpenStreamAsync("exchange_cast_compatible", null, hasHeader: false).Timed();
        using var output = await session.ExchangeAsync(A.Column("value", values)).Timed();
        Assert.IsType<DoubleArray>(output.Batch.Column(0));
        Assert.Equal(expected, Render(output));
    });

    [Fact]
    public Task ExchangeStream_CastExactSchema() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_cast_compatible", null, hasHeader: false).Timed();
        Assert.Equal("value=[0.1, null]", await ExchangeAsync(session, Values(0.1, null)));
        Assert.Equal("value=[42]", await ExchangeAsync(session, Values(42)));
    });

    [Fact]
    public Task ExchangeStream_CastIncompatibleColumnName() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_cast_compatible", null, hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(A.Column("other", A.F64(1))).Timed());
        Assert.Equal("TypeError", error.TypeName);
        Assert.Contains("Input schema mismatch", error.Message);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_CastIncompatibleType() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_cast_compatible", null, hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(A.Column("value", A.Str("1.0"))).Timed());
        Assert.Equal("TypeError", error.TypeName);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_ZeroColumns() => Run(async c =>
    {
        // No input fields: a producer on the wire. Zero-column inputs of any length answer with their length.
        await using var session = await c.OpenStreamAsync("exchange_zero_columns", null, hasHeader: false).Timed();
        using (var tick = (await session.TickAsync().Timed())!) Assert.Equal("row_count=[0]", Render(tick));
        var empty = new Schema([], null);
        Assert.Equal("row_count=[3]", await ExchangeAsync(session, new RecordBatch(empty, [], 3)));
        await session.CloseAsync().Timed();
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_ErrorOnInit() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_error_on_init", null, hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(Values(1)).Timed());
        Assert.Equal("ValueError: intentional error in exchange_error_on_init", error.Message);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ExchangeStream_Oversized() => Run(async c =>
    {
        const int size = 8 << 20;
        await using var session = await c.OpenStreamAsync("exchange_oversized", A.Params(new Col("size_bytes", A.I64(size))), hasHeader: false).Timed();
        for (int n = 0; n < 2; n++)
        {
            using var output = await session.ExchangeAsync(Values(n)).Timed();
            Assert.Equal(n, ((Int64Array)output.Batch.Column(0)).GetValue(0));
            Assert.Equal(size, ((BinaryArray)output.Batch.Column(1)).GetBytes(0).Length);
        }
    });

    // ------------------------------------------------------------------ exchange_header

    [Fact]
    public Task ExchangeHeader_FactorAndScale() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_with_header", A.Params(new Col("factor", A.F64(2.5))), hasHeader: true).Timed();
        Assert.Equal("factor: float64", A.Describe(session.Header!.Schema));
        Assert.Equal("factor=[2.5]", Render(session.Header));
        Assert.Equal("value=[5, -2.5]", await ExchangeAsync(session, Values(2, -1)));
        Assert.Equal("value=[0]", await ExchangeAsync(session, Values(0)));
        await session.CloseAsync().Timed();
        await AssertUsableAsync(c);
    });

    // ------------------------------------------------------------------ rich_header_producer / rich_header_exchange

    private const string RichHeaderSchema =
        "str_field: utf8, bytes_field: binary, int_field: int64, float_field: float64, bool_field: bool, list_field: list<int64?>, " +
        "dict_field: map<utf8, int64?>, enum_field: dictionary<int16, utf8>, point_field: struct<x: float64, y: float64>, " +
        "int32_field: int32, timestamp_field: timestamp[us, UTC], optional_str: utf8?, optional_int: int64?";

    private static void AssertRichHeader(IpcRecordBatch header, long seed)
    {
        Assert.Equal(RichHeaderSchema, A.Describe(header.Schema));
        Assert.Equal(1, header.Length);
        string Field(string name) => A.Render(header.Batch.Column(header.Schema.GetFieldIndex(name)), 0);
        bool even = seed % 2 == 0;
        Assert.Equal($"'seed-{seed}'", Field("str_field"));
        Assert.Equal("0x" + Convert.ToHexString(BitConverter.GetBytes(seed)), Field("bytes_field"));
        Assert.Equal($"{seed * 7}", Field("int_field"));
        Assert.Equal(A.Render(A.F64(seed * 1.5), 0), Field("float_field"));
        Assert.Equal(even ? "true" : "false", Field("bool_field"));
        Assert.Equal($"[{seed}, {seed + 1}, {seed + 2}]", Field("list_field"));
        Assert.Equal($"{{'seed': {seed}, 'double': {seed * 2}}}", Field("dict_field"));
        Assert.Equal($"'{A.StatusMembers[Math.Abs(seed) % 3]}'", Field("enum_field"));
        Assert.Equal(A.Render(A.Point(seed, -seed), 0), Field("point_field"));
        Assert.Equal($"{seed}", Field("int32_field"));
        Assert.Equal($"{seed * 1_000_000}", Field("timestamp_field"));
        Assert.Equal(even ? $"'even-{seed}'" : "null", Field("optional_str"));
        Assert.Equal(even ? "null" : $"{seed * 3}", Field("optional_int"));
    }

    [Theory]
    [InlineData(42)]
    [InlineData(7)]
    public Task RichHeaderProducer_AllFields(long seed) => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_with_rich_header",
            A.Params(new Col("seed", A.I64(seed)), new Col("count", A.I64(2))), hasHeader: true).Timed();
        AssertRichHeader(session.Header!, seed);
        Assert.Equal([CounterBatch(0), CounterBatch(1)], await DrainProducerAsync(session));
    });

    [Theory]
    [InlineData(-3)]
    [InlineData(1000)]
    public Task RichHeaderExchange_AllFields(long seed) => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("exchange_with_rich_header", A.Params(new Col("seed", A.I64(seed))), hasHeader: true).Timed();
        AssertRichHeader(session.Header!, seed);
        Assert.Equal("value=[1.5]", await ExchangeAsync(session, Values(1.5)));
    });

    // ------------------------------------------------------------------ dynamic_schema_producer

    [Fact]
    public Task DynamicSchemaProducer_ColumnsFromParameters() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_dynamic_schema",
            A.Params(new Col("column_names", A.StrList(["alpha", "beta", "gamma"])), new Col("row_count", A.I64(4))), hasHeader: false).Timed();
        var batches = await DrainProducerAsync(session);
        Assert.Equal("alpha: int64?, beta: int64?, gamma: int64?", A.Describe(session.OutputSchema!));
        Assert.Equal(["alpha=[0, 1, 2, 3] beta=[0, 2, 4, 6] gamma=[0, 3, 6, 9]"], batches);
    });

    [Fact]
    public Task DynamicSchemaProducer_OtherShape() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_dynamic_schema",
            A.Params(new Col("column_names", A.StrList(["only ✓"])), new Col("row_count", A.I64(0))), hasHeader: false).Timed();
        Assert.Equal(["only ✓=[]"], await DrainProducerAsync(session));
        Assert.Equal("only ✓: int64?", A.Describe(session.OutputSchema!));
    });

    [Fact]
    public Task DynamicSchemaProducer_InvalidNamesFailInit() => Run(async c =>
    {
        await using var session = await c.OpenStreamAsync("produce_dynamic_schema",
            A.Params(new Col("column_names", A.StrList(["a", "a"])), new Col("row_count", A.I64(1))), hasHeader: false).Timed();
        var error = await Assert.ThrowsAsync<RpcException>(() => session.TickAsync().Timed());
        Assert.Equal("ValueError", error.TypeName);
        await AssertUsableAsync(c);
    });
}
