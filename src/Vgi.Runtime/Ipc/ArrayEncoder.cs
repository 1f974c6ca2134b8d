using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Ipc;

/// <summary>
/// Flattens Apache.Arrow array data into the IPC body layout: one field node per array and the
/// buffers in depth-first order. Buffers are referenced, not copied, unless a sliced array forces
/// a rebase (bit-shifted validity, offsets that do not start at zero).
/// </summary>
internal sealed class ArrayEncoder
{
    public readonly List<(long Length, long NullCount)> Nodes = [];
    public readonly List<ReadOnlyMemory<byte>> Buffers = [];
    public readonly List<long> VariadicCounts = [];

    /// <summary>Dictionary values met while encoding, in pre-order.</summary>
    public readonly List<ArrayData> Dictionaries = [];

    private static readonly ReadOnlyMemory<byte> ZeroOffset = new byte[8];

    public void Clear()
    {
        Nodes.Clear();
        Buffers.Clear();
        VariadicCounts.Clear();
        Dictionaries.Clear();
    }

    public long BodyLength()
    {
        long total = 0;
        foreach (var b in Buffers) total += Pad(b.Length);
        return total;
    }

    public static long Pad(long length) => (length + 7) & ~7L;

    public void Encode(ArrayData data)
    {
        int length = data.Length, offset = data.Offset;
        // Slices carry an unknown (-1) null count until asked; GetNullCount computes and caches it.
        Nodes.Add((length, data.GetNullCount()));
        switch (data.DataType)
        {
            case DictionaryType:
                Dictionaries.Add(data.Dictionary ?? throw new InvalidOperationException("dictionary array without a dictionary"));
                Buffers.Add(Validity(data));
                Buffers.Add(FixedWidth(data, ((FixedWidthType)((DictionaryType)data.DataType).IndexType).BitWidth));
                return;
            case NullType:
                return;
            case EmptyStructType:
                Buffers.Add(Validity(data));
                return;
            case StructType:
                Buffers.Add(Validity(data));
                foreach (var child in data.Children) Encode(offset == 0 && child.Length == length ? child : child.Slice(offset, length));
                return;
            case FixedSizeListType fsl:
                Buffers.Add(Validity(data));
                Encode(offset == 0 ? data.Children[0] : data.Children[0].Slice(offset * fsl.ListSize, length * fsl.ListSize));
                return;
            case ListType or MapType:
            {
                Buffers.Add(Validity(data));
                var (offsets, start, end) = Offsets32(data);
                Buffers.Add(offsets);
                var child = data.Children[0];
                Encode(start == 0 ? child : child.Slice(start, end - start));
                return;
            }
            case LargeListType:
            {
                Buffers.Add(Validity(data));
                var (offsets, start, end) = Offsets64(data);
                Buffers.Add(offsets);
                var child = data.Children[0];
                Encode(start == 0 ? child : child.Slice((int)start, (int)(end - start)));
                return;
            }
            case StringType or BinaryType:
            {
                Buffers.Add(Validity(data));
                var (offsets, start, end) = Offsets32(data);
                Buffers.Add(offsets);
                Buffers.Add(data.Buffers[2].Memory.Slice(start, end - start));
                return;
            }
            case LargeStringType or LargeBinaryType:
            {
                Buffers.Add(Validity(data));
                var (offsets, start, end) = Offsets64(data);
                Buffers.Add(offsets);
                Buffers.Add(data.Buffers[2].Memory.Slice((int)start, (int)(end - start)));
                return;
            }
            case FixedWidthType fixedWidth:
                Buffers.Add(Validity(data));
                Buffers.Add(FixedWidth(data, fixedWidth.BitWidth));
                return;
            case StringViewType or BinaryViewType:
                // Views address the data buffers absolutely, so a slice only narrows the views.
                Buffers.Add(Validity(data));
                Buffers.Add(data.Buffers[1].Memory.Slice(offset * 16, length * 16));
                for (int i = 2; i < data.Buffers.Length; i++) Buffers.Add(data.Buffers[i].Memory);
                VariadicCounts.Add(data.Buffers.Length - 2);
                return;
            case ListViewType or LargeListViewType:
            {
                // Offsets and sizes point into the whole child, so a slice only narrows them.
                int width = data.DataType is ListViewType ? 4 : 8;
                Buffers.Add(Validity(data));
                Buffers.Add(data.Buffers[1].Memory.Slice(offset * width, length * width));
                Buffers.Add(data.Buffers[2].Memory.Slice(offset * width, length * width));
                Encode(data.Children[0]);
                return;
            }
            case UnionType { Mode: UnionMode.Dense }:
                // Value offsets point into the whole children.
                Buffers.Add(data.Buffers[0].Memory.Slice(offset, length));
                Buffers.Add(data.Buffers[1].Memory.Slice(offset * 4, length * 4));
                foreach (var child in data.Children) Encode(child);
                return;
            case UnionType:
                // Sparse children are as long as the union and share its offset.
                Buffers.Add(data.Buffers[0].Memory.Slice(offset, length));
                foreach (var child in data.Children) Encode(offset == 0 && child.Length == length ? child : child.Slice(offset, length));
                return;
            case RunEndEncodedType:
                // Run ends are logical positions: a slice would need them rebased.
                if (offset != 0) throw new NotSupportedException("writing a sliced run_end_encoded array is not supported");
                Encode(data.Children[0]);
                Encode(data.Children[1]);
                return;
            default:
                throw new NotSupportedException($"Arrow type {data.DataType.Name} cannot be written to IPC");
        }
    }

    /// <summary>Encodes a zero-length array of <paramref name="type"/> (log and error batches carry every column).</summary>
    public void EncodeEmpty(IArrowType type)
    {
        Nodes.Add((0, 0));
        switch (type)
        {
            case DictionaryType dict:
                Buffers.Add(default);
                Buffers.Add(default);
                Dictionaries.Add(EmptyDictionary(dict.ValueType));
                return;
            case NullType:
                return;
            case EmptyStructType or StructType or FixedSizeListType:
                Buffers.Add(default);
                foreach (var child in SchemaCodec.ChildFields(type)) EncodeEmpty(child.DataType);
                return;
            case ListType or MapType or LargeListType:
                Buffers.Add(default);
                Buffers.Add(ZeroOffset[..(type is LargeListType ? 8 : 4)]);
                EncodeEmpty(((NestedType)type).Fields[0].DataType);
                return;
            case StringType or BinaryType or LargeStringType or LargeBinaryType:
                Buffers.Add(default);
                Buffers.Add(ZeroOffset[..(type is LargeStringType or LargeBinaryType ? 8 : 4)]);
                Buffers.Add(default);
                return;
            case StringViewType or BinaryViewType:
                Buffers.Add(default);
                Buffers.Add(default);
                VariadicCounts.Add(0);
                return;
            case ListViewType or LargeListViewType:
                Buffers.Add(default);
                Buffers.Add(default);
                Buffers.Add(default);
                EncodeEmpty(((NestedType)type).Fields[0].DataType);
                return;
            case UnionType union:
                Buffers.Add(default);
                if (union.Mode == UnionMode.Dense) Buffers.Add(default);
                foreach (var child in union.Fields) EncodeEmpty(child.DataType);
                return;
            case RunEndEncodedType ree:
                EncodeEmpty(ree.RunEndsDataType);
                EncodeEmpty(ree.ValuesDataType);
                return;
            default:
                Buffers.Add(default);
                Buffers.Add(default);
                return;
        }
    }

    private static readonly Dictionary<IArrowType, ArrayData> EmptyDictionaries = new();

    private static ArrayData EmptyDictionary(IArrowType valueType)
    {
        lock (EmptyDictionaries)
        {
            if (!EmptyDictionaries.TryGetValue(valueType, out var data))
                EmptyDictionaries[valueType] = data = ArrayDataOfEmpty(valueType);
            return data;
        }
    }

    private static ArrayData ArrayDataOfEmpty(IArrowType type) => type switch
    {
        StringType or BinaryType => new ArrayData(type, 0, 0, 0, [ArrowBuffer.Empty, new ArrowBuffer(new byte[4]), ArrowBuffer.Empty], []),
        FixedWidthType => new ArrayData(type, 0, 0, 0, [ArrowBuffer.Empty, ArrowBuffer.Empty], []),
        _ => throw new NotSupportedException($"dictionaries of {type.Name} values are not supported"),
    };

    private static ReadOnlyMemory<byte> Validity(ArrayData data)
    {
        if (data.GetNullCount() == 0) return default;
        var bitmap = data.Buffers[0].Memory;
        int offset = data.Offset, length = data.Length;
        if (offset % 8 == 0) return bitmap.Slice(offset / 8, (length + 7) / 8);
        return ShiftBits(bitmap.Span, offset, length);
    }

    private static ReadOnlyMemory<byte> FixedWidth(ArrayData data, int bitWidth)
    {
        var values = data.Buffers[1].Memory;
        int offset = data.Offset, length = data.Length;
        if (bitWidth == 1)
        {
            if (offset % 8 == 0) return values.Slice(offset / 8, Math.Min(values.Length - offset / 8, (length + 7) / 8));
            return ShiftBits(values.Span, offset, length);
        }
        int width = bitWidth / 8;
        return values.Slice(offset * width, length * width);
    }

    private static byte[] ShiftBits(ReadOnlySpan<byte> source, int offset, int length)
    {
        var result = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++)
        {
            int bit = offset + i;
            if ((source[bit >> 3] & (1 << (bit & 7))) != 0) result[i >> 3] |= (byte)(1 << (i & 7));
        }
        return result;
    }

    private static (ReadOnlyMemory<byte> Offsets, int Start, int End) Offsets32(ArrayData data)
    {
        int offset = data.Offset, length = data.Length;
        var memory = data.Buffers[1].Memory;
        if (memory.Length == 0) return (ZeroOffset[..4], 0, 0);
        var offsets = MemoryMarshal.Cast<byte, int>(memory.Span).Slice(offset, length + 1);
        int start = offsets[0], end = offsets[length];
        if (start == 0) return (memory.Slice(offset * 4, (length + 1) * 4), 0, end);
        var rebased = new int[length + 1];
        for (int i = 0; i <= length; i++) rebased[i] = offsets[i] - start;
        return (MemoryMarshal.AsBytes(rebased.AsSpan()).ToArray(), start, end);
    }

    private static (ReadOnlyMemory<byte> Offsets, long Start, long End) Offsets64(ArrayData data)
    {
        int offset = data.Offset, length = data.Length;
        var memory = data.Buffers[1].Memory;
        if (memory.Length == 0) return (ZeroOffset, 0, 0);
        var offsets = MemoryMarshal.Cast<byte, long>(memory.Span).Slice(offset, length + 1);
        long start = offsets[0], end = offsets[length];
        if (start == 0) return (memory.Slice(offset * 8, (length + 1) * 8), 0, end);
        var rebased = new long[length + 1];
        for (int i = 0; i <= length; i++) rebased[i] = offsets[i] - start;
        return (MemoryMarshal.AsBytes(rebased.AsSpan()).ToArray(), start, end);
    }
}
