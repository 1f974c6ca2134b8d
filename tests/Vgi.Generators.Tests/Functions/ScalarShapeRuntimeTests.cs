using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.CodeAnalysis;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// Compiles <see cref="ScalarShapeSnapshotTests.Source"/> with the function and record generators, loads
/// it, and runs the generated binders and kernels: row indices, functions without column arguments,
/// STRUCT and BLOB constants, STRUCT / LIST / FIXED_SIZE_LIST columns and results, and varargs of them.
/// </summary>
public class ScalarShapeRuntimeTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var compilation = GeneratorHarness.Compile(ScalarShapeSnapshotTests.Source);
        GeneratorHarness.Driver(ScalarShapeSnapshotTests.Generators).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    private static readonly Field Item = new("item", DoubleType.Default, true);
    private static readonly FixedSizeListType Pair = new(Item, 2);
    private static readonly ListType DoubleList = new(Item);
    private static readonly StructType LatLon = new([new Field("lat", DoubleType.Default, true), new Field("lon", DoubleType.Default, true)]);
    private static readonly StructType PacketConfig = new([new Field("label", StringType.Default, true), new Field("version", Int64Type.Default, true)]);

    private static ScalarFunctionDefinition Definition(string className) =>
        ((ScalarFunctionDefinition[])Compiled.Value.GetType("Vgi.Generated." + className, throwOnError: true)!
            .GetField("Definitions", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(null)!)[0];

    private static Schema InputSchema(params IArrowArray[] columns) =>
        new(columns.Select((c, i) => new Field($"col_{i}", c.Data.DataType, true)), null);

    private static ScalarBinding Bind(ScalarFunctionDefinition definition, IArrowArray[] columns, params ArgumentValue[] constants) =>
        definition.Bind(new ScalarBindContext(InputSchema(columns), new Arguments(constants, new Dictionary<string, ArgumentValue>())));

    private static string BindError(ScalarFunctionDefinition definition, IArrowArray[] columns, params ArgumentValue[] constants) =>
        Assert.Throws<ScalarBindException>(() => Bind(definition, columns, constants)).Message;

    /// <summary>Binds the call and runs the kernel over one batch of <paramref name="columns"/>.</summary>
    private static IArrowArray Call(string className, IArrowArray[] columns, params ArgumentValue[] constants)
    {
        var binding = Bind(Definition(className), columns, constants);
        var result = binding.Kernel(new RecordBatch(InputSchema(columns), columns, columns[0].Length), null!);
        Assert.True(BatchTypesEqual(binding.Output.DataType, result.Data.DataType), $"kernel returned {result.Data.DataType.Name}, bound {binding.Output.DataType.Name}");
        return result;
    }

    private static bool BatchTypesEqual(IArrowType a, IArrowType b) => Vgi.Rpc.BatchCoercion.TypesEqual(a, b);

    /// <summary>A batch with no columns and <paramref name="rows"/> rows, as an all-constant call sends.</summary>
    private static RecordBatch NoColumns(int rows) => new(new Schema([], null), [], rows);

    private static ArgumentValue Long(long? value) => new(ArrowWrite.Int64([value]));

    private static ArgumentValue Blob(byte[]? value) => new(ArrowWrite.Binary([value]));

    private static ArgumentValue Config(string? label, long? version, bool isNull = false)
    {
        var validity = new ValidityBitmap(1);
        if (isNull) validity.SetNull(0);
        return new(ArrowWrite.Struct(PacketConfig, 1, validity, [ArrowWrite.Utf8([label]), ArrowWrite.Int64([version])]));
    }

    private static IArrowArray FixedPairs(params double[]?[] rows) => FixedLists(Pair, rows);

    private static IArrowArray FixedLists(FixedSizeListType type, double[]?[] rows)
    {
        var validity = new ValidityBitmap(rows.Length);
        var items = new List<double>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is { } row) items.AddRange(row);
            else
            {
                validity.SetNull(i);
                items.AddRange(new double[type.ListSize]);
            }
        }
        return new FixedSizeListArray(type, rows.Length, ArrowWrite.Float64(items), validity.Build(), validity.NullCount);
    }

    private static IArrowArray Lists(params double[]?[] rows)
    {
        var validity = new ValidityBitmap(rows.Length);
        var offsets = new int[rows.Length + 1];
        var items = new List<double>();
        for (int i = 0; i < rows.Length; i++)
        {
            if (rows[i] is { } row) items.AddRange(row);
            else validity.SetNull(i);
            offsets[i + 1] = items.Count;
        }
        return ArrowWrite.List(DoubleList, offsets, validity, ArrowWrite.Float64(items));
    }

    private static IArrowArray Points(params (double Lat, double Lon)?[] rows)
    {
        var validity = new ValidityBitmap(rows.Length);
        for (int i = 0; i < rows.Length; i++) if (rows[i] is null) validity.SetNull(i);
        return ArrowWrite.Struct(LatLon, rows.Length, validity,
            [ArrowWrite.Float64(rows.Select(r => r?.Lat ?? 0).ToArray()), ArrowWrite.Float64(rows.Select(r => r?.Lon ?? 0).ToArray())]);
    }

    private static (double Lat, double Lon)?[] ReadPoints(IArrowArray array)
    {
        var points = Assert.IsType<StructArray>(array);
        Assert.Equal(["lat", "lon"], ((StructType)points.Data.DataType).Fields.Select(f => f.Name));
        var lat = (DoubleArray)points.Fields[0];
        var lon = (DoubleArray)points.Fields[1];
        return Enumerable.Range(0, points.Length).Select(i => points.IsNull(i) ? ((double, double)?)null : (lat.GetValue(i)!.Value, lon.GetValue(i)!.Value)).ToArray();
    }

    private static long?[] Int64s(IArrowArray array) => Enumerable.Range(0, array.Length).Select(i => ((Int64Array)array).GetValue(i)).ToArray();

    private static double?[] Doubles(IArrowArray array) => Enumerable.Range(0, array.Length).Select(i => ((DoubleArray)array).GetValue(i)).ToArray();

    // ------------------------------------------------------------------ [RowIndex] and zero-column functions

    [Fact]
    public void RowIndexRestartsAtEveryBatch()
    {
        var hashSeed = Definition("Sample_Fixtures_HashSeed");
        var argument = Assert.Single(hashSeed.Arguments.FieldsList);
        Assert.Equal("seed", argument.Name);
        Assert.Equal("true", argument.Metadata["vgi_const"]);

        var binding = Bind(hashSeed, [], Long(10));
        Assert.Equal([10L, 11L, 12L], Int64s(binding.Kernel(NoColumns(3), null!)));
        Assert.Equal([10L, 11L], Int64s(binding.Kernel(NoColumns(2), null!)));
        Assert.Equal(0, binding.Kernel(NoColumns(0), null!).Length);

        var nullSeed = Bind(hashSeed, [], Long(null));
        Assert.Equal([null, null], Int64s(nullSeed.Kernel(NoColumns(2), null!)));
    }

    [Fact]
    public void FunctionWithoutColumnsGivesOneValuePerRow()
    {
        var bernoulli = Definition("Sample_Fixtures_Bernoulli");
        Assert.Empty(bernoulli.Arguments.FieldsList);
        Assert.Equal(FunctionStability.Volatile, bernoulli.Stability);
        var result = Assert.IsType<BooleanArray>(Bind(bernoulli, []).Kernel(NoColumns(5), null!));
        Assert.Equal(5, result.Length);
        Assert.Equal(0, result.NullCount);

        var rowNumber = Definition("Sample_Fixtures_RowNumber");
        Assert.Empty(rowNumber.Arguments.FieldsList);
        var numbers = (Int32Array)Bind(rowNumber, []).Kernel(NoColumns(4), null!);
        Assert.Equal([0, 1, 2, 3], numbers.Values.ToArray());

        Assert.Contains("takes 0 column arguments, got 1", BindError(bernoulli, [ArrowWrite.Int64([1L])]));
    }

    [Fact]
    public void RowIndexNextToAColumn()
    {
        var tagged = Definition("Sample_Fixtures_Tagged");
        Assert.Equal(["value"], tagged.Arguments.FieldsList.Select(f => f.Name));
        var result = (StringArray)Call("Sample_Fixtures_Tagged", [ArrowWrite.Utf8(["a", null, "c"])]);
        Assert.Equal(["0:a", "1:", "2:c"], Enumerable.Range(0, 3).Select(i => result.GetString(i)));
    }

    // ------------------------------------------------------------------ BLOB and STRUCT constants

    [Fact]
    public void BlobAndStructConstants()
    {
        var packet = Definition("Sample_Fixtures_BinaryPacket");
        Assert.Equal(["header", "payload", "config"], packet.Arguments.FieldsList.Select(f => f.Name));
        Assert.IsType<BinaryType>(packet.Arguments.FieldsList[0].DataType);
        var config = Assert.IsType<StructType>(packet.Arguments.FieldsList[2].DataType);
        Assert.Equal(["label:utf8", "version:int64"], config.Fields.Select(f => $"{f.Name}:{f.DataType.Name}"));
        Assert.Equal("true", packet.Arguments.FieldsList[2].Metadata["vgi_const"]);
        Assert.Equal(NullHandling.Special, packet.NullHandling);

        IArrowArray payload = ArrowWrite.Binary([[0x10], null]);
        var result = (BinaryArray)Call("Sample_Fixtures_BinaryPacket", [payload], Blob([1, 2]), Config("ab", 258));
        Assert.Equal(new byte[] { 1, 2, 0x10, (byte)'a', (byte)'b', 2 }, result.GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 1, 2, (byte)'a', (byte)'b', 2 }, result.GetBytes(1).ToArray());

        var nulls = (BinaryArray)Call("Sample_Fixtures_BinaryPacket", [payload], Blob(null), Config(null, null, isNull: true));
        Assert.Equal(new byte[] { 0x10 }, nulls.GetBytes(0).ToArray());
        Assert.Equal(0, nulls.GetBytes(1).Length);

        var partial = (BinaryArray)Call("Sample_Fixtures_BinaryPacket", [payload], Blob([]), Config(null, 7));
        Assert.Equal(new byte[] { 0x10, 7 }, partial.GetBytes(0).ToArray());
    }

    [Fact]
    public void StructConstantTypesAreChecked()
    {
        var packet = Definition("Sample_Fixtures_BinaryPacket");
        IArrowArray[] payload = [ArrowWrite.Binary([[0x10]])];

        // DuckDB may export the literal {'label': 'x', 'version': 1} with an INTEGER field: same names, a widening.
        var narrow = new StructType([new Field("label", StringType.Default, true), new Field("version", Int32Type.Default, true)]);
        var narrowConfig = new ArgumentValue(ArrowWrite.Struct(narrow, 1, new ValidityBitmap(1), [ArrowWrite.Utf8(["x"]), ArrowWrite.Int32([3])]));
        var binding = Bind(packet, payload, Blob([]), narrowConfig);
        Assert.Equal(ArgumentTypes.Exact * 2 + ArgumentTypes.Promoted, binding.Score);
        var result = (BinaryArray)binding.Kernel(new RecordBatch(InputSchema(payload), payload, 1), null!);
        Assert.Equal(new byte[] { 0x10, (byte)'x', 3 }, result.GetBytes(0).ToArray());

        var other = new StructType([new Field("x", DoubleType.Default, true)]);
        var otherConfig = new ArgumentValue(ArrowWrite.Struct(other, 1, new ValidityBitmap(1), [ArrowWrite.Float64([1.0])]));
        Assert.Equal("constant argument 'config' expects STRUCT(label VARCHAR, version BIGINT), got STRUCT(x DOUBLE)", BindError(packet, payload, Blob([]), otherConfig));
    }

    [Fact]
    public void NonNullableStructConstant()
    {
        var describe = Definition("Sample_Fixtures_Describe");
        IArrowArray[] values = [ArrowWrite.Int64([5L])];
        var result = (StringArray)Call("Sample_Fixtures_Describe", values, Config("v", 2));
        Assert.Equal("v/2/5", result.GetString(0));
        Assert.StartsWith("constant argument 'config' cannot be NULL", BindError(describe, values, Config(null, null, isNull: true)));
    }

    // ------------------------------------------------------------------ LIST and FIXED_SIZE_LIST

    [Fact]
    public void FixedSizeListColumns()
    {
        var distance = Definition("Sample_Geo_DistanceFixed");
        foreach (var field in distance.Arguments.FieldsList)
        {
            var type = Assert.IsType<FixedSizeListType>(field.DataType);
            Assert.Equal(2, type.ListSize);
            Assert.Equal("item", type.ValueField.Name);
            Assert.True(type.ValueField.IsNullable);
            Assert.IsType<DoubleType>(type.ValueDataType);
        }

        var result = Call("Sample_Geo_DistanceFixed", [FixedPairs([0, 0], [1, 1], null), FixedPairs([3, 4], [4, 5], [0, 0])]);
        Assert.Equal([5.0, 5.0, null], Doubles(result));

        // A sliced column reads its own rows.
        var sliced = ArrowArrayFactory.Slice(FixedPairs([9, 9], [0, 0], [6, 8]), 1, 2);
        Assert.Equal([5.0, 10.0], Doubles(Call("Sample_Geo_DistanceFixed", [sliced, FixedPairs([3, 4], [0, 0])])));

        // float items widen to double.
        var floats = new FixedSizeListType(new Field("item", FloatType.Default, true), 2);
        var floatPoints = new FixedSizeListArray(floats, 1, ArrowWrite.Float32([3f, 4f]), ArrowBuffer.Empty, 0);
        Assert.Equal(ArgumentTypes.Exact + ArgumentTypes.Promoted, Bind(distance, [floatPoints, FixedPairs([0, 0])]).Score);
        Assert.Equal([5.0], Doubles(Call("Sample_Geo_DistanceFixed", [floatPoints, FixedPairs([0, 0])])));

        Assert.Equal("argument 1 ('p1') expects DOUBLE[2], got DOUBLE[]", BindError(distance, [Lists([0, 0]), FixedPairs([0, 0])]));
        var triples = FixedLists(new FixedSizeListType(Item, 3), [[0, 0, 0]]);
        Assert.Equal("argument 2 ('p2') expects DOUBLE[2], got DOUBLE[3]", BindError(distance, [FixedPairs([0, 0]), triples]));
    }

    [Fact]
    public void PlainArraysAreLists()
    {
        var distance = Definition("Sample_Geo_DistanceList");
        Assert.All(distance.Arguments.FieldsList, f => Assert.IsType<ListType>(f.DataType));
        var result = Call("Sample_Geo_DistanceList", [Lists([0, 0], null, [1, 1, 7]), Lists([3, 4], [1, 1], [4, 5])]);
        Assert.Equal([5.0, null, 5.0], Doubles(result));
    }

    [Fact]
    public void FixedSizeListResults()
    {
        var midpoint = Definition("Sample_Geo_Midpoint");
        var type = Assert.IsType<FixedSizeListType>(midpoint.Result.DataType);
        Assert.Equal(2, type.ListSize);

        var result = Assert.IsType<FixedSizeListArray>(Call("Sample_Geo_Midpoint", [FixedPairs([0, 0], null, [2, 2]), FixedPairs([2, 4], [1, 1], null)]));
        Assert.Equal(3, result.Length);
        Assert.False(result.IsNull(0));
        Assert.True(result.IsNull(1));
        Assert.True(result.IsNull(2));
        Assert.Equal([1.0, 2.0], ((DoubleArray)result.GetSlicedValues(0)).Values.ToArray());

        var repeat = Assert.IsType<FixedSizeListArray>(Call("Sample_Geo_Repeat", [ArrowWrite.Int64([7L]), ArrowWrite.Int32([3])]));
        Assert.Equal([7L, 7L, 7L], ((Int64Array)repeat.GetSlicedValues(0)).Values.ToArray());
        var wrong = Assert.Throws<InvalidOperationException>(() => Call("Sample_Geo_Repeat", [ArrowWrite.Int64([7L, 7L]), ArrowWrite.Int32([3, 2])]));
        Assert.Equal("value 1 has 2 items; a [FixedSize(3)] list holds exactly 3", wrong.Message);
    }

    // ------------------------------------------------------------------ STRUCT columns and results

    [Fact]
    public void StructColumnsAndResults()
    {
        var distance = Definition("Sample_Geo_DistanceStruct");
        var point = Assert.IsType<StructType>(distance.Arguments.FieldsList[0].DataType);
        Assert.Equal(["lat", "lon"], point.Fields.Select(f => f.Name));
        Assert.Equal([5.0, null], Doubles(Call("Sample_Geo_DistanceStruct", [Points((0, 0), null), Points((3, 4), (1, 1))])));

        Assert.Equal([(2.0, 1.0), null], ReadPoints(Call("Sample_Geo_Swap", [Points((1, 2), null)])));

        var config = Assert.IsType<StructArray>(Call("Sample_Geo_Config", [ArrowWrite.Utf8(["a", null]), ArrowWrite.Int64([1L, null])]));
        Assert.Equal(["label", "version"], ((StructType)config.Data.DataType).Fields.Select(f => f.Name));
        Assert.Equal("a", ((StringArray)config.Fields[0]).GetString(0));
        Assert.True(config.Fields[0].IsNull(1));
        Assert.True(config.Fields[1].IsNull(1));
        Assert.False(config.IsNull(1));
    }

    // ------------------------------------------------------------------ varargs

    [Fact]
    public void VarargsOfListsFixedSizeListsAndStructs()
    {
        foreach (var (name, type) in new (string, IArrowType)[] { ("Sample_Geo_CentroidList", DoubleList), ("Sample_Geo_CentroidFixed", Pair), ("Sample_Geo_CentroidStruct", LatLon) })
        {
            var argument = Assert.Single(Definition(name).Arguments.FieldsList);
            Assert.Equal("points", argument.Name);
            Assert.Equal("true", argument.Metadata["vgi_varargs"]);
            Assert.True(Vgi.Rpc.BatchCoercion.TypesEqual(type, argument.DataType), $"{name}: {argument.DataType.Name}");
        }

        Assert.Equal([(2.0, 3.0), null], ReadPoints(Call("Sample_Geo_CentroidList", [Lists([1, 2], [0, 0]), Lists([3, 4], null)])));
        Assert.Equal([(2.0, 3.0), (1.0, 1.0)], ReadPoints(Call("Sample_Geo_CentroidFixed", [FixedPairs([0, 0], [1, 1]), FixedPairs([3, 3], [1, 1]), FixedPairs([3, 6], [1, 1])])));
        Assert.Equal([(2.0, 3.0), null], ReadPoints(Call("Sample_Geo_CentroidStruct", [Points((1, 2), null), Points((3, 4), (0, 0))])));

        Assert.Equal("argument 2 ('points') expects DOUBLE[2], got DOUBLE[]", BindError(Definition("Sample_Geo_CentroidFixed"), [FixedPairs([0, 0]), Lists([0, 0])]));
    }

    [Fact]
    public void VarargsNeedAtLeastOneValue()
    {
        // The reference worker's text (fixtures.md §0.1), for every varargs element type.
        foreach (var name in new[] { "Sample_Geo_CentroidList", "Sample_Geo_CentroidFixed", "Sample_Geo_CentroidStruct" })
            Assert.Equal("Varargs parameter 'points' requires at least 1 value.", BindError(Definition(name), []));
        Assert.Equal([(1.0, 2.0)], ReadPoints(Call("Sample_Geo_CentroidList", [Lists([1, 2])])));
    }

    [Fact]
    public void StructResultTypeComesFromTheRecord()
    {
        var centroid = Definition("Sample_Geo_CentroidStruct");
        var type = Assert.IsType<StructType>(centroid.Result.DataType);
        Assert.Equal(["lat:double", "lon:double"], type.Fields.Select(f => $"{f.Name}:{f.DataType.Name}"));
    }
}
