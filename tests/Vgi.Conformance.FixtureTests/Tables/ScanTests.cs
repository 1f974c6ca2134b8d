using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.TableFixtures.TableCalls;
using Requests = Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.TableFixtures;

/// <summary>
/// The time-travel and static catalog scans of fixtures.md §2.4.5 end to end over the fixture
/// worker's pipe: version-dependent schemas and errors, the AT clause read at init, the pushed-filter
/// echo of the <c>tt_*</c> scans, and the rows of every static scan.
/// </summary>
public sealed class ScanTests
{
    private static WorkerClient Start() => WorkerProcess.Fixture.Start();

    [Fact]
    public async Task VersionedDataScan_SchemaPerVersion_AndUnknownVersion()
    {
        await using var w = Start();
        var (v1, _, rows1) = await ScanAsync(w, Requests.Table("versioned_data_scan", [Calls.I64(1)]));
        Assert.Equal(["id"], Names(v1.OutputSchema));
        Assert.Equal([1L, 2L, 3L], Requests.Longs(rows1, "id"));

        var (v2, _, rows2) = await ScanAsync(w, Requests.Table("versioned_data_scan", [Calls.I64(2)]));
        Assert.Equal(["id", "name", "score", "active"], Names(v2.OutputSchema));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.String, ArrowTypeId.Double, ArrowTypeId.Boolean], TypeIds(v2.OutputSchema));
        Assert.Equal(["alice", "bob", "carol", "dave", "eve"], Requests.Strings(rows2, "name"));
        Assert.Equal(new double?[] { 10, 20, 30, 40, 50 }, Doubles(rows2, "score"));
        var active = (BooleanArray)Column(rows2, "active");
        Assert.Equal(new bool?[] { true, false, true, false, true }, Enumerable.Range(0, 5).Select(i => active.GetValue(i)));

        var (v3, _, rows3) = await ScanAsync(w, Requests.Table("versioned_data_scan", [Calls.I64(3)]));
        Assert.Equal(["id", "score"], Names(v3.OutputSchema));
        Assert.Equal(new double?[] { 15, 25, 35, 45 }, Doubles(rows3, "score"));

        var unknown = await BindErrorAsync(w, Requests.Table("versioned_data_scan", [Calls.I64(4)]));
        Assert.Equal("ValueError", unknown.TypeName);
        Assert.Contains("Unknown version: 4. Valid versions: [1, 2, 3]", unknown.Message);
    }

    [Fact]
    public async Task VersionedConstraintsScan_AddsColumnsPerVersion()
    {
        await using var w = Start();
        var (v1, _, rows1) = await ScanAsync(w, Requests.Table("versioned_constraints_scan", [Calls.I64(1)]));
        Assert.Equal(["id", "name"], Names(v1.OutputSchema));
        Assert.Equal(["Alice", "Bob"], Requests.Strings(rows1, "name"));

        var (v3, _, rows3) = await ScanAsync(w, Requests.Table("versioned_constraints_scan", [Calls.I64(3)]));
        Assert.Equal(["id", "name", "email", "department_id"], Names(v3.OutputSchema));
        Assert.Equal(["a@co", "b@co", "c@co"], Requests.Strings(rows3, "email"));
        Assert.Equal([1L, 2L, 1L], Requests.Longs(rows3, "department_id"));

        var unknown = await BindErrorAsync(w, Requests.Table("versioned_constraints_scan", [Calls.I64(0)]));
        Assert.Contains("Unknown version: 0", unknown.Message);
    }

    [Fact]
    public async Task TtPushdownScan_ReadsTheAtClause_AndEchoesFilters()
    {
        await using var w = Start();
        var current = Requests.Table("tt_pushdown_scan", []);
        var (bound, _, rows) = await ScanAsync(w, current);
        Assert.Equal(["id", "val", "seen_version", "pushed_filters"], Names(bound.OutputSchema));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Requests.Longs(rows, "id"));
        Assert.All(Requests.Longs(rows, "seen_version"), v => Assert.Equal(2, v));
        Assert.All(Requests.Strings(rows, "pushed_filters"), f => Assert.Equal("(none)", f));

        var v1 = current with { AtUnit = "VERSION", AtValue = "1" };
        var (_, _, old) = await ScanAsync(w, v1);
        Assert.Equal([1L, 2L, 3L, 4L, 5L], Requests.Longs(old, "id"));
        Assert.Equal([10L, 20L, 30L, 40L, 50L], Requests.Longs(old, "val"));
        Assert.All(Requests.Longs(old, "seen_version"), v => Assert.Equal(1, v));

        var (_, _, byTime) = await ScanAsync(w, current with { AtUnit = "TIMESTAMP", AtValue = "2020-06-01 00:00:00" });
        Assert.Equal(5, byTime.Sum(b => b.Batch.Length));

        // WHERE id > 3 (id is column 0): pruned by the worker, echoed in SQL-like text.
        var filter = Requests.Filter($"[{Requests.Compare("id", "gt", columnIndex: 0)}]", Calls.I64(3));
        var (_, _, filtered) = await ScanAsync(w, v1, projection: [0, 3], filters: filter);
        Assert.Equal([4L, 5L], Requests.Longs(filtered, "id"));
        Assert.All(Requests.Strings(filtered, "pushed_filters"), f => Assert.Equal("id > 3", f));

        var unknown = await BindErrorAsync(w, current with { AtUnit = "VERSION", AtValue = "7" });
        Assert.Contains("Unknown version 7; valid: [1, 2]", unknown.Message);
        var unit = await BindErrorAsync(w, current with { AtUnit = "SNAPSHOT", AtValue = "1" });
        Assert.Contains("Unsupported at_unit: 'SNAPSHOT'", unit.Message);
    }

    [Fact]
    public async Task TtPushdownColsScan_VersionArgument_ProjectionAndFilters()
    {
        await using var w = Start();
        var filter = Requests.Filter($"[{Requests.Compare("val", "le", columnIndex: 1)}]", Calls.I64(30));
        var (_, stream, rows) = await ScanAsync(w, Requests.Table("tt_pushdown_cols_scan", [Calls.I64(2)]), projection: [1, 3], filters: filter);
        Assert.Equal(["val", "pushed_filters"], Names(stream.OutputSchema!));
        Assert.Equal([10L, 20L, 30L], Requests.Longs(rows, "val"));
        Assert.All(Requests.Strings(rows, "pushed_filters"), f => Assert.Equal("val <= 30", f));

        var (_, _, v1) = await ScanAsync(w, Requests.Table("tt_pushdown_cols_scan", [Calls.I64(1)]));
        Assert.Equal(5, v1.Sum(b => b.Batch.Length));
    }

    [Fact]
    public async Task StaticScans_AnswerTheirTables()
    {
        await using var w = Start();
        var (_, _, colors) = await ScanAsync(w, Requests.Table("colors_scan", []));
        Assert.Equal(["blue", "green", "red"], Requests.Strings(colors, "color"));
        Assert.Equal(["#0000FF", "#00FF00", "#FF0000"], Requests.Strings(colors, "hex_code"));

        var (_, _, departments) = await ScanAsync(w, Requests.Table("departments_scan", []));
        Assert.Equal(["Engineering", "Sales", "HR"], Requests.Strings(departments, "name"));
        Assert.Equal(new double?[] { 500000.0, 300000.0, 200000.0 }, Doubles(departments, "budget"));

        var (employeesBound, _, employees) = await ScanAsync(w, Requests.Table("employees_scan", []));
        Assert.Equal(["id", "name", "email", "department_id"], Names(employeesBound.OutputSchema));
        Assert.Equal(["alice@co.com", "bob@co.com", "carol@co.com", "dave@co.com", "eve@co.com"], Requests.Strings(employees, "email"));
        Assert.Equal([1L, 1L, 2L, 2L, 3L], Requests.Longs(employees, "department_id"));

        var (_, _, products) = await ScanAsync(w, Requests.Table("products_scan", []));
        Assert.Equal(["Widget", "Gadget", "Doohickey"], Requests.Strings(products, "name"));
        Assert.Equal([100L, 50L, 200L], Requests.Longs(products, "quantity"));
        Assert.Equal(new double?[] { 9.99, 24.99, 4.99 }, Doubles(products, "price"));

        var (projectsBound, _, projects) = await ScanAsync(w, Requests.Table("projects_scan", []));
        Assert.Equal(["department_id", "project_code", "title"], Names(projectsBound.OutputSchema));
        Assert.Equal(["Backend API", "Frontend UI", "Sales Portal"], Requests.Strings(projects, "title"));

        foreach (string name in new[] { "rff_simple_scan", "rff_none_scan" })
        {
            var (_, _, pairs) = await ScanAsync(w, Requests.Table(name, []));
            Assert.Equal([1L, 2L, 3L], Requests.Longs(pairs, "a"));
            Assert.Equal([10L, 20L, 30L], Requests.Longs(pairs, "b"));
        }
    }

    [Fact]
    public async Task RffStructScans_NestedColumns_AndRowIdProjection()
    {
        await using var w = Start();
        var (structBound, _, structs) = await ScanAsync(w, Requests.Table("rff_struct_scan", []));
        Assert.Equal(["s", "other"], Names(structBound.OutputSchema));
        var s = (StructArray)Column(structs, "s");
        Assert.Equal([1L, 2L, 3L], Calls.Longs(s.Fields[0]));
        Assert.Equal([10L, 20L, 30L], Calls.Longs(s.Fields[1]));
        Assert.Equal([100L, 200L, 300L], Requests.Longs(structs, "other"));

        var (_, _, nested) = await ScanAsync(w, Requests.Table("rff_nested_scan", []));
        var wrapper = (StructArray)Column(nested, "wrapper");
        Assert.Equal([1L, 2L, 3L], Calls.Longs(((StructArray)wrapper.Fields[0]).Fields[0]));

        var (multiBound, _, multi) = await ScanAsync(w, Requests.Table("rff_multi_scan", []));
        Assert.Equal(["s", "top"], Names(multiBound.OutputSchema));
        Assert.Equal([100L, 200L], Requests.Longs(multi, "top"));

        var (rowIdBound, stream, rowIds) = await ScanAsync(w, Requests.Table("rff_rowid_scan", []), projection: [0, 2]);
        Assert.Equal(["row_id", "bbox", "other"], Names(rowIdBound.OutputSchema));
        Assert.Equal("", Meta(rowIdBound.OutputSchema.FieldsList[0], "is_row_id"));
        var bbox = Assert.IsType<StructType>(rowIdBound.OutputSchema.FieldsList[1].DataType);
        Assert.Equal(["xmin", "ymin", "xmax", "ymax"], bbox.Fields.Select(f => f.Name));
        Assert.All(bbox.Fields, f => Assert.Equal(ArrowTypeId.Float, f.DataType.TypeId));
        Assert.Equal(["row_id", "other"], Names(stream.OutputSchema!));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), Requests.Longs(rowIds, "row_id"));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => i * 10L), Requests.Longs(rowIds, "other"));

        var (_, _, boxes) = await ScanAsync(w, Requests.Table("rff_rowid_scan", []), projection: [1]);
        var box = (StructArray)Column(boxes, "bbox");
        Assert.Equal(9f, ((FloatArray)box.Fields[0]).GetValue(9));
        Assert.Equal(4f, ((FloatArray)box.Fields[3]).GetValue(0));
    }
}
