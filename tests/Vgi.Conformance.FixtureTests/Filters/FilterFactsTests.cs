using Apache.Arrow;
using Vgi.Conformance.Fixtures.Filters;
using Vgi.Functions;
using static Vgi.Conformance.FixtureTests.Filters.FilterBatches;

namespace Vgi.Conformance.FixtureTests.Filters;

/// <summary>Expression SQL, discrete value sets, filtered columns and the late-materialization witness (fixtures.md §6.6.3–6.6.5).</summary>
public sealed class FilterFactsTests
{
    private static ConstantExpression Const(IArrowArray value, string? extension = null) => new(new FilterValue(value, 0, extension));

    private static string Sql(string column, FilterExpression expression) => FilterText.ExpressionSql(new ExpressionFilter(column, expression));

    [Fact]
    public void ExpressionSql_Constants()
    {
        var col = new ColumnReferenceExpression(0);
        Assert.Equal("(\"v\" = NULL)", Sql("v", new ComparisonExpression(ComparisonOperator.Equal, col, Const(I64([null])))));
        Assert.Equal("(\"v\" = TRUE)", Sql("v", new ComparisonExpression(ComparisonOperator.Equal, col, Const(new Int8Array.Builder().Append(1).Build(), "arrow.bool8"))));
        Assert.Equal("(\"v\" != FALSE)", Sql("v", new ComparisonExpression(ComparisonOperator.NotEqual, col, Const(new BooleanArray.Builder().Append(false).Build()))));
        Assert.Equal("(\"v\" > 42)", Sql("v", new ComparisonExpression(ComparisonOperator.GreaterThan, col, Const(I64(42)))));
        Assert.Equal("(\"v\" <= 1e+16)", Sql("v", new ComparisonExpression(ComparisonOperator.LessThanOrEqual, col, Const(F64(1e16)))));
        Assert.Equal("(\"v\" = 1.50)", Sql("v", new ComparisonExpression(ComparisonOperator.Equal, col,
            Const(new Decimal128Array.Builder(new Apache.Arrow.Types.Decimal128Type(5, 2)).Append(1.5m).Build()))));
        Assert.Equal("(\"v\" = 'it''s')", Sql("v", new ComparisonExpression(ComparisonOperator.Equal, col, Const(Str("it's")))));
        Assert.Equal("(\"v\" = '\\x0102ff'::BLOB)", Sql("v", new ComparisonExpression(ComparisonOperator.Equal, col, Const(new BinaryArray.Builder().Append([1, 2, 0xFF]).Build()))));
        Assert.Equal("(\"v\" >= '2024-01-02')", Sql("v", new ComparisonExpression(ComparisonOperator.GreaterThanOrEqual, col, Const(new Date32Array.Builder().Append(new DateOnly(2024, 1, 2)).Build()))));
    }

    [Fact]
    public void ExpressionSql_ColumnQuoting()
    {
        Assert.Equal("upper(\"we\"\"ird\")", Sql("we\"ird", new FunctionExpression("upper", [new ColumnReferenceExpression(3)])));
        Assert.Equal("now()", Sql("x", new FunctionExpression("now", [])));
    }

    [Fact]
    public void ExpressionSql_FunctionsOperatorsConjunctions()
    {
        var col = new ColumnReferenceExpression(0);
        byte[] wkb = [0x01, 0x01, 0x00, 0x00, 0x00, 0xAB];
        var geometry = Const(new BinaryArray.Builder().Append(wkb).Build(), "geoarrow.wkb");
        Assert.Equal("(\"geom\" && ST_GeomFromHEXWKB('0101000000ab'))", Sql("geom", new FunctionExpression("&&", [col, geometry])));
        Assert.Equal("st_intersects_extent(\"geom\", ST_GeomFromHEXWKB('0101000000ab'))", Sql("geom", new FunctionExpression("st_intersects_extent", [col, geometry])));
        Assert.Equal("list_contains(\"tags\", 'tag_1')", Sql("tags", new FunctionExpression("list_contains", [col, Const(Str("tag_1"))])));
        Assert.Equal("(\"s\" ~~ 'a%')", Sql("s", new FunctionExpression("~~", [col, Const(Str("a%"))])));
        // A one-argument operator is not infix.
        Assert.Equal("-(\"n\")", Sql("n", new FunctionExpression("-", [col])));
        Assert.Equal("((\"id\" > 1) AND (\"id\" < 5))", Sql("id", new ConjunctionExpression(ConjunctionType.And,
            [new ComparisonExpression(ComparisonOperator.GreaterThan, col, Const(I64(1))), new ComparisonExpression(ComparisonOperator.LessThan, col, Const(I64(5)))])));
        Assert.Equal("(prefix(\"name\", 'a') OR contains(\"name\", 'b'))", Sql("name", new ConjunctionExpression(ConjunctionType.Or,
            [new FunctionExpression("prefix", [col, Const(Str("a"))]), new FunctionExpression("contains", [col, Const(Str("b"))])])));
    }

    [Fact]
    public void ExpressionSql_DecodedFromTheWire()
    {
        string json = """[{"column_name":"geom","column_index":3,"type":"expression","expr":{"expr_type":"function","function_name":"&&","children":[{"expr_type":"column_ref","index":3},{"expr_type":"constant","value_ref":0}]}}]""";
        var filters = Decode(json, V(new BinaryArray.Builder().Append([0x01, 0xFF]).Build(), "geoarrow.wkb"));
        Assert.Equal("(\"geom\" && ST_GeomFromHEXWKB('01ff'))", FilterText.ExpressionSql(Assert.IsType<ExpressionFilter>(filters.Filters[0])));
        Assert.Equal("(\"geom\" && ST_GeomFromHEXWKB('01ff'))", FilterText.Sql(filters));
    }

    [Fact]
    public void DiscreteValues_EqualsAndIn()
    {
        Assert.Equal([5L], FilterText.DiscreteValues(Decode($"[{Cmp("n", "eq", 0)}]", V(I64(5))), "n"));
        Assert.Equal([3L, 1L, null], FilterText.DiscreteValues(DecodeWithKeys($"[{In("n")}]", [("n", I64(3, 1, null))]), "n"));
        Assert.Equal(["a", "b"], FilterText.DiscreteValues(DecodeWithKeys($"[{In("tag")}]", [("tag", Str("a", "b"))]), "tag"));
    }

    [Fact]
    public void DiscreteValues_OrUnion_FirstSeenWithoutDuplicates()
    {
        var filters = DecodeWithKeys($"[{Conj("or", "n", Cmp("n", "eq", 0), In("n"), Cmp("n", "eq", 1))}]", [("n", I64(2, 1, 3))], V(I64(1)), V(I64(4)));
        Assert.Equal([1L, 2L, 3L, 4L], FilterText.DiscreteValues(filters, "n"));
        // An OR with any other branch yields no set.
        var mixed = Decode($"[{Conj("or", "n", Cmp("n", "eq", 0), Cmp("n", "gt", 1))}]", V(I64(1)), V(I64(4)));
        Assert.Null(FilterText.DiscreteValues(mixed, "n"));
    }

    [Fact]
    public void DiscreteValues_CandidateOrder()
    {
        // A non-set filter is skipped; the first set wins.
        Assert.Equal([7L], FilterText.DiscreteValues(Decode($"[{Cmp("n", "gt", 0)},{Cmp("n", "eq", 1)}]", V(I64(3)), V(I64(7))), "n"));
        Assert.Equal([7L], FilterText.DiscreteValues(DecodeWithKeys($"[{Cmp("n", "eq", 0)},{In("n")}]", [("n", I64(1, 2))], V(I64(7))), "n"));
        // A top-level AND contributes its direct children.
        var and = DecodeWithKeys($"[{Conj("and", "n", Cmp("n", "ge", 0), In("n"))}]", [("n", I64(4, 5))], V(I64(0)));
        Assert.Equal([4L, 5L], FilterText.DiscreteValues(and, "n"));
        // An AND nested in an OR is not looked into.
        var nested = Decode($"[{Conj("or", "n", Conj("and", "n", Cmp("n", "eq", 0)), Cmp("n", "eq", 1))}]", V(I64(1)), V(I64(2)));
        Assert.Null(FilterText.DiscreteValues(nested, "n"));
    }

    [Fact]
    public void DiscreteValues_OtherColumnsOrNone()
    {
        Assert.Null(FilterText.DiscreteValues(TableFilters.None, "n"));
        Assert.Null(FilterText.DiscreteValues(Decode($"[{Cmp("m", "eq", 0)}]", V(I64(5))), "n"));
        Assert.Null(FilterText.DiscreteValues(Decode($"[{Cmp("n", "ne", 0)}]", V(I64(5))), "n"));
        Assert.Null(FilterText.DiscreteValues(new TableFilters([new StructFieldFilter("n", "a", 0, Compare("n", ComparisonOperator.Equal, I64(1)))]), "n"));
    }

    [Fact]
    public void FilteredColumns_TopLevelDistinctSorted()
    {
        var filters = Decode($"[{Cmp("tag", "eq", 0)},{Cmp("n", "gt", 1)},{Cmp("tag", "ne", 0)},{Cmp("B", "eq", 1)}]", V(Str("x")), V(I64(1)));
        Assert.Equal(["B", "n", "tag"], FilterText.FilteredColumns(filters));
        Assert.Empty(FilterText.FilteredColumns(TableFilters.None));
        Assert.True(FilterText.HasFilterFor(filters, "n"));
        Assert.True(FilterText.HasFilterFor(filters, "tag"));
        Assert.False(FilterText.HasFilterFor(filters, "N"));
        Assert.False(FilterText.HasFilterFor(TableFilters.None, "n"));
    }

    [Fact]
    public void Witness_NoFilters() => Assert.Equal("rid:in=0;rng=none", FilterText.LateMaterializationWitness(TableFilters.None));

    [Fact]
    public void Witness_InCounts()
    {
        Assert.Equal("rid:in=3;rng=none", FilterText.LateMaterializationWitness(DecodeWithKeys($"[{In("row_id")}]", [("row_id", I64(1, 2, 3))])));
        var or = new TableFilters([new OrFilter("row_id", [new InFilter("row_id", I64(1, 2)), new InFilter("row_id", I64(5, 6, 7))])]);
        Assert.Equal("rid:in=5;rng=none", FilterText.LateMaterializationWitness(or));
    }

    [Fact]
    public void Witness_Ranges()
    {
        Assert.Equal("rid:in=0;rng=10..20", FilterText.LateMaterializationWitness(
            Decode($"[{Conj("and", "row_id", Cmp("row_id", "ge", 0), Cmp("row_id", "lt", 1))}]", V(I64(10)), V(I64(20)))));
        Assert.Equal("rid:in=0;rng=5..None", FilterText.LateMaterializationWitness(Decode($"[{Cmp("row_id", "gt", 0)}]", V(I64(5)))));
        Assert.Equal("rid:in=0;rng=None..7", FilterText.LateMaterializationWitness(Decode($"[{Cmp("row_id", "le", 0)}]", V(I64(7)))));
        Assert.Equal("rid:in=0;rng=4..4", FilterText.LateMaterializationWitness(Decode($"[{Cmp("row_id", "eq", 0)}]", V(I64(4)))));
        // Several bounds on one side: the least lower bound, the greatest upper bound.
        Assert.Equal("rid:in=2;rng=3..9", FilterText.LateMaterializationWitness(DecodeWithKeys(
            $"[{Cmp("row_id", "gt", 0)},{Cmp("row_id", "ge", 1)},{Cmp("row_id", "lt", 2)},{Cmp("row_id", "le", 3)},{In("row_id")}]",
            [("row_id", I64(1, 2))], V(I64(5)), V(I64(3)), V(I64(9)), V(I64(8)))));
    }

    [Fact]
    public void Witness_IgnoresOtherColumnsAndInequality()
    {
        Assert.Equal("rid:in=0;rng=none", FilterText.LateMaterializationWitness(
            Decode($"[{Cmp("ord", "gt", 0)},{Cmp("row_id", "ne", 0)},{Node("row_id", "is_not_null")}]", V(I64(5)))));
    }

    [Fact]
    public void ComparePython_IsTheNaturalOrder()
    {
        var values = new List<object?> { 3L, 1.5, 2L, -1L };
        values.Sort(FilterText.ComparePython);
        Assert.Equal([-1L, 1.5, 2L, 3L], values);
        Assert.True(FilterText.ComparePython("b", "a") > 0);
    }
}
