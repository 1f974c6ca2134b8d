using System.Buffers.Binary;
using Apache.Arrow;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

/// <summary>
/// Exact application of pushed filters for the fixtures that advertise
/// <c>supported_expression_filters</c> (fixtures.md §6.6.5): the runtime evaluates constant, IN,
/// NULL, AND/OR and struct filters (and comparison-only expressions), but not an expression that
/// calls a function, so these fixtures turn <c>AutoApplyFilters</c> off and evaluate the function
/// calls here: <c>prefix</c>/<c>starts_with</c>, <c>contains</c>, <c>list_contains</c>, <c>&amp;&amp;</c>
/// and <c>st_intersects_extent</c> (bounding boxes of WKB geometries). Python runs the same filters
/// through an embedded DuckDB; NULL results drop the row, as <c>WHERE</c> does.
/// </summary>
internal static class ExpressionFilterApplication
{
    /// <summary>
    /// The rows of <paramref name="batch"/> (every column a filter names) that pass the filters in force:
    /// init filters must all be evaluable; a dynamic (Top-N) filter that is not is skipped.
    /// </summary>
    public static bool[] Select(TableFilters filters, RecordBatch batch)
    {
        var selected = new bool[batch.Length];
        System.Array.Fill(selected, true);
        var all = filters.Filters;
        int firstDynamic = all.Count - filters.DynamicFilters.Count;
        for (int k = 0; k < all.Count; k++)
        {
            if (k < firstDynamic)
            {
                Refine(all[k], batch, selected);
                continue;
            }
            var candidate = (bool[])selected.Clone();
            try
            {
                Refine(all[k], batch, candidate);
                candidate.CopyTo(selected, 0);
            }
            catch (Exception e) when (e is NotSupportedException or InvalidOperationException)
            {
                // Dynamic filters only prune; DuckDB's Top-N above the scan still runs.
            }
        }
        return selected;
    }

    /// <summary>The indices of the selected rows.</summary>
    public static int[] Indices(bool[] selected)
    {
        var indices = new List<int>(selected.Length);
        for (int i = 0; i < selected.Length; i++)
        {
            if (selected[i]) indices.Add(i);
        }
        return [.. indices];
    }

    private static void Refine(TableFilter filter, RecordBatch batch, bool[] selected)
    {
        switch (filter)
        {
            case AndFilter and:
                foreach (var child in and.Children) Refine(child, batch, selected);
                return;
            case OrFilter or:
            {
                var union = new bool[selected.Length];
                foreach (var child in or.Children)
                {
                    var candidate = (bool[])selected.Clone();
                    Refine(child, batch, candidate);
                    for (int i = 0; i < union.Length; i++) union[i] |= candidate[i];
                }
                union.CopyTo(selected, 0);
                return;
            }
            case ExpressionFilter { CanApply: false } expression:
            {
                var column = Column(batch, expression.ColumnName);
                for (int i = 0; i < selected.Length; i++)
                {
                    if (selected[i]) selected[i] = Expressions.Evaluate(expression.Expression, column, i) is true;
                }
                return;
            }
            default:
                new TableFilters([filter]).Evaluate(batch, selected);
                return;
        }
    }

    private static IArrowArray Column(RecordBatch batch, string name)
    {
        int index = batch.Schema.GetFieldIndex(name);
        if (index < 0)
        {
            var fields = batch.Schema.FieldsList;
            for (int i = 0; i < fields.Count && index < 0; i++)
            {
                if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase)) index = i;
            }
        }
        return index >= 0 ? batch.Column(index)
            : throw new InvalidOperationException($"the filter names column '{name}', which the batch does not have");
    }
}

/// <summary>
/// Evaluates an expression filter's tree on one row of its column. Values: null (SQL NULL), bool,
/// long, ulong, double, string, byte[], and <see cref="List{T}"/> of values for lists.
/// </summary>
internal static class Expressions
{
    public static object? Evaluate(FilterExpression expression, IArrowArray column, int row) => expression switch
    {
        ColumnReferenceExpression => Value(column, row),
        ConstantExpression constant => Constant(constant.Value),
        FunctionExpression function => Call(function, column, row),
        ComparisonExpression comparison => Compare(comparison.Operator, Evaluate(comparison.Left, column, row), Evaluate(comparison.Right, column, row)),
        ConjunctionExpression conjunction => Conjunction(conjunction, column, row),
        _ => throw new NotSupportedException($"cannot evaluate the expression node {expression}"),
    };

    private static object? Conjunction(ConjunctionExpression conjunction, IArrowArray column, int row)
    {
        bool and = conjunction.Type == ConjunctionType.And;
        bool sawNull = false;
        foreach (var child in conjunction.Children)
        {
            switch (Evaluate(child, column, row))
            {
                case null: sawNull = true; break;
                case bool b when b != and: return b;
                case bool: break;
                case var other: throw new NotSupportedException($"a conjunction operand evaluated to {other}, not a boolean");
            }
        }
        return sawNull ? null : and;
    }

    private static object? Call(FunctionExpression function, IArrowArray column, int row)
    {
        var args = function.Children.Select(c => Evaluate(c, column, row)).ToArray();
        string name = function.FunctionName.ToLowerInvariant();
        if (args.Length != 2) throw new NotSupportedException($"cannot evaluate {function.FunctionName} with {args.Length} arguments");
        if (args[0] is not { } left || args[1] is not { } right) return null;
        switch (name)
        {
            case "prefix" or "starts_with":
                return Text(left, name).StartsWith(Text(right, name), StringComparison.Ordinal);
            case "contains":
                return left is List<object?> list ? ListContains(list, right) : Text(left, name).Contains(Text(right, name), StringComparison.Ordinal);
            case "list_contains" or "list_has" or "array_contains" or "array_has":
                return left is List<object?> elements ? ListContains(elements, right)
                    : throw new NotSupportedException($"{name} expects a list, got {left}");
            case "&&" or "st_intersects_extent":
                return Wkb.Extent(Bytes(left, name)) is { } a && Wkb.Extent(Bytes(right, name)) is { } b && a.Intersects(b);
            default:
                throw new NotSupportedException($"cannot evaluate the function '{function.FunctionName}' of an expression filter");
        }
    }

    /// <summary>DuckDB <c>list_contains</c>: true when an element equals the value (NULL elements never match).</summary>
    private static bool ListContains(List<object?> list, object value) =>
        list.Any(e => e is not null && CompareValues(e, value) == 0);

    private static string Text(object value, string function) =>
        value as string ?? throw new NotSupportedException($"{function} expects text, got {value}");

    private static byte[] Bytes(object value, string function) =>
        value as byte[] ?? throw new NotSupportedException($"{function} expects a WKB geometry, got {value}");

    private static object? Compare(ComparisonOperator op, object? left, object? right)
    {
        if (left is null || right is null) return null;
        int c = CompareValues(left, right);
        return op switch
        {
            ComparisonOperator.Equal => c == 0,
            ComparisonOperator.NotEqual => c != 0,
            ComparisonOperator.GreaterThan => c > 0,
            ComparisonOperator.GreaterThanOrEqual => c >= 0,
            ComparisonOperator.LessThan => c < 0,
            _ => c <= 0,
        };
    }

    /// <summary>Three-way comparison of two non-null values of comparable kinds (numbers, text, bytes, booleans).</summary>
    private static int CompareValues(object left, object right) => (left, right) switch
    {
        (string a, string b) => string.CompareOrdinal(a, b),
        (bool a, bool b) => a.CompareTo(b),
        (byte[] a, byte[] b) => a.AsSpan().SequenceCompareTo(b),
        (long a, long b) => a.CompareTo(b),
        (ulong a, ulong b) => a.CompareTo(b),
        _ when Number(left) is { } a && Number(right) is { } b => a.CompareTo(b),
        _ => throw new NotSupportedException($"cannot compare {left} with {right}"),
    };

    private static double? Number(object value) => value switch
    {
        long l => l,
        ulong u => u,
        double d => d,
        _ => null,
    };

    private static object? Constant(FilterValue value)
    {
        if (value.IsNull) return null;
        if (value.ExtensionName == "arrow.bool8") return value.AsInt64() != 0;
        return Value(value.Array, value.Index);
    }

    /// <summary>The value at <paramref name="row"/> of <paramref name="array"/>.</summary>
    public static object? Value(IArrowArray array, int row)
    {
        if (array.IsNull(row)) return null;
        switch (array)
        {
            case DictionaryArray dictionary:
                return Value(dictionary.Dictionary, DictionaryIndex(dictionary.Indices, row));
            case StringArray s: return s.GetString(row);
            case LargeStringArray s: return s.GetString(row);
            case StringViewArray s: return s.GetString(row);
            case BinaryArray b: return b.GetBytes(row).ToArray();
            case LargeBinaryArray b: return b.GetBytes(row).ToArray();
            case BooleanArray b: return b.GetValue(row);
            case Int8Array a: return (long)a.GetValue(row)!.Value;
            case Int16Array a: return (long)a.GetValue(row)!.Value;
            case Int32Array a: return (long)a.GetValue(row)!.Value;
            case Int64Array a: return a.GetValue(row)!.Value;
            case UInt8Array a: return (long)a.GetValue(row)!.Value;
            case UInt16Array a: return (long)a.GetValue(row)!.Value;
            case UInt32Array a: return (long)a.GetValue(row)!.Value;
            case UInt64Array a: return a.GetValue(row)!.Value;
            case FloatArray a: return (double)a.GetValue(row)!.Value;
            case DoubleArray a: return a.GetValue(row)!.Value;
            case ListArray list:
            {
                int start = list.ValueOffsets[row], end = list.ValueOffsets[row + 1];
                var values = new List<object?>(end - start);
                for (int i = start; i < end; i++) values.Add(Value(list.Values, i));
                return values;
            }
            case LargeListArray list:
            {
                int start = checked((int)list.ValueOffsets[row]), end = checked((int)list.ValueOffsets[row + 1]);
                var values = new List<object?>(end - start);
                for (int i = start; i < end; i++) values.Add(Value(list.Values, i));
                return values;
            }
            default:
                throw new NotSupportedException($"cannot evaluate expression filters on {array.Data.DataType.Name} values");
        }
    }

    private static int DictionaryIndex(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row)!.Value,
        Int16Array a => a.GetValue(row)!.Value,
        Int32Array a => a.GetValue(row)!.Value,
        Int64Array a => checked((int)a.GetValue(row)!.Value),
        UInt8Array a => a.GetValue(row)!.Value,
        UInt16Array a => a.GetValue(row)!.Value,
        UInt32Array a => checked((int)a.GetValue(row)!.Value),
        _ => throw new NotSupportedException($"dictionary index type {indices.Data.DataType.Name}"),
    };
}

/// <summary>Bounding boxes of WKB / EWKB geometries (2D, Z, M, ZM; points, lines, polygons, multi-geometries, collections).</summary>
internal static class Wkb
{
    public readonly record struct Box(double MinX, double MinY, double MaxX, double MaxY)
    {
        public bool Intersects(Box other) => MinX <= other.MaxX && MaxX >= other.MinX && MinY <= other.MaxY && MaxY >= other.MinY;
    }

    /// <summary>The 2D extent of <paramref name="wkb"/>, or null for an empty geometry.</summary>
    public static Box? Extent(byte[] wkb)
    {
        var box = new Accumulator();
        int offset = 0;
        Read(wkb, ref offset, ref box);
        return box.Count == 0 ? null : new Box(box.MinX, box.MinY, box.MaxX, box.MaxY);
    }

    private struct Accumulator
    {
        public int Count;
        public double MinX, MinY, MaxX, MaxY;

        public void Add(double x, double y)
        {
            if (double.IsNaN(x) || double.IsNaN(y)) return; // POINT EMPTY
            if (Count++ == 0)
            {
                MinX = MaxX = x;
                MinY = MaxY = y;
                return;
            }
            MinX = Math.Min(MinX, x);
            MaxX = Math.Max(MaxX, x);
            MinY = Math.Min(MinY, y);
            MaxY = Math.Max(MaxY, y);
        }
    }

    private static void Read(byte[] wkb, ref int offset, ref Accumulator box)
    {
        bool little = wkb[offset++] == 1;
        uint raw = UInt32(wkb, ref offset, little);
        bool hasZ = (raw & 0x80000000) != 0, hasM = (raw & 0x40000000) != 0;
        if ((raw & 0x20000000) != 0) offset += 4; // EWKB SRID
        uint code = raw & 0x0FFFFFFF;
        uint type = code % 1000;
        switch (code / 1000)
        {
            case 1: hasZ = true; break;
            case 2: hasM = true; break;
            case 3: hasZ = hasM = true; break;
        }
        int dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (type)
        {
            case 1:
                Points(wkb, ref offset, little, 1, dims, ref box);
                return;
            case 2:
                Points(wkb, ref offset, little, UInt32(wkb, ref offset, little), dims, ref box);
                return;
            case 3:
                for (uint rings = UInt32(wkb, ref offset, little); rings > 0; rings--) Points(wkb, ref offset, little, UInt32(wkb, ref offset, little), dims, ref box);
                return;
            case 4 or 5 or 6 or 7:
                for (uint parts = UInt32(wkb, ref offset, little); parts > 0; parts--) Read(wkb, ref offset, ref box);
                return;
            default:
                throw new NotSupportedException($"WKB geometry type {raw} is not supported");
        }
    }

    private static void Points(byte[] wkb, ref int offset, bool little, uint count, int dims, ref Accumulator box)
    {
        for (uint p = 0; p < count; p++)
        {
            double x = Double(wkb, offset, little), y = Double(wkb, offset + 8, little);
            offset += 8 * dims;
            box.Add(x, y);
        }
    }

    private static uint UInt32(byte[] wkb, ref int offset, bool little)
    {
        var span = wkb.AsSpan(offset, 4);
        offset += 4;
        return little ? BinaryPrimitives.ReadUInt32LittleEndian(span) : BinaryPrimitives.ReadUInt32BigEndian(span);
    }

    private static double Double(byte[] wkb, int offset, bool little)
    {
        var span = wkb.AsSpan(offset, 8);
        return little ? BinaryPrimitives.ReadDoubleLittleEndian(span) : BinaryPrimitives.ReadDoubleBigEndian(span);
    }
}
