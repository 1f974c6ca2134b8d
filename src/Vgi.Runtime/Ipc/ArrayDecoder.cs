using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Ipc;

/// <summary>
/// Turns a RecordBatch message (field nodes, buffer spans, body) into Apache.Arrow array data
/// without copying: every buffer is a slice of the message body.
/// </summary>
internal ref struct ArrayDecoder
{
    private const int FieldNodeSize = 16, BufferSize = 16;

    private readonly FlatTable _batch;
    private readonly ReadOnlyMemory<byte> _body;
    private readonly IReadOnlyList<ArrayData?> _dictionaries;
    private readonly int _nodesStart, _nodeCount, _buffersStart, _bufferCount, _variadicStart, _variadicCount;
    private int _node, _buffer, _variadic, _dictionary;

    /// <param name="batch">The RecordBatch table.</param>
    /// <param name="dictionaries">Current dictionary values, in the schema's pre-order of dictionary fields.</param>
    public ArrayDecoder(FlatTable batch, ReadOnlyMemory<byte> body, IReadOnlyList<ArrayData?> dictionaries)
    {
        _batch = batch;
        _body = body;
        _dictionaries = dictionaries;
        if (batch.Has(3)) throw new IpcFormatException("compressed IPC bodies are not supported");
        (_nodesStart, _nodeCount) = batch.GetVector(1, FieldNodeSize);
        (_buffersStart, _bufferCount) = batch.GetVector(2, BufferSize);
        (_variadicStart, _variadicCount) = batch.GetVector(4, 8);
        _node = _buffer = _variadic = _dictionary = 0;
    }

    public long Length => _batch.GetLong(0);

    public IArrowArray[] DecodeColumns(Schema schema)
    {
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (int i = 0; i < columns.Length; i++)
        {
            var data = Decode(schema.FieldsList[i].DataType);
            // Apache.Arrow's RecordBatch does not check this; a short column would fail only when read.
            if (data.Length != Length) throw new IpcFormatException($"column {i} has {data.Length} rows, the record batch has {Length}");
            columns[i] = ArrowArrayFactory.BuildArray(data);
        }
        if (_node != _nodeCount || _buffer != _bufferCount)
            throw new IpcFormatException($"record batch has {_nodeCount} nodes and {_bufferCount} buffers, the schema uses {_node} and {_buffer}");
        return columns;
    }

    public ArrayData Decode(IArrowType type)
    {
        var (length, nullCount) = NextNode();
        switch (type)
        {
            case DictionaryType dict:
            {
                int slot = _dictionary++;
                var values = slot < _dictionaries.Count ? _dictionaries[slot] : null;
                if (values is null) throw new IpcFormatException("record batch references a dictionary that has not been sent");
                return new ArrayData(dict, length, nullCount, 0, [Validity(nullCount), NextBuffer()], [], values);
            }
            case NullType:
                return new ArrayData(type, length, length, 0, [], []);
            case EmptyStructType:
            {
                var validity = Validity(nullCount);
                var storage = new ArrayData(BooleanType.Default, length, nullCount, 0, [validity, validity], []);
                return new ArrayData(type, length, nullCount, 0, storage.Buffers, [], null);
            }
            case StructType st:
            {
                var validity = Validity(nullCount);
                var children = new ArrayData[st.Fields.Count];
                for (int i = 0; i < children.Length; i++) children[i] = Decode(st.Fields[i].DataType);
                return new ArrayData(type, length, nullCount, 0, [validity], children);
            }
            case FixedSizeListType fsl:
            {
                var validity = Validity(nullCount);
                return new ArrayData(type, length, nullCount, 0, [validity], [Decode(fsl.ValueDataType)]);
            }
            case ListType or LargeListType or MapType:
            {
                var validity = Validity(nullCount);
                var offsets = NextBuffer();
                var child = Decode(((NestedType)type).Fields[0].DataType);
                return new ArrayData(type, length, nullCount, 0, [validity, offsets], [child]);
            }
            case ListViewType or LargeListViewType:
            {
                var validity = Validity(nullCount);
                var offsets = NextBuffer();
                var sizes = NextBuffer();
                var child = Decode(((NestedType)type).Fields[0].DataType);
                return new ArrayData(type, length, nullCount, 0, [validity, offsets, sizes], [child]);
            }
            case UnionType union:
            {
                var buffers = union.Mode == UnionMode.Dense ? new[] { NextBuffer(), NextBuffer() } : new[] { NextBuffer() };
                var children = new ArrayData[union.Fields.Count];
                for (int i = 0; i < children.Length; i++) children[i] = Decode(union.Fields[i].DataType);
                return new ArrayData(type, length, nullCount, 0, buffers, children);
            }
            case RunEndEncodedType ree:
                return new ArrayData(type, length, nullCount, 0, [], [Decode(ree.RunEndsDataType), Decode(ree.ValuesDataType)]);
            case StringType or BinaryType or LargeStringType or LargeBinaryType:
                return new ArrayData(type, length, nullCount, 0, [Validity(nullCount), NextBuffer(), NextBuffer()], []);
            case StringViewType or BinaryViewType:
            {
                if (_variadic >= _variadicCount) throw new IpcFormatException("view array without a variadic buffer count");
                long extra = _batch.ReadLongAt(_variadicStart + 8 * _variadic++);
                if (extra < 0 || extra > _bufferCount) throw new IpcFormatException("invalid variadic buffer count");
                var buffers = new ArrowBuffer[2 + extra];
                buffers[0] = Validity(nullCount);
                for (int i = 1; i < buffers.Length; i++) buffers[i] = NextBuffer();
                return new ArrayData(type, length, nullCount, 0, buffers, []);
            }
            default:
                return new ArrayData(type, length, nullCount, 0, [Validity(nullCount), NextBuffer()], []);
        }
    }

    private (int Length, int NullCount) NextNode()
    {
        if (_node >= _nodeCount) throw new IpcFormatException("record batch has fewer field nodes than its schema needs");
        int at = _nodesStart + FieldNodeSize * _node++;
        long length = _batch.ReadLongAt(at), nulls = _batch.ReadLongAt(at + 8);
        if (length < 0 || length > int.MaxValue || nulls < 0 || nulls > length)
            throw new IpcFormatException($"invalid field node (length {length}, null count {nulls})");
        return ((int)length, (int)nulls);
    }

    private ArrowBuffer Validity(int nullCount)
    {
        var buffer = NextBuffer();
        // A zero-length validity buffer means "no nulls"; Apache.Arrow expects an empty buffer then.
        if (nullCount == 0) return ArrowBuffer.Empty;
        if (buffer.Length == 0) throw new IpcFormatException("null count is non-zero but the validity buffer is empty");
        return buffer;
    }

    private ArrowBuffer NextBuffer()
    {
        if (_buffer >= _bufferCount) throw new IpcFormatException("record batch has fewer buffers than its schema needs");
        int at = _buffersStart + BufferSize * _buffer++;
        long offset = _batch.ReadLongAt(at), length = _batch.ReadLongAt(at + 8);
        // Compared without adding, which could overflow for hostile values.
        if (offset < 0 || length < 0 || offset > _body.Length || length > _body.Length - offset)
            throw new IpcFormatException($"buffer of {length} bytes at {offset} lies outside the {_body.Length}-byte message body");
        return length == 0 ? ArrowBuffer.Empty : new ArrowBuffer(_body.Slice((int)offset, (int)length));
    }
}
