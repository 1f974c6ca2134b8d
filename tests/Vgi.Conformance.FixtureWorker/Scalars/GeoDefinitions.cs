using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Rpc;
using static Vgi.Conformance.Fixtures.Scalars.ScalarSupport;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// The geometry fixtures (fixtures.md §2.2): distance and centroid over points given as
/// <c>DOUBLE[2]</c> (fixed-size list), <c>DOUBLE[]</c> (list) or <c>STRUCT(lat, lon)</c>.
/// Hand-written: the generator has no fixed-size list type and returns structs only as records
/// with non-nullable children, while pyarrow declares <c>struct&lt;lat: double, lon: double&gt;</c>.
/// A NULL point gives a NULL row.
/// </summary>
internal static class GeoDefinitions
{
    private static readonly FixedSizeListType Fixed = new(new Field("item", DoubleType.Default, true), 2);
    private static readonly ListType Variable = new(new Field("item", DoubleType.Default, true));

    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        Centroid("geo_centroid_fixed", Fixed, "DOUBLE[2]", "Centroid of N fixed-size list points"),
        Centroid("geo_centroid_list", Variable, "DOUBLE[]", "Centroid of N list points"),
        Centroid("geo_centroid_struct", LatLon, "STRUCT(lat DOUBLE, lon DOUBLE)", "Centroid of N struct points"),
        Distance("geo_distance_fixed", Fixed, "DOUBLE[2]", "Euclidean distance between two fixed-size list points"),
        Distance("geo_distance_list", Variable, "DOUBLE[]", "Euclidean distance between two list points"),
        Distance("geo_distance_struct", LatLon, "STRUCT(lat DOUBLE, lon DOUBLE)", "Euclidean distance between two struct points"),
    ];

    /// <summary><c>sqrt(dx*dx + dy*dy)</c> between p1 and p2.</summary>
    private static ScalarFunctionDefinition Distance(string name, IArrowType point, string sql, string description) => new()
    {
        Name = name,
        Description = description,
        Arguments = Arguments(Arg("p1", point), Arg("p2", point)),
        Result = Result(DoubleType.Default),
        Bind = context =>
        {
            Expect(context, $"{name}(p1 {sql}, p2 {sql})", columns: 2, constants: 0);
            int score = ArgumentTypes.Column(context.InputSchema, 0, "p1", point) + ArgumentTypes.Column(context.InputSchema, 1, "p2", point);
            return new ScalarBinding(Result(DoubleType.Default), (batch, _) =>
            {
                var p1 = new Points(batch.Column(0));
                var p2 = new Points(batch.Column(1));
                var result = new FixedResult<double>(batch.Length);
                var values = result.Values;
                for (int i = 0; i < batch.Length; i++)
                {
                    if (p1.IsNull(i) || p2.IsNull(i))
                    {
                        result.SetNull(i);
                        continue;
                    }
                    var (x1, y1) = p1[i];
                    var (x2, y2) = p2[i];
                    double dx = x2 - x1, dy = y2 - y1;
                    values[i] = Math.Sqrt(dx * dx + dy * dy);
                }
                return result.Build(DoubleType.Default);
            }, score);
        },
    };

    /// <summary>lat = mean of the first coordinates, lon = mean of the second, summed left to right then divided by N.</summary>
    private static ScalarFunctionDefinition Centroid(string name, IArrowType point, string sql, string description) => new()
    {
        Name = name,
        Description = description,
        Arguments = Arguments(VarargsOf("points", point)),
        Result = Result(LatLon),
        Bind = context =>
        {
            if (context.InputSchema.FieldsList.Count == 0) throw new ScalarBindException("Varargs parameter 'points' requires at least 1 value.");
            Expect(context, $"{name}(points {sql}...)", columns: 1, constants: 0, varargs: true);
            int score = 0;
            for (int c = 0; c < context.InputSchema.FieldsList.Count; c++) score += ArgumentTypes.Column(context.InputSchema, c, "points", point);
            return new ScalarBinding(Result(LatLon), (batch, _) =>
            {
                int rows = batch.Length, n = batch.ColumnCount;
                var points = new Points[n];
                for (int c = 0; c < n; c++) points[c] = new Points(batch.Column(c));
                var nulls = new bool[rows];
                var lat = new double[rows];
                var lon = new double[rows];
                for (int i = 0; i < rows; i++)
                {
                    double sumX = 0, sumY = 0;
                    for (int c = 0; c < n && !nulls[i]; c++)
                    {
                        if (points[c].IsNull(i))
                        {
                            nulls[i] = true;
                            break;
                        }
                        var (x, y) = points[c][i];
                        sumX += x;
                        sumY += y;
                    }
                    lat[i] = sumX / n;
                    lon[i] = sumY / n;
                }
                var validity = Validity(nulls, out int nullCount);
                var latArray = new DoubleArray(new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lat.AsSpan()).ToArray()), ArrowBuffer.Empty, rows, 0, 0);
                var lonArray = new DoubleArray(new ArrowBuffer(System.Runtime.InteropServices.MemoryMarshal.AsBytes(lon.AsSpan()).ToArray()), ArrowBuffer.Empty, rows, 0, 0);
                return new StructArray(LatLon, rows, [latArray, lonArray], validity, nullCount);
            }, score);
        },
    };

    /// <summary>The (first, second) coordinates of each row of a point column of any of the three shapes.</summary>
    private readonly struct Points(IArrowArray column)
    {
        // Struct children are indexed by the parent's logical index plus its offset.
        private readonly IArrowArray? _lat = column is StructArray ? ArrowTake.Child(column, 0) : null;
        private readonly IArrowArray? _lon = column is StructArray ? ArrowTake.Child(column, 1) : null;

        public bool IsNull(int i) => column.IsNull(i);

        public (double X, double Y) this[int i] => column switch
        {
            FixedSizeListArray f => Pair(f.Values, f.Offset * 2 + i * 2, 2, i),
            ListArray l => Pair(l.Values, l.ValueOffsets[i], l.ValueOffsets[i + 1] - l.ValueOffsets[i], i),
            LargeListArray l => Pair(l.Values, checked((int)l.ValueOffsets[i]), checked((int)(l.ValueOffsets[i + 1] - l.ValueOffsets[i])), i),
            StructArray s => (Coordinate(_lat!, s.Offset + i), Coordinate(_lon!, s.Offset + i)),
            _ => throw new InvalidOperationException($"a point column is {column.Data.DataType.Name}"),
        };

        private static (double, double) Pair(IArrowArray values, int start, int length, int row) => length < 2
            ? throw new RpcException("IndexError", $"list index out of range (row {row} has {length} coordinate{(length == 1 ? "" : "s")})")
            : (Coordinate(values, start), Coordinate(values, start + 1));

        private static double Coordinate(IArrowArray values, int index) =>
            Vgi.Codecs.ArrowRead.Float64(values, index) ?? throw new RpcException("TypeError", "unsupported operand type(s) for -: 'float' and 'NoneType'");
    }
}
