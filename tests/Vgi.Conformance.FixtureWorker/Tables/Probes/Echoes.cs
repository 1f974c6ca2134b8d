using Vgi.Conformance.Fixtures.Filters;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>A <c>filter_echo</c> row.</summary>
internal readonly record struct FilterEchoRow(long? N, string? S, string? PushedFilters);

/// <summary>The <c>s</c> column of <c>dict_filter_echo</c>: <c>dictionary&lt;int8, utf8&gt;</c> over red, green, blue.</summary>
[ArrowEnum(IndexWidth = 8)]
internal enum DictColor
{
    [ArrowEnumValue("red")] Red,
    [ArrowEnumValue("green")] Green,
    [ArrowEnumValue("blue")] Blue,
}

/// <summary>A <c>dict_filter_echo</c> row.</summary>
internal readonly record struct DictFilterEchoRow(long? N, DictColor? S);

/// <summary>A <c>filter_echo_partitioned</c> row.</summary>
internal readonly record struct PartitionedEchoRow(long? N, long? WorkerPid, string? PushedFilters);

/// <summary>A <c>filtered_columns_echo</c> row.</summary>
internal readonly record struct FilteredColumnsRow(long? N, string? Tag, string? FilteredCols, bool? HasN, bool? HasTag, string? TagValues);

/// <summary>A <c>value_prune</c> row.</summary>
internal readonly record struct ValuePruneRow(long? N, string? Resolved);

/// <summary>An <c>order_echo</c> row.</summary>
internal readonly record struct OrderEchoRow(long? N, string? S, string? OrderColumn, string? OrderDirection, string? OrderNullOrder, long? OrderLimit);

/// <summary>A <c>sample_echo</c> row.</summary>
internal readonly record struct SampleEchoRow(long? N, string? S, double? SamplePercentage, long? SampleSeed);

/// <summary>A <c>late_materialization</c> row: <c>row_id</c> carries <c>is_row_id</c>.</summary>
internal readonly record struct LateMaterializationRow([RowId] long? RowId, long? Ord, string? Payload, string? Pushed);

/// <summary>
/// The pushdown probes of fixtures.md §2.4.2 that fit the attribute path: each computes its echo once,
/// at init (the method body runs when the scan opens; only the rows are produced lazily), from
/// <see cref="TableScanContext"/>, except <c>late_materialization</c>, which re-reads the filters per
/// batch; the worker applies the pushed filters to the rows (filt), expression filters included.
/// The <c>batch_size</c> arguments are [BatchSize]: rows come in batches of that many, as in Python.
/// </summary>
internal static class Echoes
{
    [TableFunction("filter_echo", Description = "Echoes pushed-down filter predicates in output",
        FilterPushdown = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<FilterEchoRow> FilterEcho([Min(0), RowCount] long count, TableScanContext scan, [Min(1), BatchSize] long batchSize = 2048)
    {
        string pushed = FilterText.Sql(scan.Filters);
        return Rows();

        IEnumerable<FilterEchoRow> Rows()
        {
            for (long i = 0; i < count; i++) yield return new FilterEchoRow(i, "row_" + i, pushed);
        }
    }

    /// <summary>A dictionary-encoded column (an enum with 8-bit indices): red, green, blue for i mod 3.</summary>
    [TableFunction("dict_filter_echo", Description = "Emits a dictionary-encoded VARCHAR column for filter-pushdown testing",
        FilterPushdown = true, Categories = ["generator", "diagnostic", "testing"])]
    public static IEnumerable<DictFilterEchoRow> DictFilterEcho([Min(0), RowCount] long count, [Min(1), BatchSize] long batchSize = 2048)
    {
        for (long i = 0; i < count; i++) yield return new DictFilterEchoRow(i, (DictColor)(i % 3));
    }

    /// <summary>
    /// <c>partitioned_sequence</c>'s queue scheme: the primary init pushes 24 <c>[start, end)</c> chunks onto
    /// the execution's shared queue; every stream pops until it is empty and echoes its own view of the filters.
    /// </summary>
    [TableFunction("filter_echo_partitioned", Description = "Multi-worker partitioned sequence that echoes pushed-down filters",
        FilterPushdown = true, MaxWorkers = Hand.ParallelWorkers, BatchSize = 1000, Categories = ["generator", "diagnostic", "testing"])]
    public static IEnumerable<PartitionedEchoRow> FilterEchoPartitioned([Min(0), RowCount] long count, TableScanContext scan)
    {
        const string queue = "chunks";
        if (!scan.IsSecondary)
        {
            long chunk = Math.Max(1, Hand.CeilDiv(count, 24));
            var items = new List<byte[]>();
            for (long start = 0; start < count; start += chunk) items.Add(Hand.Item(start, Math.Min(count, start + chunk)));
            scan.Storage.Enqueue(queue, items);
        }
        string pushed = FilterText.Sql(scan.Filters);
        long pid = Environment.ProcessId;
        return Rows();

        IEnumerable<PartitionedEchoRow> Rows()
        {
            while (scan.Storage.TryDequeue(queue, out var item))
            {
                for (long i = Hand.ItemValue(item, 0), end = Hand.ItemValue(item, 1); i < end; i++) yield return new PartitionedEchoRow(i, pid, pushed);
            }
        }
    }

    [TableFunction("filtered_columns_echo", Description = "Echoes filtered_columns / has_filter_for_column / get_column_values_array",
        FilterPushdown = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<FilteredColumnsRow> FilteredColumnsEcho([Min(0), RowCount] long count, TableScanContext scan, [Min(1), BatchSize] long batchSize = 2048)
    {
        var filters = scan.Filters;
        string columns = string.Join(",", FilterText.FilteredColumns(filters));
        bool hasN = FilterText.HasFilterFor(filters, "n");
        bool hasTag = FilterText.HasFilterFor(filters, "tag");
        string tagValues = FilterText.DiscreteValues(filters, "tag") is { } values
            ? string.Join(",", values.Order(Comparer<object?>.Create(FilterText.ComparePython)).Select(PyText.Str))
            : "(none)";
        return Rows();

        IEnumerable<FilteredColumnsRow> Rows()
        {
            for (long i = 0; i < count; i++) yield return new FilteredColumnsRow(i, "t" + i, columns, hasN, hasTag, tagValues);
        }
    }

    [TableFunction("value_prune", Description = "Prunes the key set via get_column_values('n'); echoes the resolved discrete values",
        FilterPushdown = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<ValuePruneRow> ValuePrune([Min(0), RowCount] long count, TableScanContext scan, [Min(1), BatchSize] long batchSize = 2048)
    {
        if (FilterText.DiscreteValues(scan.Filters, "n") is not { } values) return Scan();
        var keys = values.Where(v => v is not null).Order(Comparer<object?>.Create(FilterText.ComparePython)).ToList();
        string resolved = string.Join(",", keys.Select(PyText.Str));
        return Pruned();

        IEnumerable<ValuePruneRow> Scan()
        {
            for (long i = 0; i < count; i++) yield return new ValuePruneRow(i, "(scan)");
        }

        IEnumerable<ValuePruneRow> Pruned()
        {
            foreach (var key in keys)
            {
                if (key is long v && v >= 0 && v < count) yield return new ValuePruneRow(v, resolved);
            }
        }
    }

    /// <summary>The ORDER BY + LIMIT hint of the init request; the rows are neither sorted nor limited.</summary>
    [TableFunction("order_echo", Description = "Echoes ORDER BY + LIMIT pushdown hints in output",
        FilterPushdown = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<OrderEchoRow> OrderEcho([Min(0), RowCount] long count, TableScanContext scan, [Min(1), BatchSize] long batchSize = 2048)
    {
        var hint = scan.OrderBy;
        string column = hint?.Column ?? "(none)";
        string direction = hint?.Descending switch { true => "DESC", false => "ASC", null => "(none)" };
        string nulls = hint?.NullsFirst switch { true => "NULLS_FIRST", false => "NULLS_LAST", null => "(none)" };
        long limit = hint?.Limit ?? -1;
        return Rows();

        IEnumerable<OrderEchoRow> Rows()
        {
            for (long i = 0; i < count; i++) yield return new OrderEchoRow(i, "row_" + i, column, direction, nulls, limit);
        }
    }

    /// <summary>The TABLESAMPLE hint of the init request; every row is returned (the fixture does not sample).</summary>
    [TableFunction("sample_echo", Description = "Echoes TABLESAMPLE pushdown hints in output",
        SamplingPushdown = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<SampleEchoRow> SampleEcho([Min(0), RowCount] long count, TableScanContext scan, [Min(1), BatchSize] long batchSize = 2048)
    {
        double percentage = scan.Sample?.Percentage ?? -1.0;
        long seed = scan.Sample?.Seed ?? -1;
        return Rows();

        IEnumerable<SampleEchoRow> Rows()
        {
            for (long i = 0; i < count; i++) yield return new SampleEchoRow(i, "row_" + i, percentage, seed);
        }
    }

    /// <summary>
    /// One batch of 100 rows; backs the catalog table <c>data.filter_echo_table</c>. The expression
    /// filters it accepts (<c>prefix</c>, <c>starts_with</c>) are applied exactly by the worker.
    /// </summary>
    [TableFunction("filter_echo_table_scan", Description = "Catalog-table scan echoing pushed-down filters (backs example.data.filter_echo_table)",
        FilterPushdown = true, ExpressionFilters = ["prefix", "starts_with"], Categories = ["generator", "diagnostic", "testing"])]
    public static IEnumerable<FilterEchoRow> FilterEchoTableScan(TableScanContext scan)
    {
        string pushed = FilterText.Sql(scan.Filters);
        return Rows();

        IEnumerable<FilterEchoRow> Rows()
        {
            for (long i = 0; i < 100; i++) yield return new FilterEchoRow(i, "row_" + i, pushed);
        }
    }

    /// <summary>
    /// Row ids, ord (a multiplicative hash, or NULL every <c>null_ord_stride</c> rows), payload, and the
    /// late-materialization witness of the row-id filters (§6.6.4), per batch of <c>batch_size</c> rows:
    /// computed from the filters at the first batch, then replaced at a batch when the filters in force give
    /// a non-trivial witness (or the stored one is still trivial). The method is an iterator, so each batch's
    /// first row (and its witness) is produced in the tick that emits it.
    /// </summary>
    [TableFunction("late_materialization", Description = "Rowid generator that participates in late materialization",
        FilterPushdown = true, LateMaterialization = true, Categories = ["generator", "diagnostic"])]
    public static IEnumerable<LateMaterializationRow> LateMaterialization([Min(0), RowCount] long count, TableScanContext scan,
        [Min(1), BatchSize] long batchSize = 2048, bool dupRowId = false, [Min(0)] long nullOrdStride = 0)
    {
        const string trivial = "rid:in=0;rng=none";
        string witness = FilterText.LateMaterializationWitness(scan.Filters);
        for (long first = 0; first < count; first += batchSize)
        {
            string current = FilterText.LateMaterializationWitness(ProbeDefinitions.InForce(scan.Filters));
            if (current != trivial || witness == trivial) witness = current;
            for (long i = first, end = first + Math.Min(batchSize, count - first); i < end; i++)
                yield return new LateMaterializationRow(dupRowId ? i / 2 : i, nullOrdStride > 0 && i % nullOrdStride == 0 ? null : Ord(i), "payload_" + i, witness);
        }
    }

    /// <summary>(i × 2654435761) mod 1000000007, exactly.</summary>
    private static long Ord(long i) => (long)((Int128)i * 2654435761 % 1000000007);
}
