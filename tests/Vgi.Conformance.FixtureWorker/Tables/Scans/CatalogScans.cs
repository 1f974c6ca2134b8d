namespace Vgi.Conformance.Fixtures.Tables.Scans;

internal readonly record struct ColorRow(long? Id, string? Color, string? HexCode);

internal readonly record struct DepartmentRow(long? Id, string? Name, double? Budget);

internal readonly record struct EmployeeRow(long? Id, string? Name, string? Email, long? DepartmentId);

internal readonly record struct ProductRow(long? Id, string? Name, long? Quantity, double? Price);

internal readonly record struct ProjectRow(long? DepartmentId, string? ProjectCode, string? Title);

internal readonly record struct PairRow(long? A, long? B);

/// <summary>The <c>STRUCT(a BIGINT, b BIGINT)</c> column of <c>rff_struct_scan</c> and <c>rff_multi_scan</c>.</summary>
[ArrowRecord]
internal sealed partial record AbStruct(long? A, long? B);

/// <summary>The <c>mid STRUCT(leaf BIGINT)</c> field of <c>rff_nested_scan</c>'s <c>wrapper</c>.</summary>
[ArrowRecord]
internal sealed partial record MidStruct(long? Leaf);

/// <summary>The <c>wrapper STRUCT(mid STRUCT(leaf BIGINT))</c> column of <c>rff_nested_scan</c>.</summary>
[ArrowRecord]
internal sealed partial record WrapperStruct(MidStruct? Mid);

/// <summary>The <c>bbox STRUCT(xmin, ymin, xmax, ymax FLOAT)</c> column of <c>rff_rowid_scan</c>.</summary>
[ArrowRecord]
internal sealed partial record BboxStruct(float? Xmin, float? Ymin, float? Xmax, float? Ymax);

internal readonly record struct StructOtherRow(AbStruct? S, long? Other);

internal readonly record struct WrapperRow(WrapperStruct? Wrapper);

internal readonly record struct StructTopRow(AbStruct? S, long? Top);

/// <summary>An <c>rff_rowid_scan</c> row: <c>row_id</c> carries <c>is_row_id</c>.</summary>
internal readonly record struct RowIdBboxRow([RowId] long? RowId, BboxStruct? Bbox, long? Other);

/// <summary>
/// The static scans behind the catalog tables of schema <c>data</c> (fixtures.md §2.4.5): each
/// answers its whole table in one batch, with no pushdown (DuckDB filters and projects above them),
/// except <c>rff_rowid_scan</c> (projection and filter pushdown: only the projected columns are
/// written, and the worker applies the pushed filters).
/// </summary>
internal static class CatalogScans
{
    [TableFunction("colors_scan", Description = "Scan colors table (ENUM column)", ProjectionPushdown = false)]
    public static IEnumerable<ColorRow> ColorsScan() =>
    [
        new(1, "blue", "#0000FF"),
        new(2, "green", "#00FF00"),
        new(3, "red", "#FF0000"),
    ];

    [TableFunction("departments_scan", Description = "Scan departments table", ProjectionPushdown = false)]
    public static IEnumerable<DepartmentRow> DepartmentsScan() =>
    [
        new(1, "Engineering", 500000.0),
        new(2, "Sales", 300000.0),
        new(3, "HR", 200000.0),
    ];

    [TableFunction("employees_scan", Description = "Scan employees table", ProjectionPushdown = false)]
    public static IEnumerable<EmployeeRow> EmployeesScan() =>
    [
        new(1, "Alice", "alice@co.com", 1),
        new(2, "Bob", "bob@co.com", 1),
        new(3, "Carol", "carol@co.com", 2),
        new(4, "Dave", "dave@co.com", 2),
        new(5, "Eve", "eve@co.com", 3),
    ];

    [TableFunction("products_scan", Description = "Scan products table", ProjectionPushdown = false)]
    public static IEnumerable<ProductRow> ProductsScan() =>
    [
        new(1, "Widget", 100, 9.99),
        new(2, "Gadget", 50, 24.99),
        new(3, "Doohickey", 200, 4.99),
    ];

    [TableFunction("projects_scan", Description = "Scan projects table", ProjectionPushdown = false)]
    public static IEnumerable<ProjectRow> ProjectsScan() =>
    [
        new(1, "P001", "Backend API"),
        new(1, "P002", "Frontend UI"),
        new(2, "P003", "Sales Portal"),
    ];

    [TableFunction("rff_simple_scan", Description = "rff_simple — flat columns (a, b) for required_field_filter_paths tests", ProjectionPushdown = false)]
    public static IEnumerable<PairRow> RffSimpleScan() => SimplePairs;

    [TableFunction("rff_none_scan", Description = "rff_none — control table with no required_field_filter_paths", ProjectionPushdown = false)]
    public static IEnumerable<PairRow> RffNoneScan() => SimplePairs;

    private static readonly PairRow[] SimplePairs = [new(1, 10), new(2, 20), new(3, 30)];

    [TableFunction("rff_struct_scan", Description = "rff_struct — STRUCT(s.a, s.b) + other for required_field_filter_paths tests", ProjectionPushdown = false)]
    public static IEnumerable<StructOtherRow> RffStructScan() =>
    [
        new(new(1, 10), 100),
        new(new(2, 20), 200),
        new(new(3, 30), 300),
    ];

    [TableFunction("rff_nested_scan", Description = "rff_nested — nested STRUCT(wrapper.mid.leaf) for required_field_filter_paths tests", ProjectionPushdown = false)]
    public static IEnumerable<WrapperRow> RffNestedScan() =>
    [
        new(new(new(1))),
        new(new(new(2))),
        new(new(new(3))),
    ];

    [TableFunction("rff_multi_scan", Description = "rff_multi — top-level + struct subfield required paths", ProjectionPushdown = false)]
    public static IEnumerable<StructTopRow> RffMultiScan() =>
    [
        new(new(1, 10), 100),
        new(new(2, 20), 200),
    ];

    /// <summary><c>rff_rowid_scan()</c>: 10 rows, row_id i, bbox {xmin: i, ymin: 2, xmax: 3, ymax: 4}, other i×10.</summary>
    [TableFunction("rff_rowid_scan", Description = "rff_rowid — row_id virtual column + bbox.* required filters", FilterPushdown = true)]
    public static IEnumerable<RowIdBboxRow> RffRowIdScan()
    {
        for (int i = 0; i < 10; i++) yield return new(i, new(i, 2f, 3f, 4f), i * 10L);
    }
}
