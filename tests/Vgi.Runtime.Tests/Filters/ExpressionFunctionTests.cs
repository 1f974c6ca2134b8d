using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Testing;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Tests.Filters.FilterData;

namespace Vgi.Tests.Filters;

/// <summary>
/// The expression-filter functions a table function can advertise (<c>supported_expression_filters</c>)
/// are applied exactly: string prefix and substring, list membership, WKB extent intersection.
/// </summary>
public sealed class ExpressionFunctionTests
{
    private static string Call(string column, string function) =>
        $$$"""[{"column_name":"{{{column}}}","column_index":0,"type":"expression","expr":{"expr_type":"function","function_name":"{{{function}}}","children":[{"expr_type":"column_ref","index":0},{"expr_type":"constant","value_ref":0}]}}]""";

    private static RecordBatch Names(params string?[] names) => WithIds(Str(names), "name");

    [Theory]
    [InlineData("prefix")]
    [InlineData("starts_with")]
    public void Prefix_keeps_rows_starting_with_the_constant(string function)
    {
        var filters = TableFilters.Decode(Filter(Call("name", function), Str("item_1")));
        Assert.True(filters.CanApply);
        Assert.Equal([0, 2], Ids(filters, Names("item_1", "item_2", "item_12", null)));
    }

    [Fact]
    public void Contains_is_a_substring_test_and_null_keeps_no_row()
    {
        var filters = TableFilters.Decode(Filter(Call("name", "contains"), Str("m_1")));
        Assert.Equal([0, 2], Ids(filters, Names("item_1", "item_2", "item_12", null)));
    }

    [Fact]
    public void List_contains_tests_membership()
    {
        var builder = new ListArray.Builder(StringType.Default);
        var values = (StringArray.Builder)builder.ValueBuilder;
        builder.Append(); values.Append("tag_0"); values.Append("tag_1");
        builder.Append(); values.Append("tag_1"); values.Append("tag_2");
        builder.AppendNull();
        builder.Append(); values.Append("tag_3"); values.Append("tag_0");
        var filters = TableFilters.Decode(Filter(Call("tags", "list_contains"), Str("tag_0")));
        Assert.True(filters.CanApply);
        Assert.Equal([0, 3], Ids(filters, WithIds(builder.Build(), "tags")));
    }

    [Theory]
    [InlineData("&&")]
    [InlineData("st_intersects_extent")]
    public void Extent_intersection_compares_wkb_bounding_boxes(string function)
    {
        var points = new BinaryArray.Builder();
        foreach (var (x, y) in new[] { (0.1, 0.1), (0.5, 0.5), (0.9, 0.2), (2.0, 2.0) }) points.Append(Wkb.Point(x, y));
        var box = new BinaryArray.Builder().Append(Wkb.Box(0.0, 0.0, 0.6, 0.6)).Build();
        var filters = TableFilters.Decode(FilterExt(Call("geom", function), (box, "geoarrow.wkb")));
        Assert.True(filters.CanApply);
        Assert.Equal([0, 1], Ids(filters, WithIds(points.Build(), "geom")));
    }

    [Fact]
    public void A_bool8_constant_compares_as_a_boolean()
    {
        // prefix(name, 'item_1') = TRUE, with TRUE sent as int8 + ARROW:extension:name = arrow.bool8.
        string json = """[{"column_name":"name","column_index":0,"type":"expression","expr":{"expr_type":"comparison","op":"eq","left":{"expr_type":"function","function_name":"prefix","children":[{"expr_type":"column_ref","index":0},{"expr_type":"constant","value_ref":0}]},"right":{"expr_type":"constant","value_ref":1}}}]""";
        var bool8 = new Int8Array.Builder().Append(1).Build();
        var filters = TableFilters.Decode(FilterExt(json, (Str("item_1"), null), (bool8, "arrow.bool8")));
        Assert.Equal([0, 2], Ids(filters, Names("item_1", "item_2", "item_12", null)));
    }

    [Fact]
    public void An_unknown_function_still_cannot_be_applied()
    {
        var filters = TableFilters.Decode(Filter(Call("name", "regexp_matches"), Str("x")));
        Assert.False(filters.CanApply);
    }
}
