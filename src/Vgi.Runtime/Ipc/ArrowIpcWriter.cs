using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Google.FlatBuffers;

namespace Vgi.Ipc;

/// <summary>
/// Writes consecutive Arrow IPC streams to one byte channel, with per-batch <c>custom_metadata</c>.
/// Messages are staged in an internal buffer; large bodies go straight to the stream. Nothing
/// reaches the channel before <see cref="Flush"/> or <see cref="FlushAsync"/> unless the buffer fills.
/// </summary>
public sealed class ArrowIpcWriter
{
    private const short MetadataVersionV5 = 4;
    private const int StagingSize = 64 * 1024;
    private static readonly byte[] Padding = new byte[8];
    private static readonly byte[] EosBytes = [0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0];

    private readonly Stream _stream;
    private readonly FlatBufferBuilder _builder = new(1024);
    private readonly ArrayEncoder _encoder = new();
    private readonly ArrayEncoder _dictionaryEncoder = new();
    private readonly List<ArrayData?> _sentDictionaries = [];
    private readonly byte[] _staging;
    private int _staged;
    private Schema? _schema;

    public ArrowIpcWriter(Stream stream) : this(stream, StagingSize)
    {
    }

    /// <param name="stagingSize">
    /// Bytes staged before a write reaches <paramref name="stream"/>: large for pipes and sockets
    /// (one write per flush), small for a MemoryStream, which gains nothing from staging.
    /// </param>
    public ArrowIpcWriter(Stream stream, int stagingSize)
    {
        _stream = stream;
        _staging = new byte[Math.Max(64, stagingSize)];
    }

    /// <summary>The schema of the open stream, or null when no stream is open.</summary>
    public Schema? Schema => _schema;

    /// <summary>
    /// One encapsulated Schema message with no EOS: pyarrow's <c>Schema.serialize()</c>, the form of
    /// <c>pa.Schema</c> values embedded in binary columns.
    /// </summary>
    public static byte[] SerializeSchema(Schema schema)
    {
        var buffer = new MemoryStream();
        var writer = new ArrowIpcWriter(buffer, 1024);
        writer.WriteSchema(schema);
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>Opens a stream: writes its schema message.</summary>
    public void WriteSchema(Schema schema)
    {
        _schema = schema;
        _sentDictionaries.Clear();
        var b = _builder;
        b.Clear();
        var header = SchemaCodec.Write(b, schema);
        WriteMessage(MessageHeaderType.Schema, header, 0, null);
    }

    /// <summary>Writes a record batch of the open stream, preceded by any dictionary it needs anew.</summary>
    public void WriteBatch(RecordBatch batch, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        if (_schema is null) throw new InvalidOperationException("no IPC stream is open: call WriteSchema first");
        if (batch.ColumnCount != _schema.FieldsList.Count)
            throw new ArgumentException($"batch has {batch.ColumnCount} columns, the stream schema has {_schema.FieldsList.Count}");
        _encoder.Clear();
        for (int i = 0; i < batch.ColumnCount; i++)
        {
            var data = batch.Column(i).Data;
            if (data.Length != batch.Length)
                throw new ArgumentException($"column {i} has {data.Length} rows, the batch has {batch.Length}");
            _encoder.Encode(data);
        }
        WriteDictionaries();
        WriteRecordBatch(batch.Length, _encoder, metadata);
        // The encoder holds the buffers' memory, not their owners. Apache.Arrow's builders allocate
        // native memory that the finalizer of the owning ArrowBuffer's handle frees, so a batch that
        // only this call references must stay reachable until its bytes are staged or written.
        GC.KeepAlive(batch);
    }

    /// <summary>Writes a batch from raw columns (for zero-column batches with a row count, e.g. 1-row requests).</summary>
    public void WriteBatch(int length, IReadOnlyList<IArrowArray> columns, IReadOnlyList<KeyValuePair<string, string>>? metadata = null)
    {
        if (_schema is null) throw new InvalidOperationException("no IPC stream is open: call WriteSchema first");
        _encoder.Clear();
        foreach (var column in columns) _encoder.Encode(column.Data);
        WriteDictionaries();
        WriteRecordBatch(length, _encoder, metadata);
        GC.KeepAlive(columns); // see WriteBatch(RecordBatch, …)
    }

    /// <summary>Writes a zero-row batch on the open stream's schema (log and error batches).</summary>
    public void WriteEmptyBatch(IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        if (_schema is null) throw new InvalidOperationException("no IPC stream is open: call WriteSchema first");
        _encoder.Clear();
        foreach (var field in _schema.FieldsList) _encoder.EncodeEmpty(field.DataType);
        WriteDictionaries();
        WriteRecordBatch(0, _encoder, metadata);
    }

    /// <summary>Closes the open stream with the EOS marker.</summary>
    public void WriteEos()
    {
        _schema = null;
        Stage(EosBytes);
    }

    public void Flush()
    {
        if (_staged > 0)
        {
            _stream.Write(_staging, 0, _staged);
            _staged = 0;
        }
        _stream.Flush();
    }

    public async ValueTask FlushAsync(CancellationToken ct = default)
    {
        if (_staged > 0)
        {
            await _stream.WriteAsync(_staging.AsMemory(0, _staged), ct).ConfigureAwait(false);
            _staged = 0;
        }
        await _stream.FlushAsync(ct).ConfigureAwait(false);
    }

    private void WriteDictionaries()
    {
        var dictionaries = _encoder.Dictionaries;
        for (int id = 0; id < dictionaries.Count; id++)
        {
            while (_sentDictionaries.Count <= id) _sentDictionaries.Add(null);
            var values = dictionaries[id];
            if (ReferenceEquals(_sentDictionaries[id], values)) continue;
            _dictionaryEncoder.Clear();
            _dictionaryEncoder.Encode(values);
            if (_dictionaryEncoder.Dictionaries.Count > 0)
                throw new NotSupportedException("dictionaries nested inside dictionary values are not supported");
            var b = _builder;
            b.Clear();
            int data = BuildRecordBatch(b, values.Length, _dictionaryEncoder);
            b.StartTable(3);
            b.AddLong(id);
            b.Slot(0);
            b.AddOffset(data);
            b.Slot(1);
            int header = b.EndTable();
            WriteMessage(MessageHeaderType.DictionaryBatch, header, _dictionaryEncoder.BodyLength(), null);
            WriteBody(_dictionaryEncoder);
            _sentDictionaries[id] = values;
        }
    }

    private void WriteRecordBatch(int length, ArrayEncoder encoder, IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        var b = _builder;
        b.Clear();
        int header = BuildRecordBatch(b, length, encoder);
        WriteMessage(MessageHeaderType.RecordBatch, header, encoder.BodyLength(), metadata);
        WriteBody(encoder);
    }

    private static int BuildRecordBatch(FlatBufferBuilder b, int length, ArrayEncoder encoder)
    {
        int variadic = 0;
        if (encoder.VariadicCounts.Count > 0)
        {
            b.StartVector(8, encoder.VariadicCounts.Count, 8);
            for (int i = encoder.VariadicCounts.Count - 1; i >= 0; i--) b.AddLong(encoder.VariadicCounts[i]);
            variadic = b.EndVector().Value;
        }
        var buffers = encoder.Buffers;
        b.StartVector(16, buffers.Count, 8);
        long end = encoder.BodyLength();
        for (int i = buffers.Count - 1; i >= 0; i--)
        {
            long padded = ArrayEncoder.Pad(buffers[i].Length);
            end -= padded;
            b.Prep(8, 16);
            b.PutLong(buffers[i].Length);
            b.PutLong(end);
        }
        int buffersVector = b.EndVector().Value;
        var nodes = encoder.Nodes;
        b.StartVector(16, nodes.Count, 8);
        for (int i = nodes.Count - 1; i >= 0; i--)
        {
            b.Prep(8, 16);
            b.PutLong(nodes[i].NullCount);
            b.PutLong(nodes[i].Length);
        }
        int nodesVector = b.EndVector().Value;
        b.StartTable(5);
        b.AddLong(length);
        b.Slot(0);
        if (variadic != 0) { b.AddOffset(variadic); b.Slot(4); }
        b.AddOffset(buffersVector);
        b.Slot(2);
        b.AddOffset(nodesVector);
        b.Slot(1);
        return b.EndTable();
    }

    private void WriteMessage(MessageHeaderType type, int header, long bodyLength, IReadOnlyList<KeyValuePair<string, string>>? metadata)
    {
        var b = _builder;
        int custom = 0;
        if (metadata is { Count: > 0 })
        {
            var pairs = new int[metadata.Count];
            for (int i = 0; i < pairs.Length; i++) pairs[i] = SchemaCodec.WriteKeyValue(b, metadata[i].Key, metadata[i].Value);
            b.StartVector(4, pairs.Length, 4);
            for (int i = pairs.Length - 1; i >= 0; i--) b.AddOffset(pairs[i]);
            custom = b.EndVector().Value;
        }
        b.StartTable(5);
        if (bodyLength != 0) { b.AddLong(bodyLength); b.Slot(3); }
        if (custom != 0) { b.AddOffset(custom); b.Slot(4); }
        b.AddOffset(header);
        b.Slot(2);
        b.AddShort(MetadataVersionV5);
        b.Slot(0);
        b.AddByte((byte)type);
        b.Slot(1);
        b.Finish(b.EndTable());

        var bb = b.DataBuffer;
        int size = bb.Length - bb.Position;
        int padded = (int)ArrayEncoder.Pad(8 + size) - 8;
        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(prefix, 0xFFFFFFFF);
        BinaryPrimitives.WriteInt32LittleEndian(prefix[4..], padded);
        Stage(prefix);
        Stage(bb.ToArraySegment(bb.Position, size));
        Stage(Padding.AsSpan(0, padded - size));
    }

    private void WriteBody(ArrayEncoder encoder)
    {
        foreach (var buffer in encoder.Buffers)
        {
            Stage(buffer.Span);
            int pad = (int)(ArrayEncoder.Pad(buffer.Length) - buffer.Length);
            if (pad > 0) Stage(Padding.AsSpan(0, pad));
        }
    }

    private void Stage(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > _staging.Length - _staged)
        {
            if (_staged > 0)
            {
                _stream.Write(_staging, 0, _staged);
                _staged = 0;
            }
            if (bytes.Length >= _staging.Length / 2)
            {
                _stream.Write(bytes);
                return;
            }
        }
        bytes.CopyTo(_staging.AsSpan(_staged));
        _staged += bytes.Length;
    }
}
