using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// Arrow <c>take</c> for the shapes the fixtures pass through untouched (<c>unnest_tensor</c> cells
/// and coordinates): a new array of the same type holding <c>source[indices[i]]</c>, an index of -1
/// giving NULL. Supports fixed-width types (numbers, decimals, temporal), booleans, (large) strings
/// and binaries, structs, lists, large lists, fixed-size lists and the null type.
/// </summary>
internal static class ArrowTake
{
    public static IArrowArray Take(IArrowArray source, IReadOnlyList<int> indices) => ArrowArrayFactory.BuildArray(TakeData(source, indices));

    /// <summary>Child <paramref name="field"/> of a struct array, to be indexed with the parent's logical index plus <see cref="ArrayData.Offset"/>.</summary>
    public static IArrowArray Child(IArrowArray structArray, int field) => ArrowArrayFactory.BuildArray(structArray.Data.Children[field]);

    /// <summary>The child values of a list-like array and the range row <paramref name="index"/> covers; false when it is not a list.</summary>
    public static bool ListRange(IArrowArray array, int index, out IArrowArray values, out int start, out int length)
    {
        switch (array)
        {
            case ListArray l:
                values = l.Values;
                start = l.ValueOffsets[index];
                length = l.ValueOffsets[index + 1] - start;
                return true;
            case LargeListArray l:
                values = l.Values;
                start = checked((int)l.ValueOffsets[index]);
                length = checked((int)(l.ValueOffsets[index + 1] - l.ValueOffsets[index]));
                return true;
            case FixedSizeListArray f:
                int size = ((FixedSizeListType)f.Data.DataType).ListSize;
                values = ArrowArrayFactory.BuildArray(f.Data.Children[0]);
                start = (f.Data.Offset + index) * size;
                length = size;
                return true;
            default:
                values = array;
                start = length = 0;
                return false;
        }
    }

    private static ArrayData TakeData(IArrowArray source, IReadOnlyList<int> indices)
    {
        int n = indices.Count;
        var data = source.Data;
        var type = data.DataType;
        var nulls = new bool[n];
        for (int i = 0; i < n; i++) nulls[i] = indices[i] < 0 || source.IsNull(indices[i]);
        if (type is NullType) return new ArrayData(type, n, n, 0, [ArrowBuffer.Empty]);
        var validity = ScalarSupport.Validity(nulls, out int nullCount);
        switch (type)
        {
            case BooleanType:
            {
                var bits = new byte[(n + 7) / 8];
                var values = (BooleanArray)source;
                for (int i = 0; i < n; i++)
                    if (!nulls[i] && values.GetValue(indices[i]) == true) bits[i >> 3] |= (byte)(1 << (i & 7));
                return new ArrayData(type, n, nullCount, 0, [validity, new ArrowBuffer(bits)]);
            }
            case FixedWidthType fixedWidth:
            {
                int width = fixedWidth.BitWidth / 8;
                var from = data.Buffers[1].Span;
                var to = new byte[n * width];
                for (int i = 0; i < n; i++)
                    if (!nulls[i]) from.Slice((data.Offset + indices[i]) * width, width).CopyTo(to.AsSpan(i * width));
                return new ArrayData(type, n, nullCount, 0, [validity, new ArrowBuffer(to)]);
            }
            case StringType or BinaryType:
            {
                var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(data.Buffers[1].Span);
                var bytes = data.Buffers[2].Span;
                var outOffsets = new byte[(n + 1) * 4];
                using var outBytes = new MemoryStream();
                for (int i = 0; i < n; i++)
                {
                    if (!nulls[i])
                    {
                        int at = data.Offset + indices[i];
                        outBytes.Write(bytes[offsets[at]..offsets[at + 1]]);
                    }
                    BinaryPrimitives.WriteInt32LittleEndian(outOffsets.AsSpan((i + 1) * 4), checked((int)outBytes.Length));
                }
                return new ArrayData(type, n, nullCount, 0, [validity, new ArrowBuffer(outOffsets), new ArrowBuffer(outBytes.ToArray())]);
            }
            case LargeStringType or LargeBinaryType:
            {
                var offsets = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, long>(data.Buffers[1].Span);
                var bytes = data.Buffers[2].Span;
                var outOffsets = new byte[(n + 1) * 8];
                using var outBytes = new MemoryStream();
                for (int i = 0; i < n; i++)
                {
                    if (!nulls[i])
                    {
                        int at = data.Offset + indices[i];
                        outBytes.Write(bytes[checked((int)offsets[at])..checked((int)offsets[at + 1])]);
                    }
                    BinaryPrimitives.WriteInt64LittleEndian(outOffsets.AsSpan((i + 1) * 8), outBytes.Length);
                }
                return new ArrayData(type, n, nullCount, 0, [validity, new ArrowBuffer(outOffsets), new ArrowBuffer(outBytes.ToArray())]);
            }
            case StructType structType:
            {
                var children = new ArrayData[structType.Fields.Count];
                var childIndices = new int[n];
                for (int i = 0; i < n; i++) childIndices[i] = indices[i] < 0 ? -1 : data.Offset + indices[i];
                for (int k = 0; k < children.Length; k++) children[k] = TakeData(Child(source, k), childIndices);
                return new ArrayData(type, n, nullCount, 0, [validity], children);
            }
            case ListType or LargeListType or FixedSizeListType:
            {
                bool large = type is LargeListType;
                var childIndices = new List<int>();
                var offsets = new byte[(n + 1) * (large ? 8 : 4)];
                IArrowArray? child = null;
                int fixedSize = type is FixedSizeListType f ? f.ListSize : -1;
                for (int i = 0; i < n; i++)
                {
                    if (!nulls[i] && ListRange(source, indices[i], out var values, out int start, out int length))
                    {
                        child ??= values;
                        for (int k = 0; k < length; k++) childIndices.Add(start + k);
                    }
                    else if (fixedSize > 0)
                    {
                        for (int k = 0; k < fixedSize; k++) childIndices.Add(-1);
                    }
                    if (large) BinaryPrimitives.WriteInt64LittleEndian(offsets.AsSpan((i + 1) * 8), childIndices.Count);
                    else BinaryPrimitives.WriteInt32LittleEndian(offsets.AsSpan((i + 1) * 4), childIndices.Count);
                }
                child ??= ArrowArrayFactory.BuildArray(data.Children[0]);
                var childData = TakeData(child, childIndices);
                return fixedSize > 0
                    ? new ArrayData(type, n, nullCount, 0, [validity], [childData])
                    : new ArrayData(type, n, nullCount, 0, [validity, new ArrowBuffer(offsets)], [childData]);
            }
            default:
                throw new NotSupportedException($"take of {type.Name} is not supported");
        }
    }
}
