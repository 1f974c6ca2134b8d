using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Tests.Filters.FilterData;

namespace Vgi.Tests.Filters;

/// <summary>Decoding the filter batch, join keys and tick filters into the typed model (vgi-functions §6.2–6.4, validation-2 C14–C18).</summary>
public sealed class FilterDecodeTests
{
    [Fact]
    public void Section73Bytes_DecodeToTwoTypedComparisons()
    {
        var filters = TableFilters.Decode(Section73);
        Assert.Equal(2, filters.Filters.Count);
        var a = Assert.IsType<ComparisonFilter>(filters.Filters[0]);
        Assert.Equal("a", a.ColumnName);
        Assert.Equal(ComparisonOperator.GreaterThan, a.Operator);
        Assert.IsType<Int64Type>(a.Value.Type);
        Assert.Equal(3, a.Value.AsInt64());
        var c = Assert.IsType<ComparisonFilter>(filters.Filters[1]);
        Assert.Equal("c", c.ColumnName);
        Assert.Equal(ComparisonOperator.Equal, c.Operator);
        Assert.Equal("x", c.Value.AsString());
        Assert.Equal("a > 3 AND c = 'x'", filters.ToString());
        Assert.Empty(filters.DynamicFilters);
        Assert.True(filters.CanApply);
        Assert.Same(a, Assert.Single(filters.On("a")));
    }

    [Fact]
    public void Section73Bytes_AreWhatTheHelperBuilds()
    {
        // The helper writes the same stream layout (schema + 1 row + EOS), so decoding agrees.
        var built = Filter("""[{"column_name":"a","column_index":0,"type":"constant","op":"gt","value_ref":0},{"column_name":"c","column_index":1,"type":"constant","op":"eq","value_ref":1}]""",
            I64(3), Str("x"));
        Assert.Equal(TableFilters.Decode(Section73).ToString(), TableFilters.Decode(built).ToString());
        var schema = IpcBytes.ReadSchema(Section73);
        Assert.Equal("1", schema.GetFieldByName("filter_spec").Metadata["vgi_filter_version"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData(" [ ] ")]
    public void EmptyArray_IsNone(string json)
    {
        // C17: `ORDER BY a LIMIT 3` sends filter_spec "[]" with no _val columns.
        Assert.True(TableFilters.Decode(Filter(json)).IsEmpty);
        Assert.Same(TableFilters.None, TableFilters.Decode(Filter(json)));
    }

    [Fact]
    public void NullSpecAndNoBytes_AreNone()
    {
        var schema = new Schema([new Field("filter_spec", StringType.Default, true, [new("vgi_filter_version", "1")])], null);
        var nullSpec = IpcBytes.WriteBatch(new RecordBatch(schema, [Str([null])], 1));
        Assert.True(TableFilters.Decode(nullSpec).IsEmpty);
        Assert.True(TableFilters.Decode(ReadOnlyMemory<byte>.Empty).IsEmpty);
        Assert.Equal("(none)", TableFilters.None.ToString());
    }

    [Fact]
    public void OtherVersion_IsRefused()
    {
        var schema = new Schema([new Field("filter_spec", StringType.Default, true, [new("vgi_filter_version", "2")])], null);
        var bytes = IpcBytes.WriteBatch(new RecordBatch(schema, [Str("[]")], 1));
        var e = Assert.Throws<FilterFormatException>(() => TableFilters.Decode(bytes));
        Assert.Contains("vgi_filter_version=2", e.Message);
    }

    [Fact]
    public void UnknownType_FailsAtInitButIsDroppedFromTicks()
    {
        string json = """[{"column_name":"a","column_index":0,"type":"bloom","bits":"…"}]""";
        Assert.Throws<FilterFormatException>(() => TableFilters.Decode(Filter(json)));
        Assert.True(TableFilters.DecodeDynamic(Tick(json)).IsEmpty);
        Assert.Throws<FilterFormatException>(() => TableFilters.DecodeDynamic("not base64!"));
        Assert.Throws<FilterFormatException>(() => TableFilters.Decode(Filter("{\"type\":\"and\"}")));
    }

    [Fact]
    public void ConstantsAreFoundByName()
    {
        // _val_1 before _val_0 in the batch: value_ref still picks by name.
        var fields = new[]
        {
            new Field("filter_spec", StringType.Default, true, [new("vgi_filter_version", "1")]),
            new Field("_val_1", StringType.Default, true),
            new Field("_val_0", Int64Type.Default, true),
        };
        var json = "[" + CompareNode("a", "gt", 0) + "," + CompareNode("c", "eq", 1) + "]";
        var bytes = IpcBytes.WriteBatch(new RecordBatch(new Schema(fields, null), [Str(json), Str("x"), I64(3)], 1));
        Assert.Equal("a > 3 AND c = 'x'", TableFilters.Decode(bytes).ToString());
    }

    [Fact]
    public void JoinKeys_TopLevelAndInsideAnd()
    {
        // §3.4: `a IN (1,3,5)` → a top-level join_keys filter, keys {a: int64} = 1, 3, 5.
        var top = TableFilters.Decode(Filter("""[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"}]"""), [JoinKeys("a", I64(1, 3, 5))]);
        var inFilter = Assert.IsType<InFilter>(Assert.Single(top.Filters));
        Assert.Equal("a", inFilter.KeysColumn);
        Assert.Equal(3, inFilter.Count);
        Assert.Equal(5, inFilter.GetKey(2).AsInt64());
        Assert.Equal("a IN (1, 3, 5)", inFilter.ToString());

        // §7.2: a hash join → and(join_keys, ge 5, le 13), keys 5, 6, 13.
        string json = """[{"column_name":"a","column_index":0,"type":"and","children":[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"},{"column_name":"a","column_index":0,"type":"constant","op":"ge","value_ref":0},{"column_name":"a","column_index":0,"type":"constant","op":"le","value_ref":1}]}]""";
        var join = TableFilters.Decode(Filter(json, I64(5), I64(13)), [JoinKeys("a", I64(5, 6, 13))]);
        var and = Assert.IsType<AndFilter>(Assert.Single(join.Filters));
        Assert.IsType<InFilter>(and.Children[0]);
        Assert.Equal("(a IN (5, 6, 13) AND a >= 5 AND a <= 13)", and.ToString());
        Assert.Equal([5L], A(join.Apply(Tri(20)))); // 6 and 13 are NULL in tri (i % 7 = 6)
    }

    [Fact]
    public void MissingJoinKeys_DropTheFilterAndAnEnclosingOr()
    {
        string andJson = """[{"column_name":"a","column_index":0,"type":"and","children":[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"},{"column_name":"a","column_index":0,"type":"constant","op":"ge","value_ref":0}]}]""";
        var and = TableFilters.Decode(Filter(andJson, I64(5)), joinKeys: null);
        Assert.Equal("(a >= 5)", Assert.Single(and.Filters).ToString());

        string orJson = """[{"column_name":"a","column_index":0,"type":"or","children":[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"},{"column_name":"a","column_index":0,"type":"constant","op":"eq","value_ref":0}]},""" +
            CompareNode("c", "eq", 1) + "]";
        var or = TableFilters.Decode(Filter(orJson, I64(5), Str("x")), [JoinKeys("other", I64(1))]);
        Assert.Equal("c = 'x'", Assert.Single(or.Filters).ToString());

        var onlyKeys = TableFilters.Decode(Filter("""[{"column_name":"a","column_index":0,"type":"join_keys","keys_column":"a"}]"""));
        Assert.True(onlyKeys.IsEmpty);
    }

    [Fact]
    public void TickFilter_IsDecodedAndAndedWithTheInitFilters()
    {
        var init = TableFilters.Decode(Filter(Compare("c", "eq"), Str("x")));
        // §7.5: ORDER BY a DESC LIMIT 3 → tick filter a > 997 (column_index is the bind index).
        var tick = TableFilters.DecodeDynamic(Tick(Compare("a", "gt", columnIndex: 0), I64(997)));
        Assert.Equal(tick.Filters, tick.DynamicFilters);
        var combined = init.WithDynamic(tick);
        Assert.Equal("c = 'x' AND a > 997", combined.ToString());
        Assert.Single(combined.DynamicFilters);

        // A later tick replaces the dynamic part, never the init part.
        var later = combined.WithDynamic(TableFilters.DecodeDynamic(Tick(Compare("a", "gt"), I64(1997))));
        Assert.Equal("c = 'x' AND a > 1997", later.ToString());
        Assert.Same(init, init.WithDynamic(TableFilters.None));
        Assert.Equal("c = 'x'", later.WithDynamic(TableFilters.None).ToString());
    }

    [Fact]
    public void StructAndExpressionNodes_KeepTheirTree()
    {
        string structJson = """[{"column_name":"s","column_index":2,"type":"struct","child_index":1,"child_name":"y","child_filter":{"column_name":"s","column_index":2,"type":"constant","op":"eq","value_ref":0}}]""";
        var s = Assert.IsType<StructFieldFilter>(Assert.Single(TableFilters.Decode(Filter(structJson, Str("q"))).Filters));
        Assert.Equal(("s", "y", 1), (s.ColumnName, s.ChildName, s.ChildIndex));
        Assert.Equal("q", Assert.IsType<ComparisonFilter>(s.ChildFilter).Value.AsString());

        string exprJson = """[{"column_name":"a","column_index":0,"type":"expression","expr":{"expr_type":"conjunction","conjunction_type":"or","children":[{"expr_type":"comparison","op":"gt","left":{"expr_type":"column_ref","index":0},"right":{"expr_type":"constant","value_ref":0}},{"expr_type":"comparison","op":"eq","left":{"expr_type":"function","function_name":"lower","children":[{"expr_type":"column_ref","index":0}]},"right":{"expr_type":"constant","value_ref":1}}]}}]""";
        var e = Assert.IsType<ExpressionFilter>(Assert.Single(TableFilters.Decode(Filter(exprJson, I64(3), Str("x"))).Filters));
        var or = Assert.IsType<ConjunctionExpression>(e.Expression);
        Assert.Equal(ConjunctionType.Or, or.Type);
        var call = Assert.IsType<FunctionExpression>(((ComparisonExpression)or.Children[1]).Left);
        Assert.Equal("lower", call.FunctionName);
        Assert.False(e.CanApply);
        Assert.Contains("lower", e.UnsupportedReason);
        Assert.Equal("((#0 > 3) OR (lower(#0) = 'x'))", e.ToString());
    }

    [Fact]
    public void LegacyInList_ReadsTheListConstant()
    {
        var list = new ListArray.Builder(Int64Type.Default);
        list.Append();
        var values = (Int64Array.Builder)list.ValueBuilder;
        values.Append(2);
        values.Append(4);
        var filters = TableFilters.Decode(Filter("""[{"column_name":"a","column_index":0,"type":"in","value_ref":0}]""", list.Build()));
        Assert.Equal("a IN (2, 4)", filters.ToString());
        Assert.Equal([2L, 4L], A(filters.Apply(Tri(10))));
    }

    [Fact]
    public void Bool8Constant_ReadsThroughItsStorage()
    {
        var filters = TableFilters.Decode(FilterExt(Compare("flag", "eq"), (new Int8Array.Builder().Append((sbyte)1).Build(), "arrow.bool8")));
        var comparison = Assert.IsType<ComparisonFilter>(Assert.Single(filters.Filters));
        Assert.Equal("arrow.bool8", comparison.Value.ExtensionName);
        Assert.True(comparison.Value.AsBoolean());
        Assert.Equal("flag = true", filters.ToString());
    }
}
