using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Workers;

namespace Vgi.Tests.Worker;

public class StatisticsBatchTests
{
    private static readonly Schema Output = new(
    [
        new Field("n", Int64Type.Default, true),
        new Field("s", StringType.Default, true),
        new Field("d", DoubleType.Default, true),
    ], null);

    private static Int64Array I64(long v) => new Int64Array.Builder().Append(v).Build();

    private static StringArray Str(string v) => new StringArray.Builder().Append(v).Build();

    [Fact]
    public void Columns_of_different_types_share_one_sparse_union_with_a_child_per_type()
    {
        byte[] bytes = StatisticsBatch.Encode(
        [
            new ColumnStatistics("n", I64(0), I64(99), HasNull: false) { DistinctCount = 100 },
            new ColumnStatistics("s", Str("a"), Str("zz"), HasNull: true, HasNotNull: true) { ContainsUnicode = false, MaxStringLength = 2 },
            new ColumnStatistics("d", null, null, HasNull: false),
        ], Output);

        var batch = IpcBytes.ReadBatch(bytes);
        Assert.Equal(3, batch.Length);
        Assert.Equal(["column_name", "min", "max", "has_null", "has_not_null", "distinct_count", "contains_unicode", "max_string_length"],
            batch.Schema.FieldsList.Select(f => f.Name));
        var names = (StringArray)batch.Column("column_name");
        Assert.Equal(["n", "s", "d"], Enumerable.Range(0, 3).Select(i => names.GetString(i)));

        var min = Assert.IsType<SparseUnionArray>(batch.Column("min"));
        var type = (UnionType)min.Data.DataType;
        Assert.Equal(UnionMode.Sparse, type.Mode);
        Assert.Equal(["0", "1"], type.Fields.Select(f => f.Name));
        Assert.IsType<Int64Type>(type.Fields[0].DataType);
        Assert.IsType<StringType>(type.Fields[1].DataType);
        Assert.Equal([0, 1, 0], min.TypeIds.ToArray().Select(b => (int)b));
        Assert.Equal(0L, ((Int64Array)min.Fields[0]).GetValue(0));
        Assert.Equal("a", ((StringArray)min.Fields[1]).GetString(1));
        Assert.True(min.Fields[0].IsNull(2), "an unknown bound is a null in child 0");
        var max = Assert.IsType<SparseUnionArray>(batch.Column("max"));
        Assert.Equal(99L, ((Int64Array)max.Fields[0]).GetValue(0));
        Assert.Equal("zz", ((StringArray)max.Fields[1]).GetString(1));

        Assert.Equal([false, true, false], Bools(batch.Column("has_null")));
        Assert.Equal([true, true, true], Bools(batch.Column("has_not_null")));
        var distinct = (Int64Array)batch.Column("distinct_count");
        Assert.Equal([100L, null, null], Enumerable.Range(0, 3).Select(i => distinct.GetValue(i)));
        Assert.Equal([null, false, null], Bools(batch.Column("contains_unicode")));
        var length = (UInt64Array)batch.Column("max_string_length");
        Assert.Equal([null, 2UL, null], Enumerable.Range(0, 3).Select(i => length.GetValue(i)));
    }

    [Fact]
    public void A_statistic_for_a_column_the_output_does_not_have_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => StatisticsBatch.Encode([new ColumnStatistics("x", I64(1), I64(2), false)], Output));
        Assert.Contains("'x'", e.Message);
    }

    [Fact]
    public void A_bound_of_more_than_one_value_is_rejected()
    {
        var two = new Int64Array.Builder().Append(1).Append(2).Build();
        Assert.Throws<ArgumentException>(() => StatisticsBatch.Encode([new ColumnStatistics("n", two, I64(2), false)], Output));
    }

    private static bool?[] Bools(IArrowArray array)
    {
        var a = (BooleanArray)array;
        return [.. Enumerable.Range(0, a.Length).Select(i => a.GetValue(i))];
    }
}
