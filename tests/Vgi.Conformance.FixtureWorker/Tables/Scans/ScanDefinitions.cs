using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Scans;

/// <summary>
/// The hand-written scan definitions of fixtures.md §2.4.5 (the static scans and
/// <c>tt_pushdown_cols_scan</c> are [TableFunction] methods): version-dependent schemas and the AT
/// clause read at bind.
/// </summary>
internal static class ScanDefinitions
{
    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        VersionedScans.VersionedData,
        VersionedScans.VersionedConstraints,
        TimeTravelScans.TtPushdownScan,
    ];
}
