using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>A point as <c>STRUCT(lat DOUBLE, lon DOUBLE)</c>, nullable fields as pyarrow declares them.</summary>
[ArrowRecord]
public readonly partial record struct LatLon(double? Lat, double? Lon);

/// <summary>
/// The geometry fixtures (fixtures.md §2.2): distance and centroid over points given as
/// <c>DOUBLE[2]</c> (<see cref="FixedSizeAttribute"/>), <c>DOUBLE[]</c> (an array) or
/// <c>STRUCT(lat, lon)</c> (<see cref="LatLon"/>). A NULL point gives a NULL row; a list point
/// shorter than 2 is Python's <c>IndexError</c>, a NULL coordinate its <c>TypeError</c>.
/// </summary>
public static class GeoScalars
{
    /// <summary><c>sqrt(dx*dx + dy*dy)</c> between p1 and p2.</summary>
    [ScalarFunction("geo_distance_fixed", Description = "Euclidean distance between two fixed-size list points")]
    public static double DistanceFixed([FixedSize(2)] double?[] p1, [FixedSize(2)] double?[] p2, [RowIndex] int row) =>
        Distance(Pair(p1, row), Pair(p2, row));

    [ScalarFunction("geo_distance_list", Description = "Euclidean distance between two list points")]
    public static double DistanceList(double?[] p1, double?[] p2, [RowIndex] int row) =>
        Distance(Pair(p1, row), Pair(p2, row));

    [ScalarFunction("geo_distance_struct", Description = "Euclidean distance between two struct points")]
    public static double DistanceStruct(LatLon p1, LatLon p2) => Distance(Pair(p1), Pair(p2));

    /// <summary>lat = mean of the first coordinates, lon = mean of the second, summed left to right then divided by N.</summary>
    [ScalarFunction("geo_centroid_fixed", Description = "Centroid of N fixed-size list points")]
    public static LatLon CentroidFixed([RowIndex] int row, [FixedSize(2)] params double?[][] points) =>
        Centroid(points.Length, c => Pair(points[c], row));

    [ScalarFunction("geo_centroid_list", Description = "Centroid of N list points")]
    public static LatLon CentroidList([RowIndex] int row, params double?[][] points) =>
        Centroid(points.Length, c => Pair(points[c], row));

    [ScalarFunction("geo_centroid_struct", Description = "Centroid of N struct points")]
    public static LatLon CentroidStruct(params LatLon[] points) =>
        Centroid(points.Length, c => Pair(points[c]));

    private static double Distance((double X, double Y) p1, (double X, double Y) p2)
    {
        double dx = p2.X - p1.X, dy = p2.Y - p1.Y;
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private static LatLon Centroid(int n, Func<int, (double X, double Y)> point)
    {
        double sumX = 0, sumY = 0;
        for (int c = 0; c < n; c++)
        {
            var (x, y) = point(c);
            sumX += x;
            sumY += y;
        }
        return new LatLon(sumX / n, sumY / n);
    }

    /// <summary>The first two coordinates of a list point.</summary>
    private static (double X, double Y) Pair(double?[] point, int row) => point.Length < 2
        ? throw new RpcException("IndexError", $"list index out of range (row {row} has {point.Length} coordinate{(point.Length == 1 ? "" : "s")})")
        : (Coordinate(point[0]), Coordinate(point[1]));

    private static (double X, double Y) Pair(LatLon point) => (Coordinate(point.Lat), Coordinate(point.Lon));

    private static double Coordinate(double? value) =>
        value ?? throw new RpcException("TypeError", "unsupported operand type(s) for -: 'float' and 'NoneType'");
}
