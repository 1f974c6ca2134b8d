using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>Dictionary batches: replacement, reuse, nesting and lifetime (vgi-rpc-wire.md §1.4).</summary>
public class DictionaryTests
{
    private static readonly DictionaryType Enum16 = new(Int16Type.Default, StringType.Default, false);
    private static readonly Schema EnumSchema = SchemaOf(new Field("state", Enum16, true));

    private static RecordBatch EnumBatch(DictionaryArray column) => new(EnumSchema, [column], column.Length);

    [Fact]
    public async Task ReplacementDictionaryIsWrittenAndDecoded()
    {
        var first = Dictionary(["PENDING", "DONE"], [0, 1, null, 0]);
        var second = Dictionary(["X", "Y", "Z"], [0, 2, null]);
        var bytes = WriteOurs(EnumSchema, EnumBatch(first), EnumBatch(second));

        Assert.Equal([RawIpc.Schema, RawIpc.DictionaryBatch, RawIpc.RecordBatch, RawIpc.DictionaryBatch, RawIpc.RecordBatch, 0], MessageTypes(bytes));

        var apache = ReadApache(bytes).Batches;
        Assert.Equal(["PENDING", "DONE", null, "PENDING"], Values(apache[0].Column(0)));
        Assert.Equal(["X", "Z", null], Values(apache[1].Column(0)));

        var ours = await ReadOurs(new MemoryStream(bytes));
        Assert.Equal(["PENDING", "DONE", null, "PENDING"], ours.Batches[0].Columns[0]);
        Assert.Equal(["X", "Z", null], ours.Batches[1].Columns[0]);
    }

    [Fact]
    public async Task SameDictionaryObjectIsSentOnce()
    {
        var dictionary = new StringArray.Builder().AppendRange(["A", "B"]).Build();
        DictionaryArray With(params short[] indices) =>
            new(Enum16, new Int16Array.Builder().AppendRange(indices).Build(), dictionary);
        var bytes = WriteOurs(EnumSchema, EnumBatch(With(0, 1)), EnumBatch(With(1)), EnumBatch(With(1, 1, 0)));

        Assert.Equal([RawIpc.Schema, RawIpc.DictionaryBatch, RawIpc.RecordBatch, RawIpc.RecordBatch, RawIpc.RecordBatch, 0], MessageTypes(bytes));
        Assert.Equal([["A", "B"], ["B"], ["B", "B", "A"]], ReadApache(bytes).Batches.Select(b => Values(b.Column(0))));
        Assert.Equal([["A", "B"], ["B"], ["B", "B", "A"]], (await ReadOurs(new MemoryStream(bytes))).Batches.Select(b => b.Columns[0]));
    }

    /// <summary>Each stream starts with no dictionaries: the reader of the next stream has forgotten the old ones.</summary>
    [Fact]
    public async Task EachStreamResendsItsDictionaries()
    {
        var column = Dictionary(["A"], [0]);
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        for (int i = 0; i < 2; i++)
        {
            writer.WriteSchema(EnumSchema);
            writer.WriteBatch(EnumBatch(column), null);
            writer.WriteEos();
        }
        writer.Flush();
        var bytes = ms.ToArray();
        Assert.Equal([RawIpc.Schema, RawIpc.DictionaryBatch, RawIpc.RecordBatch, 0, RawIpc.Schema, RawIpc.DictionaryBatch, RawIpc.RecordBatch, 0], MessageTypes(bytes));
        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        Assert.Equal(["A"], Assert.Single((await ReadOurs(reader)).Batches).Columns[0]);
        Assert.Equal(["A"], Assert.Single((await ReadOurs(reader)).Batches).Columns[0]);
    }

    /// <summary>Dictionary ids follow the schema's pre-order, including dictionaries under struct and list.</summary>
    [Fact]
    public async Task SeveralAndNestedDictionaries()
    {
        var structType = new StructType([new Field("n", Int32Type.Default, true), new Field("e", Enum16, true)]);
        var listType = new ListType(new Field("item", Enum16, true));
        var schema = SchemaOf(
            new Field("a", Enum16, true),
            new Field("s", structType, true),
            new Field("l", listType, true),
            new Field("b", new DictionaryType(Int8Type.Default, Int64Type.Default, false), false));

        var a = Dictionary(["a0", "a1"], [1, null, 0]);
        var se = Dictionary(["s0", "s1", "s2"], [2, 2, null]);
        var s = new StructArray(structType, 3, [new Int32Array.Builder().AppendRange([1, 2, 3]).Build(), se], Bitmap(true, true, false), 1);
        var le = Dictionary(["l0", "l1"], [0, 1, 1, null]);
        var l = new ListArray(listType, 3, Bytes(0, 2, 2, 4), le, Bitmap(true, false, true), 1);
        var b = new DictionaryArray((DictionaryType)schema.FieldsList[3].DataType,
            new Int8Array.Builder().AppendRange([1, 0, 1]).Build(), new Int64Array.Builder().AppendRange([100, 200]).Build());
        var batch = new RecordBatch(schema, [a, s, l, b], 3);
        var expected = batch.Arrays.Select(Values).ToList();
        Assert.Equal(["a1", null, "a0"], expected[0]);
        Assert.Equal(["{01000000,s2}", "{02000000,s2}", null], expected[1]);
        Assert.Equal(["[l0,l1]", null, "[l1,null]"], expected[2]);

        var bytes = WriteOurs(schema, batch);
        Assert.Equal(4, MessageTypes(bytes).Count(t => t == RawIpc.DictionaryBatch));
        Assert.Equal(expected, Assert.Single((await ReadOurs(new MemoryStream(bytes))).Batches).Columns);
        Assert.Equal(expected, Assert.Single(ReadApache(bytes).Batches).Arrays.Select(Values).ToList());
        Assert.Equal(expected, Assert.Single((await ReadOurs(new MemoryStream(WriteApache(schema, batch)))).Batches).Columns);
    }

    /// <summary>
    /// Record batches borrow a pooled body that is reused once disposed; dictionary values must not,
    /// as they serve every later batch of the stream.
    /// </summary>
    [Fact]
    public async Task DictionaryOutlivesTheBatchThatFirstUsedIt()
    {
        var dictionary = new StringArray.Builder().AppendRange(["alpha", "beta", "gamma"]).Build();
        var schema = SchemaOf(new Field("d", Enum16, true), new Field("pad", BinaryType.Default, false));
        RecordBatch Make(short index, byte fill) => new(schema,
            [new DictionaryArray(Enum16, new Int16Array.Builder().Append(index).Build(), dictionary),
             new BinaryArray.Builder().Append(Enumerable.Repeat(fill, 4096).ToArray()).Build()], 1);
        var bytes = WriteOurs(schema, Make(0, 0x11), Make(1, 0x22), Make(2, 0x33));

        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        await reader.ReadSchemaAsync();
        var seen = new List<string?>();
        byte[]? previousBody = null;
        bool bodyReused = false;
        while (await reader.ReadBatchAsync() is { } batch)
        {
            using (batch)
            {
                var column = (DictionaryArray)batch.Batch.Column(0);
                Assert.True(MemoryMarshal.TryGetArray(((BinaryArray)batch.Batch.Column(1)).ValueBuffer.Memory, out var body));
                Assert.True(MemoryMarshal.TryGetArray(((StringArray)column.Dictionary).ValueBuffer.Memory, out var dictionaryBody));
                Assert.NotSame(body.Array, dictionaryBody.Array);
                bodyReused |= ReferenceEquals(previousBody, body.Array);
                previousBody = body.Array;
                seen.AddRange(Values(column));
            }
        }
        Assert.Equal(["alpha", "beta", "gamma"], seen);
        Assert.True(bodyReused, "expected the pool to hand the same body array to consecutive batches");
    }

    /// <summary>Deltas are never sent by vgi_rpc, but a reader that meets one appends it.</summary>
    [Fact]
    public async Task DeltaDictionaryIsAppended()
    {
        var bytes = RawIpc.Concat(
            RawIpc.SchemaMessage(EnumSchema),
            RawIpc.DictionaryBatchMessage(0, new StringArray.Builder().AppendRange(["a", "b"]).Build()),
            RawIpc.RecordBatchMessage(2, [new Int16Array.Builder().AppendRange([1, 0]).Build()]),
            RawIpc.DictionaryBatchMessage(0, new StringArray.Builder().AppendRange(["c"]).Build(), isDelta: true),
            RawIpc.RecordBatchMessage(2, [new Int16Array.Builder().AppendRange([2, 0]).Build()]),
            RawIpc.Eos);
        var ours = await ReadOurs(new MemoryStream(bytes));
        Assert.Equal(["b", "a"], ours.Batches[0].Columns[0]);
        Assert.Equal(["c", "a"], ours.Batches[1].Columns[0]);
    }

    /// <summary>An empty batch sends an empty dictionary; a later data batch replaces it.</summary>
    [Fact]
    public async Task EmptyBatchThenDataBatch()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(EnumSchema);
        writer.WriteEmptyBatch(null);
        writer.WriteEmptyBatch(null);
        writer.WriteBatch(EnumBatch(Dictionary(["ON", "OFF"], [1, 0])), null);
        writer.WriteEos();
        writer.Flush();
        var bytes = ms.ToArray();
        // The shared empty dictionary is sent once, then replaced.
        Assert.Equal([RawIpc.Schema, RawIpc.DictionaryBatch, RawIpc.RecordBatch, RawIpc.RecordBatch, RawIpc.DictionaryBatch, RawIpc.RecordBatch, 0], MessageTypes(bytes));
        Assert.Equal(["OFF", "ON"], (await ReadOurs(new MemoryStream(bytes))).Batches[2].Columns[0]);
        Assert.Equal(["OFF", "ON"], Values(ReadApache(bytes).Batches[2].Column(0)));
    }
}
