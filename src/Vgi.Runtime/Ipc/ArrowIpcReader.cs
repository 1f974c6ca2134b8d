using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Ipc;

/// <summary>
/// Reads consecutive Arrow IPC streams from one byte channel: <see cref="ReadSchemaAsync"/> opens a
/// stream, <see cref="ReadBatchAsync"/> returns its record batches (dictionary batches are applied
/// on the way) and <c>null</c> at its EOS. Bytes after an EOS belong to the next stream and are kept.
/// </summary>
public sealed class ArrowIpcReader
{
    private readonly IpcMessageReader _messages;
    private readonly List<(long Id, Field ValueField)> _dictionaryFields = [];
    private readonly List<ArrayData?> _dictionaries = [];
    private Schema? _schema;

    public ArrowIpcReader(Stream stream) => _messages = new IpcMessageReader(stream);

    /// <param name="bufferSize">Read-ahead buffer size (64 KiB by default; less suits small in-memory streams).</param>
    public ArrowIpcReader(Stream stream, int bufferSize) => _messages = new IpcMessageReader(stream, bufferSize);

    /// <summary>The schema of the stream being read, or null between streams.</summary>
    public Schema? Schema => _schema;

    /// <summary>
    /// Reads the schema message that opens the next stream. Returns <c>null</c> when the channel is
    /// closed cleanly before it; throws <see cref="IpcFormatException"/> on anything but a schema.
    /// </summary>
    public async ValueTask<Schema?> ReadSchemaAsync(CancellationToken ct = default)
    {
        _schema = null;
        IpcMessage? message;
        try
        {
            message = await _messages.ReadAsync(ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        if (message is not { } m) throw new IpcFormatException("expected a schema message, got EOS");
        using var body = m.Body;
        if (m.Type != MessageHeaderType.Schema) throw new IpcFormatException($"expected a schema message, got {m.Type}");
        _schema = DecodeSchema(m.Header);
        return _schema;
    }

    private Schema DecodeSchema(FlatTable header)
    {
        _dictionaryFields.Clear();
        _dictionaries.Clear();
        Schema schema;
        try
        {
            schema = SchemaCodec.Read(header, _dictionaryFields);
        }
        catch (Exception e) when (e is not IpcFormatException)
        {
            throw new IpcFormatException("malformed IPC schema: " + e.Message, e);
        }
        foreach (var _ in _dictionaryFields) _dictionaries.Add(null);
        return schema;
    }

    /// <summary>Reads the next record batch of the current stream, or <c>null</c> at its EOS.</summary>
    public async ValueTask<IpcRecordBatch?> ReadBatchAsync(CancellationToken ct = default)
    {
        var schema = _schema ?? throw new InvalidOperationException("no IPC stream is open: call ReadSchemaAsync first");
        while (true)
        {
            IpcMessage? message;
            try
            {
                message = await _messages.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                // Arrow C++ treats EOF at a message boundary as end of stream; the channel is gone.
                _schema = null;
                throw;
            }
            if (message is not { } m)
            {
                _schema = null;
                return null;
            }
            switch (m.Type)
            {
                case MessageHeaderType.DictionaryBatch:
                    ApplyDictionary(m);
                    continue;
                case MessageHeaderType.RecordBatch:
                    return DecodeBatch(schema, m);
                default:
                    m.Body.Dispose();
                    throw new IpcFormatException("unexpected schema message inside an IPC stream");
            }
        }
    }

    /// <summary>Reads and discards the rest of the current stream up to its EOS.</summary>
    public async ValueTask DrainAsync(CancellationToken ct = default)
    {
        while (_schema is not null)
        {
            using var batch = await ReadBatchAsync(ct).ConfigureAwait(false);
            if (batch is null) return;
        }
    }

    private IpcRecordBatch DecodeBatch(Schema schema, IpcMessage m)
    {
        try
        {
            var decoder = new ArrayDecoder(m.Header, m.Body.Memory, _dictionaries);
            long length = decoder.Length;
            if (length < 0 || length > int.MaxValue) throw new IpcFormatException($"invalid record batch length {length}");
            var columns = decoder.DecodeColumns(schema);
            var metadata = ReadCustomMetadata(m.Message);
            return new IpcRecordBatch(new RecordBatch(schema, columns, (int)length), metadata, m.Body);
        }
        catch (Exception e)
        {
            m.Body.Dispose();
            if (e is IpcFormatException) throw;
            throw new IpcFormatException("malformed record batch: " + e.Message, e);
        }
    }

    private void ApplyDictionary(IpcMessage m)
    {
        try
        {
            long id = m.Header.GetLong(0);
            int slot = _dictionaryFields.FindIndex(d => d.Id == id);
            if (slot < 0) throw new IpcFormatException($"dictionary batch for unknown id {id}");
            var data = m.Header.GetTable(1) ?? throw new IpcFormatException("dictionary batch without data");
            var decoder = new ArrayDecoder(data, m.Body.Memory, []);
            var values = decoder.Decode(_dictionaryFields[slot].ValueField.DataType);
            if (m.Header.GetBool(2) && _dictionaries[slot] is { } existing)
            {
                values = ArrowArrayConcatenator.Concatenate([ArrowArrayFactory.BuildArray(existing), ArrowArrayFactory.BuildArray(values)]).Data;
            }
            _dictionaries[slot] = values;
        }
        catch (Exception e) when (e is not IpcFormatException)
        {
            throw new IpcFormatException("malformed dictionary batch: " + e.Message, e);
        }
    }

    internal static IReadOnlyList<KeyValuePair<string, string>> ReadCustomMetadata(FlatTable message)
    {
        var (start, count) = message.GetVector(4, 4);
        if (count == 0) return Metadata.Empty;
        var pairs = new KeyValuePair<string, string>[count];
        for (int i = 0; i < count; i++)
        {
            var kv = message.GetVectorTable(start, i);
            pairs[i] = new(kv.GetString(0) ?? "", kv.GetString(1) ?? "");
        }
        return pairs;
    }
}
