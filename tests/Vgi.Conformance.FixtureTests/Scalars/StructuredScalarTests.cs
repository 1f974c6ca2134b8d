using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Scalars.ScalarHarness;
using static Vgi.Testing.Calls;

namespace Vgi.Conformance.FixtureTests.Scalars;

/// <summary>
/// The fixtures with nested, binary or constant-only inputs end to end (fixtures.md §2.2, §2.2.1):
/// the geometry functions over fixed-size lists, lists and structs; <c>binary_packet</c>'s struct
/// constant; the row-indexed <c>hash_seed</c> and seeded <c>random_bytes</c>; <c>unnest_tensor</c>;
/// and the two secret readers.
/// </summary>
public sealed class StructuredScalarTests
{
    private static readonly StructType LatLon = new([new Field("lat", DoubleType.Default, true), new Field("lon", DoubleType.Default, true)]);

    private static FixedSizeListArray FixedPoints(params (double X, double Y)?[] points)
    {
        var values = new DoubleArray.Builder();
        foreach (var p in points) values.Append(p?.X ?? 0).Append(p?.Y ?? 0);
        var type = new FixedSizeListType(new Field("item", DoubleType.Default, true), 2);
        var nulls = points.Select(p => p is null).ToArray();
        return new FixedSizeListArray(new ArrayData(type, points.Length, nulls.Count(n => n), 0, [Validity(nulls)], [values.Build().Data]));
    }

    private static ListArray ListPoints(params (double X, double Y)?[] points)
    {
        var builder = new ListArray.Builder(DoubleType.Default);
        var values = (DoubleArray.Builder)builder.ValueBuilder;
        foreach (var p in points)
        {
            if (p is not { } point)
            {
                builder.AppendNull();
                continue;
            }
            builder.Append();
            values.Append(point.X).Append(point.Y);
        }
        return builder.Build();
    }

    private static StructArray StructPoints(params (double X, double Y)?[] points)
    {
        var nulls = points.Select(p => p is null).ToArray();
        return new StructArray(LatLon, points.Length, [F64([.. points.Select(p => (double?)(p?.X ?? 0))]), F64([.. points.Select(p => (double?)(p?.Y ?? 0))])],
            Validity(nulls), nulls.Count(n => n));
    }

    [Fact]
    public async Task GeoDistance_AllThreePointShapes()
    {
        var (output, result) = await CallOnceAsync("geo_distance_fixed", [FixedPoints((0, 0), (1, 1), null), FixedPoints((3, 4), (4, 5), (0, 0))]);
        Assert.IsType<DoubleType>(output.DataType);
        Assert.Equal([5.0, 5.0, null], Doubles(result));

        (_, result) = await CallOnceAsync("geo_distance_list", [ListPoints((0, 0), null), ListPoints((6, 8), (1, 1))]);
        Assert.Equal([10.0, null], Doubles(result));

        (_, result) = await CallOnceAsync("geo_distance_struct", [StructPoints((1, 1)), StructPoints((4, 5))]);
        Assert.Equal([5.0], Doubles(result));
    }

    [Fact]
    public async Task GeoCentroid_MeansOverTheVarargs_AsLatLonStruct()
    {
        foreach (var (name, a, b) in new (string, IArrowArray, IArrowArray)[]
        {
            ("geo_centroid_fixed", FixedPoints((0, 0), (1, 1), null), FixedPoints((2, 4), (2, 2), (0, 0))),
            ("geo_centroid_list", ListPoints((0, 0), (1, 1), null), ListPoints((2, 4), (2, 2), (0, 0))),
            ("geo_centroid_struct", StructPoints((0, 0), (1, 1), null), StructPoints((2, 4), (2, 2), (0, 0))),
        })
        {
            var (output, result) = await CallOnceAsync(name, [a, b]);
            var type = Assert.IsType<StructType>(output.DataType);
            Assert.Equal(["lat", "lon"], type.Fields.Select(f => f.Name));
            var s = Assert.IsType<StructArray>(result);
            Assert.False(s.IsNull(0));
            Assert.True(s.IsNull(2));
            Assert.Equal([1.0, 1.5], Doubles(s.Fields[0]).Take(2));
            Assert.Equal([2.0, 1.5], Doubles(s.Fields[1]).Take(2));
        }

        foreach (var name in new[] { "geo_centroid_fixed", "geo_centroid_list", "geo_centroid_struct" })
        {
            var error = await BindErrorAsync(name, []);
            Assert.Contains("Varargs parameter 'points' requires at least 1 value.", error.Message);
        }
    }

    [Fact]
    public async Task Geo_ShortListsAndNullCoordinates_RaisePythonErrors()
    {
        var error = await RunErrorAsync("geo_distance_list", ListPoints((0, 0), (1, 1)), ShortList());
        Assert.Equal("IndexError: list index out of range (row 1 has 1 coordinate)", error.Message);

        error = await RunErrorAsync("geo_centroid_list", ShortList());
        Assert.Equal("IndexError: list index out of range (row 1 has 1 coordinate)", error.Message);

        var nullLat = new StructArray(LatLon, 1, [F64([null]), F64(1.0)], ArrowBuffer.Empty, 0);
        error = await RunErrorAsync("geo_distance_struct", nullLat, StructPoints((0, 0)));
        Assert.Equal("TypeError: unsupported operand type(s) for -: 'float' and 'NoneType'", error.Message);
    }

    /// <summary>Rows [0, 0] and [5]: the second has one coordinate.</summary>
    private static ListArray ShortList()
    {
        var builder = new ListArray.Builder(DoubleType.Default);
        var values = (DoubleArray.Builder)builder.ValueBuilder;
        builder.Append();
        values.Append(0).Append(0);
        builder.Append();
        values.Append(5);
        return builder.Build();
    }

    [Fact]
    public async Task BinaryPacket_ConcatenatesHeaderPayloadLabelAndVersionByte()
    {
        var config = new StructArray(new StructType([new Field("label", StringType.Default, true), new Field("version", Int64Type.Default, true)]), 1,
            [Str("L"), I64(258)], ArrowBuffer.Empty, 0);
        var header = new BinaryArray.Builder().Append([1, 2]).Build();
        var payload = new BinaryArray.Builder().Append("abc"u8).AppendNull().Build();
        var (output, result) = await CallOnceAsync("binary_packet", [payload], constants: [header, config]);
        Assert.IsType<BinaryType>(output.DataType);
        var blobs = Assert.IsType<BinaryArray>(result);
        Assert.Equal(new byte[] { 1, 2, (byte)'a', (byte)'b', (byte)'c', (byte)'L', 2 }, blobs.GetBytes(0).ToArray());
        Assert.False(blobs.IsNull(1)); // a NULL payload is skipped, not NULL out
        Assert.Equal(new byte[] { 1, 2, (byte)'L', 2 }, blobs.GetBytes(1).ToArray());
    }

    [Fact]
    public async Task HashSeed_RowIndexRestartsEveryBatch()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var empty = new Schema([], null);
        var (output, results) = await CallAsync(w, "hash_seed", empty, [new RecordBatch(empty, [], 3), new RecordBatch(empty, [], 2)], constants: [I64(10)]);
        Assert.IsType<Int64Type>(output.DataType);
        Assert.Equal([10L, 11L, 12L], Longs(results[0]));
        Assert.Equal([10L, 11L], Longs(results[1]));

        (_, results) = await CallAsync(w, "hash_seed", empty, [new RecordBatch(empty, [], 2)], constants: [I64([null])]);
        Assert.Equal([null, null], Longs(results[0]));
    }

    [Fact]
    public async Task RandomBytes_PythonMersenneTwisterPerBatch()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var empty = new Schema([], null);
        var (output, results) = await CallAsync(w, "random_bytes", empty, [new RecordBatch(empty, [], 3), new RecordBatch(empty, [], 1)], constants: [I64(42), I64(4)]);
        Assert.IsType<BinaryType>(output.DataType);
        // Python: r = random.Random(42); [[r.getrandbits(8) for _ in range(4)] for _ in range(3)]
        var first = Assert.IsType<BinaryArray>(results[0]);
        Assert.Equal(new byte[] { 163, 28, 6, 189 }, first.GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 70, 62, 57, 35 }, first.GetBytes(1).ToArray());
        Assert.Equal(new byte[] { 188, 26, 173, 189 }, first.GetBytes(2).ToArray());
        Assert.Equal(new byte[] { 163, 28, 6, 189 }, Assert.IsType<BinaryArray>(results[1]).GetBytes(0).ToArray());

        (_, results) = await CallAsync(w, "random_bytes", empty, [new RecordBatch(empty, [], 1)], constants: [I64(-7), I64(4)]);
        Assert.Equal(new byte[] { 82, 242, 38, 101 }, Assert.IsType<BinaryArray>(results[0]).GetBytes(0).ToArray());
        (_, results) = await CallAsync(w, "random_bytes", empty, [new RecordBatch(empty, [], 1)], constants: [I64((1L << 40) + 5), I64(4)]);
        Assert.Equal(new byte[] { 129, 132, 68, 169 }, Assert.IsType<BinaryArray>(results[0]).GetBytes(0).ToArray());

        // Every batch restarts the stream, also right after a batch with another seed.
        (_, results) = await CallAsync(w, "random_bytes", empty, [new RecordBatch(empty, [], 2), new RecordBatch(empty, [], 3)], constants: [I64(42), I64(2)]);
        Assert.Equal(new byte[] { 163, 28 }, Assert.IsType<BinaryArray>(results[0]).GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 6, 189 }, Assert.IsType<BinaryArray>(results[0]).GetBytes(1).ToArray());
        Assert.Equal(new byte[] { 70, 62 }, Assert.IsType<BinaryArray>(results[1]).GetBytes(2).ToArray());

        (_, results) = await CallAsync(w, "random_bytes", empty, [new RecordBatch(empty, [], 2)], constants: [I64([null]), I64(4)]);
        Assert.True(results[0].IsNull(0) && results[0].IsNull(1));

        var error = await RunErrorAsync("random_bytes", new RecordBatch(empty, [], 1), [I64(1), I64(-1)]);
        Assert.Equal("ValueError: byte_length must be >= 0", error.Message);
    }

    /// <summary>{tensor: [[1, 2], [3, 4]] | NULL, axes: {x: [10, 20], y: ['a', 'b']}}, then a row with an empty axis.</summary>
    private static StructArray Tensor()
    {
        var tensor = new ListArray.Builder(new ListType(new Field("item", Int64Type.Default, true)));
        var rows = (ListArray.Builder)tensor.ValueBuilder;
        var cells = (Int64Array.Builder)rows.ValueBuilder;
        tensor.Append();
        rows.Append();
        cells.Append(1).Append(2);
        rows.Append();
        cells.AppendNull().Append(4);
        tensor.Append();
        rows.Append();
        cells.Append(5);

        var x = new ListArray.Builder(Int64Type.Default);
        var xs = (Int64Array.Builder)x.ValueBuilder;
        x.Append();
        xs.Append(10).Append(20);
        x.Append();
        var y = new ListArray.Builder(StringType.Default);
        var ys = (StringArray.Builder)y.ValueBuilder;
        y.Append();
        ys.Append("a").Append("b");
        y.Append();
        ys.Append("c");
        var xArray = x.Build();
        var yArray = y.Build();
        var axesType = new StructType([new Field("x", xArray.Data.DataType, true), new Field("y", yArray.Data.DataType, true)]);
        var axes = new StructArray(axesType, 2, [xArray, yArray], ArrowBuffer.Empty, 0);
        var tensorArray = tensor.Build();
        var type = new StructType([new Field("tensor", tensorArray.Data.DataType, true), new Field("axes", axesType, true)]);
        return new StructArray(type, 2, [tensorArray, axes], ArrowBuffer.Empty, 0);
    }

    [Fact]
    public async Task UnnestTensor_OneCellPerCoordinate_RowMajor()
    {
        var (output, result) = await CallOnceAsync("unnest_tensor", [Tensor()]);
        var list = Assert.IsType<ListType>(output.DataType);
        var cell = Assert.IsType<StructType>(list.ValueDataType);
        Assert.Equal(["value", "axes"], cell.Fields.Select(f => f.Name));
        Assert.IsType<Int64Type>(cell.Fields[0].DataType);
        var axesType = Assert.IsType<StructType>(cell.Fields[1].DataType);
        Assert.Equal(["x", "y"], axesType.Fields.Select(f => f.Name));
        Assert.IsType<Int64Type>(axesType.Fields[0].DataType);
        Assert.IsType<StringType>(axesType.Fields[1].DataType);

        var lists = Assert.IsType<ListArray>(result);
        Assert.Equal(4, lists.GetValueLength(0));
        Assert.Equal(0, lists.GetValueLength(1)); // x is empty in row 1
        var cells = Assert.IsType<StructArray>(lists.Values);
        Assert.Equal([1L, 2L, null, 4L], Longs(cells.Fields[0]));
        var axes = Assert.IsType<StructArray>(cells.Fields[1]);
        Assert.Equal([10L, 10L, 20L, 20L], Longs(axes.Fields[0]));
        Assert.Equal(["a", "b", "a", "b"], Strings(axes.Fields[1]));
    }

    [Fact]
    public async Task UnnestTensor_BindErrors_AreNestTensorErrors()
    {
        var error = await BindErrorAsync("unnest_tensor", [Int64Type.Default]);
        Assert.Equal("NestTensorError: unnest_tensor: argument must be a struct, got int64", error.Message);

        error = await BindErrorAsync("unnest_tensor", [new StructType([new Field("b", Int64Type.Default, true), new Field("a", Int64Type.Default, true)])]);
        Assert.Equal("NestTensorError: unnest_tensor: struct must have 'tensor' and 'axes' fields, got ['a', 'b']", error.Message);

        error = await BindErrorAsync("unnest_tensor", [new StructType([new Field("tensor", Int64Type.Default, true), new Field("axes", Int64Type.Default, true)])]);
        Assert.Equal("NestTensorError: unnest_tensor: 'axes' field must be a struct, got int64", error.Message);

        var oneAxis = new StructType([new Field("x", new ListType(Int64Type.Default), true)]);
        error = await BindErrorAsync("unnest_tensor", [new StructType([new Field("tensor", new ListType(new ListType(Int64Type.Default)), true), new Field("axes", oneAxis, true)])]);
        Assert.Equal("NestTensorError: unnest_tensor: tensor nesting depth 2 does not match number of axes 1", error.Message);
    }

    /// <summary>The secrets batch: one struct column per secret type with name, provider, type, then the secret's keys.</summary>
    private static byte[] ExampleSecret()
    {
        var type = new StructType(
        [
            new Field("name", StringType.Default, true),
            new Field("provider", StringType.Default, true),
            new Field("type", StringType.Default, true),
            new Field("secret_string", StringType.Default, true),
            new Field("port", Int32Type.Default, true),
            new Field("use_ssl", BooleanType.Default, true),
            new Field("timeout", DoubleType.Default, true),
        ]);
        var secret = new StructArray(type, 1,
        [
            Str("s1"), Str("config"), Str("vgi_example"), Str("h\u00e9llo"), I32([5432]), new BooleanArray.Builder().Append(true).Build(), F64(30.0),
        ], ArrowBuffer.Empty, 0);
        return OneRow((new Field("vgi_example", type, true), secret));
    }

    [Fact]
    public async Task ReturnSecretValue_PythonJsonOfTheSecret()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var empty = new Schema([], null);
        var (output, results) = await CallAsync(w, "return_secret_value", empty, [new RecordBatch(empty, [], 2)], secrets: ExampleSecret());
        Assert.IsType<StringType>(output.DataType);
        const string json = """{"name": "s1", "provider": "config", "type": "vgi_example", "secret_string": "h\u00e9llo", "port": 5432, "use_ssl": true, "timeout": 30.0}""";
        Assert.Equal([json, json], Strings(results[0]));
    }

    [Fact]
    public async Task SecretField_PortAndName_EmptyWithoutSecret()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var empty = new Schema([], null);
        var (_, results) = await CallAsync(w, "secret_field", empty, [new RecordBatch(empty, [], 1)], secrets: ExampleSecret());
        Assert.Equal(["port=5432;name=h\u00e9llo"], Strings(results[0]));

        (_, results) = await CallAsync(w, "secret_field", empty, [new RecordBatch(empty, [], 1)]);
        Assert.Equal(["port=;name="], Strings(results[0]));
    }
}
