using Vgi.Generators.Functions;
using Vgi.Generators.Records;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// Scalar signatures beyond plain columns (the fixture functions of fixtures.md §2.2): [RowIndex],
/// functions without column arguments, STRUCT and BLOB constants, STRUCT columns and results,
/// LIST and [FixedSize] FIXED_SIZE_LIST columns and results, and varargs of those types.
/// </summary>
public class ScalarShapeSnapshotTests
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text;
        using Vgi;

        namespace Sample;

        [ArrowRecord]
        public sealed partial record PacketConfig(string? Label, long? Version);

        [ArrowRecord]
        public readonly partial record struct LatLon(double Lat, double Lon);

        public static class Fixtures
        {
            /// <summary>Generate deterministic integers from a constant seed</summary>
            [ScalarFunction]
            public static long? HashSeed([Const] long? seed, [RowIndex] long row) => seed + row;

            [ScalarFunction(Stability = Stability.Volatile)]
            public static bool Bernoulli() => Random.Shared.Next(2) == 0;

            [ScalarFunction]
            public static int RowNumber([RowIndex] int row, VgiContext context) => row;

            [ScalarFunction]
            public static string Tagged(string? value, [RowIndex] int row) => $"{row}:{value}";

            /// <summary>Build binary packets with header, payload, and config</summary>
            [ScalarFunction]
            public static byte[] BinaryPacket([Const] byte[]? header, byte[]? payload, [Const] PacketConfig? config)
            {
                var bytes = new List<byte>();
                bytes.AddRange(header ?? []);
                bytes.AddRange(payload ?? []);
                if (config?.Label is { } label) bytes.AddRange(Encoding.UTF8.GetBytes(label));
                if (config?.Version is { } version) bytes.Add((byte)(version & 0xFF));
                return bytes.ToArray();
            }

            [ScalarFunction]
            public static string Describe([Const] PacketConfig config, long value) => $"{config.Label}/{config.Version}/{value}";
        }

        public static class Geo
        {
            private static double Distance(double x1, double y1, double x2, double y2)
            {
                double dx = x2 - x1, dy = y2 - y1;
                return Math.Sqrt(dx * dx + dy * dy);
            }

            [ScalarFunction("geo_distance_fixed")]
            public static double DistanceFixed([FixedSize(2)] double[] p1, [FixedSize(2)] double[] p2) => Distance(p1[0], p1[1], p2[0], p2[1]);

            [ScalarFunction("geo_distance_list")]
            public static double DistanceList(double[] p1, double[] p2) => Distance(p1[0], p1[1], p2[0], p2[1]);

            [ScalarFunction("geo_distance_struct")]
            public static double DistanceStruct(LatLon p1, LatLon p2) => Distance(p1.Lat, p1.Lon, p2.Lat, p2.Lon);

            [ScalarFunction("geo_centroid_fixed")]
            public static LatLon CentroidFixed([FixedSize(2)] params double[][] points)
            {
                double x = 0, y = 0;
                foreach (var p in points) { x += p[0]; y += p[1]; }
                return new LatLon(x / points.Length, y / points.Length);
            }

            [ScalarFunction("geo_centroid_list")]
            public static LatLon CentroidList(params double[][] points)
            {
                double x = 0, y = 0;
                foreach (var p in points) { x += p[0]; y += p[1]; }
                return new LatLon(x / points.Length, y / points.Length);
            }

            [ScalarFunction("geo_centroid_struct")]
            public static LatLon CentroidStruct(params LatLon[] points)
            {
                double x = 0, y = 0;
                foreach (var p in points) { x += p.Lat; y += p.Lon; }
                return new LatLon(x / points.Length, y / points.Length);
            }

            [ScalarFunction]
            [return: FixedSize(2)]
            public static double[]? Midpoint([FixedSize(2)] double[]? a, [FixedSize(2)] double[] b) =>
                a is null ? null : [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

            [ScalarFunction]
            [return: FixedSize(3)]
            public static long[] Repeat(long value, int count)
            {
                var result = new long[count];
                Array.Fill(result, value);
                return result;
            }

            [ScalarFunction]
            public static LatLon? Swap(LatLon? point) => point is { } p ? new LatLon(p.Lon, p.Lat) : null;

            [ScalarFunction]
            public static PacketConfig Config(string? label, long? version) => new(label, version);
        }
        """;

    internal static readonly Microsoft.CodeAnalysis.IIncrementalGenerator[] Generators = [new FunctionGenerator(), new RecordGenerator()];

    [Theory]
    [InlineData("Sample_Fixtures_HashSeed.ScalarFunction.g.cs")]
    [InlineData("Sample_Fixtures_Bernoulli.ScalarFunction.g.cs")]
    [InlineData("Sample_Fixtures_BinaryPacket.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_DistanceFixed.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_DistanceStruct.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_CentroidFixed.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_CentroidList.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_CentroidStruct.ScalarFunction.g.cs")]
    [InlineData("Sample_Geo_Midpoint.ScalarFunction.g.cs")]
    public void EmittedSourceMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(Generators, Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("Shapes." + hintName, sources[hintName]);
    }
}
