using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Vgi.Codecs;
using Vgi.Workers;

namespace Vgi.Functions;

/// <summary>
/// Row-by-row evaluation of the expression filters a function can advertise in
/// <c>supported_expression_filters</c>: <c>prefix</c>/<c>starts_with</c>, <c>contains</c>,
/// <c>list_contains</c>, and the bounding-box tests <c>&amp;&amp;</c>/<c>st_intersects_extent</c> on
/// WKB geometries, combined with comparisons and AND/OR. SQL semantics: a NULL operand makes the
/// predicate NULL, which keeps no row.
/// </summary>
internal static class ExpressionEvaluator
{
    /// <summary>A predicate over row <c>i</c> of the filtered column; null = SQL NULL.</summary>
    public delegate bool? RowPredicate(IArrowArray column, int row);

    private delegate object? RowValue(IArrowArray column, int row);

    /// <summary>The predicate of <paramref name="expression"/>, or null with the reason it cannot be evaluated.</summary>
    public static RowPredicate? TryCompile(FilterExpression expression, out string? reason)
    {
        reason = null;
        var value = Compile(expression, ref reason);
        if (value is null) return null;
        return (column, row) => value(column, row) switch
        {
            null => null,
            bool b => b,
            var other => throw new NotSupportedException($"the expression filter {expression} yields {other.GetType().Name}, not a boolean"),
        };
    }

    private static RowValue? Compile(FilterExpression expression, ref string? reason)
    {
        switch (expression)
        {
            case ColumnReferenceExpression:
                return ReadValue;
            case ConstantExpression constant:
            {
                object? value = ConstantValue(constant.Value);
                return (_, _) => value;
            }
            case ComparisonExpression comparison:
            {
                var left = Compile(comparison.Left, ref reason);
                var right = Compile(comparison.Right, ref reason);
                if (left is null || right is null) return null;
                var op = comparison.Operator;
                return (c, r) => left(c, r) is { } a && right(c, r) is { } b ? op.Holds(CompareValues(a, b)) : null;
            }
            case ConjunctionExpression conjunction:
            {
                var children = new List<RowValue>();
                foreach (var child in conjunction.Children)
                {
                    if (Compile(child, ref reason) is not { } compiled) return null;
                    children.Add(compiled);
                }
                bool and = conjunction.Type == ConjunctionType.And;
                return (c, r) =>
                {
                    bool sawNull = false;
                    foreach (var child in children)
                    {
                        switch (child(c, r))
                        {
                            case null: sawNull = true; break;
                            case bool b when b != and: return b; // false decides an AND, true an OR
                        }
                    }
                    return sawNull ? null : and;
                };
            }
            case FunctionExpression function:
                return CompileFunction(function, ref reason);
            default:
                reason = $"its node {expression} cannot be evaluated";
                return null;
        }
    }

    private static RowValue? CompileFunction(FunctionExpression function, ref string? reason)
    {
        var args = new List<RowValue>();
        foreach (var child in function.Children)
        {
            if (Compile(child, ref reason) is not { } compiled) return null;
            args.Add(compiled);
        }
        Func<object, object, bool>? test = function.FunctionName.ToLowerInvariant() switch
        {
            "prefix" or "starts_with" => (a, b) => Text(a).StartsWith(Text(b), StringComparison.Ordinal),
            "suffix" or "ends_with" => (a, b) => Text(a).EndsWith(Text(b), StringComparison.Ordinal),
            "contains" => (a, b) => a is IReadOnlyList<object?> list ? ListContains(list, b) : Text(a).Contains(Text(b), StringComparison.Ordinal),
            "list_contains" or "list_has" or "array_contains" or "array_has" => (a, b) => ListContains(a as IReadOnlyList<object?> ?? [], b),
            "&&" or "st_intersects_extent" => (a, b) => WkbEnvelope.Intersects(Bytes(a), Bytes(b)),
            _ => null,
        };
        if (test is null || args.Count != 2)
        {
            reason = $"it calls the function '{function.FunctionName}' with {args.Count} arguments, which this runtime cannot evaluate";
            return null;
        }
        var (left, right) = (args[0], args[1]);
        return (c, r) => left(c, r) is { } a && right(c, r) is { } b ? test(a, b) : null;
    }

    // NotSupportedException: a dynamic filter that cannot be evaluated is skipped, not fatal (TableFilters.Evaluate).
    private static string Text(object value) => value as string ?? throw new NotSupportedException($"expected a string operand, got {value.GetType().Name}");

    private static byte[] Bytes(object value) => value as byte[] ?? throw new NotSupportedException($"expected a binary (WKB) operand, got {value.GetType().Name}");

    private static bool ListContains(IReadOnlyList<object?> list, object value)
    {
        foreach (var element in list)
        {
            if (element is not null && CompareValues(element, value) == 0) return true;
        }
        return false;
    }

    /// <summary>Numbers numerically, strings by code point, bytes lexicographically, booleans false &lt; true.</summary>
    private static int CompareValues(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (string x, string y) => string.CompareOrdinal(x, y),
        (byte[] x, byte[] y) => x.AsSpan().SequenceCompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (decimal x, decimal y) => x.CompareTo(y),
        (long or double or decimal or ulong, long or double or decimal or ulong) => ColumnPredicates.CompareDoubles(Convert.ToDouble(a, System.Globalization.CultureInfo.InvariantCulture), Convert.ToDouble(b, System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"cannot compare {a.GetType().Name} with {b.GetType().Name}"),
    };

    /// <summary>The constant in the evaluator's value model; extension types read as what they mean (<c>arrow.bool8</c> is a boolean).</summary>
    private static object? ConstantValue(FilterValue value)
    {
        if (value.IsNull) return null;
        return value.Constant.Kind == ConstantKind.Boolean ? value.AsBoolean() : ReadValue(value.Array, value.Index);
    }

    /// <summary>A cell as a comparable value: long, ulong, double, decimal, bool, string, byte[], or a list of those.</summary>
    private static object? ReadValue(IArrowArray column, int row)
    {
        if (column.IsNull(row)) return null;
        switch (column)
        {
            case DictionaryArray dictionary:
                return ReadValue(dictionary.Dictionary, ColumnPredicates.DictionaryIndex(dictionary.Indices, row));
            case StringArray or LargeStringArray or StringViewArray:
                return ArrowRead.String(column, row);
            case BinaryArray binary:
                return binary.GetBytes(row).ToArray();
            case LargeBinaryArray large:
                return large.GetBytes(row).ToArray();
            case Decimal128Array decimals: // a fixed-size binary array too
                return decimals.GetValue(row);
            case FixedSizeBinaryArray fixedBinary:
                return fixedBinary.GetBytes(row).ToArray();
            case BooleanArray boolean:
                return boolean.GetValue(row);
            case UInt64Array unsigned:
                return unsigned.GetValue(row);
            case FloatArray f:
                return (double)f.GetValue(row)!.Value;
            case DoubleArray d:
                return d.GetValue(row);
            case ListArray list:
                return ListValues(list.GetSlicedValues(row));
            case LargeListArray largeList:
                return ListValues(largeList.GetSlicedValues(row));
            case FixedSizeListArray fixedList:
                return ListValues(fixedList.GetSlicedValues(row));
            case Int8Array or Int16Array or Int32Array or Int64Array or UInt8Array or UInt16Array or UInt32Array or Date32Array or TimestampArray:
                return ArrowRead.Int64(column, row);
            default:
                return ArrowValueText.Format(column, row);
        }
    }

    private static List<object?> ListValues(IArrowArray values)
    {
        var list = new List<object?>(values.Length);
        for (int i = 0; i < values.Length; i++) list.Add(ReadValue(values, i));
        return list;
    }
}

/// <summary>The bounding box of a WKB (ISO or EWKB, 2D/Z/M/ZM) geometry, for the extent-intersection filters.</summary>
internal static class WkbEnvelope
{
    public static bool Intersects(byte[] a, byte[] b)
    {
        if (!TryRead(a, out var ea) || !TryRead(b, out var eb)) return false;
        return ea.MinX <= eb.MaxX && eb.MinX <= ea.MaxX && ea.MinY <= eb.MaxY && eb.MinY <= ea.MaxY;
    }

    public static bool TryRead(byte[] wkb, out (double MinX, double MinY, double MaxX, double MaxY) envelope)
    {
        var box = (MinX: double.PositiveInfinity, MinY: double.PositiveInfinity, MaxX: double.NegativeInfinity, MaxY: double.NegativeInfinity);
        int offset = 0;
        bool ok = Walk(wkb, ref offset, ref box, depth: 0);
        envelope = box;
        return ok && box.MinX <= box.MaxX;
    }

    private static bool Walk(ReadOnlySpan<byte> wkb, ref int offset, ref (double MinX, double MinY, double MaxX, double MaxY) box, int depth)
    {
        if (depth > 32 || offset + 5 > wkb.Length) return false;
        bool little = wkb[offset] == 1;
        uint code = little ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[(offset + 1)..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[(offset + 1)..]);
        offset += 5;
        bool hasZ = (code & 0x80000000) != 0, hasM = (code & 0x40000000) != 0;
        if ((code & 0x20000000) != 0) offset += 4; // EWKB SRID
        code &= 0x0FFFFFFF;
        uint iso = code / 1000;
        hasZ |= iso is 1 or 3;
        hasM |= iso is 2 or 3;
        uint type = code % 1000;
        int dims = 2 + (hasZ ? 1 : 0) + (hasM ? 1 : 0);
        switch (type)
        {
            case 1:
                return Points(wkb, ref offset, ref box, 1, dims, little);
            case 2:
                return ReadCount(wkb, ref offset, little, out int n) && Points(wkb, ref offset, ref box, n, dims, little);
            case 3:
                if (!ReadCount(wkb, ref offset, little, out int rings)) return false;
                for (int r = 0; r < rings; r++)
                {
                    if (!ReadCount(wkb, ref offset, little, out int points) || !Points(wkb, ref offset, ref box, points, dims, little)) return false;
                }
                return true;
            case 4 or 5 or 6 or 7:
                if (!ReadCount(wkb, ref offset, little, out int parts)) return false;
                for (int p = 0; p < parts; p++)
                {
                    if (!Walk(wkb, ref offset, ref box, depth + 1)) return false;
                }
                return true;
            default:
                return false;
        }
    }

    private static bool ReadCount(ReadOnlySpan<byte> wkb, ref int offset, bool little, out int count)
    {
        count = 0;
        if (offset + 4 > wkb.Length) return false;
        uint n = little ? BinaryPrimitives.ReadUInt32LittleEndian(wkb[offset..]) : BinaryPrimitives.ReadUInt32BigEndian(wkb[offset..]);
        offset += 4;
        if (n > int.MaxValue) return false;
        count = (int)n;
        return true;
    }

    private static bool Points(ReadOnlySpan<byte> wkb, ref int offset, ref (double MinX, double MinY, double MaxX, double MaxY) box, int count, int dims, bool little)
    {
        if ((long)count * dims * 8 > wkb.Length - offset) return false;
        for (int i = 0; i < count; i++)
        {
            double x = Read(wkb, offset, little), y = Read(wkb, offset + 8, little);
            offset += dims * 8;
            if (double.IsNaN(x) || double.IsNaN(y)) continue; // POINT EMPTY
            box = (Math.Min(box.MinX, x), Math.Min(box.MinY, y), Math.Max(box.MaxX, x), Math.Max(box.MaxY, y));
        }
        return true;
    }

    private static double Read(ReadOnlySpan<byte> wkb, int offset, bool little) =>
        little ? BinaryPrimitives.ReadDoubleLittleEndian(wkb[offset..]) : BinaryPrimitives.ReadDoubleBigEndian(wkb[offset..]);
}
