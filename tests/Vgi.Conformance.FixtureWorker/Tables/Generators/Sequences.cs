using Apache.Arrow;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>One <c>n BIGINT</c> row (nullable, as pyarrow declares it).</summary>
internal readonly record struct IntegerRow(long? N);

/// <summary>One <c>n DOUBLE</c> row.</summary>
internal readonly record struct DoubleRow(double? N);

/// <summary>
/// The sequence generators of fixtures.md §2.4.1: <c>sequence</c> and <c>double_sequence</c> follow
/// numpy <c>arange</c> per batch of <c>batch_size</c> (§6.5), so the rows are computed chunk by chunk
/// (a non-integral double increment can give a chunk one value more than its size, and int64
/// arithmetic wraps per chunk). <c>batch_size</c> is also [BatchSize], so the emitted batches hold
/// that many rows, as in Python.
/// </summary>
internal static class Sequences
{
    [TableFunction("sequence", Description = "Generates a sequence of integers from 0 to n-1",
        FilterPushdown = true, BatchSize = 1000,
        Categories = ["generator", "utility"], Tags = ["category", "generator", "type", "utility"],
        Statistics = nameof(SequenceStatistics))]
    public static IEnumerable<IntegerRow> Sequence([Min(0), RowCount] long count, [Min(1), BatchSize] long batchSize = 1000, [Min(1)] long increment = 1)
    {
        for (long start = 0; start < count; start += batchSize)
        {
            long size = Math.Min(batchSize, count - start);
            foreach (long value in NumpyArange.Arange(unchecked(start * increment), unchecked((start + size) * increment), increment))
                yield return new IntegerRow(value);
        }
    }

    /// <summary>Column <c>n</c>: 0 .. (count-1)×increment, no NULLs, count distinct values; none for an empty sequence.</summary>
    public static IEnumerable<ColumnStatistics>? SequenceStatistics(long count, long batchSize, long increment)
    {
        _ = batchSize;
        if (count <= 0) return null;
        return
        [
            new ColumnStatistics("n", Int64Value(0), Int64Value(unchecked((count - 1) * increment)), HasNull: false, HasNotNull: true) { DistinctCount = count },
        ];
    }

    [TableFunction("double_sequence", Description = "Generates a sequence of floating-point numbers from 0 to n-1",
        ProjectionPushdown = false, BatchSize = 1000,
        Categories = ["generator", "utility"], Tags = ["category", "generator", "type", "utility"],
        Statistics = nameof(DoubleSequenceStatistics))]
    public static IEnumerable<DoubleRow> DoubleSequence([Min(0), RowCount] long count, [Min(1), BatchSize] long batchSize = 1000, [GreaterThan(0.0)] double increment = 1.0)
    {
        for (long start = 0; start < count; start += batchSize)
        {
            long size = Math.Min(batchSize, count - start);
            foreach (double value in NumpyArange.Arange(start * increment, (start + size) * increment, increment))
                yield return new DoubleRow(value);
        }
    }

    /// <summary>Column <c>n</c>: 0.0 .. (count-1)×increment.</summary>
    public static IEnumerable<ColumnStatistics>? DoubleSequenceStatistics(long count, long batchSize, double increment)
    {
        _ = batchSize;
        if (count <= 0) return null;
        return
        [
            new ColumnStatistics("n", DoubleValue(0.0), DoubleValue((count - 1) * increment), HasNull: false, HasNotNull: true) { DistinctCount = count },
        ];
    }

    private static Int64Array Int64Value(long value) => new Int64Array.Builder().Append(value).Build();

    private static DoubleArray DoubleValue(double value) => new DoubleArray.Builder().Append(value).Build();

    [TableFunction("ten_thousand", Description = "Generates 10000 integers from 0 to 9999",
        ProjectionPushdown = false, BatchSize = 1000, Cardinality = 10_000, Categories = ["generator", "utility"])]
    public static IEnumerable<IntegerRow> TenThousand()
    {
        for (long i = 0; i < 10_000; i++) yield return new IntegerRow(i);
    }
}
