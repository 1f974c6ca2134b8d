using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Functions;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Tests.Filters.FilterData;

namespace Vgi.Tests.Filters;

/// <summary>
/// The filter shapes of validation-2 §3.4–3.5 applied to the probe's <c>tri</c> rows: AND/OR,
/// IS NULL, IN lists, struct fields, expressions, projection order, and tick filters by name.
/// </summary>
public sealed class FilterCombinationTests
{
    private static TableFilters Decode(string json, params IArrowArray[] values) => TableFilters.Decode(Filter(json, values));

    [Theory]
    [InlineData("a", "b", "c")]
    [InlineData("a", "c", "b")] // projection_ids [0,2,1] (SELECT b … WHERE a > 3 AND c = 'x')
    [InlineData("c", "a", "b")]
    [InlineData("b", "c", "a")]
    public void Section73_OnAnyProjectionOrder(params string[] order)
    {
        var result = TableFilters.Decode(Section73).Apply(Tri(20, order));
        Assert.Equal(order, result.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal([4L, 8L, 10L, 12L, 14L, 16L, 18L], A(result)); // even, > 3, not NULL (6 is NULL)
        var c = (StringArray)result.Column(result.Schema.GetFieldIndex("c"));
        Assert.All(Enumerable.Range(0, c.Length), i => Assert.Equal("x", c.GetString(i)));
    }

    [Fact]
    public void IsNullOrEquals()
    {
        // §3.4: a IS NOT DISTINCT FROM NULL OR a = 5 → or(is_null, eq 5).
        var filters = Decode("""[{"column_name":"a","column_index":0,"type":"or","children":[{"column_name":"a","column_index":0,"type":"is_null"},""" + CompareNode("a", "eq") + "]}]", I64(5));
        Assert.Equal("(a IS NULL OR a = 5)", filters.ToString());
        var result = filters.Apply(Tri(20, "b", "a"));
        var b = (StringArray)result.Column(0);
        Assert.Equal(["b5", "b6", "b13"], Enumerable.Range(0, b.Length).Select(i => b.GetString(i)));
    }

    [Fact]
    public void IsNullAndIsNotNull()
    {
        Assert.Equal([null, null], A(Decode("""[{"column_name":"a","column_index":0,"type":"is_null"}]""").Apply(Tri(20))));
        Assert.Equal(18, Decode("""[{"column_name":"a","column_index":0,"type":"is_not_null"}]""").Apply(Tri(20)).Length);
    }

    [Fact]
    public void BetweenAndNotEqual()
    {
        // §3.4: a BETWEEN 2 AND 5 AND a <> 3 → and(ne 3, ge 2, le 5).
        string json = """[{"column_name":"a","column_index":0,"type":"and","children":[""" +
            CompareNode("a", "ne", 0) + "," + CompareNode("a", "ge", 1) + "," + CompareNode("a", "le", 2) + "]}]";
        Assert.Equal([2L, 4L, 5L], A(Decode(json, I64(3), I64(2), I64(5)).Apply(Tri(20))));
    }

    [Fact]
    public void OrOfEquals()
    {
        string json = """[{"column_name":"a","column_index":0,"type":"or","children":[""" + CompareNode("a", "eq", 0) + "," + CompareNode("a", "eq", 1) + "]}]";
        Assert.Equal([5L, 7L], A(Decode(json, I64(5), I64(7)).Apply(Tri(20))));
    }

    [Fact]
    public void NestedAndInsideOr()
    {
        // (a >= 2 AND a <= 3) OR a = 10, ANDed with c = 'x' at top level.
        string json = """[{"column_name":"a","column_index":0,"type":"or","children":[{"column_name":"a","column_index":0,"type":"and","children":[""" +
            CompareNode("a", "ge", 0) + "," + CompareNode("a", "le", 1) + "]}," + CompareNode("a", "eq", 2) + "]}," + CompareNode("c", "eq", 3) + "]";
        Assert.Equal([2L, 10L], A(Decode(json, I64(2), I64(3), I64(10), Str("x")).Apply(Tri(20))));
    }

    [Fact]
    public void InLists_OfEveryKeyShape()
    {
        string json = """[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"}]""";
        // vgi_table_function sends int32; NULL keys never match (NULL rows neither).
        Assert.Equal([1L, 3L, 5L], A(TableFilters.Decode(Filter(json), [JoinKeys("a", I32(1, 3, 5, null, 6))]).Apply(Tri(20))));
        // An empty key set matches nothing.
        Assert.Empty(A(TableFilters.Decode(Filter(json), [JoinKeys("a", I64())]).Apply(Tri(20))));
        // Strings, on the c column, with the batch in another order.
        string cJson = """[{"column_name":"c","column_index":1,"type":"join_keys","keys_column":"c"}]""";
        Assert.Equal(10, TableFilters.Decode(Filter(cJson), [JoinKeys("c", Str("y", "z"))]).Apply(Tri(20, "c", "a")).Length);
        // Doubles: NaN matches NaN.
        var doubles = new DoubleArray.Builder().Append(1.5).Append(double.NaN).Append(-0.0).AppendNull().Build();
        string vJson = """[{"column_name":"v","column_index":0,"type":"join_keys","keys_column":"v"}]""";
        var keys = new DoubleArray.Builder().Append(double.NaN).Append(0.0).Build();
        Assert.Equal([1, 2], Ids(TableFilters.Decode(Filter(vJson), [JoinKeys("v", keys)]), WithIds(doubles)));
        // Two IN filters on two columns, each with its own stream.
        string both = """[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"},{"column_name":"c","column_index":1,"type":"join_keys","keys_column":"c"}]""";
        Assert.Equal([2L, 4L], A(TableFilters.Decode(Filter(both), [JoinKeys("c", Str("x")), JoinKeys("a", I64(1, 2, 3, 4))]).Apply(Tri(20))));
    }

    private static StructArray Points()
    {
        // {x: 1, y: 'p'}, {x: 5, y: 'q'}, NULL, {x: 7, y: NULL}
        var type = new StructType([new Field("x", Int64Type.Default, true), new Field("y", StringType.Default, true)]);
        var validity = new byte[] { 0b1011 };
        return new StructArray(type, 4, [I64(1, 5, 0, 7), Str("p", "q", null, null)], new ArrowBuffer(validity), 1);
    }

    [Fact]
    public void StructFieldFilters()
    {
        string gt = """[{"column_name":"v","column_index":0,"type":"struct","child_index":0,"child_name":"x","child_filter":{"column_name":"v","column_index":0,"type":"constant","op":"gt","value_ref":0}}]""";
        Assert.Equal([1, 3], Ids(Decode(gt, I64(2)), WithIds(Points())));
        // The field of a NULL struct is NULL: IS NULL holds there.
        string isNull = """[{"column_name":"v","column_index":0,"type":"struct","child_index":1,"child_name":"y","child_filter":{"column_name":"v","column_index":0,"type":"is_null"}}]""";
        Assert.Equal([2, 3], Ids(Decode(isNull), WithIds(Points())));
        // Matched by name even when the index is stale.
        string byName = """[{"column_name":"v","column_index":0,"type":"struct","child_index":0,"child_name":"y","child_filter":{"column_name":"v","column_index":0,"type":"constant","op":"eq","value_ref":0}}]""";
        Assert.Equal([1], Ids(Decode(byName, Str("q")), WithIds(Points())));
    }

    [Fact]
    public void ExpressionFilters_ComparisonsApplyFunctionsDoNot()
    {
        string applicable = """[{"column_name":"a","column_index":0,"type":"expression","expr":{"expr_type":"conjunction","conjunction_type":"and","children":[{"expr_type":"comparison","op":"gt","left":{"expr_type":"column_ref","index":0},"right":{"expr_type":"constant","value_ref":0}},{"expr_type":"comparison","op":"gt","left":{"expr_type":"constant","value_ref":1},"right":{"expr_type":"column_ref","index":0}}]}}]""";
        var filters = Decode(applicable, I64(2), I64(5)); // a > 2 AND 5 > a
        Assert.True(filters.CanApply);
        Assert.Equal([3L, 4L], A(filters.Apply(Tri(20))));

        string function = """[{"column_name":"b","column_index":0,"type":"expression","expr":{"expr_type":"comparison","op":"eq","left":{"expr_type":"function","function_name":"lower","children":[{"expr_type":"column_ref","index":0}]},"right":{"expr_type":"constant","value_ref":0}}}]""";
        var unsupported = Decode(function, Str("b1"));
        Assert.False(unsupported.CanApply);
        var e = Assert.Throws<NotSupportedException>(() => unsupported.Apply(Tri(5)));
        Assert.Contains("lower", e.Message);
    }

    [Fact]
    public void TickFilter_ResolvesByNameNotIndex()
    {
        // validation-2 C14: SELECT c, a … ORDER BY a DESC LIMIT 3, projection [2,0]: the tick says
        // column_index 0 (bind index of a), but a is column 1 of the emitted batch.
        var tick = TableFilters.DecodeDynamic(Tick(Compare("a", "gt", columnIndex: 0), I64(15)));
        var result = TableFilters.None.WithDynamic(tick).Apply(Tri(20, "c", "a"));
        Assert.Equal([16L, 17L, 18L, 19L], A(result));
    }

    [Fact]
    public void TickFilters_AreAndedWithTheInitFilters()
    {
        // validation-2 C18: WHERE c='x' ORDER BY a LIMIT … → ticks carry only a < 4.
        var init = Decode(Compare("c", "eq"), Str("x"));
        var tick = TableFilters.DecodeDynamic(Tick(Compare("a", "lt"), I64(4)));
        Assert.Equal([0L, 2L], A(init.WithDynamic(tick).Apply(Tri(20, "c", "b", "a"))));
        // NULLS FIRST: or(is_null, lt 999).
        var nullsFirst = TableFilters.DecodeDynamic(Tick("""[{"column_name":"a","column_index":0,"type":"or","children":[{"column_name":"a","column_index":0,"type":"is_null"},""" + CompareNode("a", "lt") + "]}]", I64(3)));
        Assert.Equal([0L, 1L, 2L, null, null], A(TableFilters.None.WithDynamic(nullsFirst).Apply(Tri(20))));
    }

    [Fact]
    public void MissingColumns_StaticFailsDynamicIsSkipped()
    {
        var init = Decode(Compare("zzz", "eq"), I64(1));
        var e = Assert.Throws<InvalidOperationException>(() => init.Apply(Tri(5)));
        Assert.Contains("'zzz'", e.Message);
        var tick = TableFilters.DecodeDynamic(Tick(Compare("zzz", "eq"), I64(1)));
        Assert.Equal(5, TableFilters.None.WithDynamic(tick).Apply(Tri(5)).Length);
        // A dynamic filter that cannot be evaluated on its column is skipped too.
        var wrongType = TableFilters.DecodeDynamic(Tick(Compare("b", "gt"), I64(1)));
        Assert.Equal(5, TableFilters.None.WithDynamic(wrongType).Apply(Tri(5)).Length);
    }

    [Fact]
    public void ColumnNames_FallBackToCaseInsensitive()
    {
        var filters = Decode(Compare("A", "eq"), I64(3));
        Assert.Equal([3L], A(filters.Apply(Tri(10))));
    }

    [Fact]
    public void EvaluateRefinesAnExistingSelection()
    {
        var filters = Decode(Compare("a", "ge"), I64(2));
        var selected = new bool[5] { true, true, true, false, true };
        filters.Evaluate(Tri(5), selected);
        Assert.Equal([false, false, true, false, true], selected);
        Assert.Throws<ArgumentException>(() => filters.Evaluate(Tri(5), new bool[4]));
    }

    [Fact]
    public void HandBuiltFilters_ApplyToo()
    {
        var filters = new TableFilters([
            new ComparisonFilter("a", ComparisonOperator.LessThan, new FilterValue(I64(3))),
            new OrFilter("c", [new ComparisonFilter("c", ComparisonOperator.Equal, new FilterValue(Str("y"))), new IsNullFilter("c")]),
        ]);
        Assert.Equal([1L], A(filters.Apply(Tri(10))));
        Assert.Equal("a < 3 AND (c = 'y' OR c IS NULL)", filters.ToString());
    }
}
