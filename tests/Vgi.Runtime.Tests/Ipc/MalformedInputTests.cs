using System.Buffers.Binary;
using System.IO.Pipes;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>Malformed input fails with <see cref="IpcFormatException"/> and a clear message, and never hangs.</summary>
public class MalformedInputTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly Schema Schema = SchemaOf(
        new Field("i", Int32Type.Default, true),
        new Field("s", StringType.Default, true),
        new Field("d", new DictionaryType(Int16Type.Default, StringType.Default, false), true));

    private static RecordBatch Batch() => new(Schema,
        [new Int32Array.Builder().Append(1).AppendNull().Append(3).Build(),
         new StringArray.Builder().Append("a").Append("bb").AppendNull().Build(),
         Dictionary(["x", "y"], [1, null, 0])], 3);

    private static readonly IArrowArray[] Columns = [.. Batch().Arrays];

    /// <summary>Reads every stream on the channel; returns how reading ended.</summary>
    private static async Task<string> ReadAll(Stream stream)
    {
        var reader = new ArrowIpcReader(stream);
        try
        {
            while (await reader.ReadSchemaAsync() is not null)
            {
                while (await reader.ReadBatchAsync() is { } batch) batch.Dispose();
            }
            return "ok";
        }
        catch (IpcFormatException)
        {
            return "format";
        }
        catch (EndOfStreamException)
        {
            return "eof";
        }
    }

    private static async Task<IpcFormatException> Fails(byte[] bytes)
    {
        var read = Task.Run(async () =>
        {
            var reader = new ArrowIpcReader(new MemoryStream(bytes));
            if (await reader.ReadSchemaAsync() is null) return;
            while (await reader.ReadBatchAsync() is { } batch) batch.Dispose();
        });
        return await Assert.ThrowsAsync<IpcFormatException>(() => read.WaitAsync(Timeout));
    }

    private static byte[] WithSchema(params byte[][] messages) =>
        RawIpc.Concat([RawIpc.SchemaMessage(Schema), RawIpc.DictionaryBatchMessage(0, new StringArray.Builder().AppendRange(["x", "y"]).Build()), .. messages, RawIpc.Eos]);

    [Fact]
    public async Task HandBuiltStreamIsValid()
    {
        // The baseline the tampered variants below start from.
        var ours = await ReadOurs(new MemoryStream(WithSchema(RawIpc.RecordBatchMessage(3, Columns))));
        Assert.Equal(Batch().Arrays.Select(Values).ToList(), Assert.Single(ours.Batches).Columns);
    }

    [Fact]
    public async Task CleanEofBeforeAStreamIsNotAnError()
    {
        Assert.Null(await new ArrowIpcReader(new MemoryStream()).ReadSchemaAsync());
        var reader = new ArrowIpcReader(new MemoryStream(WriteOurs(Schema, Batch())));
        await ReadOurs(reader);
        Assert.Null(await reader.ReadSchemaAsync());
        Assert.Null(await reader.ReadSchemaAsync());
    }

    /// <summary>EOF at a message boundary inside a stream: the peer went away (callers map this to "truncated").</summary>
    [Fact]
    public async Task EofInsideAStreamAtAMessageBoundary()
    {
        var bytes = WriteOurs(Schema, Batch());
        var reader = new ArrowIpcReader(new MemoryStream(bytes[..^8]));
        await reader.ReadSchemaAsync();
        (await reader.ReadBatchAsync())!.Dispose();
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadBatchAsync());
        Assert.Null(reader.Schema);
    }

    [Fact]
    public async Task GarbageBytes()
    {
        var e = await Fails("this is not an arrow stream at all"u8.ToArray());
        Assert.Contains("missing continuation token", e.Message);
    }

    [Fact]
    public async Task MissingContinuationToken()
    {
        // The pre-0.15 framing: metadata length without the FF FF FF FF marker.
        var e = await Fails(RawIpc.SchemaMessage(Schema)[4..]);
        Assert.Contains("missing continuation token", e.Message);
    }

    [Theory]
    [InlineData(2, "prefix")]
    [InlineData(4, "prefix")]
    [InlineData(7, "prefix")]
    [InlineData(9, "metadata")]
    [InlineData(40, "metadata")]
    public async Task TruncatedSchemaMessage(int keep, string where)
    {
        var e = await Fails(RawIpc.SchemaMessage(Schema)[..keep]);
        Assert.Contains("truncated IPC message: EOF inside the message " + where, e.Message);
    }

    [Fact]
    public async Task TruncatedBatchMessages()
    {
        var schema = RawIpc.SchemaMessage(Schema);
        var dictionary = RawIpc.DictionaryBatchMessage(0, new StringArray.Builder().AppendRange(["x", "y"]).Build());
        var batch = RawIpc.RecordBatchMessage(3, Columns);
        int metadataLength = BinaryPrimitives.ReadInt32LittleEndian(batch.AsSpan(4));
        foreach (var (keep, where) in new[] { (3, "prefix"), (6, "prefix"), (8 + metadataLength / 2, "metadata"), (8 + metadataLength + 1, "body"), (batch.Length - 1, "body") })
        {
            var e = await Fails(RawIpc.Concat(schema, dictionary, batch[..keep]));
            Assert.Contains("EOF inside the message " + where, e.Message);
        }
        var d = await Fails(RawIpc.Concat(schema, dictionary[..^3]));
        Assert.Contains("EOF inside the message body", d.Message);
    }

    /// <summary>Every possible truncation point, read whole and in 1 to 7-byte pieces.</summary>
    [Fact]
    public async Task EveryTruncationPoint()
    {
        var bytes = WriteOurs(Schema, Batch(), Batch());
        var boundaries = new HashSet<int>();
        for (int at = 0; at < bytes.Length;)
        {
            boundaries.Add(at);
            int length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(at + 4));
            at += 8 + length + (length == 0 ? 0 : (int)FlatTable.Root(new Google.FlatBuffers.ByteBuffer(bytes[(at + 8)..(at + 8 + length)])).GetLong(3));
        }
        for (int keep = 0; keep < bytes.Length; keep++)
        {
            string expected = keep == 0 ? "ok" : boundaries.Contains(keep) ? "eof" : "format";
            Assert.Equal((keep, expected), (keep, await ReadAll(new MemoryStream(bytes[..keep])).WaitAsync(Timeout)));
            Assert.Equal((keep, expected), (keep, await ReadAll(new ShortReadStream(bytes[..keep], 1, 7)).WaitAsync(Timeout)));
        }
        Assert.Equal("ok", await ReadAll(new MemoryStream(bytes)));
    }

    [Fact]
    public async Task BufferOutsideTheBody()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (_, buffers) => buffers[1] = (buffers[1].Offset, 1 << 20))));
        Assert.Contains("lies outside the", e.Message);
        e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (_, buffers) => buffers[1] = (-8, 8))));
        Assert.Contains("lies outside the", e.Message);
        // offset + length overflows a long.
        e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (_, buffers) => buffers[1] = (long.MaxValue, 16))));
        Assert.Contains("lies outside the", e.Message);
    }

    [Fact]
    public async Task FewerNodesThanTheSchemaNeeds()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (nodes, _) => nodes.RemoveAt(nodes.Count - 1))));
        Assert.Contains("fewer field nodes than its schema needs", e.Message);
    }

    [Fact]
    public async Task FewerBuffersThanTheSchemaNeeds()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (_, buffers) => buffers.RemoveAt(buffers.Count - 1))));
        Assert.Contains("fewer buffers than its schema needs", e.Message);
    }

    [Fact]
    public async Task MoreNodesThanTheSchemaUses()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (nodes, buffers) => { nodes.Add((3, 0)); buffers.Add((0, 0)); })));
        Assert.Contains("the schema uses", e.Message);
    }

    [Fact]
    public async Task InvalidFieldNodes()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (nodes, _) => nodes[0] = (3, 4))));
        Assert.Contains("invalid field node", e.Message);
        e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (nodes, _) => nodes[0] = (-1, 0))));
        Assert.Contains("invalid field node", e.Message);
        e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, (nodes, buffers) => { nodes[1] = (3, 1); buffers[2] = (0, 0); })));
        Assert.Contains("validity buffer is empty", e.Message);
    }

    [Fact]
    public async Task InvalidRecordBatchLength()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(-1, Columns)));
        Assert.Contains("invalid record batch length", e.Message);
    }

    [Fact]
    public async Task ColumnLengthDiffersFromBatchLength()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(5, Columns)));
        Assert.Contains("column 0 has 3 rows, the record batch has 5", e.Message);
    }

    [Fact]
    public async Task CompressedBody()
    {
        var e = await Fails(WithSchema(RawIpc.RecordBatchMessage(3, Columns, compressed: true)));
        Assert.Contains("compressed IPC bodies are not supported", e.Message);
    }

    [Fact]
    public async Task NonSchemaFirstMessage()
    {
        var e = await Fails(RawIpc.RecordBatchMessage(3, Columns));
        Assert.Contains("expected a schema message, got RecordBatch", e.Message);
        e = await Fails(RawIpc.Concat(RawIpc.DictionaryBatchMessage(0, Columns[1]), RawIpc.Eos));
        Assert.Contains("expected a schema message, got DictionaryBatch", e.Message);
        e = await Fails(RawIpc.Eos);
        Assert.Contains("expected a schema message, got EOS", e.Message);
    }

    [Fact]
    public async Task SchemaMessageInsideAStream()
    {
        var e = await Fails(WithSchema(RawIpc.SchemaMessage(Schema)));
        Assert.Contains("unexpected schema message", e.Message);
    }

    [Fact]
    public async Task DictionaryProblems()
    {
        var e = await Fails(RawIpc.Concat(RawIpc.SchemaMessage(Schema), RawIpc.RecordBatchMessage(3, Columns), RawIpc.Eos));
        Assert.Contains("dictionary that has not been sent", e.Message);
        e = await Fails(WithSchema(RawIpc.DictionaryBatchMessage(7, Columns[1])));
        Assert.Contains("dictionary batch for unknown id 7", e.Message);
    }

    [Fact]
    public async Task UnsupportedMessageVersionAndType()
    {
        var schema = RawIpc.SchemaMessage(Schema);
        var v3 = RawIpc.Message(RawIpc.RecordBatch, b => RawIpc.RecordBatchTable(b, 0, [], []), [], version: 2);
        Assert.Contains("unsupported Arrow metadata version 2", (await Fails(RawIpc.Concat(schema, v3))).Message);
        var tensor = RawIpc.Message(4, b => RawIpc.RecordBatchTable(b, 0, [], []), []);
        Assert.Contains("unsupported IPC message header type 4", (await Fails(RawIpc.Concat(schema, tensor))).Message);
        var noHeader = RawIpc.Message(RawIpc.RecordBatch, b => 0, []);
        Assert.Contains("no header", (await Fails(RawIpc.Concat(schema, noHeader))).Message);
    }

    [Theory]
    [InlineData(-8)]
    [InlineData(int.MaxValue)]
    public async Task InvalidMetadataLength(int length)
    {
        var bytes = RawIpc.SchemaMessage(Schema);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), length);
        Assert.Contains("invalid IPC metadata length", (await Fails(bytes)).Message);
    }

    [Theory]
    [InlineData(-8L)]
    [InlineData(1L << 40)]
    public async Task InvalidBodyLength(long length)
    {
        var message = RawIpc.Message(RawIpc.RecordBatch, b => RawIpc.RecordBatchTable(b, 0, [], []), [], bodyLength: length);
        Assert.Contains("invalid IPC body length", (await Fails(RawIpc.Concat(RawIpc.SchemaMessage(Schema), message))).Message);
    }

    /// <summary>A well-framed message whose flatbuffer is random bytes.</summary>
    [Fact]
    public async Task GarbageMetadata()
    {
        for (int seed = 0; seed < 200; seed++)
        {
            var bytes = RawIpc.SchemaMessage(Schema);
            new Random(seed).NextBytes(bytes.AsSpan(8));
            var e = await Fails(bytes);
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public async Task UnknownTypeTag()
    {
        var bytes = RawIpc.RawSchemaMessage(b => [RawIpc.FieldTable(b, "odd", 99)]);
        Assert.Contains("unknown Arrow type tag 99 on field 'odd'", (await Fails(bytes)).Message);
    }

    [Fact]
    public async Task BigEndianSchema()
    {
        var bytes = RawIpc.RawSchemaMessage(b => [RawIpc.FieldTable(b, "x", 1)], endianness: 1);
        Assert.Contains("big-endian", (await Fails(bytes)).Message);
    }

    [Fact]
    public async Task ListWithoutChild()
    {
        var bytes = RawIpc.RawSchemaMessage(b => [RawIpc.FieldTable(b, "l", 12)]);
        Assert.Contains("List field needs exactly one child, got 0", (await Fails(bytes)).Message);
    }

    /// <summary>A schema nested far deeper than any real one must fail cleanly, not overflow the stack.</summary>
    [Fact]
    public async Task AbsurdlyDeepSchema()
    {
        var bytes = RawIpc.RawSchemaMessage(b =>
        {
            int field = RawIpc.FieldTable(b, "leaf", 1);
            for (int i = 0; i < 100_000; i++) field = RawIpc.FieldTable(b, "item", 12, field);
            return [field];
        });
        Assert.Contains("nested", (await Fails(bytes)).Message);
    }

    [Fact]
    public async Task ReasonablyDeepSchemaIsFine()
    {
        IArrowType type = Int32Type.Default;
        for (int i = 0; i < 40; i++) type = new ListType(type);
        var schema = SchemaOf(new Field("deep", type, true));
        var read = await new ArrowIpcReader(new MemoryStream(WriteOurs(schema))).ReadSchemaAsync();
        Assert.Equal(DescribeSchema(schema), DescribeSchema(read!));
    }

    /// <summary>A peer that dies mid-message: the reader fails instead of waiting forever.</summary>
    [Fact]
    public async Task PeerClosingMidMessageOverAPipe()
    {
        var bytes = WriteOurs(Schema, Batch());
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var reader = new ArrowIpcReader(client);
        server.Write(bytes, 0, bytes.Length - 20);
        server.Flush();
        Assert.NotNull(await reader.ReadSchemaAsync().AsTask().WaitAsync(Timeout));
        var pending = reader.ReadBatchAsync().AsTask();
        await Task.Delay(50);
        Assert.False(pending.IsCompleted);
        server.Dispose();
        var e = await Assert.ThrowsAsync<IpcFormatException>(() => pending.WaitAsync(Timeout));
        Assert.Contains("EOF inside the message", e.Message);
    }

    /// <summary>Random single-byte corruption: reading ends with a format error, an EOF or a (possibly different) valid read, never anything else.</summary>
    [Fact]
    public async Task RandomCorruption()
    {
        var original = RawIpc.Concat(WriteOurs(Schema, Batch(), Batch()), WriteOurs(Schema, Batch()));
        var random = new Random(42);
        for (int i = 0; i < 3000; i++)
        {
            var bytes = (byte[])original.Clone();
            int at = random.Next(bytes.Length);
            bytes[at] = (byte)random.Next(256);
            string outcome = await ReadAll(new MemoryStream(bytes)).WaitAsync(Timeout);
            Assert.Contains(outcome, new[] { "ok", "format", "eof" });
        }
    }
}
