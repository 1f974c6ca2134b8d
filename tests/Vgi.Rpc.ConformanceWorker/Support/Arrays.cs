using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>Builders for the small arrays the conformance methods return (mostly one element).</summary>
public static class Arrays
{
    public static StringArray Utf8(string? value) => value is null
        ? new StringArray.Builder().AppendNull().Build()
        : new StringArray.Builder().Append(value).Build();

    public static BinaryArray Binary(ReadOnlySpan<byte> value) => new BinaryArray.Builder().Append(value).Build();

    public static Int64Array Int64(long? value) => new Int64Array.Builder().Append(value).Build();

    public static Int32Array Int32(int value) => new Int32Array.Builder().Append(value).Build();

    public static DoubleArray Float64(double? value) => new DoubleArray.Builder().Append(value).Build();

    public static BooleanArray Bool(bool value) => new BooleanArray.Builder().Append(value).Build();

    public static Int64Array Int64s(IEnumerable<long> values) => new Int64Array.Builder().AppendRange(values).Build();

    public static DoubleArray Float64s(IEnumerable<double> values) => new DoubleArray.Builder().AppendRange(values).Build();

    /// <summary>One row of <c>list&lt;int64&gt;</c>.</summary>
    public static ListArray Int64List(IEnumerable<long> values)
    {
        var builder = new ListArray.Builder(Int64Type.Default);
        var items = (Int64Array.Builder)builder.ValueBuilder;
        builder.Append();
        foreach (long v in values) items.Append(v);
        return builder.Build();
    }

    /// <summary>One row of <c>map&lt;utf8, int64&gt;</c> (entries keep the given order).</summary>
    public static MapArray Utf8Int64Map(IEnumerable<KeyValuePair<string, long>> entries)
    {
        var builder = new MapArray.Builder(Schemas.Utf8Int64Map);
        var keys = (StringArray.Builder)builder.KeyBuilder;
        var values = (Int64Array.Builder)builder.ValueBuilder;
        builder.Append();
        foreach (var (key, value) in entries)
        {
            keys.Append(key);
            values.Append(value);
        }
        return builder.Build();
    }

    /// <summary>One valid row of a struct type from 1-element child arrays.</summary>
    public static StructArray Struct(StructType type, params IArrowArray[] children) =>
        new(type, 1, children, ArrowBuffer.Empty, 0);

    /// <summary>One row of a Point struct.</summary>
    public static StructArray Point(double x, double y) => Struct(Schemas.PointStruct, Float64(x), Float64(y));

    /// <summary>A timestamp[us] (or [us, tz]) array of one value.</summary>
    public static TimestampArray TimestampMicros(TimestampType type, long micros) =>
        (TimestampArray)ArrowArrayFactory.BuildArray(new ArrayData(type, 1, 0, 0,
            [ArrowBuffer.Empty, new ArrowBuffer(BitConverter.GetBytes(micros))], []));

    /// <summary>A batch of one row on <paramref name="schema"/>.</summary>
    public static RecordBatch Row(Schema schema, params IArrowArray[] columns) => new(schema, columns, 1);

    /// <summary>Deep copy: an array that owns managed buffers (so it outlives a pooled IPC body).</summary>
    public static ArrayData Copy(ArrayData data)
    {
        var buffers = new ArrowBuffer[data.Buffers.Length];
        for (int i = 0; i < buffers.Length; i++) buffers[i] = new ArrowBuffer(data.Buffers[i].Memory.ToArray());
        var children = new ArrayData[data.Children?.Length ?? 0];
        for (int i = 0; i < children.Length; i++) children[i] = Copy(data.Children![i]);
        return new ArrayData(data.DataType, data.Length, data.NullCount, data.Offset, buffers, children,
            data.Dictionary is null ? null : Copy(data.Dictionary));
    }

    public static RecordBatch Copy(RecordBatch batch)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (int i = 0; i < columns.Length; i++) columns[i] = ArrowArrayFactory.BuildArray(Copy(batch.Column(i).Data));
        return new RecordBatch(batch.Schema, columns, batch.Length);
    }
}
