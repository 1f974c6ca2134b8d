using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Google.FlatBuffers;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>Zero-column batches, the zero-field struct, zero-copy decoding and sliced arrays.</summary>
public class BatchShapeTests
{
    private static readonly Schema Empty = new([], null);

    // ---------------------------------------------------------------- zero columns

    [Fact]
    public async Task ZeroColumnBatchWithRowsRoundTrips()
    {
        var bytes = WriteOurs(Empty, new RecordBatch(Empty, [], 1));
        var ours = await ReadOurs(new MemoryStream(bytes));
        Assert.Empty(ours.Schema.FieldsList);
        var batch = Assert.Single(ours.Batches);
        Assert.Equal(1, batch.Length);
        Assert.Empty(batch.Columns);

        var (schema, batches) = ReadApache(bytes);
        Assert.Empty(schema.FieldsList);
        Assert.Equal(1, Assert.Single(batches).Length);
    }

    [Fact]
    public async Task ApacheZeroColumnBatchIsReadable()
    {
        var ours = await ReadOurs(new MemoryStream(WriteApache(Empty, new RecordBatch(Empty, [], 1), new RecordBatch(Empty, [], 7))));
        Assert.Equal([1, 7], ours.Batches.Select(b => b.Length));
    }

    [Fact]
    public async Task RawColumnOverloadCarriesTheRowCount()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(Empty);
        writer.WriteBatch(3, [], [new("vgi_rpc.method", "tick")]);
        writer.WriteEmptyBatch(null);
        writer.WriteEos();
        writer.Flush();
        var ours = await ReadOurs(new MemoryStream(ms.ToArray()));
        Assert.Equal([3, 0], ours.Batches.Select(b => b.Length));
        Assert.Equal("tick", ours.Batches[0].Metadata.Get("vgi_rpc.method"));
        Assert.Equal([3, 0], ReadApache(ms.ToArray()).Batches.Select(b => b.Length));
    }

    /// <summary>Zero-row batches from other writers may leave offset buffers empty instead of holding [0].</summary>
    [Fact]
    public async Task ZeroRowBatchWithEmptyOffsetBuffers()
    {
        var schema = SchemaOf(new Field("s", StringType.Default, true), new Field("l", new ListType(Int32Type.Default), true), new Field("b", LargeBinaryType.Default, true));
        var message = RawIpc.Message(RawIpc.RecordBatch, b => RawIpc.RecordBatchTable(b, 0,
            [(0, 0), (0, 0), (0, 0), (0, 0)],
            Enumerable.Repeat((0L, 0L), 10).ToList()), []);
        var bytes = RawIpc.Concat(RawIpc.SchemaMessage(schema), message, RawIpc.Eos);

        var batch = Assert.Single((await ReadOurs(new MemoryStream(bytes))).Batches);
        Assert.Equal(0, batch.Length);
        Assert.All(batch.Columns, Assert.Empty);
        var apache = Assert.Single(ReadApache(bytes).Batches);
        Assert.Equal(0, apache.Length);

        // Written again (a server echoing what it read), the empty offset buffers become [0].
        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        await reader.ReadSchemaAsync();
        using var decoded = await reader.ReadBatchAsync();
        var rewritten = WriteOurs(schema, decoded!.Batch);
        Assert.Equal(0, Assert.Single(ReadApache(rewritten).Batches).Length);
        Assert.Equal(0, Assert.Single((await ReadOurs(new MemoryStream(rewritten))).Batches).Length);
    }

    // ---------------------------------------------------------------- struct<>

    private static readonly Schema ArgsSchema = SchemaOf(new Field("args", EmptyStructType.Default, true));

    [Fact]
    public async Task EmptyStructRoundTrips()
    {
        var bytes = WriteOurs(ArgsSchema, new RecordBatch(ArgsSchema, [EmptyStructType.CreateValid(1)], 1));
        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        var schema = await reader.ReadSchemaAsync();
        Assert.Same(EmptyStructType.Default, Assert.Single(schema!.FieldsList).DataType);
        using (var batch = await reader.ReadBatchAsync())
        {
            Assert.Equal(1, batch!.Length);
            var column = Assert.IsType<EmptyStructArray>(batch.Batch.Column(0));
            Assert.Equal(1, column.Length);
            Assert.True(column.IsValid(0));
            Assert.Equal(0, column.NullCount);
        }
        Assert.Null(await reader.ReadBatchAsync());

        // Apache.Arrow 23 cannot read it: its StructType constructor rejects an empty field list
        // (ArgumentNullException from NestedType), so only our side is asserted.
    }

    [Fact]
    public async Task EmptyStructWithNullsRoundTrips()
    {
        var storage = new BooleanArray(Bitmap(true, false, true), Bitmap(true, false, true), 3, 1, 0);
        var column = new EmptyStructArray(storage);
        var ours = await ReadOurs(new MemoryStream(WriteOurs(ArgsSchema, new RecordBatch(ArgsSchema, [column], 3))));
        Assert.Equal(["{}", null, "{}"], Assert.Single(ours.Batches).Columns[0]);
    }

    [Fact]
    public async Task EmptyStructZeroRowBatch()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(ArgsSchema);
        writer.WriteEmptyBatch([new("vgi_rpc.log_level", "DEBUG")]);
        writer.WriteEos();
        writer.Flush();
        var batch = Assert.Single((await ReadOurs(new MemoryStream(ms.ToArray()))).Batches);
        Assert.Equal(0, batch.Length);
        Assert.Equal([[]], batch.Columns);
    }

    /// <summary>On the wire struct&lt;&gt; is a plain Struct_ with no children: one node, one (empty) validity buffer.</summary>
    [Fact]
    public void EmptyStructWireLayout()
    {
        var bytes = WriteOurs(ArgsSchema, new RecordBatch(ArgsSchema, [EmptyStructType.CreateValid(1)], 1));
        var batch = Messages(bytes)[1];
        var (_, nodeCount) = batch.GetVector(1, 16);
        var (buffersStart, bufferCount) = batch.GetVector(2, 16);
        Assert.Equal(1, nodeCount);
        Assert.Equal(1, bufferCount);
        Assert.Equal(0, batch.ReadLongAt(buffersStart + 8));

        var schema = Messages(bytes)[0];
        var (fieldsStart, _) = schema.GetVector(1, 4);
        var field = schema.GetVectorTable(fieldsStart, 0);
        Assert.Equal(13, field.GetByte(2)); // Struct_
        Assert.Equal(0, field.GetVector(5, 4).Count);
    }

    [Fact]
    public async Task EmptyStructAlongsideOtherColumns()
    {
        var schema = SchemaOf(new Field("args", EmptyStructType.Default, false), new Field("n", Int32Type.Default, true));
        var n = new Int32Array.Builder().Append(1).AppendNull().Build();
        var ours = await ReadOurs(new MemoryStream(WriteOurs(schema, new RecordBatch(schema, [EmptyStructType.CreateValid(2), n], 2)))); 
        Assert.Equal([["{}", "{}"], Values(n)], Assert.Single(ours.Batches).Columns);
    }

    // ---------------------------------------------------------------- zero copy

    [Fact]
    public async Task DecodedBuffersPointIntoTheMessageBody()
    {
        var schema = SchemaOf(new Field("a", Int64Type.Default, false), new Field("b", Int64Type.Default, true), new Field("s", StringType.Default, true));
        var a = new Int64Array.Builder().AppendRange([1, 2, 3]).Build();
        var b = new Int64Array.Builder().Append(4).AppendNull().Append(6).Build();
        var s = new StringArray.Builder().Append("x").Append("yy").AppendNull().Build();
        var reader = new ArrowIpcReader(new MemoryStream(WriteOurs(schema, new RecordBatch(schema, [a, b, s], 3))));
        await reader.ReadSchemaAsync();
        using var batch = await reader.ReadBatchAsync();
        var ra = (Int64Array)batch!.Batch.Column(0);
        var rb = (Int64Array)batch.Batch.Column(1);
        var rs = (StringArray)batch.Batch.Column(2);

        Assert.True(MemoryMarshal.TryGetArray(ra.ValueBuffer.Memory, out var sa));
        Assert.True(MemoryMarshal.TryGetArray(rb.ValueBuffer.Memory, out var sb));
        Assert.True(MemoryMarshal.TryGetArray(rb.NullBitmapBuffer.Memory, out var sbValidity));
        Assert.True(MemoryMarshal.TryGetArray(rs.ValueBuffer.Memory, out var ss));
        Assert.Same(sa.Array, sb.Array);
        Assert.Same(sa.Array, sbValidity.Array);
        Assert.Same(sa.Array, ss.Array);
        Assert.NotEqual(sa.Offset, sb.Offset);
        Assert.Equal([1L, 2, 3], ra.Values.ToArray());
        Assert.Equal("yy", rs.GetString(1));
        batch.Dispose(); // a second Dispose (from using) must be harmless
    }

    // ---------------------------------------------------------------- sliced arrays

    private static StructType NestedStruct() => new([new Field("a", Int32Type.Default, true), new Field("l", new ListType(StringType.Default), true)]);

    /// <summary>Twenty rows per column, nulls at irregular positions.</summary>
    private static RecordBatch SliceSource(out Schema schema)
    {
        var ints = new Int64Array.Builder();
        var bools = new BooleanArray.Builder();
        var strings = new StringArray.Builder();
        var lists = new ListArray.Builder(Int32Type.Default);
        var listValues = (Int32Array.Builder)lists.ValueBuilder;
        var structA = new Int32Array.Builder();
        var structL = new ListArray.Builder(StringType.Default);
        var structLValues = (StringArray.Builder)structL.ValueBuilder;
        var structValid = new bool[20];
        for (int i = 0; i < 20; i++)
        {
            bool isNull = i % 3 == 1 || i == 10;
            if (isNull) ints.AppendNull(); else ints.Append(i * 1_000_000_007L);
            if (i % 4 == 2) bools.AppendNull(); else bools.Append(i % 3 == 0);
            if (isNull) strings.AppendNull(); else strings.Append(new string((char)('a' + i), i % 5));
            if (i % 5 == 3) lists.AppendNull();
            else
            {
                lists.Append();
                for (int j = 0; j < i % 4; j++) if (j == 1) listValues.AppendNull(); else listValues.Append(i * 10 + j);
            }
            structValid[i] = i % 7 != 4;
            if (i % 6 == 5) structA.AppendNull(); else structA.Append(-i);
            structL.Append();
            for (int j = 0; j < i % 3; j++) structLValues.Append($"{i}.{j}");
        }
        var structs = new StructArray(NestedStruct(), 20, [structA.Build(), structL.Build()], Bitmap(structValid), structValid.Count(v => !v));
        schema = SchemaOf(
            new Field("i", Int64Type.Default, true),
            new Field("b", BooleanType.Default, true),
            new Field("s", StringType.Default, true),
            new Field("l", new ListType(Int32Type.Default), true),
            new Field("st", NestedStruct(), true),
            new Field("d", new DictionaryType(Int16Type.Default, StringType.Default, false), true));
        var dict = Dictionary(["zero", "one", "two"], Enumerable.Range(0, 20).Select(i => i % 5 == 0 ? null : (short?)(i % 3)).ToArray());
        return new RecordBatch(schema, [ints.Build(), bools.Build(), strings.Build(), lists.Build(), structs, dict], 20);
    }

    [Theory]
    [InlineData(3, 11)]
    [InlineData(9, 7)]
    [InlineData(8, 8)]
    [InlineData(1, 19)]
    [InlineData(17, 3)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public async Task SlicedBatchesAreWrittenCorrectly(int offset, int length)
    {
        var source = SliceSource(out var schema);
        var expected = source.Arrays.Select(a => Values(a).Skip(offset).Take(length).ToList()).ToList();
        var sliced = source.Slice(offset, length);
        var bytes = WriteOurs(schema, sliced);

        var ours = await ReadOurs(new MemoryStream(bytes));
        Assert.Equal(expected, Assert.Single(ours.Batches).Columns);
        var apache = Assert.Single(ReadApache(bytes).Batches);
        Assert.Equal(length, apache.Length);
        Assert.Equal(expected, apache.Arrays.Select(Values).ToList());
    }

    /// <summary>Each column sliced on its own (ArrowArrayFactory.Slice), inside a batch of unsliced columns.</summary>
    [Fact]
    public async Task SlicedColumnsNextToUnslicedOnes()
    {
        var source = SliceSource(out var schema);
        var columns = source.Arrays.Select((a, i) => ArrowArrayFactory.Slice(a, 3 + i, 10)).ToList();
        var tailSchema = SchemaOf([.. schema.FieldsList, new Field("tail", Int32Type.Default, false)]);
        var tail = new Int32Array.Builder().AppendRange(Enumerable.Range(0, 10)).Build();
        var batch = new RecordBatch(tailSchema, [.. columns, tail], 10);
        var expected = source.Arrays.Select((a, i) => Values(a).Skip(3 + i).Take(10).ToList()).Append(Values(tail)).ToList();
        var bytes = WriteOurs(tailSchema, batch);
        Assert.Equal(expected, Assert.Single((await ReadOurs(new MemoryStream(bytes))).Batches).Columns);
        Assert.Equal(expected, Assert.Single(ReadApache(bytes).Batches).Arrays.Select(Values).ToList());
    }

    public static IEnumerable<object[]> SliceableCases =>
        Cases.Where(c => c.Field.DataType is not RunEndEncodedType).Select(c => new object[] { c.Name });

    /// <summary>Every type of the matrix, sliced at odd offsets.</summary>
    [Theory]
    [MemberData(nameof(SliceableCases))]
    public async Task EveryTypeSliced(string name)
    {
        var c = Case(name);
        var array = c.Build();
        // ArrowArrayConcatenator cannot concatenate null, dense union or dictionary arrays; slice those as built.
        if (c.Field.DataType is not (NullType or UnionType { Mode: UnionMode.Dense } or DictionaryType))
            array = ArrowArrayConcatenator.Concatenate([array, array, array, array]);
        var all = Values(array);
        var schema = SchemaOf(c.Field);
        foreach (var (offset, length) in new[] { (1, array.Length - 2), (array.Length / 2 + 1, array.Length / 2 - 1), (array.Length - 1, 1) })
        {
            var sliced = ArrowArrayFactory.Slice(array, offset, length);
            var expected = all.Skip(offset).Take(length).ToList();
            var bytes = WriteOurs(schema, new RecordBatch(schema, [sliced], length));
            Assert.Equal(expected, Assert.Single((await ReadOurs(new MemoryStream(bytes))).Batches).Columns[0]);
            Assert.Equal(expected, Values(Assert.Single(ReadApache(bytes).Batches).Column(0)));
        }
    }

    [Fact]
    public void SlicedRunEndEncodedIsRejectedClearly()
    {
        var c = Case("run_end_encoded<int32,utf8>");
        var schema = SchemaOf(c.Field);
        var sliced = ArrowArrayFactory.Slice(c.Build(), 1, 3);
        var e = Assert.Throws<NotSupportedException>(() => WriteOurs(schema, new RecordBatch(schema, [sliced], 3)));
        Assert.Contains("sliced run_end_encoded", e.Message);
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>The header table (Schema, DictionaryBatch or RecordBatch) of every non-EOS message.</summary>
    private static List<FlatTable> Messages(byte[] bytes)
    {
        var result = new List<FlatTable>();
        int at = 0;
        while (at < bytes.Length)
        {
            int length = BitConverter.ToInt32(bytes, at + 4);
            at += 8;
            if (length == 0) continue;
            var message = FlatTable.Root(new ByteBuffer(bytes.AsSpan(at, length).ToArray()));
            result.Add(message.GetTable(2)!.Value);
            at += length + (int)message.GetLong(3);
        }
        return result;
    }
}
