using System.Numerics;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>An integer pair row of <c>make_pairs</c>.</summary>
internal readonly record struct IntegerPair(long? A, long? B);

/// <summary>A string pair row of <c>make_pairs</c>.</summary>
internal readonly record struct StringPair(string? A, string? B);

/// <summary>A mixed pair row of <c>make_pairs</c>.</summary>
internal readonly record struct MixedPair(long? A, string? B);

/// <summary>
/// The overloaded generators of fixtures.md §2.4.1: five <c>make_series</c> and three
/// <c>make_pairs</c> overloads, told apart by their argument count and types. Each returns a
/// single <c>value</c> column (<c>make_series</c>) or an <c>a, b</c> pair.
/// </summary>
internal static class Series
{
    [TableFunction("make_series", Description = "Generate integers from 0 to count-1", ProjectionPushdown = false, BatchSize = 1024)]
    public static IEnumerable<long?> MakeSeriesCount([Min(0)] long count)
    {
        for (long i = 0; i < count; i++) yield return i;
    }

    [TableFunction("make_series", Description = "Generate integers from start to stop-1", ProjectionPushdown = false, BatchSize = 1024)]
    public static IEnumerable<long?> MakeSeriesRange(long start, long stop)
    {
        for (long i = start; i < stop; i++) yield return i;
    }

    [TableFunction("make_series", Description = "Generate integers from start to stop-1 with step", ProjectionPushdown = false, BatchSize = 1024)]
    public static IEnumerable<long?> MakeSeriesStep(long start, long stop, [Min(1)] long step)
    {
        // Python's range(start, stop, step): stop as soon as the next value would pass stop (no wrap-around).
        for (long i = start; i < stop; i += step)
        {
            yield return i;
            if (i > long.MaxValue - step) yield break;
        }
    }

    [TableFunction("make_series", Description = "Parse comma-separated integers into rows", ProjectionPushdown = false, BatchSize = 1024)]
    public static IEnumerable<long?> MakeSeriesValues(string values)
    {
        // Parsed eagerly (at init), like Python's list comprehension: a bad piece fails the call before any row.
        var parsed = new List<long?>();
        foreach (string piece in values.Split(',')) parsed.Add(ParseInt(piece.Trim()));
        return parsed;
    }

    /// <summary>Python <c>int(piece)</c>; a value outside BIGINT fails like pyarrow building the int64 column.</summary>
    private static long ParseInt(string piece)
    {
        BigInteger value;
        try
        {
            value = PyText.ParseInt(piece);
        }
        catch (FormatException e)
        {
            throw HandWritten.ValueError(e.Message);
        }
        if (value < long.MinValue || value > long.MaxValue) throw new RpcException("OverflowError", "Python int too large to convert to C long");
        return (long)value;
    }

    [TableFunction("make_series", Description = "Generate 10 float values with given step size", ProjectionPushdown = false)]
    public static IEnumerable<double?> MakeSeriesFloat(double step)
    {
        for (int i = 0; i < 10; i++) yield return i * step;
    }

    [TableFunction("make_pairs", Description = "Generate integer pairs (i, i*2)", ProjectionPushdown = false)]
    public static IEnumerable<IntegerPair> MakePairsIntegers(long start, long stop)
    {
        for (long i = start; i < stop; i++) yield return new IntegerPair(i, unchecked(i * 2));
    }

    [TableFunction("make_pairs", Description = "Generate string pairs with prefix and suffix", ProjectionPushdown = false)]
    public static IEnumerable<StringPair> MakePairsStrings(string prefix, string suffix)
    {
        for (int i = 0; i < 5; i++) yield return new StringPair(prefix + i, suffix + i);
    }

    [TableFunction("make_pairs", Description = "Generate mixed int/string pairs", ProjectionPushdown = false)]
    public static IEnumerable<MixedPair> MakePairsMixed(long start, string label)
    {
        for (int i = 0; i < 5; i++) yield return new MixedPair(unchecked(start + i), label + i);
    }
}
