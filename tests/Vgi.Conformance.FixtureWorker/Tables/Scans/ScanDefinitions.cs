using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Scans;

/// <summary>
/// The hand-written scan definitions of fixtures.md §2.4.5 (the flat static scans and
/// <c>tt_pushdown_cols_scan</c> are [TableFunction] methods): version-dependent schemas, the AT
/// clause read at bind, struct columns and a row-id column.
/// </summary>
internal static class ScanDefinitions
{
    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        VersionedScans.VersionedData,
        VersionedScans.VersionedConstraints,
        TimeTravelScans.TtPushdownScan,
        StructScans.RffStruct,
        StructScans.RffNested,
        StructScans.RffMulti,
        StructScans.RffRowId,
    ];
}
