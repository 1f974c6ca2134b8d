using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Protocol.FunctionStability;
using static Vgi.Protocol.NullHandling;
using static Vgi.Protocol.OrderPreservation;
using static Vgi.Protocol.PartitionKind;

namespace Vgi.Conformance.FixtureTests.Registration;

/// <summary>
/// Every scalar (fixtures.md §2.2, 41 rows) and table function (§2.4.1–§2.4.5, 72 rows) of catalog
/// <c>example</c> as <c>catalog_schema_contents_functions</c> lists it, compared field by field with a
/// transcription of the spec tables. One theory case per spec row, so each overload passes or fails
/// on its own and a failure lists every differing field.
/// </summary>
/// <remarks>
/// Transcription rules (fixtures.md §0.1, vgi-catalog.md §3.7.1, vgi-functions.md §3.8/§4.2):
/// <list type="bullet">
/// <item>Arguments are written as in the spec: <c>name TYPE</c> positional, <c>name TYPE C</c> constant
/// (<c>vgi_const=true</c>), <c>name TYPE ...</c> varargs (<c>vgi_varargs=true</c>), <c>name := TYPE</c>
/// named (<c>vgi_arg=named</c>); defaults and validation bounds are not part of FunctionInfo and are left
/// out. The expected field order is derived: positional in spec order, then named sorted by name.</item>
/// <item>Types are the DuckDB names of §0.1 mapped to Arrow (<see cref="TypeText"/> renders the actual
/// Arrow type the same way); <c>ANY</c> = Arrow null type with <c>vgi_type=any</c>. Argument field
/// metadata is compared exactly; nullability is not part of the spec and is not compared.</item>
/// <item>Defaults when a row says nothing (§0.1): stability CONSISTENT, null_handling DEFAULT,
/// order PRESERVES_ORDER, partition NOT_PARTITIONED, every pushdown flag false, supports_batch_index
/// false, has_finalize false, tags {}, categories [], supported_expression_filters [], required_settings
/// [], required_secrets [], max_workers 99999 (informational). <c>init1</c>, <c>fixed</c>,
/// <c>card=…</c>, <c>parallel</c> and statistics are runtime behaviour, not FunctionInfo.</item>
/// <item><see cref="Unclear"/> marks a field the spec row does not determine; it is not asserted.</item>
/// </list>
/// </remarks>
public sealed class FullRegistrationTests
{
    /// <summary>A field the spec row leaves undetermined: not asserted (listed in the report).</summary>
    private const string? Unclear = null;

    private const string GeoPoint = "STRUCT(lat DOUBLE, lon DOUBLE)";

    // ---------------------------------------------------------------------------------------------
    // §2.2 Scalar functions (41). Columns: SQL name, Arguments, Returns, Description (exact), Flags.
    // ---------------------------------------------------------------------------------------------
    private static readonly ScalarRow[] Scalars =
    [
        S("add_values", "col1 ANY, col2 ANY", "ANY", "Adds two numeric values"),
        S("any_mixed", "a ANY, b BIGINT", "VARCHAR", "Any+int dispatch"),
        S("any_mixed", "a ANY, b VARCHAR", "VARCHAR", "Any+str dispatch"),
        S("bernoulli", "", "BOOLEAN", "Generate random booleans (demonstrates VOLATILE stability)", stability: FunctionStability.Volatile),
        S("binary_packet", "header BLOB C, payload BLOB, config STRUCT(label VARCHAR, version BIGINT) C", "BLOB", "Build binary packets with header, payload, and config"),
        S("concat_values", "values BIGINT ...", "VARCHAR", "Sum integer varargs and return as string"),
        S("concat_values", "values VARCHAR ...", "VARCHAR", "Concatenate string varargs"),
        S("conditional_message", "repeat_count BIGINT C, message VARCHAR C, condition BOOLEAN", "VARCHAR", "Returns repeated message when condition is true"),
        S("double", "value ANY", "ANY", "Doubles numeric values"),
        S("format_number", "value DOUBLE", "VARCHAR", "Format number with default precision (0 decimals)"),
        S("format_number", "precision BIGINT C, value DOUBLE", "VARCHAR", "Format number with specified precision"),
        S("format_number", "precision BIGINT C, prefix VARCHAR C, value DOUBLE", "VARCHAR", "Format number with precision and prefix"),
        S("geo_centroid_fixed", "points DOUBLE[2] ...", GeoPoint, "Centroid of N fixed-size list points"),
        S("geo_centroid_list", "points DOUBLE[] ...", GeoPoint, "Centroid of N list points"),
        S("geo_centroid_struct", $"points {GeoPoint} ...", GeoPoint, "Centroid of N struct points"),
        S("geo_distance_fixed", "p1 DOUBLE[2], p2 DOUBLE[2]", "DOUBLE", "Euclidean distance between two fixed-size list points"),
        S("geo_distance_list", "p1 DOUBLE[], p2 DOUBLE[]", "DOUBLE", "Euclidean distance between two list points"),
        S("geo_distance_struct", $"p1 {GeoPoint}, p2 {GeoPoint}", "DOUBLE", "Euclidean distance between two struct points"),
        S("hash_seed", "seed BIGINT C", "BIGINT", "Generate deterministic integers from a constant seed"),
        S("multiply", "value BIGINT, factor BIGINT C", "BIGINT", "Multiplies a value by a constant factor"),
        S("multiply_by_setting", "value BIGINT", "BIGINT", "Multiply the input value by a setting value", settings: "multiplier"),
        S("null_handling", "value BIGINT", "BIGINT", "Returns value or -5000 if null", nulls: Special),
        S("pair_type", "a BIGINT, b BIGINT", "VARCHAR", "Return type pair name for int+int"),
        S("pair_type", "a VARCHAR, b VARCHAR", "VARCHAR", "Return type pair name for str+str"),
        S("pair_type", "a BIGINT, b VARCHAR", "VARCHAR", "Return type pair name for int+str"),
        S("random_bytes", "seed BIGINT C, byte_length BIGINT C", "BLOB", "Generate pseudo-random binary blobs from seed and length", stability: Consistent),
        S("random_int", "min_val BIGINT, max_val BIGINT", "BIGINT", "Generate random integers (demonstrates VOLATILE stability)", stability: FunctionStability.Volatile),
        S("return_secret_value", "", "VARCHAR", "Return a secret's value", secrets: "vgi_example"),
        S("scale_by_setting", "value DOUBLE", "DOUBLE", "Scale the input value by the float setting `scale_factor`", settings: "scale_factor"),
        S("secret_field", "", "VARCHAR", "Look up secret fields by name", secrets: "vgi_example"),
        S("smart_format", "width BIGINT C, value DOUBLE", "VARCHAR", "Right-align value in field of given width"),
        S("smart_format", "prefix VARCHAR C, value DOUBLE", "VARCHAR", "Prepend prefix to formatted value"),
        S("sum_values", "values ANY ...", "ANY", "Sum multiple numeric values"),
        S("type_info", "v INTEGER", "VARCHAR", "Return type name for int32 input"),
        S("type_info", "v BIGINT", "VARCHAR", "Return type name for int64 input"),
        S("type_info", "v UINTEGER", "VARCHAR", "Return type name for uint32 input"),
        S("type_info", "v UBIGINT", "VARCHAR", "Return type name for uint64 input"),
        S("type_info", "v VARCHAR", "VARCHAR", "Return type name for string input"),
        S("unnest_tensor", "tensor ANY", "ANY", "Invert nest_tensor: list of {value, axes} structs per cell"),
        S("upper_case", "value VARCHAR", "VARCHAR", "Converts string values to uppercase"),
        S("whoami", "x BIGINT", "VARCHAR", "Return the authenticated principal name."),
    ];

    // ---------------------------------------------------------------------------------------------
    // §2.4 Table functions (72). flags: proj filt sampling late batch_index (absent = false).
    // ---------------------------------------------------------------------------------------------
    private static readonly TableRow[] Tables =
    [
        // §2.4.1 Generators (28)
        T("sequence", "count BIGINT, batch_size := BIGINT, increment := BIGINT", "Generates a sequence of integers from 0 to n-1",
            flags: "proj filt", categories: "generator, utility", tags: "category: generator, type: utility"),
        T("double_sequence", "count BIGINT, batch_size := BIGINT, increment := DOUBLE", "Generates a sequence of floating-point numbers from 0 to n-1",
            categories: "generator, utility", tags: "category: generator, type: utility"),
        T("ten_thousand", "", "Generates 10000 integers from 0 to 9999", categories: "generator, utility"),
        T("partitioned_sequence", "count BIGINT, increment := BIGINT", "Generates a partitioned sequence for multi-worker execution", categories: "generator, utility"),
        T("partitioned_preserves_order", "count BIGINT", "Multi-worker partitioned sequence; preserves_order=PRESERVES_ORDER (maps to DuckDB INSERTION_ORDER).",
            order: PreservesOrder, categories: "generator, utility"),
        // Flags cell is only "order NO_ORDER_GUARANTEE" / "order FIXED_ORDER"; "same" covers arguments and
        // output schema, so whether the categories [generator, utility] of the rows above apply is unclear.
        T("partitioned_no_order_guarantee", "count BIGINT", "Multi-worker partitioned sequence; preserves_order=NO_ORDER_GUARANTEE (maps to DuckDB NO_ORDER).",
            order: NoOrderGuarantee, categories: Unclear, tags: Unclear),
        T("partitioned_fixed_order", "count BIGINT", "Multi-worker partitioned sequence; preserves_order=FIXED_ORDER (DuckDB serializes the pipeline so a single worker produces all rows).",
            order: FixedOrder, categories: Unclear, tags: Unclear),
        T("make_series", "count BIGINT", "Generate integers from 0 to count-1"),
        T("make_series", "start BIGINT, stop BIGINT", "Generate integers from start to stop-1"),
        T("make_series", "start BIGINT, stop BIGINT, step BIGINT", "Generate integers from start to stop-1 with step"),
        T("make_series", "values VARCHAR", "Parse comma-separated integers into rows"),
        T("make_series", "step DOUBLE", "Generate 10 float values with given step size"),
        T("make_pairs", "start BIGINT, stop BIGINT", "Generate integer pairs (i, i*2)"),
        T("make_pairs", "prefix VARCHAR, suffix VARCHAR", "Generate string pairs with prefix and suffix"),
        T("make_pairs", "start BIGINT, label VARCHAR", "Generate mixed int/string pairs"),
        T("repeat_value", "count BIGINT, values BIGINT ...", "Repeat integer values for N rows"),
        T("repeat_value", "count BIGINT, values VARCHAR ...", "Repeat string values for N rows"),
        T("constant_columns", "count BIGINT, values ANY ...", "Generates rows with constant values from varargs", categories: "generator, utility"),
        T("named_params_echo", "count BIGINT, greeting := VARCHAR, multiplier := BIGINT, scale := DOUBLE, enabled := BOOLEAN", "Echoes named parameter values in output columns",
            categories: "generator, testing", tags: "category: testing, type: params"),
        T("nested_sequence", "count BIGINT, batch_size := BIGINT, history_size := BIGINT", "Generates a sequence with nested struct and list columns",
            flags: "proj filt", categories: "generator, utility, testing", tags: "category: generator, type: testing"),
        T("projected_data", "count BIGINT", "Generates data with 4 columns, supporting projection pushdown", flags: "proj", categories: "generator, utility"),
        T("rowid_sequence", "count BIGINT, layout := VARCHAR, row_id_type := VARCHAR", "Sequence with row_id column", flags: "proj"),
        T("generator_exception", "fail_after BIGINT", "Raises an exception after N batches for testing",
            categories: "testing", tags: "category: testing, type: error-handling"),
        T("logging_generator", "count BIGINT", "Emits log messages during generation", categories: "testing"),
        // iv is INTERVAL "declared Arrow duration[ns]".
        T("typed_probe", "n BIGINT, ts := TIMESTAMPTZ, iv := duration[ns], blob := BLOB, ub := UBIGINT, f := DOUBLE",
            "Echoes typed const args (timestamp/interval/blob/ubigint) into typed columns"),
        T("tx_cached_value", "key VARCHAR, seed BIGINT", "Return a value cached per (transaction_opaque_data, key) via transaction_storage.",
            categories: "test, transaction-storage", tags: "category: test"),
        T("slow_cancellable", "probe_path VARCHAR, count := BIGINT, sleep_ms := BIGINT", "Slow producer with an on_cancel file-writing probe (test fixture)", categories: "test"),
        T("profiling_demo", "count BIGINT, batch_size := BIGINT, increment := BIGINT", "Sequence generator publishing diagnostics under EXPLAIN ANALYZE", categories: "generator, utility"),

        // §2.4.2 Pushdown probes (12)
        T("filter_echo", "count BIGINT, batch_size := BIGINT", "Echoes pushed-down filter predicates in output", flags: "proj filt", categories: "generator, diagnostic"),
        T("filter_echo_partitioned", "count BIGINT", "Multi-worker partitioned sequence that echoes pushed-down filters", flags: "proj filt", categories: "generator, diagnostic, testing"),
        T("filter_echo_table_scan", "", "Catalog-table scan echoing pushed-down filters (backs example.data.filter_echo_table)",
            flags: "proj filt", expressionFilters: "prefix, starts_with", categories: "generator, diagnostic, testing"),
        T("filtered_columns_echo", "count BIGINT, batch_size := BIGINT", "Echoes filtered_columns / has_filter_for_column / get_column_values_array",
            flags: "proj filt", categories: "generator, diagnostic"),
        T("value_prune", "count BIGINT, batch_size := BIGINT", "Prunes the key set via get_column_values('n'); echoes the resolved discrete values",
            flags: "proj filt", categories: "generator, diagnostic"),
        T("dict_filter_echo", "count BIGINT, batch_size := BIGINT", "Emits a dictionary-encoded VARCHAR column for filter-pushdown testing",
            flags: "proj filt", categories: "generator, diagnostic, testing"),
        T("dynamic_filter_echo", "count BIGINT, batch_size := BIGINT", "Generates descending integers, echoes dynamic tick filter per batch",
            flags: "proj filt", categories: "generator, diagnostic"),
        T("order_echo", "count BIGINT, batch_size := BIGINT", "Echoes ORDER BY + LIMIT pushdown hints in output", flags: "proj filt", categories: "generator, diagnostic"),
        T("sample_echo", "count BIGINT, batch_size := BIGINT", "Echoes TABLESAMPLE pushdown hints in output", flags: "proj sampling", categories: "generator, diagnostic"),
        T("expression_filter_test", "count BIGINT, batch_size := BIGINT", "Generates rows for non-spatial expression filter testing",
            flags: "proj filt", expressionFilters: "list_contains, prefix, starts_with, contains", categories: "generator, testing"),
        T("spatial_filter_example", "count BIGINT, batch_size := BIGINT", "Generates points on a grid with geometry for spatial filter testing",
            flags: "proj filt", expressionFilters: "&&, st_intersects_extent", categories: "generator, spatial, testing"),
        T("late_materialization", "count BIGINT, batch_size := BIGINT, dup_row_id := BOOLEAN, null_ord_stride := BIGINT", "Rowid generator that participates in late materialization",
            flags: "proj filt late", categories: "generator, diagnostic"),

        // §2.4.3 Batch-index and partition fixtures (13)
        T("partitioned_batch_index", "count BIGINT", "Multi-worker partitioned sequence with per-batch batch_index tagging; parallel scan + ordered sink reassembly.",
            flags: "batch_index", order: FixedOrder, categories: "generator, utility"),
        T("partitioned_batch_index_marked", "count BIGINT, chunk_size := BIGINT",
            "Two-column batch_index demo: rows are (partition_id, seq). Tests assert that DuckDB's ordered sinks reassemble output in partition_id order under parallel execution.",
            flags: "batch_index", order: FixedOrder, categories: "generator, utility, testing"),
        T("country_partitioned_sales", "rows_per_country BIGINT", "Per-country sales rows, one Arrow batch per country. Declares country as a SINGLE_VALUE partition column.",
            partition: SingleValuePartitions, categories: "generator, partitioning"),
        T("region_year_partitioned", "rows_per_partition BIGINT",
            "Per-(region, year) value rows. Declares both region and year as SINGLE_VALUE partition columns; GROUP BY region, year plans as PARTITIONED_AGGREGATE.",
            partition: SingleValuePartitions, categories: "generator, partitioning"),
        T("partitioned_with_explicit_override", "rows_per_category BIGINT",
            "Partition column ``category`` is in the bind schema and the emitted batches; worker uses the explicit ``partition_values=`` override on ``out.emit`` to exercise the override code path.",
            partition: SingleValuePartitions, categories: "generator, partitioning, testing"),
        T("disjoint_range_partitioned", "partitions BIGINT, rows_per_partition := BIGINT",
            "Disjoint per-chunk integer ranges on ``key``. Declares DISJOINT_PARTITIONS (wire-level only; DuckDB falls back to HASH_GROUP_BY for now).",
            partition: DisjointPartitions, categories: "generator, partitioning, testing"),
        T("broken_missing_batch_index_tag", "count BIGINT",
            "DELIBERATELY BROKEN: declares supports_batch_index=True but emits a data batch with no vgi_batch_index metadata. C++ extension's contract check raises.",
            flags: "batch_index", order: FixedOrder, categories: "testing, broken"),
        T("broken_non_monotone_batch_index", "count BIGINT",
            "DELIBERATELY BROKEN: emits batches with strictly decreasing partition_id on one stream. C++ extension's monotonicity check raises (DuckDB's debug-only assertion is not relied upon).",
            flags: "batch_index", order: FixedOrder, categories: "testing, broken"),
        T("broken_batch_index_overflow", "count BIGINT",
            "DELIBERATELY BROKEN: emits a batch tagged with a partition_id well above DuckDB's BATCH_INCREMENT=10^13 per-pipeline cap. C++ extension rejects at parse time.",
            flags: "batch_index", order: FixedOrder, categories: "testing, broken"),
        T("broken_missing_partition_values", "count BIGINT",
            "DELIBERATELY BROKEN: declares partition_kind + partition-annotated field but emits a data batch without vgi_partition_values#b64 metadata. C++ extension's contract check raises.",
            partition: SingleValuePartitions, categories: "testing, broken"),
        T("broken_partition_min_neq_max", "count BIGINT",
            "DELIBERATELY BROKEN: declares SINGLE_VALUE_PARTITIONS but supplies an explicit partition_values override with min != max. The framework's wrapper validation doesn't compare min vs max for SINGLE_VALUE; the C++ extension's defense-in-depth check in InstallBatch raises.",
            partition: SingleValuePartitions, categories: "testing, broken"),
        T("broken_partition_values_no_annotation", "count BIGINT",
            "DELIBERATELY BROKEN: no field carries vgi.partition_column metadata (and partition_kind defaults to NOT_PARTITIONED), but the worker passes partition_values= on out.emit. The framework rejects with RuntimeError before the wire.",
            partition: NotPartitioned, categories: "testing, broken"),
        T("broken_partition_column_absent_from_batch", "count BIGINT",
            "DELIBERATELY BROKEN: declares partition_kind on 'category' but emits a batch without 'category' AND doesn't supply an explicit partition_values override. The framework's auto-extract fails with RuntimeError before the wire.",
            partition: SingleValuePartitions, categories: "testing, broken"),

        // §2.4.4 Settings and secrets (4)
        T("settings_aware", "count BIGINT", "Generates data demonstrating settings are passed",
            settings: "greeting, multiplier, vgi_verbose_mode", categories: "generator, settings"),
        T("struct_settings", "count BIGINT", "Generate a sequence configured by a struct setting", settings: "config", categories: "generator, settings"),
        // The secret is requested dynamically at bind (two-phase bind), not in FunctionInfo.
        T("secret_demo", "", "Outputs secret contents as key-value rows"),
        T("scoped_secret_demo", "path VARCHAR", "Demo: resolves scoped secret based on argument", secrets: "vgi_example"),

        // §2.4.5 Time-travel and static catalog scans (15)
        T("versioned_data_scan", "version BIGINT", "Returns versioned data with schema evolution", categories: "generator, testing"),
        T("versioned_constraints_scan", "version BIGINT", "Scan versioned constraints table"),
        T("tt_pushdown_scan", "", "Function-backed time-travel + filter-pushdown scan (reads AT at init).", flags: "proj filt", categories: "generator, diagnostic, testing"),
        T("tt_pushdown_cols_scan", "version BIGINT", "Columns-based time-travel + filter-pushdown scan (version via arg).", flags: "proj filt", categories: "generator, diagnostic, testing"),
        T("colors_scan", "", "Scan colors table (ENUM column)"),
        T("departments_scan", "", "Scan departments table"),
        T("employees_scan", "", "Scan employees table"),
        T("products_scan", "", "Scan products table"),
        T("projects_scan", "", "Scan projects table"),
        T("rff_simple_scan", "", "rff_simple — flat columns (a, b) for required_field_filter_paths tests"),
        T("rff_struct_scan", "", "rff_struct — STRUCT(s.a, s.b) + other for required_field_filter_paths tests"),
        T("rff_nested_scan", "", "rff_nested — nested STRUCT(wrapper.mid.leaf) for required_field_filter_paths tests"),
        T("rff_multi_scan", "", "rff_multi — top-level + struct subfield required paths"),
        T("rff_none_scan", "", "rff_none — control table with no required_field_filter_paths"),
        T("rff_rowid_scan", "", "rff_rowid — row_id virtual column + bbox.* required filters", flags: "proj filt"),
    ];

    // ---------------------------------------------------------------------------------------------
    // Row records and their builders.
    // ---------------------------------------------------------------------------------------------

    private sealed record ScalarRow(string Name, string Args, string Returns, string Description,
        FunctionStability Stability, NullHandling Nulls, string Settings, string Secrets)
    {
        public string Key => $"{Name}({Args})";
    }

    private sealed record TableRow(string Name, string Args, string Description, string Flags, OrderPreservation Order,
        PartitionKind Partition, string? Categories, string? Tags, string ExpressionFilters, string Settings, string Secrets)
    {
        public string Key => $"{Name}({Args})";
    }

    private static ScalarRow S(string name, string args, string returns, string description,
        FunctionStability stability = Consistent, NullHandling nulls = NullHandling.Default, string settings = "", string secrets = "") =>
        new(name, args, returns, description, stability, nulls, settings, secrets);

    private static TableRow T(string name, string args, string description, string flags = "",
        OrderPreservation order = PreservesOrder, PartitionKind partition = NotPartitioned, string? categories = "", string? tags = "",
        string expressionFilters = "", string settings = "", string secrets = "") =>
        new(name, args, description, flags, order, partition, categories, tags, expressionFilters, settings, secrets);

    public static TheoryData<string> ScalarKeys => [.. Scalars.Select(r => r.Key)];

    public static TheoryData<string> TableKeys => [.. Tables.Select(r => r.Key)];

    // ---------------------------------------------------------------------------------------------
    // The listing: one worker process, both kinds, overloads paired with spec rows.
    // ---------------------------------------------------------------------------------------------

    private sealed record Listing(
        IReadOnlyList<FunctionInfo> ScalarItems, IReadOnlyList<FunctionInfo> TableItems,
        IReadOnlyDictionary<string, FunctionInfo> ScalarByKey, IReadOnlyDictionary<string, FunctionInfo> TableByKey,
        IReadOnlyList<FunctionInfo> UnexpectedScalars, IReadOnlyList<FunctionInfo> UnexpectedTables);

    private static readonly Lazy<Task<Listing>> Shared = new(LoadAsync);

    private static async Task<Listing> LoadAsync()
    {
        await using var w = WorkerProcess.Fixture.Start();
        byte[] attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var scalars = (await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction)).Value.Items;
        var tables = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items;
        var (scalarByKey, unexpectedScalars) = Pair(Scalars.Select(r => (r.Key, r.Name, r.Args, r.Description)), scalars);
        var (tableByKey, unexpectedTables) = Pair(Tables.Select(r => (r.Key, r.Name, r.Args, r.Description)), tables);
        return new Listing(scalars, tables, scalarByKey, tableByKey, unexpectedScalars, unexpectedTables);
    }

    /// <summary>
    /// Pairs spec rows with listed overloads of the same name: first by identical argument fields, then
    /// by identical description, then a lone leftover on each side; the rest stay unpaired.
    /// </summary>
    private static (Dictionary<string, FunctionInfo>, List<FunctionInfo>) Pair(
        IEnumerable<(string Key, string Name, string Args, string Description)> rows, IReadOnlyList<FunctionInfo> listed)
    {
        var byKey = new Dictionary<string, FunctionInfo>();
        var left = listed.ToList();
        var pending = rows.ToList();
        foreach (Func<(string Key, string Name, string Args, string Description), FunctionInfo, bool> same in new Func<(string Key, string Name, string Args, string Description), FunctionInfo, bool>[]
        {
            (r, f) => string.Join(", ", ExpectedArguments(r.Args)) == string.Join(", ", ActualArguments(f)),
            (r, f) => r.Description == f.Description,
        })
        {
            foreach (var row in pending.ToList())
            {
                var match = left.FirstOrDefault(f => f.Name == row.Name && same(row, f));
                if (match is null) continue;
                byKey[row.Key] = match;
                left.Remove(match);
                pending.Remove(row);
            }
        }
        foreach (var group in pending.GroupBy(r => r.Name).ToList())
        {
            var candidates = left.Where(f => f.Name == group.Key).ToList();
            if (group.Count() != 1 || candidates.Count != 1) continue;
            byKey[group.Single().Key] = candidates[0];
            left.Remove(candidates[0]);
        }
        return (byKey, left);
    }

    // ---------------------------------------------------------------------------------------------
    // Tests.
    // ---------------------------------------------------------------------------------------------

    [Fact]
    public void Transcription_has_41_scalar_and_72_table_rows_with_unique_signatures()
    {
        Assert.Equal(41, Scalars.Length);
        Assert.Equal(72, Tables.Length);
        Assert.Equal(Scalars.Length, Scalars.Select(r => r.Key).Distinct().Count());
        Assert.Equal(Tables.Length, Tables.Select(r => r.Key).Distinct().Count());
        Assert.Equal(30, Scalars.Select(r => r.Name).Distinct().Count());
        Assert.Equal(65, Tables.Select(r => r.Name).Distinct().Count());
    }

    [Fact]
    public async Task Scalar_listing_has_exactly_the_41_spec_overloads()
    {
        var listing = await Shared.Value;
        Assert.True(listing.UnexpectedScalars.Count == 0,
            "listed but not in §2.2 (or not pairable with a spec row):\n" + string.Join("\n", listing.UnexpectedScalars.Select(Describe)));
        Assert.Equal(41, listing.ScalarItems.Count);
    }

    [Fact]
    public async Task Table_listing_has_exactly_the_72_spec_overloads()
    {
        var listing = await Shared.Value;
        Assert.True(listing.UnexpectedTables.Count == 0,
            "listed but not in §2.4 (or not pairable with a spec row):\n" + string.Join("\n", listing.UnexpectedTables.Select(Describe)));
        Assert.Equal(72, listing.TableItems.Count);
    }

    [Theory]
    [MemberData(nameof(ScalarKeys))]
    public async Task Scalar_overload_matches_spec(string key)
    {
        var row = Scalars.Single(r => r.Key == key);
        var listing = await Shared.Value;
        Assert.True(listing.ScalarByKey.TryGetValue(key, out var f), $"{key}: not listed. Listed overloads of {row.Name}: " +
            string.Join("; ", listing.ScalarItems.Where(x => x.Name == row.Name).Select(Describe)));

        var diffs = new List<string>();
        Check(diffs, "function_type", FunctionType.Scalar, f.FunctionType);
        Check(diffs, "schema_name", "main", f.SchemaName);
        Check<string?>(diffs, "comment (Python sends null)", null, f.Comment);
        Check(diffs, "description", row.Description, f.Description);
        CheckArguments(diffs, row.Args, f);
        var outputs = f.OutputSchema.FieldsList;
        if (outputs.Count != 1) diffs.Add($"output_schema: expected one field `result`, actual [{string.Join(", ", outputs.Select(FieldText))}]");
        else
        {
            var result = outputs[0];
            Check(diffs, "output name", "result", result.Name);
            if (row.Returns == "ANY")
            {
                Check(diffs, "output type", "NULL", TypeText(result.DataType));
                var meta = Metadata(result);
                // vgi-catalog §3.7.1: `vgi_type=any` (or key `vgi:any`); vgi-functions §3.8 says `vgi:any`.
                if (!(meta.TryGetValue("vgi_type", out var v) && v == "any") && !meta.ContainsKey("vgi:any"))
                    diffs.Add($"output metadata: expected vgi_type=any (or vgi:any), actual {MetaText(meta)}");
            }
            else
            {
                Check(diffs, "output type", row.Returns, TypeText(result.DataType));
                Check(diffs, "output metadata", "{}", MetaText(Metadata(result)));
            }
        }
        Check(diffs, "stability", row.Stability, f.Stability);
        Check(diffs, "null_handling", row.Nulls, f.NullHandling);
        Check(diffs, "required_settings", List(row.Settings), string.Join(", ", f.RequiredSettings));
        Check(diffs, "required_secrets", Secrets(row.Secrets), SecretsText(f.RequiredSecrets));
        Assert.True(diffs.Count == 0, $"{key}:\n  " + string.Join("\n  ", diffs));
    }

    [Theory]
    [MemberData(nameof(TableKeys))]
    public async Task Table_overload_matches_spec(string key)
    {
        var row = Tables.Single(r => r.Key == key);
        var listing = await Shared.Value;
        Assert.True(listing.TableByKey.TryGetValue(key, out var f), $"{key}: not listed. Listed overloads of {row.Name}: " +
            string.Join("; ", listing.TableItems.Where(x => x.Name == row.Name).Select(Describe)));

        var diffs = new List<string>();
        var flags = row.Flags.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
        string[] known = ["proj", "filt", "sampling", "late", "batch_index"];
        Assert.Empty(flags.Except(known));

        Check(diffs, "function_type", FunctionType.Table, f.FunctionType);
        Check(diffs, "schema_name", "main", f.SchemaName);
        Check<string?>(diffs, "comment (Python sends null)", null, f.Comment);
        Check(diffs, "description", row.Description, f.Description);
        CheckArguments(diffs, row.Args, f);
        Check(diffs, "output_schema", "", string.Join(", ", f.OutputSchema.FieldsList.Select(FieldText)));
        if (row.Categories is not null) Check(diffs, "categories", List(row.Categories), string.Join(", ", f.Categories));
        if (row.Tags is not null) Check(diffs, "tags", List(row.Tags), string.Join(", ", f.Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}: {t.Value}")));
        Check(diffs, "projection_pushdown", flags.Contains("proj"), f.ProjectionPushdown);
        Check(diffs, "filter_pushdown", flags.Contains("filt"), f.FilterPushdown);
        Check(diffs, "sampling_pushdown", flags.Contains("sampling"), f.SamplingPushdown);
        Check(diffs, "late_materialization", flags.Contains("late"), f.LateMaterialization);
        Check(diffs, "supported_expression_filters", List(row.ExpressionFilters), string.Join(", ", f.SupportedExpressionFilters));
        Check(diffs, "order_preservation", row.Order, f.OrderPreservation);
        Check(diffs, "supports_batch_index", flags.Contains("batch_index"), f.SupportsBatchIndex);
        Check(diffs, "max_workers", 99_999, f.MaxWorkers);
        Check(diffs, "partition_kind", row.Partition, f.PartitionKind);
        Check(diffs, "has_finalize", false, f.HasFinalize);
        Check(diffs, "required_settings", List(row.Settings), string.Join(", ", f.RequiredSettings));
        Check(diffs, "required_secrets", Secrets(row.Secrets), SecretsText(f.RequiredSecrets));
        Assert.True(diffs.Count == 0, $"{key}:\n  " + string.Join("\n  ", diffs));
    }

    // ---------------------------------------------------------------------------------------------
    // Comparison helpers.
    // ---------------------------------------------------------------------------------------------

    private static void Check<T>(List<string> diffs, string field, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual)) diffs.Add($"{field}: expected <{expected}>, actual <{actual}>");
    }

    private static void Check<T>(List<string> diffs, string field, T expected, T? actual) where T : struct
    {
        if (!actual.HasValue || !EqualityComparer<T>.Default.Equals(expected, actual.Value))
            diffs.Add($"{field}: expected <{expected}>, actual <{(actual.HasValue ? actual.Value.ToString() : "null")}>");
    }

    private static void CheckArguments(List<string> diffs, string args, FunctionInfo f)
    {
        var expected = ExpectedArguments(args);
        var actual = ActualArguments(f);
        if (expected.SequenceEqual(actual)) return;
        diffs.Add($"arguments: expected [{string.Join(", ", expected)}], actual [{string.Join(", ", actual)}]");
        for (int i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            string e = i < expected.Count ? expected[i] : "(none)";
            string a = i < actual.Count ? actual[i] : "(none)";
            if (e != a) diffs.Add($"  argument {i}: expected `{e}`, actual `{a}`");
        }
    }

    /// <summary>The spec's argument cell as the field list it implies: positional in order, then named sorted by name.</summary>
    private static List<string> ExpectedArguments(string args)
    {
        var positional = new List<string>();
        var named = new List<(string Name, string Text)>();
        foreach (string item in SplitTopLevel(args))
        {
            int assign = item.IndexOf(" := ", StringComparison.Ordinal);
            if (assign >= 0)
            {
                string name = item[..assign];
                named.Add((name, ArgumentText(name, Canonical(item[(assign + 4)..]), Meta(any: item.EndsWith(" ANY", StringComparison.Ordinal), named: true))));
                continue;
            }
            string rest = item;
            bool varargs = rest.EndsWith(" ...", StringComparison.Ordinal);
            if (varargs) rest = rest[..^4];
            bool constant = rest.EndsWith(" C", StringComparison.Ordinal);
            if (constant) rest = rest[..^2];
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            string argName = rest[..space], type = rest[(space + 1)..];
            positional.Add(ArgumentText(argName, Canonical(type), Meta(any: type == "ANY", constant: constant, varargs: varargs)));
        }
        return [.. positional, .. named.OrderBy(n => n.Name, StringComparer.Ordinal).Select(n => n.Text)];

        static string Canonical(string type) => type == "ANY" ? "NULL" : type;
    }

    private static Dictionary<string, string> Meta(bool any = false, bool constant = false, bool varargs = false, bool named = false)
    {
        var meta = new Dictionary<string, string>();
        if (any) meta["vgi_type"] = "any";
        if (constant) meta["vgi_const"] = "true";
        if (varargs) meta["vgi_varargs"] = "true";
        if (named) meta["vgi_arg"] = "named";
        return meta;
    }

    private static List<string> ActualArguments(FunctionInfo f) =>
        [.. f.Arguments.FieldsList.Select(a => ArgumentText(a.Name, TypeText(a.DataType), Metadata(a)))];

    private static string ArgumentText(string name, string type, IReadOnlyDictionary<string, string> meta) => $"{name} {type} {MetaText(meta)}";

    private static Dictionary<string, string> Metadata(Field field) =>
        field.HasMetadata ? field.Metadata.ToDictionary(kv => kv.Key, kv => kv.Value) : [];

    private static string MetaText(IReadOnlyDictionary<string, string> meta) =>
        "{" + string.Join(", ", meta.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}")) + "}";

    /// <summary>An Arrow type in the spec's DuckDB notation (§0.1); anything else in Arrow's own spelling.</summary>
    private static string TypeText(IArrowType type) => type switch
    {
        NullType => "NULL",
        BooleanType => "BOOLEAN",
        Int8Type => "TINYINT",
        Int16Type => "SMALLINT",
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        UInt32Type => "UINTEGER",
        UInt64Type => "UBIGINT",
        FloatType => "FLOAT",
        DoubleType => "DOUBLE",
        StringType => "VARCHAR",
        BinaryType => "BLOB",
        TimestampType { Unit: TimeUnit.Microsecond, Timezone: "UTC" } => "TIMESTAMPTZ",
        TimestampType ts => $"timestamp[{UnitText(ts.Unit)}, {ts.Timezone ?? "no tz"}]",
        DurationType d => $"duration[{UnitText(d.Unit)}]",
        IntervalType i => $"interval[{i.Unit}]",
        FixedSizeListType l => $"{TypeText(l.ValueDataType)}[{l.ListSize}]",
        ListType l => $"{TypeText(l.ValueDataType)}[]",
        StructType s => $"STRUCT({string.Join(", ", s.Fields.Select(c => $"{c.Name} {TypeText(c.DataType)}"))})",
        _ => type.Name,
    };

    private static string UnitText(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => "s",
        TimeUnit.Millisecond => "ms",
        TimeUnit.Microsecond => "us",
        _ => "ns",
    };

    private static string FieldText(Field f) => $"{f.Name} {TypeText(f.DataType)} {MetaText(Metadata(f))}";

    /// <summary>Splits at commas outside parentheses.</summary>
    private static IEnumerable<string> SplitTopLevel(string text)
    {
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] == '(') depth++;
            else if (text[i] == ')') depth--;
            else if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i].Trim();
                start = i + 1;
            }
        }
        if (text[start..].Trim() is { Length: > 0 } last) yield return last;
    }

    private static string List(string items) => string.Join(", ", items.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    /// <summary>Spec secrets are all `{vgi_example}` (scope null, name null).</summary>
    private static string Secrets(string types) =>
        string.Join("; ", types.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => $"{t}/scope=null/name=null"));

    private static string SecretsText(IReadOnlyList<RequiredSecret> secrets) =>
        string.Join("; ", secrets.Select(s => $"{s.SecretType}/scope={s.Scope ?? "null"}/name={s.SecretName ?? "null"}"));

    private static string Describe(FunctionInfo f) => $"{f.Name}[{string.Join(", ", ActualArguments(f))}] \"{f.Description}\"";
}
