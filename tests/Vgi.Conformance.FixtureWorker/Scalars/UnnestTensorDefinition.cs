using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;
using static Vgi.Conformance.Fixtures.Scalars.ScalarSupport;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// <c>unnest_tensor(tensor ANY) → ANY</c> (fixtures.md §2.2.1), the inverse of the <c>nest_tensor</c>
/// aggregate: a <c>{tensor, axes}</c> struct becomes one <c>{value, axes}</c> element per cell,
/// row-major. Hand-written because both its argument and its result type are decided at bind.
/// </summary>
internal static class UnnestTensorDefinition
{
    public static ScalarFunctionDefinition Definition { get; } = new()
    {
        Name = "unnest_tensor",
        Description = "Invert nest_tensor: list of {value, axes} structs per cell",
        Arguments = Arguments(Any("tensor")),
        Result = AnyResult,
        Bind = Bind,
    };

    /// <summary>The fixture's error class; tests match the name (<c>NestTensorError: …</c>), so it is thrown as is rather than as a bind mismatch.</summary>
    private sealed class NestTensorError(string message) : Exception(message);

    private static ScalarBinding Bind(ScalarBindContext context)
    {
        Expect(context, "unnest_tensor(tensor ANY)", columns: 1, constants: 0);
        var type = ColumnType(context, 0);
        if (type is not StructType input) throw new NestTensorError($"unnest_tensor: argument must be a struct, got {PyText.ArrowTypeName(type)}");
        int tensorField = input.GetFieldIndex("tensor"), axesField = input.GetFieldIndex("axes");
        if (tensorField < 0 || axesField < 0)
        {
            var names = input.Fields.Select(f => f.Name).Order(StringComparer.Ordinal).Select(n => PyText.Repr(n));
            throw new NestTensorError($"unnest_tensor: struct must have 'tensor' and 'axes' fields, got [{string.Join(", ", names)}]");
        }
        if (input.Fields[axesField].DataType is not StructType axes)
            throw new NestTensorError($"unnest_tensor: 'axes' field must be a struct, got {PyText.ArrowTypeName(input.Fields[axesField].DataType)}");

        int depth = 0;
        var inner = input.Fields[tensorField].DataType;
        while (ElementType(inner) is { } element)
        {
            depth++;
            inner = element;
        }
        if (depth != axes.Fields.Count)
            throw new NestTensorError($"unnest_tensor: tensor nesting depth {depth} does not match number of axes {axes.Fields.Count}");

        var axisFields = axes.Fields.Select(f => new Field(f.Name, ElementType(f.DataType) ?? f.DataType, true)).ToList();
        var axesType = new StructType(axisFields);
        var cellType = new StructType([new Field("value", inner, true), new Field("axes", axesType, true)]);
        var output = new ListType(new Field("item", cellType, true));
        return new ScalarBinding(Result(output), (batch, _) => Unnest(batch.Column(0), tensorField, axesField, depth, output, cellType, axesType), ArgumentTypes.Exact);
    }

    /// <summary>The element type of a list, large list or fixed-size list; null for anything else.</summary>
    private static IArrowType? ElementType(IArrowType type) => type switch
    {
        ListType l => l.ValueDataType,
        LargeListType l => l.ValueDataType,
        FixedSizeListType f => f.ValueDataType,
        _ => null,
    };

    private static IArrowArray Unnest(IArrowArray column, int tensorField, int axesField, int depth, ListType output, StructType cellType, StructType axesType)
    {
        int rows = column.Length;
        int offset = column.Data.Offset;
        var tensor = ArrowTake.Child(column, tensorField);
        var axesArray = ArrowTake.Child(column, axesField);
        int axesOffset = axesArray.Data.Offset;
        var axisLists = Enumerable.Range(0, depth).Select(k => ArrowTake.Child(axesArray, k)).ToArray();

        // The arrays at each nesting level, so every cell indexes the same innermost array.
        var levels = new IArrowArray[depth + 1];
        levels[0] = tensor;
        var axisValues = new IArrowArray?[depth];
        var valueIndices = new List<int>();
        var coordinateIndices = Enumerable.Range(0, depth).Select(_ => new List<int>()).ToArray();
        var nulls = new bool[rows];
        var offsets = new byte[(rows + 1) * 4];
        var starts = new int[depth];
        var lengths = new int[depth];
        var index = new int[depth];

        for (int r = 0; r < rows; r++)
        {
            int at = offset + r;
            if (column.IsNull(r))
            {
                nulls[r] = true;
            }
            else if (Axes(axesArray, axisLists, at, axesOffset, starts, lengths, axisValues))
            {
                long count = 1;
                foreach (int length in lengths) count *= length;
                System.Array.Clear(index);
                for (long c = 0; c < count; c++)
                {
                    valueIndices.Add(Cell(levels, at, index));
                    for (int k = 0; k < depth; k++) coordinateIndices[k].Add(starts[k] + index[k]);
                    // Row-major: the last axis moves fastest.
                    for (int k = depth - 1; k >= 0 && ++index[k] == lengths[k]; k--) index[k] = 0;
                }
            }
            BinaryPrimitives.WriteInt32LittleEndian(offsets.AsSpan((r + 1) * 4), valueIndices.Count);
        }

        int total = valueIndices.Count;
        var innermost = levels[depth] ?? InnermostOf(tensor, depth);
        var coordinates = new ArrayData[depth];
        for (int k = 0; k < depth; k++)
        {
            var values = axisValues[k] ?? ArrowArrayFactory.BuildArray(axisLists[k].Data.Children[0]);
            coordinates[k] = ArrowTake.Take(values, coordinateIndices[k]).Data;
        }
        var axesData = new ArrayData(axesType, total, 0, 0, [ArrowBuffer.Empty], coordinates);
        var cells = new ArrayData(cellType, total, 0, 0, [ArrowBuffer.Empty], [ArrowTake.Take(innermost, valueIndices).Data, axesData]);
        var validity = Validity(nulls, out int nullCount);
        return ArrowArrayFactory.BuildArray(new ArrayData(output, rows, nullCount, 0, [validity, new ArrowBuffer(offsets)], [cells]));
    }

    /// <summary>Reads each axis' coordinate range at <paramref name="at"/>; false when the axes or any axis list is NULL or empty.</summary>
    private static bool Axes(IArrowArray axesArray, IArrowArray[] axisLists, int at, int axesOffset, int[] starts, int[] lengths, IArrowArray?[] axisValues)
    {
        if (axesArray.IsNull(at)) return false;
        for (int k = 0; k < axisLists.Length; k++)
        {
            int slot = axesOffset + at;
            if (axisLists[k].IsNull(slot) || !ArrowTake.ListRange(axisLists[k], slot, out var values, out starts[k], out lengths[k]) || lengths[k] == 0)
                return false;
            axisValues[k] ??= values;
        }
        return true;
    }

    /// <summary>The index of <c>tensor[i0][i1]…</c> in the innermost values array; -1 (NULL) where a level is NULL or too short.</summary>
    private static int Cell(IArrowArray[] levels, int at, int[] index)
    {
        int position = at;
        for (int k = 0; k < index.Length; k++)
        {
            var level = levels[k];
            if (level.IsNull(position) || !ArrowTake.ListRange(level, position, out var values, out int start, out int length) || index[k] >= length)
                return -1;
            levels[k + 1] ??= values;
            position = start + index[k];
        }
        return position;
    }

    private static IArrowArray InnermostOf(IArrowArray tensor, int depth)
    {
        var array = tensor;
        for (int k = 0; k < depth; k++) array = ArrowArrayFactory.BuildArray(array.Data.Children[0]);
        return array;
    }
}
