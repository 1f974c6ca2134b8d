using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Filters;
using Vgi.Functions;
using static Vgi.Conformance.FixtureTests.Filters.FilterBatches;

namespace Vgi.Conformance.FixtureTests.Filters;

/// <summary>The SQL-like echo and the debug repr of pushed filters (fixtures.md §6.6.1, §6.6.2).</summary>
public sealed class FilterTextTests
{
    private static readonly string Keys25 = string.Join(", ", Enumerable.Range(0, 25));

    [Fact]
    public void NoFilters_IsNone()
    {
        Assert.Equal("(none)", FilterText.Sql(TableFilters.None));
        Assert.Equal("(none)", FilterText.DebugRepr(TableFilters.None));
        Assert.Equal("(none)", FilterText.Sql(Decode("[]")));
    }

    [Fact]
    public void Sql_TopLevelFiltersJoinedWithAnd()
    {
        var filters = Decode($"[{Cmp("a", "gt", 0)},{Cmp("c", "eq", 1)},{Cmp("d", "ne", 2)},{Cmp("e", "le", 3)}]",
            V(I64(3)), V(Str("x")), V(I64(-1)), V(F64(1e16)));
        Assert.Equal("a > 3 AND c = 'x' AND d != -1 AND e <= 1e+16", FilterText.Sql(filters));
    }

    [Fact]
    public void Sql_ValuesArePythonStrOrRepr()
    {
        var timestamp = new TimestampArray.Builder(new TimestampType(TimeUnit.Microsecond, "UTC")).Append(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)).Build();
        var filters = Decode($"[{Cmp("s", "eq", 0)},{Cmp("b", "eq", 1)},{Cmp("f", "lt", 2)},{Cmp("d", "ge", 3)},{Cmp("ts", "gt", 4)},{Cmp("p", "eq", 5)},{Cmp("q", "eq", 6)},{Cmp("x", "eq", 7)}]",
            V(Str("it's")),
            V(new Int8Array.Builder().Append(1).Build(), "arrow.bool8"),
            V(new FloatArray.Builder().Append(0.1f).Build()),
            V(new Date32Array.Builder().Append(new DateOnly(2024, 1, 2)).Build()),
            V(timestamp),
            V(new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(1.5m).Build()),
            V(Str("plain")),
            V(new BinaryArray.Builder().Append([0, (byte)'a']).Build()));
        Assert.Equal("s = \"it's\" AND b = True AND f < 0.10000000149011612 AND d >= 2024-01-02 AND ts > 2024-01-02 03:04:05+00:00 AND p = 1.50 AND q = 'plain' AND x = b'\\x00a'",
            FilterText.Sql(filters));
    }

    [Fact]
    public void Sql_AndOrNullChecks()
    {
        var filters = Decode(
            $"[{Conj("and", "n", Cmp("n", "ge", 0), Cmp("n", "lt", 1))},{Conj("or", "m", Node("m", "is_null"), Cmp("m", "gt", 2))},{Node("k", "is_not_null")}]",
            V(I64(10)), V(I64(20)), V(I64(5)));
        Assert.Equal("(n >= 10 AND n < 20) AND (m IS NULL OR m > 5) AND k IS NOT NULL", FilterText.Sql(filters));
    }

    [Fact]
    public void Sql_LikePrefixRangePair()
    {
        var filters = Decode($"[{Cmp("s", "ge", 0)},{Cmp("s", "lt", 1)}]", V(Str("abc")), V(Str("abd")));
        var and = new TableFilters([new AndFilter("s", [.. filters.Filters])]);
        Assert.Equal("(s >= 'abc' AND s < 'abd')", FilterText.Sql(and));
    }

    [Fact]
    public void Sql_InLists_TruncatedAbove20()
    {
        var twenty = I64([.. Enumerable.Range(0, 20).Select(i => (long?)i)]);
        var twentyFive = I64([.. Enumerable.Range(0, 25).Select(i => (long?)i)]);
        Assert.Equal("n IN (" + string.Join(", ", Enumerable.Range(0, 20)) + ")", FilterText.Sql(DecodeWithKeys($"[{In("n")}]", [("n", twenty)])));
        Assert.Equal("n IN (25 values)", FilterText.Sql(DecodeWithKeys($"[{In("n")}]", [("n", twentyFive)])));
        Assert.Equal("s IN ('a', \"b'c\", None)", FilterText.Sql(DecodeWithKeys($"[{In("s")}]", [("s", Str("a", "b'c", null))])));
        // Inside AND/OR too.
        Assert.Equal("(n IN (25 values) OR n IS NULL)", FilterText.Sql(DecodeWithKeys($"[{Conj("or", "n", In("n"), Node("n", "is_null"))}]", [("n", twentyFive)])));
    }

    [Fact]
    public void Sql_StructFieldFilter_NamesTheFieldAndDoesNotTruncate()
    {
        var keys = I64([.. Enumerable.Range(0, 25).Select(i => (long?)i)]);
        var inner = new InFilter("s", keys);
        var filters = new TableFilters(
        [
            new StructFieldFilter("s", "a", 0, Compare("s", ComparisonOperator.Equal, I64(5))),
            new StructFieldFilter("s", "b", 1, inner),
            new StructFieldFilter("s", "c", 2, new AndFilter("s", [new IsNotNullFilter("s"), Compare("s", ComparisonOperator.LessThan, Str("z"))])),
            new StructFieldFilter("s", "p", 3, new StructFieldFilter("s", "q", 0, new IsNullFilter("s"))),
        ]);
        Assert.Equal($"s.a = 5 AND s.b IN ({Keys25}) AND (s.c IS NOT NULL AND s.c < 'z') AND s.p.q IS NULL", FilterText.Sql(filters));
    }

    [Fact]
    public void Sql_ExpressionFilter_RendersSqlAndLosesLiteralQuestionMarks()
    {
        string json = """[{"column_name":"s","column_index":1,"type":"expression","expr":{"expr_type":"function","function_name":"prefix","children":[{"expr_type":"column_ref","index":1},{"expr_type":"constant","value_ref":0}]}}]""";
        Assert.Equal("prefix(\"s\", 'row_1')", FilterText.Sql(Decode(json, V(Str("row_1")))));
        Assert.Equal("prefix(\"s\", 'what')", FilterText.Sql(Decode(json, V(Str("what?")))));
        var expression = Assert.IsType<ExpressionFilter>(Decode(json, V(Str("what?"))).Filters[0]);
        Assert.Equal("prefix(\"s\", 'what?')", FilterText.ExpressionSql(expression));
    }

    [Fact]
    public void DebugRepr_Comparisons()
    {
        var filters = Decode($"[{Cmp("n", "gt", 0)},{Cmp("s", "eq", 1)},{Cmp("f", "ne", 2)}]", V(I64(5)), V(Str("it's")), V(F64(2.0)));
        Assert.Equal("PushdownFilters([ConstantFilter(n > 5), ConstantFilter(s = it's), ConstantFilter(f != 2.0)])", FilterText.DebugRepr(filters));
    }

    [Fact]
    public void DebugRepr_InLists()
    {
        Assert.Equal("PushdownFilters([InFilter(n IN [1, 2, 3, 4, 5])])", FilterText.DebugRepr(DecodeWithKeys($"[{In("n")}]", [("n", I64(1, 2, 3, 4, 5))])));
        Assert.Equal("PushdownFilters([InFilter(n IN [1, 2, 3]...(6 total))])", FilterText.DebugRepr(DecodeWithKeys($"[{In("n")}]", [("n", I64(1, 2, 3, 4, 5, 6))])));
        Assert.Equal("PushdownFilters([InFilter(s IN ['a', None, \"it's\"])])", FilterText.DebugRepr(DecodeWithKeys($"[{In("s")}]", [("s", Str("a", null, "it's"))])));
    }

    [Fact]
    public void DebugRepr_TreeNodes()
    {
        var filters = Decode(
            $"[{Conj("and", "n", Cmp("n", "ge", 0), Cmp("n", "lt", 1))},{Conj("or", "m", Node("m", "is_null"), Cmp("m", "gt", 2))},{Node("k", "is_not_null")}]",
            V(I64(1)), V(I64(5)), V(I64(3)));
        Assert.Equal(
            "PushdownFilters([AndFilter(ConstantFilter(n >= 1) AND ConstantFilter(n < 5)), OrFilter(IsNullFilter(m IS NULL) OR ConstantFilter(m > 3)), IsNotNullFilter(k IS NOT NULL)])",
            FilterText.DebugRepr(filters));

        var structFilter = new TableFilters([new StructFieldFilter("s", "a", 0, Compare("s", ComparisonOperator.Equal, I64(5)))]);
        Assert.Equal("PushdownFilters([StructFilter(s.a: ConstantFilter(s = 5))])", FilterText.DebugRepr(structFilter));

        var expression = new TableFilters([new ExpressionFilter("name", new FunctionExpression("contains",
            [new ColumnReferenceExpression(1), new ConstantExpression(new FilterValue(Str("item_1")))]))]);
        Assert.Equal("PushdownFilters([ExpressionFilter(name: contains(\"name\", 'item_1'))])", FilterText.DebugRepr(expression));
    }

    [Fact]
    public void DynamicTickFilters_AreRenderedToo()
    {
        string tick = Convert.ToBase64String(Vgi.Codecs.IpcBytes.WriteBatch(new RecordBatch(
            new Schema([new Field("filter_spec", StringType.Default, true, [new("vgi_filter_version", "1")]), new Field("_val_0", Int64Type.Default, true)], null),
            [Str($"[{Cmp("n", "ge", 0)}]"), I64(90)], 1)));
        var filters = TableFilters.DecodeDynamic(tick);
        Assert.Equal("PushdownFilters([ConstantFilter(n >= 90)])", FilterText.DebugRepr(filters));
        Assert.Equal("n >= 90", FilterText.Sql(filters));
    }
}
