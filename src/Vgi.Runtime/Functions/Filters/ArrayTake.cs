using System.Buffers;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Functions;

/// <summary>
/// Keeps the selected rows of a batch: builds new buffers for the selected rows only (one pass per
/// buffer, sized once). Fixed-width, boolean, string/binary (32- and 64-bit offsets), list, map,
/// fixed-size list, struct and dictionary columns are gathered directly; any other layout (views,
/// unions, …) by concatenating slices of the selected runs.
/// </summary>
internal static class ArrayTake
{
    /// <summary>The rows of <paramref name="batch"/> whose <paramref name="selected"/> flag is set; the batch itself when all are.</summary>
    public static RecordBatch Filter(RecordBatch batch, ReadOnlySpan<bool> selected)
    {
        int count = 0;
        foreach (bool s in selected) count += s ? 1 : 0;
        if (count == batch.Length) return batch;
        int[] rented = ArrayPool<int>.Shared.Rent(Math.Max(1, count));
        try
        {
            var indices = rented.AsSpan(0, count);
            int k = 0;
            for (int i = 0; i < selected.Length; i++)
            {
                if (selected[i]) indices[k++] = i;
            }
            var columns = new IArrowArray[batch.ColumnCount];
            for (int c = 0; c < columns.Length; c++) columns[c] = Take(batch.Column(c), indices);
            return new RecordBatch(batch.Schema, columns, count);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    public static IArrowArray Take(IArrowArray array, ReadOnlySpan<int> indices) =>
        ArrowArrayFactory.BuildArray(Take(array.Data, indices));

    /// <summary>Gathers logical rows <paramref name="indices"/> of <paramref name="data"/> (its offset applied).</summary>
    public static ArrayData Take(ArrayData data, ReadOnlySpan<int> indices)
    {
        var type = data.DataType;
        int n = indices.Length;
        switch (type)
        {
            case NullType:
                return new ArrayData(type, n, n, 0, [ArrowBuffer.Empty], []);
            case BooleanType:
            {
                var (validity, nulls) = Validity(data, indices);
                return new ArrayData(type, n, nulls, 0, [validity, GatherBits(data.Buffers[1].Span, data.Offset, indices)], []);
            }
            case DictionaryType:
            {
                var (validity, nulls) = Validity(data, indices);
                int width = ((FixedWidthType)((DictionaryType)type).IndexType).BitWidth / 8;
                return new ArrayData(type, n, nulls, 0, [validity, GatherFixed(data.Buffers[1].Span, width, data.Offset, indices)], [], data.Dictionary);
            }
            case FixedWidthType fixedWidth when fixedWidth.BitWidth % 8 == 0:
            {
                var (validity, nulls) = Validity(data, indices);
                return new ArrayData(type, n, nulls, 0, [validity, GatherFixed(data.Buffers[1].Span, fixedWidth.BitWidth / 8, data.Offset, indices)], []);
            }
            case StringType or BinaryType:
                return TakeVariable<int>(data, indices);
            case LargeStringType or LargeBinaryType:
                return TakeVariable<long>(data, indices);
            case ListType or MapType:
                return TakeList(data, indices);
            case LargeListType:
                return TakeLargeList(data, indices);
            case FixedSizeListType fixedList:
            {
                var (validity, nulls) = Validity(data, indices);
                int size = fixedList.ListSize;
                int[] child = new int[n * size];
                for (int k = 0; k < n; k++)
                {
                    int start = (data.Offset + indices[k]) * size;
                    for (int j = 0; j < size; j++) child[k * size + j] = start + j;
                }
                return new ArrayData(type, n, nulls, 0, [validity], [Take(data.Children[0], child)]);
            }
            case StructType:
            {
                var (validity, nulls) = Validity(data, indices);
                // Struct children are indexed through the struct's own offset.
                int[] child = new int[n];
                for (int k = 0; k < n; k++) child[k] = data.Offset + indices[k];
                var children = new ArrayData[data.Children.Length];
                for (int c = 0; c < children.Length; c++) children[c] = Take(data.Children[c], child);
                return new ArrayData(type, n, nulls, 0, [validity], children);
            }
            default:
                return TakeBySlices(data, indices);
        }
    }

    /// <summary>The validity bitmap of the taken rows (empty when none is null) and their null count.</summary>
    private static (ArrowBuffer Buffer, int NullCount) Validity(ArrayData data, ReadOnlySpan<int> indices)
    {
        if (data.GetNullCount() == 0) return (ArrowBuffer.Empty, 0);
        var source = data.Buffers[0].Span;
        var bits = new byte[(indices.Length + 7) / 8];
        int nulls = 0;
        for (int k = 0; k < indices.Length; k++)
        {
            if (ColumnPredicates.IsValid(source, data.Offset + indices[k])) bits[k >> 3] |= (byte)(1 << (k & 7));
            else nulls++;
        }
        return nulls == 0 ? (ArrowBuffer.Empty, 0) : (new ArrowBuffer(bits), nulls);
    }

    private static ArrowBuffer GatherBits(ReadOnlySpan<byte> source, int offset, ReadOnlySpan<int> indices)
    {
        var bits = new byte[(indices.Length + 7) / 8];
        for (int k = 0; k < indices.Length; k++)
        {
            if (ColumnPredicates.IsValid(source, offset + indices[k])) bits[k >> 3] |= (byte)(1 << (k & 7));
        }
        return new ArrowBuffer(bits);
    }

    private static ArrowBuffer GatherFixed(ReadOnlySpan<byte> source, int width, int offset, ReadOnlySpan<int> indices)
    {
        var bytes = new byte[indices.Length * width];
        switch (width)
        {
            case 1: Gather(source, MemoryMarshal.Cast<byte, byte>(bytes.AsSpan()), offset, indices); break;
            case 2: Gather(MemoryMarshal.Cast<byte, short>(source), MemoryMarshal.Cast<byte, short>(bytes.AsSpan()), offset, indices); break;
            case 4: Gather(MemoryMarshal.Cast<byte, int>(source), MemoryMarshal.Cast<byte, int>(bytes.AsSpan()), offset, indices); break;
            case 8: Gather(MemoryMarshal.Cast<byte, long>(source), MemoryMarshal.Cast<byte, long>(bytes.AsSpan()), offset, indices); break;
            case 16: Gather(MemoryMarshal.Cast<byte, Int128>(source), MemoryMarshal.Cast<byte, Int128>(bytes.AsSpan()), offset, indices); break;
            default:
                for (int k = 0; k < indices.Length; k++) source.Slice((offset + indices[k]) * width, width).CopyTo(bytes.AsSpan(k * width));
                break;
        }
        return new ArrowBuffer(bytes);
    }

    private static void Gather<T>(ReadOnlySpan<T> source, Span<T> target, int offset, ReadOnlySpan<int> indices) where T : unmanaged
    {
        for (int k = 0; k < indices.Length; k++) target[k] = source[offset + indices[k]];
    }

    private static ArrayData TakeVariable<TOffset>(ArrayData data, ReadOnlySpan<int> indices) where TOffset : unmanaged, System.Numerics.IBinaryInteger<TOffset>
    {
        var (validity, nulls) = Validity(data, indices);
        var offsets = MemoryMarshal.Cast<byte, TOffset>(data.Buffers[1].Span);
        var source = data.Buffers[2].Span;
        long total = 0;
        foreach (int i in indices) total += long.CreateTruncating(offsets[data.Offset + i + 1] - offsets[data.Offset + i]);
        var newOffsets = new TOffset[indices.Length + 1];
        var bytes = new byte[total];
        long position = 0;
        for (int k = 0; k < indices.Length; k++)
        {
            int start = int.CreateChecked(offsets[data.Offset + indices[k]]);
            int length = int.CreateChecked(offsets[data.Offset + indices[k] + 1]) - start;
            source.Slice(start, length).CopyTo(bytes.AsSpan((int)position));
            position += length;
            newOffsets[k + 1] = TOffset.CreateChecked(position);
        }
        return new ArrayData(data.DataType, indices.Length, nulls, 0,
            [validity, new ArrowBuffer(MemoryMarshal.AsBytes(newOffsets.AsSpan()).ToArray()), new ArrowBuffer(bytes)], []);
    }

    private static ArrayData TakeList(ArrayData data, ReadOnlySpan<int> indices)
    {
        var (validity, nulls) = Validity(data, indices);
        var offsets = MemoryMarshal.Cast<byte, int>(data.Buffers[1].Span);
        var newOffsets = new int[indices.Length + 1];
        var child = new List<int>();
        for (int k = 0; k < indices.Length; k++)
        {
            int start = offsets[data.Offset + indices[k]], end = offsets[data.Offset + indices[k] + 1];
            for (int j = start; j < end; j++) child.Add(j);
            newOffsets[k + 1] = child.Count;
        }
        return new ArrayData(data.DataType, indices.Length, nulls, 0,
            [validity, new ArrowBuffer(MemoryMarshal.AsBytes(newOffsets.AsSpan()).ToArray())], [Take(data.Children[0], CollectionsMarshal.AsSpan(child))]);
    }

    private static ArrayData TakeLargeList(ArrayData data, ReadOnlySpan<int> indices)
    {
        var (validity, nulls) = Validity(data, indices);
        var offsets = MemoryMarshal.Cast<byte, long>(data.Buffers[1].Span);
        var newOffsets = new long[indices.Length + 1];
        var child = new List<int>();
        for (int k = 0; k < indices.Length; k++)
        {
            int start = checked((int)offsets[data.Offset + indices[k]]), end = checked((int)offsets[data.Offset + indices[k] + 1]);
            for (int j = start; j < end; j++) child.Add(j);
            newOffsets[k + 1] = child.Count;
        }
        return new ArrayData(data.DataType, indices.Length, nulls, 0,
            [validity, new ArrowBuffer(MemoryMarshal.AsBytes(newOffsets.AsSpan()).ToArray())], [Take(data.Children[0], CollectionsMarshal.AsSpan(child))]);
    }

    /// <summary>Any other layout: slices of the selected runs, concatenated by Arrow.</summary>
    private static ArrayData TakeBySlices(ArrayData data, ReadOnlySpan<int> indices)
    {
        var array = ArrowArrayFactory.BuildArray(data);
        if (indices.Length == 0) return ArrowArrayFactory.Slice(array, 0, 0).Data;
        var slices = new List<IArrowArray>();
        int runStart = indices[0], runLength = 1;
        for (int k = 1; k < indices.Length; k++)
        {
            if (indices[k] == runStart + runLength)
            {
                runLength++;
                continue;
            }
            slices.Add(ArrowArrayFactory.Slice(array, runStart, runLength));
            runStart = indices[k];
            runLength = 1;
        }
        slices.Add(ArrowArrayFactory.Slice(array, runStart, runLength));
        return slices.Count == 1 ? slices[0].Data : ArrowArrayConcatenator.Concatenate(slices).Data;
    }
}
