using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;
using static Vgi.Tests.Protocol.WireBatches;

namespace Vgi.Tests.Protocol;

/// <summary>The hand-written <see cref="Arguments"/> codec.</summary>
public class ArgumentsTests
{
    private static Dictionary<string, ArgumentValue> NoNamed() => [];

    [Fact]
    public void Positional_and_named_round_trip()
    {
        var args = new Arguments(
            [new ArgumentValue(Int64(1, 2, 3), 2), new ArgumentValue(Utf8("x")), new ArgumentValue(Utf8([null]))],
            new Dictionary<string, ArgumentValue> { ["limit"] = new(Float64(0.5)), ["flag"] = new(Bool(true)) });
        var bytes = args.ToIpcBytes();

        var batch = IpcBytes.ReadBatch(bytes);
        var type = Assert.IsType<StructType>(Assert.Single(batch.Schema.FieldsList).DataType);
        Assert.Equal(["positional_0", "positional_1", "positional_2", "named_limit", "named_flag"], type.Fields.Select(f => f.Name));
        Assert.Equal(1, batch.Length);

        var back = Arguments.FromIpcBytes(bytes);
        Assert.Equal(3, back.Positional.Count);
        Assert.Equal(3, back.Positional[0].AsInt64());
        Assert.Equal("x", back.Positional[1].AsString());
        Assert.True(back.Positional[2].IsNull);
        Assert.Null(back.Positional[2].AsString());
        Assert.Equal(["limit", "flag"], back.Named.Keys);
        Assert.Equal(0.5, back.Named["limit"].AsDouble());
        Assert.True(back.Named["flag"].AsBoolean());
    }

    [Fact]
    public void Each_value_keeps_the_field_it_arrived_in()
    {
        var decimalField = new Field("positional_0", new Decimal128Type(3, 2), true, [new("ARROW:extension:name", "example.money")]);
        var type = new StructType([decimalField, new Field("named_n", Int64Type.Default, false)]);
        var money = new Decimal128Array.Builder((Decimal128Type)decimalField.DataType).Append(3.14m).Build();
        var args = new StructArray(type, 1, [money, Int64(7)], ArrowBuffer.Empty);
        var back = Arguments.FromIpcBytes(Stream(Col("args", type, true, args)));

        var field = back.Positional[0].Field;
        Assert.NotNull(field);
        Assert.Equal("positional_0", field.Name);
        Assert.Equal("example.money", field.Metadata["ARROW:extension:name"]);
        Assert.Equal(3, ((Decimal128Type)field.DataType).Precision);
        Assert.False(back.Named["n"].Field!.IsNullable);
        Assert.Null(new ArgumentValue(Int64(1)).Field);
    }

    [Fact]
    public void Empty_arguments_write_a_zero_field_struct()
    {
        var bytes = Arguments.Empty.ToIpcBytes();
        var batch = IpcBytes.ReadBatch(bytes);
        Assert.Equal("args", Assert.Single(batch.Schema.FieldsList).Name);
        Assert.IsType<EmptyStructType>(batch.Schema.FieldsList[0].DataType);
        Assert.Equal(1, batch.Length);
        Assert.True(Arguments.FromIpcBytes(bytes).IsEmpty);
    }

    [Fact]
    public void Zero_rows_mean_no_arguments()
    {
        var type = new StructType([new Field("positional_0", Int64Type.Default, true)]);
        var empty = new StructArray(type, 0, [Int64()], ArrowBuffer.Empty);
        var bytes = Stream(Col("args", type, true, empty));
        Assert.True(Arguments.FromIpcBytes(bytes).IsEmpty);
    }

    [Fact]
    public void Positions_are_ordered_by_index_not_by_field_order()
    {
        var type = new StructType([new Field("positional_1", StringType.Default, true), new Field("named_k", Int64Type.Default, true), new Field("positional_0", Int64Type.Default, true)]);
        var args = new StructArray(type, 1, [Utf8("second"), Int64(9), Int64(1)], ArrowBuffer.Empty);
        var parsed = Arguments.FromIpcBytes(Stream(Col("args", type, true, args)));
        Assert.Equal(1, parsed.Positional[0].AsInt64());
        Assert.Equal("second", parsed.Positional[1].AsString());
        Assert.Equal(9, parsed.Named["k"].AsInt64());
    }

    [Fact]
    public void A_gap_in_positions_is_an_error()
    {
        var type = new StructType([new Field("positional_0", Int64Type.Default, true), new Field("positional_2", Int64Type.Default, true)]);
        var args = new StructArray(type, 1, [Int64(1), Int64(2)], ArrowBuffer.Empty);
        Assert.Throws<ArrowRecordException>(() => Arguments.FromIpcBytes(Stream(Col("args", type, true, args))));
    }

    [Fact]
    public void A_null_struct_masks_its_children()
    {
        var type = new StructType([new Field("positional_0", Int64Type.Default, true)]);
        var validity = new ArrowBuffer.BitmapBuilder().Append(false).Build();
        var args = new StructArray(type, 1, [Int64(5)], validity, 1);
        var parsed = Arguments.FromIpcBytes(Stream(Col("args", type, true, args)));
        Assert.True(parsed.Positional[0].IsNull);
        Assert.Null(parsed.Positional[0].AsInt64());

        // Written back, the value stays null.
        var again = Arguments.FromIpcBytes(parsed.ToIpcBytes());
        Assert.True(again.Positional[0].IsNull);
        Assert.Equal(ArrowTypeId.Int64, again.Positional[0].Type.TypeId);
    }

    [Fact]
    public void Integer_accessors_accept_every_width()
    {
        Assert.Equal(-5, new ArgumentValue(new Int8Array.Builder().Append(-5).Build()).AsInt64());
        Assert.Equal(300, new ArgumentValue(new Int16Array.Builder().Append(300).Build()).AsInt64());
        Assert.Equal(70000, new ArgumentValue(new Int32Array.Builder().Append(70000).Build()).AsInt64());
        Assert.Equal(200, new ArgumentValue(new UInt8Array.Builder().Append(200).Build()).AsInt64());
        Assert.Equal(uint.MaxValue, new ArgumentValue(new UInt32Array.Builder().Append(uint.MaxValue).Build()).AsInt64());
        Assert.Throws<OverflowException>(() => new ArgumentValue(new UInt64Array.Builder().Append(ulong.MaxValue).Build()).AsInt64());
        Assert.Throws<InvalidCastException>(() => new ArgumentValue(Utf8("x")).AsInt64());
        Assert.Equal(2.0, new ArgumentValue(Int64(2)).AsDouble());
        Assert.Equal([1, 2], new ArgumentValue(Binary([1, 2])).AsBytes());
    }

    [Fact]
    public void Views_index_into_sliced_structs()
    {
        var type = new StructType([new Field("positional_0", Int64Type.Default, true)]);
        var whole = new StructArray(type, 3, [Int64(10, 20, 30)], ArrowBuffer.Empty);
        var sliced = (StructArray)ArrowArrayFactory.Slice(whole, 2, 1);
        var batch = new RecordBatch(new Schema.Builder().Field(new Field("args", type, true)).Build(), [sliced], 1);
        Assert.Equal(30, Arguments.FromRecordBatch(batch).Positional[0].AsInt64());
    }
}
