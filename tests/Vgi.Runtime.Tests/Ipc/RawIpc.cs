using System.Buffers.Binary;
using Apache.Arrow;
using Google.FlatBuffers;
using Vgi.Ipc;

namespace Vgi.Tests.Ipc;

/// <summary>Hand-built IPC messages, for input that neither writer would produce.</summary>
internal static class RawIpc
{
    public const byte Schema = 1, DictionaryBatch = 2, RecordBatch = 3;

    public static readonly byte[] Eos = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    public static byte[] SchemaMessage(Schema schema) => ArrowIpcWriter.SerializeSchema(schema);

    /// <summary>One encapsulated message: continuation, padded metadata length, Message flatbuffer, body.</summary>
    public static byte[] Message(byte headerType, Func<FlatBufferBuilder, int> header, byte[] body, short version = 4, long? bodyLength = null)
    {
        var b = new FlatBufferBuilder(256);
        int h = header(b);
        b.StartTable(5);
        b.AddLong(3, bodyLength ?? body.Length, 0);
        b.AddOffset(2, h, 0);
        b.AddShort(0, version, 0);
        b.AddByte(1, headerType, 0);
        b.Finish(b.EndTable());
        var metadata = b.SizedByteArray();
        int padded = (metadata.Length + 7) & ~7;
        var result = new byte[8 + padded + body.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(result, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(result.AsSpan(4), padded);
        metadata.CopyTo(result, 8);
        body.CopyTo(result, 8 + padded);
        return result;
    }

    /// <summary>A Schema message built field by field, for schemas our writer would not produce.</summary>
    public static byte[] RawSchemaMessage(Func<FlatBufferBuilder, int[]> fields, short endianness = 0) =>
        Message(Schema, b =>
        {
            var offsets = fields(b);
            b.StartVector(4, offsets.Length, 4);
            for (int i = offsets.Length - 1; i >= 0; i--) b.AddOffset(offsets[i]);
            int vector = b.EndVector().Value;
            b.StartTable(4);
            b.AddShort(0, endianness, 0);
            b.AddOffset(1, vector, 0);
            return b.EndTable();
        }, []);

    /// <summary>A Field table with an empty type table (enough for Null, List, Struct_, Utf8 and unknown tags).</summary>
    public static int FieldTable(FlatBufferBuilder b, string name, byte typeTag, params int[] children)
    {
        b.StartVector(4, children.Length, 4);
        for (int i = children.Length - 1; i >= 0; i--) b.AddOffset(children[i]);
        int childrenVector = b.EndVector().Value;
        b.StartTable(0);
        int type = b.EndTable();
        int nameOffset = b.CreateString(name).Value;
        b.StartTable(7);
        b.AddOffset(0, nameOffset, 0);
        b.AddBool(1, true, false);
        b.AddByte(2, typeTag, 0);
        b.AddOffset(3, type, 0);
        b.AddOffset(5, childrenVector, 0);
        return b.EndTable();
    }

    /// <summary>A RecordBatch table.</summary>
    public static int RecordBatchTable(FlatBufferBuilder b, long length, IReadOnlyList<(long Length, long NullCount)> nodes,
        IReadOnlyList<(long Offset, long Length)> buffers, bool compressed = false)
    {
        int compression = 0;
        if (compressed)
        {
            b.StartTable(2);
            b.AddSbyte(0, 1, 0); // ZSTD
            compression = b.EndTable();
        }
        b.StartVector(16, buffers.Count, 8);
        for (int i = buffers.Count - 1; i >= 0; i--)
        {
            b.Prep(8, 16);
            b.PutLong(buffers[i].Length);
            b.PutLong(buffers[i].Offset);
        }
        int buffersVector = b.EndVector().Value;
        b.StartVector(16, nodes.Count, 8);
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            b.Prep(8, 16);
            b.PutLong(nodes[i].NullCount);
            b.PutLong(nodes[i].Length);
        }
        int nodesVector = b.EndVector().Value;
        b.StartTable(5);
        b.AddLong(0, length, 0);
        b.AddOffset(1, nodesVector, 0);
        b.AddOffset(2, buffersVector, 0);
        if (compressed) b.AddOffset(3, compression, 0);
        return b.EndTable();
    }

    /// <summary>A RecordBatch message for <paramref name="columns"/>, with a hook to tamper with nodes and buffers.</summary>
    public static byte[] RecordBatchMessage(int length, IArrowArray[] columns,
        Action<List<(long Length, long NullCount)>, List<(long Offset, long Length)>>? tamper = null, bool compressed = false)
    {
        var (nodes, buffers, body) = Encode(columns);
        tamper?.Invoke(nodes, buffers);
        return Message(RecordBatch, b => RecordBatchTable(b, length, nodes, buffers, compressed), body);
    }

    /// <summary>A DictionaryBatch message carrying <paramref name="values"/> for dictionary <paramref name="id"/>.</summary>
    public static byte[] DictionaryBatchMessage(long id, IArrowArray values, bool isDelta = false)
    {
        var (nodes, buffers, body) = Encode([values]);
        return Message(DictionaryBatch, b =>
        {
            int data = RecordBatchTable(b, values.Length, nodes, buffers);
            b.StartTable(3);
            b.AddLong(0, id, -1);
            b.AddOffset(1, data, 0);
            b.AddBool(2, isDelta, false);
            return b.EndTable();
        }, body);
    }

    /// <summary>Lays columns out with our encoder (dictionary columns contribute only their indices).</summary>
    public static (List<(long Length, long NullCount)> Nodes, List<(long Offset, long Length)> Buffers, byte[] Body) Encode(IArrowArray[] columns)
    {
        var encoder = new ArrayEncoder();
        foreach (var column in columns) encoder.Encode(column.Data);
        var body = new MemoryStream();
        var buffers = new List<(long, long)>();
        foreach (var buffer in encoder.Buffers)
        {
            buffers.Add((body.Length, buffer.Length));
            body.Write(buffer.Span);
            body.Write(new byte[ArrayEncoder.Pad(buffer.Length) - buffer.Length]);
        }
        return ([.. encoder.Nodes], buffers, body.ToArray());
    }

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
