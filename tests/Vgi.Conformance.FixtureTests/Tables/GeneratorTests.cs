using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Scalars;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.TableFixtures.TableCalls;
using Requests = Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.TableFixtures;

/// <summary>
/// The generators of fixtures.md §2.4.1 end to end: the fixture worker runs as a child process and
/// every call is bound, planned (cardinality, statistics) and scanned over the real pipe.
/// </summary>
public sealed class GeneratorTests
{
    private static WorkerClient Start() => WorkerProcess.Fixture.Start();

    [Fact]
    public async Task Sequence_NamedArguments_Projection_Cardinality_Statistics()
    {
        await using var w = Start();
        var request = Requests.Table("sequence", [Calls.I64(2500)], [Named("batch_size", 1000), Named("increment", 3)]);
        var (bound, stream, batches) = await ScanAsync(w, request, projection: [0]);
        Assert.Equal(["n"], Names(bound.OutputSchema));
        Assert.Equal(ArrowTypeId.Int64, bound.OutputSchema.FieldsList[0].DataType.TypeId);
        Assert.True(bound.OutputSchema.FieldsList[0].IsNullable);
        Assert.Equal(1, stream.Header.MaxWorkers);
        Assert.All(batches, b => Assert.InRange(b.Batch.Length, 1, 1000));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i * 3), Requests.Longs(batches, "n"));

        var cardinality = await CardinalityAsync(w, request, bound);
        Assert.Equal(2500, cardinality.Estimate);
        Assert.Equal(2500, cardinality.Max);

        var statistics = Assert.IsType<RecordBatch>(await StatisticsAsync(w, request, bound));
        Assert.Equal(1, statistics.Length);
        Assert.Equal(["n"], Calls.Strings(statistics.Column(statistics.Schema.GetFieldIndex("column_name"))));
        Assert.Equal([0L], Calls.Longs(UnionChild(statistics, "min", 0)));
        Assert.Equal([7497L], Calls.Longs(UnionChild(statistics, "max", 0)));
        Assert.Equal([2500L], Calls.Longs(statistics.Column(statistics.Schema.GetFieldIndex("distinct_count"))));
        Assert.False(((BooleanArray)statistics.Column(statistics.Schema.GetFieldIndex("has_null"))).GetValue(0));

        // count 0: no rows, and no statistics.
        var empty = Requests.Table("sequence", [Calls.I64(0)]);
        var (emptyBound, _, none) = await ScanAsync(w, empty);
        Assert.Empty(none);
        Assert.Null(await StatisticsAsync(w, empty, emptyBound));
    }

    [Fact]
    public async Task BatchSizeArgument_SetsTheRowsPerBatch_AndTenThousandHasAFixedCardinality()
    {
        await using var w = Start();
        var (_, _, batches) = await ScanAsync(w, Requests.Table("sequence", [Calls.I64(10)], [Named("batch_size", 3)]));
        Assert.Equal([3, 3, 3, 1], batches.Select(b => b.Batch.Length));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Requests.Longs(batches, "n"));

        var (_, _, probe) = await ScanAsync(w, Requests.Table("filter_echo", [Calls.I64(10_000)], [Named("batch_size", 6000)]));
        Assert.Equal([6000, 4000], probe.Select(b => b.Batch.Length));

        var tenThousand = Requests.Table("ten_thousand", []);
        var (bound, _, rows) = await ScanAsync(w, tenThousand);
        Assert.All(rows, b => Assert.Equal(1000, b.Batch.Length));
        Assert.Equal(Enumerable.Range(0, 10_000).Select(i => (long)i), Requests.Longs(rows, "n"));
        var cardinality = await CardinalityAsync(w, tenThousand, bound);
        Assert.Equal(10_000, cardinality.Estimate);
        Assert.Equal(10_000, cardinality.Max);
    }

    [Fact]
    public async Task Sequence_Bounds_FailTheBind_AndTheWorkerServesOn()
    {
        await using var w = Start();
        var count = await BindErrorAsync(w, Requests.Table("sequence", [Calls.I64(-1)]));
        Assert.Contains("Argument 'count' is too small.", count.Message);
        Assert.Contains("Constraint: must be >= 0", count.Message);

        var increment = await BindErrorAsync(w, Requests.Table("sequence", [Calls.I64(5)], [Named("increment", 0)]));
        Assert.Contains("Argument 'increment' is too small.", increment.Message);
        Assert.Contains("Constraint: must be >= 1", increment.Message);

        var batchSize = await BindErrorAsync(w, Requests.Table("sequence", [Calls.I64(5)], [Named("batch_size", 0)]));
        Assert.Contains("Argument 'batch_size' is too small.", batchSize.Message);

        var nullCount = await BindErrorAsync(w, Requests.Table("sequence", [Calls.I64(new long?[] { null })]));
        Assert.Contains("Argument 'count' cannot be NULL.", nullCount.Message);

        var (_, _, batches) = await ScanAsync(w, Requests.Table("sequence", [Calls.I64(3)]));
        Assert.Equal([0L, 1L, 2L], Requests.Longs(batches, "n"));
    }

    [Fact]
    public async Task DoubleSequence_FollowsNumpyArange_PerBatch()
    {
        await using var w = Start();
        // arange(0.0, 3 × 0.1, 0.1) has ceil(0.30000000000000004 / 0.1) = 4 elements: one more than the batch size.
        var request = Requests.Table("double_sequence", [Calls.I64(3)], [Named("batch_size", 3), Named("increment", 0.1)]);
        var (bound, _, batches) = await ScanAsync(w, request);
        Assert.Equal([ArrowTypeId.Double], TypeIds(bound.OutputSchema));
        Assert.Equal(new double?[] { 0.0, 0.1, 0.2, 0.30000000000000004 }, Doubles(batches, "n"));

        // Two batches of 2 with increment 0.5: arange(0, 1, .5) and arange(1, 2, .5).
        var (_, _, halves) = await ScanAsync(w, Requests.Table("double_sequence", [Calls.I64(4)], [Named("batch_size", 2), Named("increment", 0.5)]));
        Assert.Equal(new double?[] { 0.0, 0.5, 1.0, 1.5 }, Doubles(halves, "n"));

        var statistics = Assert.IsType<RecordBatch>(await StatisticsAsync(w, request, bound));
        Assert.Equal(new double?[] { 0.0 }, Calls.Doubles(UnionChild(statistics, "min", 0)));
        Assert.Equal(new double?[] { 2 * 0.1 }, Calls.Doubles(UnionChild(statistics, "max", 0)));

        var zero = await BindErrorAsync(w, Requests.Table("double_sequence", [Calls.I64(3)], [Named("increment", 0.0)]));
        Assert.Contains("Argument 'increment' is too small.", zero.Message);
        Assert.Contains("Constraint: must be > 0.0", zero.Message);
    }

    [Fact]
    public async Task TenThousand_CardinalityAndRows()
    {
        await using var w = Start();
        var request = Requests.Table("ten_thousand", []);
        var (bound, _, batches) = await ScanAsync(w, request);
        Assert.Equal(Enumerable.Range(0, 10000).Select(i => (long)i), Requests.Longs(batches, "n"));
        Assert.All(batches, b => Assert.Equal(1000, b.Batch.Length));
        var cardinality = await CardinalityAsync(w, request, bound);
        Assert.Equal(10000, cardinality.Estimate);
        Assert.Equal(10000, cardinality.Max);
    }

    [Fact]
    public async Task PartitionedSequence_PrimaryAndSecondaryStreams_ShareTheQueue()
    {
        await using var worker = await UnixFixtureWorker.StartAsync();
        await using var primary = await worker.ConnectAsync();
        await using var secondary = await worker.ConnectAsync();
        const int count = 100_000;
        var request = Requests.Table("partitioned_sequence", [Calls.I64(count)], [Named("increment", 2)]);
        var bound = (await primary.BindAsync(request)).Value;

        var first = await TableStream.OpenAsync(primary.Rpc, Requests.Init(request, bound));
        Assert.Equal(99999, first.Header.MaxWorkers);
        await first.BeginAsync();
        var firstRows = new List<TableBatch> { Assert.IsType<TableBatch>(await first.ReadAsync()) };

        // A secondary init of the same execution (another connection to the same process) pops the remaining work items too.
        var second = await TableStream.OpenAsync(secondary.Rpc, Requests.Init(request, bound) with
        {
            ExecutionId = first.Header.ExecutionId,
            InitOpaqueData = first.Header.OpaqueData,
        });
        Assert.Equal(first.Header.ExecutionId, second.Header.ExecutionId);
        await second.BeginAsync();
        var secondRows = await second.ReadAllAsync();
        await second.EndInputAsync();
        await first.TickAsync();
        firstRows.AddRange(await first.ReadAllAsync());
        await first.EndInputAsync();

        Assert.NotEmpty(secondRows);
        var all = Requests.Longs(firstRows, "n").Concat(Requests.Longs(secondRows, "n")).Order();
        Assert.Equal(Enumerable.Range(0, count).Select(i => 2L * i), all);
        Assert.All(firstRows.Concat(secondRows), b => Assert.InRange(b.Batch.Length, 1, 1000));
    }

    [Fact]
    public async Task PartitionedOrderVariants_OneStreamProducesEverything()
    {
        await using var w = Start();
        foreach (string name in new[] { "partitioned_sequence", "partitioned_preserves_order", "partitioned_no_order_guarantee", "partitioned_fixed_order" })
        {
            var request = Requests.Table(name, [Calls.I64(2500)]);
            var (bound, stream, batches) = await ScanAsync(w, request);
            Assert.Equal(99999, stream.Header.MaxWorkers);
            Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), Requests.Longs(batches, "n"));
            Assert.Equal(2500, (await CardinalityAsync(w, request, bound)).Max);

            // A late secondary of a drained execution finds the queue empty.
            var late = await TableStream.OpenAsync(w.Rpc, Requests.Init(request, bound) with { ExecutionId = stream.Header.ExecutionId });
            await late.BeginAsync();
            Assert.Empty(await late.ReadAllAsync());
            await late.EndInputAsync();
        }
    }

    [Fact]
    public async Task MakeSeries_FiveOverloads_AndPythonIntErrors()
    {
        await using var w = Start();
        var (countBound, _, count) = await ScanAsync(w, Requests.Table("make_series", [Calls.I64(5)]));
        Assert.Equal(["value"], Names(countBound.OutputSchema));
        Assert.Equal([0L, 1L, 2L, 3L, 4L], Requests.Longs(count, "value"));

        var (_, _, range) = await ScanAsync(w, Requests.Table("make_series", [Calls.I64(2), Calls.I64(5)]));
        Assert.Equal([2L, 3L, 4L], Requests.Longs(range, "value"));

        var (_, _, stepped) = await ScanAsync(w, Requests.Table("make_series", [Calls.I64(0), Calls.I64(10), Calls.I64(3)]));
        Assert.Equal([0L, 3L, 6L, 9L], Requests.Longs(stepped, "value"));

        var (_, _, parsed) = await ScanAsync(w, Requests.Table("make_series", [Calls.Str(" 1, +2 ,-3,1_000")]));
        Assert.Equal([1L, 2L, -3L, 1000L], Requests.Longs(parsed, "value"));

        var (floatBound, _, floats) = await ScanAsync(w, Requests.Table("make_series", [Calls.F64(0.1)]));
        Assert.Equal([ArrowTypeId.Double], TypeIds(floatBound.OutputSchema));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double?)(i * 0.1)), Doubles(floats, "value"));

        var (_, _, empty) = await ScanAsync(w, Requests.Table("make_series", [Calls.I64(5), Calls.I64(2)]));
        Assert.Empty(empty);

        var invalid = await InitErrorAsync(w, Requests.Table("make_series", [Calls.Str("1,x2")]));
        Assert.Contains("ValueError: invalid literal for int() with base 10: 'x2'", invalid.Message);

        var step = await BindErrorAsync(w, Requests.Table("make_series", [Calls.I64(0), Calls.I64(10), Calls.I64(0)]));
        Assert.Contains("Argument 'step' is too small.", step.Message);
    }

    [Fact]
    public async Task MakePairs_ThreeOverloads()
    {
        await using var w = Start();
        var (intBound, _, ints) = await ScanAsync(w, Requests.Table("make_pairs", [Calls.I64(1), Calls.I64(4)]));
        Assert.Equal(["a", "b"], Names(intBound.OutputSchema));
        Assert.Equal([1L, 2L, 3L], Requests.Longs(ints, "a"));
        Assert.Equal([2L, 4L, 6L], Requests.Longs(ints, "b"));

        var (_, _, strings) = await ScanAsync(w, Requests.Table("make_pairs", [Calls.Str("p"), Calls.Str("s")]));
        Assert.Equal(["p0", "p1", "p2", "p3", "p4"], Requests.Strings(strings, "a"));
        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], Requests.Strings(strings, "b"));

        var (mixedBound, _, mixed) = await ScanAsync(w, Requests.Table("make_pairs", [Calls.I64(10), Calls.Str("x")]));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.String], TypeIds(mixedBound.OutputSchema));
        Assert.Equal([10L, 11L, 12L, 13L, 14L], Requests.Longs(mixed, "a"));
        Assert.Equal(["x0", "x1", "x2", "x3", "x4"], Requests.Strings(mixed, "b"));
    }

    [Fact]
    public async Task RepeatValue_OneColumnPerVararg()
    {
        await using var w = Start();
        var (intBound, _, ints) = await ScanAsync(w, Requests.Table("repeat_value", [Calls.I64(3), Calls.I64(7), Calls.I64(8)]));
        Assert.Equal(["v0", "v1"], Names(intBound.OutputSchema));
        Assert.Equal([7L, 7L, 7L], Requests.Longs(ints, "v0"));
        Assert.Equal([8L, 8L, 8L], Requests.Longs(ints, "v1"));

        var (stringBound, _, strings) = await ScanAsync(w, Requests.Table("repeat_value", [Calls.I64(2), Calls.Str("a"), Calls.Str("b"), Calls.Str("c")]));
        Assert.Equal([ArrowTypeId.String, ArrowTypeId.String, ArrowTypeId.String], TypeIds(stringBound.OutputSchema));
        Assert.Equal(["c", "c"], Requests.Strings(strings, "v2"));

        var none = await BindErrorAsync(w, Requests.Table("repeat_value", [Calls.I64(2)]));
        Assert.Contains("Argument 'values' requires at least 1 value.", none.Message);
    }

    [Fact]
    public async Task ConstantColumns_EveryArrowType_InBatchesOf2048()
    {
        await using var w = Start();
        var decimalType = new Decimal128Type(3, 2);
        var listBuilder = new ListArray.Builder(Int64Type.Default);
        listBuilder.Append();
        ((Int64Array.Builder)listBuilder.ValueBuilder).Append(1).Append(2);
        var structType = new StructType([new Field("a", Int64Type.Default, true), new Field("b", StringType.Default, true)]);
        IArrowArray[] values =
        [
            new Int32Array.Builder().Append(7).Build(),
            Calls.Str("x"),
            new Decimal128Array.Builder(decimalType).Append(3.14m).Build(),
            listBuilder.Build(),
            new StructArray(structType, 1, [Calls.I64(5), Calls.Str("s")], ArrowBuffer.Empty, 0),
            new BooleanArray.Builder().Append(true).Build(),
            new DoubleArray.Builder().AppendNull().Build(),
        ];
        var request = Requests.Table("constant_columns", [Calls.I64(5000), .. values]);
        var (bound, _, batches) = await ScanAsync(w, request);
        Assert.Equal(Enumerable.Range(0, values.Length).Select(i => $"col_{i}"), Names(bound.OutputSchema));
        for (int i = 0; i < values.Length; i++) Assert.Equal(values[i].Data.DataType.TypeId, bound.OutputSchema.FieldsList[i].DataType.TypeId);
        Assert.Equal(decimalType.Scale, ((Decimal128Type)bound.OutputSchema.FieldsList[2].DataType).Scale);
        Assert.Equal([2048, 2048, 904], batches.Select(b => b.Batch.Length));

        var ints = (Int32Array)Column(batches, "col_0");
        Assert.All(Enumerable.Range(0, 5000), i => Assert.Equal(7, ints.GetValue(i)));
        Assert.All(Requests.Strings(batches, "col_1"), s => Assert.Equal("x", s));
        var decimals = (Decimal128Array)Column(batches, "col_2");
        Assert.Equal(3.14m, decimals.GetValue(4999));
        var lists = (ListArray)Column(batches, "col_3");
        Assert.Equal([1L, 2L], Calls.Longs(lists.GetSlicedValues(4321)));
        var structs = (StructArray)Column(batches, "col_4");
        Assert.Equal(5L, ((Int64Array)structs.Fields[0]).GetValue(2500));
        Assert.Equal("s", ((StringArray)structs.Fields[1]).GetString(2500));
        Assert.Equal(5000, Column(batches, "col_6").NullCount);

        Assert.Equal(5000, (await CardinalityAsync(w, request, bound)).Estimate);
        var (_, _, zero) = await ScanAsync(w, Requests.Table("constant_columns", [Calls.I64(0), Calls.I64(1)]));
        Assert.Empty(zero);
        var negative = await BindErrorAsync(w, Requests.Table("constant_columns", [Calls.I64(-1), Calls.I64(1)]));
        Assert.Contains("Argument 'count' is too small.", negative.Message);
    }

    [Fact]
    public async Task ConstantColumns_ColumnTypedAsTheArgumentField_ExtensionMetadataIncluded()
    {
        // DuckDB sends a UUID constant as fixed_size_binary(16) whose argument field carries
        // ARROW:extension:name = arrow.uuid; the output column must be that field's type and metadata.
        await using var w = Start();
        var uuid = Guid.Parse("12345678-9abc-def0-1234-56789abcdef0").ToByteArray(bigEndian: true);
        var uuidType = new FixedSizeBinaryType(16);
        var uuidValue = new FixedSizeBinaryArray(new ArrayData(uuidType, 1, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(uuid)]));
        var wkb = new byte[] { 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 240, 63, 0, 0, 0, 0, 0, 0, 0, 64 }; // POINT(1 2)
        var request = TableWithArgumentFields("constant_columns",
            (new Field("count", Int64Type.Default, true), Calls.I64(3)),
            (new Field("v", uuidType, true, [new("ARROW:extension:name", "arrow.uuid")]), uuidValue),
            (new Field("v", BinaryType.Default, true, [new("ARROW:extension:name", "geoarrow.wkb"), new("ARROW:extension:metadata", "{}")]),
                new BinaryArray.Builder().Append(wkb.AsSpan()).Build()),
            (new Field("v", Int64Type.Default, true), Calls.I64(9)));
        var (bound, _, batches) = await ScanAsync(w, request);
        Assert.Equal(["col_0", "col_1", "col_2"], Names(bound.OutputSchema));
        var uuidField = bound.OutputSchema.FieldsList[0];
        Assert.Equal(16, Assert.IsType<FixedSizeBinaryType>(uuidField.DataType).ByteWidth);
        Assert.Equal("arrow.uuid", Meta(uuidField, "ARROW:extension:name"));
        var wkbField = bound.OutputSchema.FieldsList[1];
        Assert.Equal(ArrowTypeId.Binary, wkbField.DataType.TypeId);
        Assert.Equal("geoarrow.wkb", Meta(wkbField, "ARROW:extension:name"));
        Assert.Equal("{}", Meta(wkbField, "ARROW:extension:metadata"));
        Assert.False(bound.OutputSchema.FieldsList[2].HasMetadata);

        var batch = Assert.Single(batches);
        Assert.Equal(3, batch.Batch.Length);
        var uuids = Assert.IsType<FixedSizeBinaryArray>(batch.Batch.Column(0));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(uuid, uuids.GetBytes(i).ToArray()));
        var points = Assert.IsType<BinaryArray>(batch.Batch.Column(1));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(wkb, points.GetBytes(i).ToArray()));
        Assert.Equal([9L, 9, 9], Requests.Longs(batches, "col_2"));
    }

    /// <summary>A table bind whose positional argument fields are given as is (type and metadata), the way DuckDB exports typed constants.</summary>
    private static BindRequest TableWithArgumentFields(string name, params (Field Field, IArrowArray Value)[] positional)
    {
        var fields = positional.Select((p, i) => new Field($"positional_{i}", p.Field.DataType, true, p.Field.HasMetadata ? p.Field.Metadata : null)).ToList();
        var args = new StructArray(new StructType(fields), 1, positional.Select(p => p.Value), ArrowBuffer.Empty, 0);
        var batch = new RecordBatch(new Schema([new Field("args", args.Data.DataType, true)], null), [args], 1);
        return Requests.Table(name, []) with { Arguments = IpcBytes.WriteBatch(batch) };
    }

    [Fact]
    public async Task NamedParamsEcho_DefaultsAndNamedValues()
    {
        await using var w = Start();
        var (bound, _, defaults) = await ScanAsync(w, Requests.Table("named_params_echo", [Calls.I64(2)]));
        Assert.Equal(["id", "greeting", "value", "float_value", "enabled"], Names(bound.OutputSchema));
        Assert.Equal(["hello", "hello"], Requests.Strings(defaults, "greeting"));
        Assert.Equal([0L, 1L], Requests.Longs(defaults, "value"));

        var (_, _, named) = await ScanAsync(w, Requests.Table("named_params_echo", [Calls.I64(3)],
            [Named("greeting", "hi"), Named("multiplier", 10), Named("scale", 0.5), ("enabled", new BooleanArray.Builder().Append(false).Build())]));
        Assert.Equal(["hi", "hi", "hi"], Requests.Strings(named, "greeting"));
        Assert.Equal([0L, 10L, 20L], Requests.Longs(named, "value"));
        Assert.Equal(new double?[] { 0.0, 0.5, 1.0 }, Doubles(named, "float_value"));
        var enabled = (BooleanArray)Column(named, "enabled");
        Assert.All(Enumerable.Range(0, 3), i => Assert.False(enabled.GetValue(i)));
    }

    [Fact]
    public async Task NestedSequence_StructAndListColumns_WithProjection()
    {
        await using var w = Start();
        var request = Requests.Table("nested_sequence", [Calls.I64(4)], [Named("history_size", 2)]);
        var (bound, _, batches) = await ScanAsync(w, request, projection: [0, 1, 2]);
        Assert.Equal(["n", "metadata", "history"], Names(bound.OutputSchema));
        var metadataType = Assert.IsType<StructType>(bound.OutputSchema.FieldsList[1].DataType);
        Assert.Equal(["index", "label"], metadataType.Fields.Select(f => f.Name));
        Assert.Equal(ArrowTypeId.List, bound.OutputSchema.FieldsList[2].DataType.TypeId);

        var metadata = (StructArray)Column(batches, "metadata");
        Assert.Equal(["row_0", "row_1", "row_2", "row_3"], Calls.Strings(metadata.Fields[1]));
        var history = (ListArray)Column(batches, "history");
        Assert.Equal([0L], Calls.Longs(history.GetSlicedValues(0)));
        Assert.Equal([2L, 3L], Calls.Longs(history.GetSlicedValues(3)));

        var (_, stream, historyOnly) = await ScanAsync(w, request, projection: [2]);
        Assert.Equal(["history"], Names(stream.OutputSchema!));
        Assert.All(historyOnly, b => Assert.Equal(1, b.Batch.ColumnCount));
    }

    [Fact]
    public async Task ProjectedData_EmitsOnlyTheProjectedColumns()
    {
        await using var w = Start();
        var (bound, stream, batches) = await ScanAsync(w, Requests.Table("projected_data", [Calls.I64(1500)]), projection: [3, 1]);
        Assert.Equal(["id", "name", "value", "extra"], Names(bound.OutputSchema));
        Assert.Equal(["extra", "name"], Names(stream.OutputSchema!));
        Assert.All(batches, b => Assert.Equal(["extra", "name"], Names(b.Batch.Schema)));
        Assert.Equal(Enumerable.Range(0, 1500).Select(i => (long)i * i), Requests.Longs(batches, "extra"));
        Assert.Equal("item_1499", Requests.Strings(batches, "name")[^1]);
    }

    [Fact]
    public async Task RowIdSequence_Layouts_Types_Projection_AndChoices()
    {
        await using var w = Start();
        var (first, _, rows) = await ScanAsync(w, Requests.Table("rowid_sequence", [Calls.I64(3)]));
        Assert.Equal(["row_id", "name", "value"], Names(first.OutputSchema));
        Assert.Equal("", Meta(first.OutputSchema.FieldsList[0], "is_row_id"));
        Assert.Equal([0L, 1L, 2L], Requests.Longs(rows, "row_id"));
        Assert.Equal(["val_0", "val_1", "val_2"], Requests.Strings(rows, "value"));

        var (middle, _, strings) = await ScanAsync(w, Requests.Table("rowid_sequence", [Calls.I64(2)], [Named("layout", "middle"), Named("row_id_type", "string")]));
        Assert.Equal(["name", "row_id", "value"], Names(middle.OutputSchema));
        Assert.Equal(["rid_0", "rid_1"], Requests.Strings(strings, "row_id"));

        var request = Requests.Table("rowid_sequence", [Calls.I64(2500)], [Named("layout", "last"), Named("row_id_type", "struct")]);
        var (last, stream, structs) = await ScanAsync(w, request, projection: [2]);
        Assert.Equal(["name", "value", "row_id"], Names(last.OutputSchema));
        Assert.Equal("", Meta(last.OutputSchema.FieldsList[2], "is_row_id"));
        Assert.Equal(["row_id"], Names(stream.OutputSchema!));
        Assert.Equal([1000, 1000, 500], structs.Select(b => b.Batch.Length));
        var ids = (StructArray)Column(structs, "row_id");
        Assert.Equal(2499L, ((Int64Array)ids.Fields[0]).GetValue(2499));
        Assert.Equal("s_2499", ((StringArray)ids.Fields[1]).GetString(2499));

        var invalid = await BindErrorAsync(w, Requests.Table("rowid_sequence", [Calls.I64(2)], [Named("layout", "sideways")]));
        Assert.Contains("Argument 'layout' has an invalid value.", invalid.Message);
        Assert.Contains("must be one of the allowed choices", invalid.Message);
    }

    [Fact]
    public async Task GeneratorException_FailsAfterNBatches_WithPythonsText()
    {
        await using var w = Start();
        var request = Requests.Table("generator_exception", [Calls.I64(2)]);
        var bound = (await w.BindAsync(request)).Value;
        var stream = await TableStream.OpenAsync(w.Rpc, Requests.Init(request, bound));
        await stream.BeginAsync();
        Assert.Equal([0L], Calls.Longs(Assert.IsType<TableBatch>(await stream.ReadAsync()).Batch.Column(0)));
        await stream.TickAsync();
        Assert.Equal([1L], Calls.Longs(Assert.IsType<TableBatch>(await stream.ReadAsync()).Batch.Column(0)));
        await stream.TickAsync();
        var error = await Assert.ThrowsAsync<RpcException>(stream.ReadAsync);
        Assert.Contains("ValueError: Intentional failure after 2 batches", error.Message);
        await stream.EndInputAsync();

        var immediate = Requests.Table("generator_exception", [Calls.I64(0)]);
        var zero = await TableStream.OpenAsync(w.Rpc, Requests.Init(immediate, (await w.BindAsync(immediate)).Value));
        await zero.BeginAsync();
        var now = await Assert.ThrowsAsync<RpcException>(zero.ReadAsync);
        Assert.Contains("Intentional failure after 0 batches", now.Message);
        await zero.EndInputAsync();

        var (_, _, still) = await ScanAsync(w, Requests.Table("make_series", [Calls.I64(2)]));
        Assert.Equal([0L, 1L], Requests.Longs(still, "value"));
    }

    [Fact]
    public async Task LoggingGenerator_LogsStartAndCompletion()
    {
        await using var w = Start();
        var (_, stream, batches) = await ScanAsync(w, Requests.Table("logging_generator", [Calls.I64(3)]));
        Assert.Equal([1, 1, 1], batches.Select(b => b.Batch.Length));
        Assert.Equal([0L, 1L, 2L], Requests.Longs(batches, "n"));
        var messages = stream.Logs.Select(l => (Level: l.First(kv => kv.Key == RpcMetadataKeys.LogLevel).Value, Message: l.First(kv => kv.Key == RpcMetadataKeys.LogMessage).Value)).ToList();
        Assert.Contains(("INFO", "Starting generation of 3 values"), messages);
        Assert.Contains(("INFO", "Generation complete"), messages);
        Assert.True(messages.FindIndex(m => m.Message.StartsWith("Starting", StringComparison.Ordinal)) < messages.FindIndex(m => m.Message == "Generation complete"));
    }

    [Fact]
    public async Task TypedProbe_DefaultsAndTypedArguments()
    {
        await using var w = Start();
        var (bound, _, defaults) = await ScanAsync(w, Requests.Table("typed_probe", [Calls.I64(2)]));
        Assert.Equal(["idx", "ts_us", "iv_ms", "payload", "ub", "f"], Names(bound.OutputSchema));
        Assert.Equal([ArrowTypeId.UInt64, ArrowTypeId.Int64, ArrowTypeId.Int64, ArrowTypeId.Binary, ArrowTypeId.UInt64, ArrowTypeId.Double], TypeIds(bound.OutputSchema));
        long defaultMicros = (new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).Ticks / 10;
        Assert.Equal([defaultMicros, defaultMicros], Requests.Longs(defaults, "ts_us"));
        Assert.Equal([1500L, 1500L], Requests.Longs(defaults, "iv_ms"));
        Assert.Equal("vgi"u8.ToArray(), ((BinaryArray)Column(defaults, "payload")).GetBytes(1).ToArray());
        Assert.Equal(9UL, ((UInt64Array)Column(defaults, "ub")).GetValue(0));
        Assert.Equal(new double?[] { 2.5, 3.5 }, Doubles(defaults, "f"));

        // DuckDB sends INTERVAL as month_day_nano: 1 month 2 days 3.0000009 s ⇒ (30 + 2) days + 3000 ms (nanos floored).
        var interval = new MonthDayNanosecondIntervalArray.Builder().Append(new MonthDayNanosecondInterval(1, 2, 3_000_000_900)).Build();
        var ts = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC")).Append(DateTimeOffset.UnixEpoch.AddTicks(12345670)).Build();
        var (_, _, typed) = await ScanAsync(w, Requests.Table("typed_probe", [Calls.I64(1)],
            [("iv", interval), ("ts", ts), ("ub", new UInt64Array.Builder().Append(ulong.MaxValue).Build()), ("blob", new BinaryArray.Builder().Append([1, 2]).Build())]));
        Assert.Equal([32L * 86_400_000 + 3000], Requests.Longs(typed, "iv_ms"));
        Assert.Equal([1234567L], Requests.Longs(typed, "ts_us"));
        Assert.Equal(ulong.MaxValue, ((UInt64Array)Column(typed, "ub")).GetValue(0));
        Assert.Equal(new byte[] { 1, 2 }, ((BinaryArray)Column(typed, "payload")).GetBytes(0).ToArray());
    }

    [Fact]
    public async Task TxCachedValue_WithoutATransaction_IsTheSeed()
    {
        await using var w = Start();
        var request = Requests.Table("tx_cached_value", [Calls.Str("k"), Calls.I64(42)]);
        var (bound, stream, batches) = await ScanAsync(w, request);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 42 }, bound.OpaqueData);
        Assert.Equal(1, stream.Header.MaxWorkers);
        Assert.Equal(bound.OpaqueData, stream.Header.OpaqueData);
        Assert.Equal([42L], Requests.Longs(batches, "v"));
        var cardinality = await CardinalityAsync(w, request, bound);
        Assert.Equal((1L, 1L), (cardinality.Estimate, cardinality.Max));

        // Every call outside a transaction is its own seed, whatever the key.
        var (_, _, again) = await ScanAsync(w, Requests.Table("tx_cached_value", [Calls.Str("k"), Calls.I64(-7)]));
        Assert.Equal([-7L], Requests.Longs(again, "v"));
    }

    [Fact]
    public async Task TxCachedValue_InATransaction_FirstSeedWinsUntilCommit()
    {
        await using var w = Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var tx = await BeginTransactionAsync(w, attach);
        Assert.Equal(16, tx.Length);

        // Two binds with the same key in one transaction: the second sees the first seed.
        var (first, firstStream, firstRows) = await ScanAsync(w, TxCachedValue("k", 100, tx));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 100 }, first.OpaqueData);
        Assert.Equal(first.OpaqueData, firstStream.Header.OpaqueData);
        Assert.Equal([100L], Requests.Longs(firstRows, "v"));
        var (second, secondStream, secondRows) = await ScanAsync(w, TxCachedValue("k", 200, tx));
        Assert.Equal(first.OpaqueData, second.OpaqueData);
        Assert.Equal(first.OpaqueData, secondStream.Header.OpaqueData);
        Assert.Equal([100L], Requests.Longs(secondRows, "v"));

        // Another key, another transaction and no transaction are separate.
        Assert.Equal(300L, await TxValueAsync(w, TxCachedValue("other", 300, tx)));
        Assert.Equal(300L, await TxValueAsync(w, TxCachedValue("other", 301, tx)));
        var concurrent = await BeginTransactionAsync(w, attach);
        Assert.NotEqual(tx, concurrent);
        Assert.Equal(400L, await TxValueAsync(w, TxCachedValue("k", 400, concurrent)));
        Assert.Equal(500L, await TxValueAsync(w, Requests.Table("tx_cached_value", [Calls.Str("k"), Calls.I64(500)])));
        Assert.Equal(100L, await TxValueAsync(w, TxCachedValue("k", 600, tx)));

        // Commit drops the transaction's values: a new transaction starts from its own seed.
        await EndTransactionAsync(w, "catalog_transaction_commit", attach, tx);
        var next = await BeginTransactionAsync(w, attach);
        Assert.Equal(700L, await TxValueAsync(w, TxCachedValue("k", 700, next)));
        Assert.Equal(700L, await TxValueAsync(w, TxCachedValue("k", 701, next)));
        Assert.Equal(800L, await TxValueAsync(w, TxCachedValue("k", 800, tx))); // the committed id no longer has a cache

        // Rollback drops them too.
        Assert.Equal(400L, await TxValueAsync(w, TxCachedValue("k", 900, concurrent)));
        await EndTransactionAsync(w, "catalog_transaction_rollback", attach, concurrent);
        Assert.Equal(1000L, await TxValueAsync(w, TxCachedValue("k", 1000, concurrent)));
        await EndTransactionAsync(w, "catalog_transaction_commit", attach, next);
    }

    private static BindRequest TxCachedValue(string key, long seed, byte[] transaction) =>
        Requests.Table("tx_cached_value", [Calls.Str(key), Calls.I64(seed)]) with { TransactionOpaqueData = transaction };

    /// <summary>The one <c>v</c> row of a whole <c>tx_cached_value</c> call.</summary>
    private static async Task<long> TxValueAsync(WorkerClient w, BindRequest request)
    {
        var (_, _, batches) = await ScanAsync(w, request);
        return Assert.Single(Requests.Longs(batches, "v"));
    }

    private static async Task<byte[]> BeginTransactionAsync(WorkerClient w, byte[] attach)
    {
        var result = (await w.CallAsync<CatalogTransactionBeginParams, CatalogTransactionBeginResult>("catalog_transaction_begin",
            new() { AttachOpaqueData = attach })).Value;
        return Assert.IsType<byte[]>(result.TransactionOpaqueData);
    }

    /// <summary><c>catalog_transaction_commit</c> or <c>_rollback</c> (void methods).</summary>
    private static async Task EndTransactionAsync(WorkerClient w, string method, byte[] attach, byte[] transaction)
    {
        var parameters = method == "catalog_transaction_commit"
            ? CatalogTransactionCommitParams.ToRecordBatch([new() { AttachOpaqueData = attach, TransactionOpaqueData = transaction }])
            : CatalogTransactionRollbackParams.ToRecordBatch([new() { AttachOpaqueData = attach, TransactionOpaqueData = transaction }]);
        using var result = await w.Rpc.CallAsync(method, parameters).Timed();
        Assert.Null(result.Batch);
    }

    [Fact]
    public async Task ProfilingDemo_DynamicToString_DrainsTheExecutionsSnapshots()
    {
        await using var w = Start();
        var request = Requests.Table("profiling_demo", [Calls.I64(2500)], [Named("batch_size", 1000)]);
        var (_, stream, batches) = await ScanAsync(w, request);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), Requests.Longs(batches, "n"));
        var lines = await DynamicToStringAsync(w, request, stream.Header.ExecutionId);
        Assert.Equal(["rows_produced", "batches_emitted", "elapsed_ms"], lines.Select(l => l.Key));
        Assert.Equal("2500", lines[0].Value);
        Assert.Equal("3", lines[1].Value);
        Assert.Matches(new Regex(@"^\d+\.\d\d$"), lines[2].Value);
        Assert.Empty(await DynamicToStringAsync(w, request, stream.Header.ExecutionId)); // drained
        Assert.Empty(await DynamicToStringAsync(w, request, new byte[16]));

        // Snapshots are per execution: draining one leaves another's in place.
        var small = Requests.Table("profiling_demo", [Calls.I64(5)], [Named("batch_size", 2)]);
        var (_, first, _) = await ScanAsync(w, small);
        var (_, second, _) = await ScanAsync(w, request);
        Assert.Equal(["2500", "3"], (await DynamicToStringAsync(w, request, second.Header.ExecutionId)).Take(2).Select(l => l.Value));
        Assert.Equal(["5", "3"], (await DynamicToStringAsync(w, small, first.Header.ExecutionId)).Take(2).Select(l => l.Value));
        Assert.Empty(await DynamicToStringAsync(w, small, first.Header.ExecutionId));
    }

    [Fact]
    public async Task SlowCancellable_WritesItsProbeWhenCancelled()
    {
        string probe = Path.Combine(Path.GetTempPath(), $"vgi-slow-{Guid.NewGuid():N}.txt");
        try
        {
            var w = Start();
            try
            {
                var request = Requests.Table("slow_cancellable", [Calls.Str(probe)], [Named("sleep_ms", 1)]);
                var stream = await TableStream.OpenAsync(w.Rpc, Requests.Init(request, (await w.BindAsync(request)).Value));
                await stream.BeginAsync();
                for (int i = 0; i < 3; i++)
                {
                    Assert.NotNull(await stream.ReadAsync());
                    if (i < 2) await stream.TickAsync();
                }
                await stream.CancelAsync();
                for (int wait = 0; wait < 100 && !File.Exists(probe); wait++) await Task.Delay(50);
            }
            finally
            {
                await w.DisposeAsync();
            }
            Assert.Matches(new Regex(@"^pid=\d+ emitted=3\n$"), await File.ReadAllTextAsync(probe));
        }
        finally
        {
            File.Delete(probe);
        }
    }
}
