using Vgi;
using Vgi.Functions;

namespace Hello;

/// <summary>A row of <see cref="Tables.Planets"/>.</summary>
public sealed record Planet(string Name, long Moons, double RadiusKm, bool HasRings, DateOnly? Discovered);

/// <summary>Table functions: <c>SELECT * FROM hello.main.sequence(0, 10)</c>.</summary>
public static class Tables
{
    /// <summary>Integers from start (inclusive) to stop (exclusive), with a label.</summary>
    [TableFunction]
    public static IEnumerable<(long N, string Label)> Sequence(long start, long stop, long step = 1)
    {
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be positive");
        for (long i = start; i < stop; i += step) yield return (i, $"#{i}");
    }

    /// <summary>The planets of the solar system. WHERE filters are pushed down and applied by the worker.</summary>
    [TableFunction(FilterPushdown = true)]
    public static IEnumerable<Planet> Planets(TableScanContext scan)
    {
        // A source that could skip work would look at scan.Filters and scan.IsProjected(...) here.
        _ = scan;
        yield return new Planet("Mercury", 0, 2439.7, false, null);
        yield return new Planet("Venus", 0, 6051.8, false, null);
        yield return new Planet("Earth", 1, 6371.0, false, null);
        yield return new Planet("Mars", 2, 3389.5, false, null);
        yield return new Planet("Jupiter", 95, 69911, true, null);
        yield return new Planet("Saturn", 146, 58232, true, null);
        yield return new Planet("Uranus", 28, 25362, true, new DateOnly(1781, 3, 13));
        yield return new Planet("Neptune", 16, 24622, true, new DateOnly(1846, 9, 23));
    }
}
