using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// Attribute options beyond the basics: table catalog/planner options, argument checks, [RowCount],
/// a fixed Cardinality, [BatchSize], the statistics and validation hooks, output field metadata, and scalar null
/// handling / required settings and secrets.
/// </summary>
public class FunctionOptionsTests
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using Vgi;
        using Vgi.Functions;

        namespace Sample;

        public sealed record Reading(
            [PartitionColumn] string Region,
            [RowId] long RowId,
            [ArrowField(Metadata = ["unit", "celsius"])] double Value)
        {
            [ArrowField(Metadata = ["note", ""])]
            public string? Note { get; init; }
        }

        public readonly record struct Point(long X, [PartitionColumn] long Y);

        public static class Catalog
        {
            /// <summary>Readings of a region.</summary>
            [TableFunction(ProjectionPushdown = false, SamplingPushdown = true, LateMaterialization = true, ExpressionFilters = ["starts_with", "contains"],
                Order = ScanOrder.FixedOrder, SupportsBatchIndex = true, Partitioning = ScanPartitioning.SingleValue,
                Categories = ["weather"], Tags = ["owner", "ops", "tier", "gold"], RequiredSettings = ["api_url"], RequiredSecrets = ["s3"],
                Statistics = nameof(ReadingStatistics))]
            public static IEnumerable<Reading> Readings(
                [RowCount, Min(0)] long count,
                [OneOf("north", "south")] string region,
                [GreaterThan(0.5)] double? scale = null,
                [Min(-10), GreaterThan(0)] int step = 1,
                [OneOf("fast", "exact")] string? mode = "fast")
            {
                for (long i = 0; i < count; i++) yield return new Reading(region, i, i * (scale ?? 1.0) * step) { Note = mode };
            }

            public static IEnumerable<ColumnStatistics>? ReadingStatistics(long count, string region, double? scale, int step, string? mode) =>
                count == 0 ? null : [new ColumnStatistics("row_id", null, null, HasNull: false)];

            [TableFunction(Order = ScanOrder.NoOrderGuarantee, Partitioning = ScanPartitioning.Disjoint)]
            public static IEnumerable<Point> Points([RowCount, Min(1.0)] uint count)
            {
                for (long i = 0; i < count; i++) yield return new Point(i, i / 10);
            }

            /// <summary>Always 10000 rows.</summary>
            [TableFunction(Cardinality = 10000, BatchSize = 1000)]
            public static IEnumerable<long> TenThousand()
            {
                for (long i = 0; i < 10000; i++) yield return i;
            }

            [TableFunction(BatchSize = 1000)]
            public static IEnumerable<long> Chunked([RowCount, Min(0)] long count, [BatchSize, Min(1)] long batchSize = 1000)
            {
                for (long i = 0; i < count; i++) yield return i;
            }

            [TableFunction]
            public static IEnumerable<long> Sized(long count, [BatchSize] int? size = null)
            {
                for (long i = 0; i < count; i++) yield return i;
            }

            [TableFunction(Validate = nameof(CheckWindow))]
            public static IEnumerable<long> Window([Min(0)] long from, long to, [BatchSize] long batchSize = 100)
            {
                for (long i = from; i < to; i++) yield return i;
            }

            public static void CheckWindow(long from, long to, long batchSize)
            {
                if (to < from) throw new TableBindException("Argument 'to' is before 'from'.");
                if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), "batch_size must be positive");
            }

            [ScalarFunction(NullHandling = NullHandlingMode.Special, RequiredSettings = ["api_url"], RequiredSecrets = ["s3", "http"])]
            public static long Lookup(long key) => key;

            [ScalarFunction(NullHandling = NullHandlingMode.Default)]
            public static long OrZero(long? value) => value ?? 0;
        }
        """;

    [Theory]
    [InlineData("Sample_Catalog_Readings.TableFunction.g.cs")]
    [InlineData("Sample_Catalog_Points.TableFunction.g.cs")]
    [InlineData("Sample_Catalog_TenThousand.TableFunction.g.cs")]
    [InlineData("Sample_Catalog_Chunked.TableFunction.g.cs")]
    [InlineData("Sample_Catalog_Window.TableFunction.g.cs")]
    [InlineData("Sample_Catalog_Lookup.ScalarFunction.g.cs")]
    [InlineData("Sample_Catalog_OrZero.ScalarFunction.g.cs")]
    public void EmittedSourceMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("Options." + hintName, sources[hintName]);
    }
}
