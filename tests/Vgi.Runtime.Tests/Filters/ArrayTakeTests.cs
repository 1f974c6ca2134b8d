using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;
using static Vgi.Tests.Filters.FilterData;

namespace Vgi.Tests.Filters;

/// <summary>Applying filters keeps the selected rows of every column type, including nested ones, and allocates nothing when all rows pass.</summary>
public sealed class ArrayTakeTests
{
    private static readonly TableFilters KeepOdd = TableFilters.Decode(Filter(
        """[{"column_name":"id","column_index":0,"type":"join_keys","keys_column":"id"}]"""), [JoinKeys("id", I32(1, 3))]);

    private static RecordBatch Mixed()
    {
        var list = new ListArray.Builder(Int64Type.Default);
        var values = (Int64Array.Builder)list.ValueBuilder;
        list.Append(); values.Append(1);                  // [1]
        list.Append(); values.Append(2); values.Append(3); // [2, 3]
        list.AppendNull();                                // NULL
        list.Append();                                    // []
        list.Append(); values.Append(9);                  // [9]

        var structType = new StructType([new Field("x", Int32Type.Default, true), new Field("s", StringType.Default, true)]);
        var structs = new StructArray(structType, 5, [I32(10, 11, 12, 13, 14), Str("a", "b", null, "d", "e")], ArrowBuffer.Empty, 0);

        var bools = new BooleanArray.Builder().Append(true).Append(false).AppendNull().Append(true).Append(false).Build();
        var dictionary = new DictionaryArray(new DictionaryType(Int8Type.Default, StringType.Default, false),
            new Int8Array.Builder().Append((sbyte)0).Append((sbyte)1).Append((sbyte)0).AppendNull().Append((sbyte)1).Build(), Str("p", "q"));
        var fixedSize = new FixedSizeBinaryArray(new ArrayData(new FixedSizeBinaryType(2), 5, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(new byte[] { 0, 0, 1, 1, 2, 2, 3, 3, 4, 4 })], []));
        var decimals = new Decimal128Array.Builder(new Decimal128Type(10, 2)).Append(0.5m).Append(1.5m).Append(2.5m).Append(3.5m).AppendNull().Build();

        var columns = new (string Name, IArrowArray Array)[]
        {
            ("id", I32(0, 1, 2, 3, 4)),
            ("list", list.Build()),
            ("struct", structs),
            ("bool", bools),
            ("dict", dictionary),
            ("fixed", fixedSize),
            ("dec", decimals),
            ("str", Str("zero", null, "two", "three", "four")),
        };
        return new RecordBatch(new Schema(columns.Select(c => new Field(c.Name, c.Array.Data.DataType, true)), null), columns.Select(c => c.Array), 5);
    }

    [Fact]
    public void EveryLayout_KeepsTheSelectedRows()
    {
        var result = KeepOdd.Apply(Mixed());
        Assert.Equal(2, result.Length);
        Assert.Equal([1, 3], ((Int32Array)result.Column(0)).Values.ToArray());

        var list = (ListArray)result.Column(1);
        Assert.Equal([2L, 3L], ((Int64Array)list.GetSlicedValues(0)).Values.ToArray());
        Assert.Equal(0, list.GetValueLength(1));
        Assert.False(list.IsNull(1));

        var structs = (StructArray)result.Column(2);
        Assert.Equal([11, 13], ((Int32Array)structs.Fields[0]).Values.ToArray());
        Assert.Equal(["b", "d"], new[] { ((StringArray)structs.Fields[1]).GetString(0), ((StringArray)structs.Fields[1]).GetString(1) });

        var bools = (BooleanArray)result.Column(3);
        Assert.Equal([false, true], new[] { bools.GetValue(0)!.Value, bools.GetValue(1)!.Value });

        var dict = (DictionaryArray)result.Column(4);
        Assert.Equal((sbyte)1, ((Int8Array)dict.Indices).GetValue(0));
        Assert.True(dict.IsNull(1));

        var fixedSize = (FixedSizeBinaryArray)result.Column(5);
        Assert.Equal([1, 1], fixedSize.GetBytes(0).ToArray());
        Assert.Equal([3, 3], fixedSize.GetBytes(1).ToArray());

        var dec = (Decimal128Array)result.Column(6);
        Assert.Equal([1.5m, 3.5m], new[] { dec.GetValue(0)!.Value, dec.GetValue(1)!.Value });

        var str = (StringArray)result.Column(7);
        Assert.True(str.IsNull(0));
        Assert.Equal("three", str.GetString(1));
        Assert.Equal(1, str.NullCount);

        // The result is a well-formed batch: it survives an IPC round trip.
        var again = IpcBytes.ReadBatch(IpcBytes.WriteBatch(result));
        Assert.Equal(2, again.Length);
    }

    [Fact]
    public void SlicedInputs_AreReadThroughTheirOffset()
    {
        var batch = Mixed().Slice(1, 4); // ids 1..4
        var result = KeepOdd.Apply(batch);
        Assert.Equal([1, 3], ((Int32Array)result.Column(0)).Values.ToArray());
        Assert.Equal([11, 13], ((Int32Array)((StructArray)result.Column(2)).Fields[0]).Values.ToArray());
        Assert.Equal("three", ((StringArray)result.Column(7)).GetString(1));
    }

    [Fact]
    public void AllPass_ReturnsTheSameBatch_NonePass_AnEmptyOne()
    {
        var batch = Tri(10);
        Assert.Same(batch, TableFilters.Decode(Filter(Vgi.Testing.FilterPayloads.Compare("b", "ge"), Str("b"))).Apply(batch));
        Assert.Same(batch, TableFilters.None.Apply(batch));
        var none = TableFilters.Decode(Filter(Vgi.Testing.FilterPayloads.Compare("a", "gt"), I64(100))).Apply(batch);
        Assert.Equal(0, none.Length);
        Assert.Equal(batch.Schema.FieldsList.Select(f => f.Name), none.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(0, IpcBytes.ReadBatch(IpcBytes.WriteBatch(none)).Length);
    }

    [Fact]
    public void LargeBatch_SparseSelection()
    {
        int n = 10_000;
        var values = Enumerable.Range(0, n).Select(i => (long?)i).ToArray();
        var batch = WithIds(I64(values));
        var filters = TableFilters.Decode(Filter("""[{"column_name":"v","column_index":0,"type":"or","children":[""" +
            CompareNode("v", "lt", 0) + "," + CompareNode("v", "ge", 1) + "]}]", I64(3), I64(n - 2)));
        Assert.Equal([0, 1, 2, n - 2, n - 1], Ids(filters, batch));
    }
}
