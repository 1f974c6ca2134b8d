using System.Numerics;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Filters;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Scans;

/// <summary>A row of the <c>tt_pushdown_*</c> scans.</summary>
internal readonly record struct TimeTravelRow(long? Id, long? Val, long? SeenVersion, string? PushedFilters);

/// <summary>
/// The scans behind <c>tt_pushdown_fn</c> and <c>tt_pushdown_cols</c> (fixtures.md §2.4.5, rule "tt"
/// of §2.6.3): ids 1..5 in version 1, 1..10 in version 2 (current), <c>val = id × 10</c>, the version
/// seen, and the SQL-like text of the pushed filters (§6.6.1), which the worker also applies.
/// </summary>
internal static class TimeTravelScans
{
    private const long CurrentVersion = 2;

    private static readonly Schema Output = HandWritten.Schema(
        HandWritten.Column("id", Int64Type.Default),
        HandWritten.Column("val", Int64Type.Default),
        HandWritten.Column("seen_version", Int64Type.Default),
        HandWritten.Column("pushed_filters", StringType.Default));

    /// <summary>
    /// <c>tt_pushdown_scan()</c>: the version comes from the AT clause of the bind request that
    /// <c>init</c> carries (the catalog's inline bind has none), so the definition is hand-written to
    /// read <see cref="TableBindContext.AtUnit"/> and <see cref="TableBindContext.AtValue"/>.
    /// </summary>
    public static TableFunctionDefinition TtPushdownScan { get; } = new()
    {
        Name = "tt_pushdown_scan",
        Description = "Function-backed time-travel + filter-pushdown scan (reads AT at init).",
        Arguments = HandWritten.Schema(),
        FilterPushdown = true,
        Categories = ["generator", "diagnostic", "testing"],
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 0, "tt_pushdown_scan()");
            TableArguments.ExpectNamed(context.Arguments, [], "tt_pushdown_scan()");
            long version = VersionAt(context.AtUnit, context.AtValue);
            return new TableBinding(Output, scan => new BatchesScan([Batch(scan, version)]), 0);
        },
    };

    [TableFunction("tt_pushdown_cols_scan", Description = "Columns-based time-travel + filter-pushdown scan (version via arg).",
        FilterPushdown = true, Categories = ["generator", "diagnostic", "testing"])]
    public static IEnumerable<TimeTravelRow> TtPushdownColsScan(long version, TableScanContext scan)
    {
        CheckVersion(version);
        // The echo is computed once, at stream start.
        string pushed = FilterText.Sql(scan.Filters);
        return Rows(version).Select(id => new TimeTravelRow(id, id * 10, version, pushed));
    }

    private static IEnumerable<long> Rows(long version) => Enumerable.Range(1, version == 1 ? 5 : 10).Select(i => (long)i);

    private static RecordBatch Batch(TableScanContext scan, long version)
    {
        string pushed = FilterText.Sql(scan.Filters);
        long[] ids = [.. Rows(version)];
        return HandWritten.Batch(Output, ids.Length,
            HandWritten.Longs(ids),
            HandWritten.Longs(ids.Select(id => id * 10)),
            HandWritten.Longs(ids.Select(_ => version)),
            HandWritten.Strings(ids.Select(_ => pushed)));
    }

    /// <summary>
    /// Rule "tt": no AT ⇒ current (2); <c>VERSION</c> ⇒ 1 or 2; <c>TIMESTAMP</c> ⇒ 1 up to year 2020,
    /// else 2; anything else is an error.
    /// </summary>
    internal static long VersionAt(string? unit, string? value)
    {
        if (unit is null && value is null) return CurrentVersion;
        if (unit is null || value is null) throw HandWritten.ValueError("at_unit and at_value must both be provided or both be None");
        switch (unit.ToUpperInvariant())
        {
            case "VERSION":
                long version = Int(value);
                CheckVersion(version);
                return version;
            case "TIMESTAMP":
                return Int(value.Length > 4 ? value[..4] : value) <= 2020 ? 1 : 2;
            default:
                throw HandWritten.ValueError($"Unsupported at_unit: {PyText.Repr(unit)}");
        }
    }

    private static void CheckVersion(long version)
    {
        if (version is not (1 or 2)) throw HandWritten.ValueError($"Unknown version {version}; valid: [1, 2]");
    }

    /// <summary>Python <c>int(text)</c>, failing with its ValueError text.</summary>
    private static long Int(string text)
    {
        BigInteger value;
        try
        {
            value = PyText.ParseInt(text);
        }
        catch (FormatException e)
        {
            throw HandWritten.ValueError(e.Message);
        }
        return value < long.MinValue ? long.MinValue : value > long.MaxValue ? long.MaxValue : (long)value;
    }
}
