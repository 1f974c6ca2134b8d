using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Scans;

internal readonly record struct ColorRow(long? Id, string? Color, string? HexCode);

internal readonly record struct DepartmentRow(long? Id, string? Name, double? Budget);

internal readonly record struct EmployeeRow(long? Id, string? Name, string? Email, long? DepartmentId);

internal readonly record struct ProductRow(long? Id, string? Name, long? Quantity, double? Price);

internal readonly record struct ProjectRow(long? DepartmentId, string? ProjectCode, string? Title);

internal readonly record struct PairRow(long? A, long? B);

/// <summary>
/// The static scans behind the catalog tables of schema <c>data</c> (fixtures.md §2.4.5): each
/// answers its whole table in one batch, with no pushdown (DuckDB filters and projects above them),
/// except <c>rff_rowid_scan</c>. The flat ones are attribute functions; the ones with struct columns
/// or a row-id column are hand-written (<see cref="StructScans"/>).
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
}

/// <summary>The <c>rff_*</c> scans with struct columns and the row-id scan, hand-written for their exact Arrow types.</summary>
internal static class StructScans
{
    private static readonly StructType AbStruct = new([HandWritten.Column("a", Int64Type.Default), HandWritten.Column("b", Int64Type.Default)]);
    private static readonly StructType MidStruct = new([HandWritten.Column("leaf", Int64Type.Default)]);
    private static readonly StructType WrapperStruct = new([HandWritten.Column("mid", MidStruct)]);

    private static readonly StructType BboxStruct = new([
        HandWritten.Column("xmin", FloatType.Default),
        HandWritten.Column("ymin", FloatType.Default),
        HandWritten.Column("xmax", FloatType.Default),
        HandWritten.Column("ymax", FloatType.Default),
    ]);

    public static TableFunctionDefinition RffStruct { get; } = Static("rff_struct_scan",
        "rff_struct — STRUCT(s.a, s.b) + other for required_field_filter_paths tests",
        HandWritten.Schema(HandWritten.Column("s", AbStruct), HandWritten.Column("other", Int64Type.Default)),
        schema => HandWritten.Batch(schema, 3,
            HandWritten.Struct(AbStruct, 3, HandWritten.Longs([1, 2, 3]), HandWritten.Longs([10, 20, 30])),
            HandWritten.Longs([100, 200, 300])));

    public static TableFunctionDefinition RffNested { get; } = Static("rff_nested_scan",
        "rff_nested — nested STRUCT(wrapper.mid.leaf) for required_field_filter_paths tests",
        HandWritten.Schema(HandWritten.Column("wrapper", WrapperStruct)),
        schema => HandWritten.Batch(schema, 3,
            HandWritten.Struct(WrapperStruct, 3, HandWritten.Struct(MidStruct, 3, HandWritten.Longs([1, 2, 3])))));

    public static TableFunctionDefinition RffMulti { get; } = Static("rff_multi_scan",
        "rff_multi — top-level + struct subfield required paths",
        HandWritten.Schema(HandWritten.Column("s", AbStruct), HandWritten.Column("top", Int64Type.Default)),
        schema => HandWritten.Batch(schema, 2,
            HandWritten.Struct(AbStruct, 2, HandWritten.Longs([1, 2]), HandWritten.Longs([10, 20])),
            HandWritten.Longs([100, 200])));

    private static readonly Schema RowIdOutput = HandWritten.Schema(
        new Field("row_id", Int64Type.Default, true, [new KeyValuePair<string, string>("is_row_id", "")]),
        HandWritten.Column("bbox", BboxStruct),
        HandWritten.Column("other", Int64Type.Default));

    /// <summary>
    /// <c>rff_rowid_scan()</c>: 10 rows, row_id i, bbox {xmin: i, ymin: 2, xmax: 3, ymax: 4}, other i×10;
    /// projection and filter pushdown (only the projected columns are built; the worker applies the filters).
    /// </summary>
    public static TableFunctionDefinition RffRowId { get; } = new()
    {
        Name = "rff_rowid_scan",
        Description = "rff_rowid — row_id virtual column + bbox.* required filters",
        Arguments = HandWritten.Schema(),
        FilterPushdown = true,
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 0, "rff_rowid_scan()");
            TableArguments.ExpectNamed(context.Arguments, [], "rff_rowid_scan()");
            return new TableBinding(RowIdOutput, scan => new BatchesScan([RowIdBatch(scan)]), 0);
        },
    };

    private static RecordBatch RowIdBatch(TableScanContext scan)
    {
        const int rows = 10;
        long[] ids = [.. Enumerable.Range(0, rows).Select(i => (long)i)];
        return HandWritten.Project(scan, rows, index => index switch
        {
            0 => HandWritten.Longs(ids),
            1 => HandWritten.Struct(BboxStruct, rows,
                ArrowWrite.Float32(ids.Select(i => (float)i).ToArray()),
                ArrowWrite.Float32(Enumerable.Repeat(2f, rows).ToArray()),
                ArrowWrite.Float32(Enumerable.Repeat(3f, rows).ToArray()),
                ArrowWrite.Float32(Enumerable.Repeat(4f, rows).ToArray())),
            _ => HandWritten.Longs(ids.Select(i => i * 10)),
        });
    }

    /// <summary>A no-argument, no-pushdown scan answering one prepared batch.</summary>
    private static TableFunctionDefinition Static(string name, string description, Schema output, Func<Schema, RecordBatch> batch)
    {
        return new TableFunctionDefinition
        {
            Name = name,
            Description = description,
            Arguments = HandWritten.Schema(),
            ProjectionPushdown = false,
            Bind = context =>
            {
                TableArguments.ExpectPositional(context.Arguments, 0, name + "()");
                TableArguments.ExpectNamed(context.Arguments, [], name + "()");
                return new TableBinding(output, _ => new BatchesScan([batch(output)]), 0);
            },
        };
    }
}
