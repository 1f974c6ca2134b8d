using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.TableFixtures.TableCalls;

namespace Vgi.Conformance.FixtureTests.TableFixtures;

/// <summary>
/// <c>catalog_schema_contents_functions(TABLE_FUNCTION, main)</c> of catalog <c>example</c> lists the
/// generators and scans of fixtures.md §2.4.1 and §2.4.5 with their exact metadata.
/// </summary>
public sealed class RegistrationTests
{
    private static readonly string[] Generators =
    [
        "sequence", "double_sequence", "ten_thousand", "partitioned_sequence", "partitioned_preserves_order",
        "partitioned_no_order_guarantee", "partitioned_fixed_order", "make_series", "make_pairs", "repeat_value",
        "constant_columns", "named_params_echo", "nested_sequence", "projected_data", "rowid_sequence",
        "generator_exception", "logging_generator", "typed_probe", "tx_cached_value", "slow_cancellable", "profiling_demo",
    ];

    private static readonly string[] Scans =
    [
        "versioned_data_scan", "versioned_constraints_scan", "tt_pushdown_scan", "tt_pushdown_cols_scan", "colors_scan",
        "departments_scan", "employees_scan", "products_scan", "projects_scan", "rff_simple_scan", "rff_struct_scan",
        "rff_nested_scan", "rff_multi_scan", "rff_none_scan", "rff_rowid_scan",
    ];

    private static async Task<List<FunctionInfo>> TableFunctionsAsync()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        return [.. (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items];
    }

    private static string[] ArgumentNames(FunctionInfo f) => [.. f.Arguments.FieldsList.Select(a => a.Name)];

    [Fact]
    public async Task EveryGeneratorAndScan_IsListed_WithOverloadCounts()
    {
        var functions = await TableFunctionsAsync();
        var names = functions.Select(f => f.Name).ToList();
        foreach (string name in Generators.Concat(Scans)) Assert.Contains(name, names);
        Assert.Equal(5, names.Count(n => n == "make_series"));
        Assert.Equal(3, names.Count(n => n == "make_pairs"));
        Assert.Equal(2, names.Count(n => n == "repeat_value"));
        Assert.All(functions.Where(f => Generators.Contains(f.Name) || Scans.Contains(f.Name)), f =>
        {
            Assert.Equal(FunctionType.Table, f.FunctionType);
            Assert.Equal("main", f.SchemaName);
            Assert.False(f.SupportsBatchIndex);
            Assert.Equal(PartitionKind.NotPartitioned, f.PartitionKind);
        });
    }

    [Fact]
    public async Task Sequence_Metadata()
    {
        var f = Assert.Single(await TableFunctionsAsync(), f => f.Name == "sequence");
        Assert.Equal("Generates a sequence of integers from 0 to n-1", f.Description);
        Assert.Equal(["generator", "utility"], f.Categories);
        Assert.Equal(new Dictionary<string, string> { ["category"] = "generator", ["type"] = "utility" }, f.Tags);
        Assert.True(f.ProjectionPushdown);
        Assert.True(f.FilterPushdown);
        Assert.Equal(OrderPreservation.PreservesOrder, f.OrderPreservation);
        Assert.Equal(["count", "batch_size", "increment"], ArgumentNames(f));
        Assert.All(f.Arguments.FieldsList, a => Assert.Equal(ArrowTypeId.Int64, a.DataType.TypeId));
        Assert.Null(Meta(f.Arguments.FieldsList[0], "vgi_arg"));
        Assert.Equal("named", Meta(f.Arguments.FieldsList[1], "vgi_arg"));
        Assert.Equal("named", Meta(f.Arguments.FieldsList[2], "vgi_arg"));
    }

    [Fact]
    public async Task RepresentativeFlags_Categories_Tags_AndArguments()
    {
        var functions = await TableFunctionsAsync();
        FunctionInfo One(string name) => Assert.Single(functions, f => f.Name == name);

        var doubles = One("double_sequence");
        Assert.Equal("Generates a sequence of floating-point numbers from 0 to n-1", doubles.Description);
        Assert.NotEqual(true, doubles.ProjectionPushdown);
        Assert.NotEqual(true, doubles.FilterPushdown);
        Assert.Equal(ArrowTypeId.Double, doubles.Arguments.FieldsList[2].DataType.TypeId);

        var fixedOrder = One("partitioned_fixed_order");
        Assert.Equal("Multi-worker partitioned sequence; preserves_order=FIXED_ORDER (DuckDB serializes the pipeline so a single worker produces all rows).", fixedOrder.Description);
        Assert.Equal(OrderPreservation.FixedOrder, fixedOrder.OrderPreservation);
        Assert.Equal(99999, fixedOrder.MaxWorkers);
        Assert.Equal(OrderPreservation.NoOrderGuarantee, One("partitioned_no_order_guarantee").OrderPreservation);
        Assert.Equal(["generator", "utility"], One("partitioned_sequence").Categories);

        var echo = One("named_params_echo");
        Assert.Equal(["generator", "testing"], echo.Categories);
        Assert.Equal(new Dictionary<string, string> { ["category"] = "testing", ["type"] = "params" }, echo.Tags);
        Assert.Equal(["count", "enabled", "greeting", "multiplier", "scale"], ArgumentNames(echo));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.Boolean, ArrowTypeId.String, ArrowTypeId.Int64, ArrowTypeId.Double],
            echo.Arguments.FieldsList.Select(a => a.DataType.TypeId));

        var nested = One("nested_sequence");
        Assert.Equal(["generator", "utility", "testing"], nested.Categories);
        Assert.Equal(new Dictionary<string, string> { ["category"] = "generator", ["type"] = "testing" }, nested.Tags);

        var failing = One("generator_exception");
        Assert.Equal("Raises an exception after N batches for testing", failing.Description);
        Assert.Equal(["testing"], failing.Categories);
        Assert.Equal(new Dictionary<string, string> { ["category"] = "testing", ["type"] = "error-handling" }, failing.Tags);
        Assert.Equal(["fail_after"], ArgumentNames(failing));

        var constants = One("constant_columns");
        Assert.Equal(["count", "values"], ArgumentNames(constants));
        Assert.Equal("any", Meta(constants.Arguments.FieldsList[1], "vgi_type"));
        Assert.Equal("true", Meta(constants.Arguments.FieldsList[1], "vgi_varargs"));

        var repeats = functions.Where(f => f.Name == "repeat_value").ToList();
        Assert.Equal(["Repeat integer values for N rows", "Repeat string values for N rows"], repeats.Select(f => f.Description).Order(StringComparer.Ordinal));
        Assert.All(repeats, f => Assert.Equal("true", Meta(f.Arguments.FieldsList[1], "vgi_varargs")));

        var rowIds = One("rowid_sequence");
        Assert.Equal("Sequence with row_id column", rowIds.Description);
        Assert.True(rowIds.ProjectionPushdown);
        Assert.Equal(["count", "layout", "row_id_type"], ArgumentNames(rowIds));

        var typed = One("typed_probe");
        Assert.Equal(["n", "blob", "f", "iv", "ts", "ub"], ArgumentNames(typed));
        Assert.Equal([ArrowTypeId.Int64, ArrowTypeId.Binary, ArrowTypeId.Double, ArrowTypeId.Duration, ArrowTypeId.Timestamp, ArrowTypeId.UInt64],
            typed.Arguments.FieldsList.Select(a => a.DataType.TypeId));

        var tx = One("tx_cached_value");
        Assert.Equal("Return a value cached per (transaction_opaque_data, key) via transaction_storage.", tx.Description);
        Assert.Equal(["test", "transaction-storage"], tx.Categories);
        Assert.Equal(new Dictionary<string, string> { ["category"] = "test" }, tx.Tags);

        Assert.Equal(["probe_path", "count", "sleep_ms"], ArgumentNames(One("slow_cancellable")));
        Assert.Equal(["test"], One("slow_cancellable").Categories);
        Assert.Equal("Sequence generator publishing diagnostics under EXPLAIN ANALYZE", One("profiling_demo").Description);

        var makeSeries = functions.Where(f => f.Name == "make_series").Select(f => f.Description).Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "Generate 10 float values with given step size",
            "Generate integers from 0 to count-1",
            "Generate integers from start to stop-1",
            "Generate integers from start to stop-1 with step",
            "Parse comma-separated integers into rows",
        ], makeSeries);

        var tt = One("tt_pushdown_scan");
        Assert.Equal("Function-backed time-travel + filter-pushdown scan (reads AT at init).", tt.Description);
        Assert.Equal(["generator", "diagnostic", "testing"], tt.Categories);
        Assert.True(tt.FilterPushdown);
        Assert.True(tt.ProjectionPushdown);
        Assert.Equal(["version"], ArgumentNames(One("tt_pushdown_cols_scan")));
        Assert.Equal(["generator", "testing"], One("versioned_data_scan").Categories);
        Assert.Equal("Scan colors table (ENUM column)", One("colors_scan").Description);
        Assert.NotEqual(true, One("colors_scan").ProjectionPushdown);
        Assert.Equal("rff_rowid — row_id virtual column + bbox.* required filters", One("rff_rowid_scan").Description);
        Assert.True(One("rff_rowid_scan").FilterPushdown);
    }
}
