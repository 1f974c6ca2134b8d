using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace Vgi.Functions;

/// <summary>
/// The leaf predicates over one Arrow column, with SQL semantics: each clears the selected rows
/// that fail (NULL values fail every comparison). Integers of every width, decimals, dates,
/// timestamps, times and durations compare exactly in the column's own units (the constant is
/// converted once, with its fraction and range taken into account); floats follow DuckDB's order
/// (NaN equals NaN and sorts above every number); strings and blobs compare bytewise. Dictionary
/// columns are evaluated on their dictionary once.
/// </summary>
internal static class ColumnPredicates
{
    private enum Outcome
    {
        Compare,
        None,
        AllNonNull,
    }

    public static void Compare(IArrowArray column, ComparisonOperator op, FilterConstant constant, TableFilter filter, Span<bool> selected)
    {
        if (column is DictionaryArray dictionary)
        {
            Dictionary(dictionary, filter, selected);
            return;
        }
        if (constant.Kind == ConstantKind.Null)
        {
            selected.Clear(); // x op NULL is NULL: no row qualifies
            return;
        }
        var type = column.Data.DataType;
        switch (type.TypeId)
        {
            case ArrowTypeId.Int8: CompareInteger<sbyte>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.Int16: CompareInteger<short>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.Int32: CompareInteger<int>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.Int64: CompareInteger<long>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.UInt8: CompareInteger<byte>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.UInt16: CompareInteger<ushort>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.UInt32: CompareInteger<uint>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.UInt64: CompareInteger<ulong>(column, op, constant, IntegerDomain.Number(0), filter, selected); break;
            case ArrowTypeId.Decimal128:
                CompareInteger<Int128>(column, op, constant, IntegerDomain.Number(((Decimal128Type)type).Scale), filter, selected); break;
            case ArrowTypeId.Date32:
                CompareInteger<int>(column, op, constant, new IntegerDomain(ConstantKind.Instant, 0, FilterConstant.NanosPerDay), filter, selected); break;
            case ArrowTypeId.Date64:
                CompareInteger<long>(column, op, constant, new IntegerDomain(ConstantKind.Instant, 0, 1_000_000), filter, selected); break;
            case ArrowTypeId.Timestamp:
                CompareInteger<long>(column, op, constant, new IntegerDomain(ConstantKind.Instant, 0, FilterConstant.Nanos(((TimestampType)type).Unit)), filter, selected); break;
            case ArrowTypeId.Time32:
                CompareInteger<int>(column, op, constant, new IntegerDomain(ConstantKind.Time, 0, FilterConstant.Nanos(((Time32Type)type).Unit)), filter, selected); break;
            case ArrowTypeId.Time64:
                CompareInteger<long>(column, op, constant, new IntegerDomain(ConstantKind.Time, 0, FilterConstant.Nanos(((Time64Type)type).Unit)), filter, selected); break;
            case ArrowTypeId.Duration:
                CompareInteger<long>(column, op, constant, new IntegerDomain(ConstantKind.Duration, 0, FilterConstant.Nanos(((DurationType)type).Unit)), filter, selected); break;
            case ArrowTypeId.HalfFloat: CompareFloat<Half>(column, op, constant, filter, selected); break;
            case ArrowTypeId.Float: CompareFloat<float>(column, op, constant, filter, selected); break;
            case ArrowTypeId.Double: CompareFloat<double>(column, op, constant, filter, selected); break;
            case ArrowTypeId.Boolean: CompareBoolean(column, op, constant, filter, selected); break;
            case ArrowTypeId.String or ArrowTypeId.Binary or ArrowTypeId.LargeString or ArrowTypeId.LargeBinary
                or ArrowTypeId.StringView or ArrowTypeId.BinaryView or ArrowTypeId.FixedSizedBinary:
                CompareBytes(column, op, constant, filter, selected); break;
            default:
                throw Unsupported(column, filter);
        }
    }

    public static void Nulls(IArrowArray column, bool wantNull, Span<bool> selected)
    {
        if (column is DictionaryArray dictionary)
        {
            // NULL when the index is NULL or the dictionary value is.
            var values = dictionary.Dictionary;
            for (int i = 0; i < selected.Length; i++)
            {
                if (!selected[i]) continue;
                bool isNull = dictionary.IsNull(i) || values.IsNull(DictionaryIndex(dictionary.Indices, i));
                selected[i] = isNull == wantNull;
            }
            return;
        }
        if (column.Data.GetNullCount() == 0 && column.Data.DataType.TypeId != ArrowTypeId.Null)
        {
            if (wantNull) selected.Clear();
            return;
        }
        for (int i = 0; i < selected.Length; i++)
        {
            if (selected[i]) selected[i] = column.IsNull(i) == wantNull;
        }
    }

    public static void In(IArrowArray column, InFilter filter, Span<bool> selected)
    {
        if (column is DictionaryArray dictionary)
        {
            Dictionary(dictionary, filter, selected);
            return;
        }
        filter.KeySetFor(column.Data.DataType).Refine(column, selected);
    }

    public static void StructField(IArrowArray column, StructFieldFilter filter, Span<bool> selected)
    {
        if (column is not StructArray structArray)
            throw new NotSupportedException($"cannot apply {filter}: column '{filter.ColumnName}' is {column.Data.DataType.Name}, not a struct");
        var fields = ((StructType)structArray.Data.DataType).Fields;
        int index = -1;
        for (int f = 0; f < fields.Count && index < 0; f++)
        {
            if (fields[f].Name == filter.ChildName) index = f;
        }
        if (index < 0 && filter.ChildIndex >= 0 && filter.ChildIndex < fields.Count) index = filter.ChildIndex;
        if (index < 0) throw new NotSupportedException($"cannot apply {filter}: struct column '{filter.ColumnName}' has no field '{filter.ChildName}'");

        // StructArray.Fields are sliced to the struct's offset, so row i lines up.
        using var child = new Selection(selected.Length);
        selected.CopyTo(child.Span);
        filter.ChildFilter.Refine(structArray.Fields[index], child.Span);
        bool nullMatches = filter.ChildFilter.MatchesNull;
        bool anyNull = structArray.Data.GetNullCount() > 0;
        for (int i = 0; i < selected.Length; i++)
        {
            if (selected[i]) selected[i] = anyNull && structArray.IsNull(i) ? nullMatches : child.Span[i];
        }
    }

    /// <summary>Keeps the selected rows whose value is not NULL.</summary>
    public static void KeepNonNull(IArrowArray column, Span<bool> selected) => Nulls(column, wantNull: false, selected);

    /// <summary>Evaluates <paramref name="filter"/> once per dictionary value, then maps every row through its index.</summary>
    private static void Dictionary(DictionaryArray column, TableFilter filter, Span<bool> selected)
    {
        var values = column.Dictionary;
        using var matches = new Selection(values.Length);
        matches.Span.Fill(true);
        filter.Refine(values, matches.Span);
        bool nullMatches = filter.MatchesNull;
        for (int i = 0; i < selected.Length; i++)
        {
            if (!selected[i]) continue;
            selected[i] = column.IsNull(i) ? nullMatches : matches.Span[DictionaryIndex(column.Indices, i)];
        }
    }

    internal static int DictionaryIndex(IArrowArray indices, int index) => indices switch
    {
        Int8Array a => a.GetValue(index)!.Value,
        Int16Array a => a.GetValue(index)!.Value,
        Int32Array a => a.GetValue(index)!.Value,
        Int64Array a => checked((int)a.GetValue(index)!.Value),
        UInt8Array a => a.GetValue(index)!.Value,
        UInt16Array a => a.GetValue(index)!.Value,
        UInt32Array a => checked((int)a.GetValue(index)!.Value),
        UInt64Array a => checked((int)a.GetValue(index)!.Value),
        _ => throw new NotSupportedException($"dictionary index type {indices.Data.DataType.Name}"),
    };

    private static void CompareInteger<T>(IArrowArray column, ComparisonOperator op, FilterConstant constant, IntegerDomain domain, TableFilter filter, Span<bool> selected)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        if (!constant.TryToBound(domain, out var bound)) throw Incompatible(column, constant, filter);
        switch (Normalize<T>(ref op, bound, out T value))
        {
            case Outcome.None:
                selected.Clear();
                return;
            case Outcome.AllNonNull:
                KeepNonNull(column, selected);
                return;
        }
        var data = column.Data;
        var values = Values<T>(data);
        var validity = data.Buffers[0].Span;
        bool nulls = data.GetNullCount() > 0;
        int offset = data.Offset;
        for (int i = 0; i < selected.Length; i++)
        {
            if (!selected[i]) continue;
            selected[i] = (!nulls || IsValid(validity, offset + i)) && op.Holds(values[i].CompareTo(value));
        }
    }

    /// <summary>
    /// Turns <c>x op bound</c> over integers of type <typeparamref name="T"/> into <c>x op' value</c>,
    /// or an outcome that needs no comparison: a fractional constant rounds the bound (x &gt; 2.5 ⇔
    /// x &gt;= 3; x = 2.5 never), and a constant outside T's range decides every non-NULL row.
    /// </summary>
    private static Outcome Normalize<T>(ref ComparisonOperator op, IntBound bound, out T value)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        value = default;
        int position = bound.Position;
        Int128 floor = bound.Floor;
        if (position == 0 && bound.Fraction)
        {
            switch (op)
            {
                case ComparisonOperator.Equal:
                    return Outcome.None;
                case ComparisonOperator.NotEqual:
                    return Outcome.AllNonNull;
                case ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual:
                    op = ComparisonOperator.GreaterThanOrEqual;
                    if (floor == Int128.MaxValue) position = 1;
                    else floor += 1;
                    break;
                default:
                    op = ComparisonOperator.LessThanOrEqual;
                    break;
            }
        }
        if (position == 0)
        {
            if (floor > Int128.CreateTruncating(T.MaxValue)) position = 1;
            else if (floor < Int128.CreateTruncating(T.MinValue)) position = -1;
            else
            {
                value = T.CreateTruncating(floor);
                return Outcome.Compare;
            }
        }
        bool above = position > 0;
        return op switch
        {
            ComparisonOperator.Equal => Outcome.None,
            ComparisonOperator.NotEqual => Outcome.AllNonNull,
            ComparisonOperator.GreaterThan or ComparisonOperator.GreaterThanOrEqual => above ? Outcome.None : Outcome.AllNonNull,
            _ => above ? Outcome.AllNonNull : Outcome.None,
        };
    }

    /// <summary>The constant as a value of the integer column type, when it is one exactly (for IN sets).</summary>
    internal static bool TryExact<T>(FilterConstant constant, IntegerDomain domain, out T value)
        where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        value = default;
        if (constant.Kind == ConstantKind.Null || !constant.TryToBound(domain, out var bound)) return false;
        var op = ComparisonOperator.Equal;
        return Normalize(ref op, bound, out value) == Outcome.Compare;
    }

    private static void CompareFloat<T>(IArrowArray column, ComparisonOperator op, FilterConstant constant, TableFilter filter, Span<bool> selected)
        where T : unmanaged, INumberBase<T>
    {
        if (constant.Kind is not (ConstantKind.Float or ConstantKind.Integer)) throw Incompatible(column, constant, filter);
        double value = constant.ToDouble();
        var data = column.Data;
        var values = Values<T>(data);
        var validity = data.Buffers[0].Span;
        bool nulls = data.GetNullCount() > 0;
        int offset = data.Offset;
        for (int i = 0; i < selected.Length; i++)
        {
            if (!selected[i]) continue;
            selected[i] = (!nulls || IsValid(validity, offset + i)) && op.Holds(CompareDoubles(double.CreateTruncating(values[i]), value));
        }
    }

    /// <summary>DuckDB's order of floating-point values: NaN equals NaN and is above +∞; -0 equals 0.</summary>
    internal static int CompareDoubles(double a, double b)
    {
        if (double.IsNaN(a)) return double.IsNaN(b) ? 0 : 1;
        if (double.IsNaN(b)) return -1;
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static void CompareBoolean(IArrowArray column, ComparisonOperator op, FilterConstant constant, TableFilter filter, Span<bool> selected)
    {
        int value = constant.Kind switch
        {
            ConstantKind.Boolean => constant.Boolean ? 1 : 0,
            ConstantKind.Integer when constant.Scale == 0 && constant.Beyond == 0 && (constant.Integer == 0 || constant.Integer == 1) => (int)constant.Integer,
            _ => throw Incompatible(column, constant, filter),
        };
        var data = column.Data;
        var bits = data.Buffers[1].Span;
        var validity = data.Buffers[0].Span;
        bool nulls = data.GetNullCount() > 0;
        int offset = data.Offset;
        for (int i = 0; i < selected.Length; i++)
        {
            if (!selected[i]) continue;
            int bit = IsValid(bits, offset + i) ? 1 : 0;
            selected[i] = (!nulls || IsValid(validity, offset + i)) && op.Holds(bit.CompareTo(value));
        }
    }

    private static void CompareBytes(IArrowArray column, ComparisonOperator op, FilterConstant constant, TableFilter filter, Span<bool> selected)
    {
        if (!BytesComparable(column, constant)) throw Incompatible(column, constant, filter);
        ReadOnlySpan<byte> value = constant.Bytes;
        bool nulls = column.Data.GetNullCount() > 0;
        for (int i = 0; i < selected.Length; i++)
        {
            if (!selected[i]) continue;
            if (nulls && column.IsNull(i))
            {
                selected[i] = false;
                continue;
            }
            selected[i] = op.Holds(Math.Sign(BytesAt(column, i).SequenceCompareTo(value)));
        }
    }

    /// <summary>
    /// Strings and blobs compare bytewise with each other; a fixed-size binary column (UUID,
    /// hugeint storage) only with binary constants, never with text that spells the value.
    /// </summary>
    internal static bool BytesComparable(IArrowArray column, FilterConstant constant) => constant.Kind switch
    {
        ConstantKind.Binary => true,
        ConstantKind.Utf8 => column.Data.DataType.TypeId != ArrowTypeId.FixedSizedBinary,
        _ => false,
    };

    /// <summary>Row <paramref name="index"/> of a string or binary column, without copying.</summary>
    internal static ReadOnlySpan<byte> BytesAt(IArrowArray column, int index) => column switch
    {
        BinaryArray a => a.GetBytes(index),
        LargeBinaryArray a => a.GetBytes(index),
        BinaryViewArray a => a.GetBytes(index),
        FixedSizeBinaryArray a => a.GetBytes(index),
        _ => throw new NotSupportedException($"not a string or binary column: {column.Data.DataType.Name}"),
    };

    /// <summary>The values of a fixed-width column as a span over its buffer (the array's offset applied).</summary>
    internal static ReadOnlySpan<T> Values<T>(ArrayData data) where T : unmanaged =>
        data.Length == 0 ? [] : MemoryMarshal.Cast<byte, T>(data.Buffers[1].Span).Slice(data.Offset, data.Length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsValid(ReadOnlySpan<byte> bitmap, int bit) => (bitmap[bit >> 3] & (1 << (bit & 7))) != 0;

    internal static NotSupportedException Unsupported(IArrowArray column, TableFilter filter) =>
        new($"cannot apply the filter {filter}: columns of type {column.Data.DataType.Name} are not supported by the worker's filter evaluation");

    internal static NotSupportedException Incompatible(IArrowArray column, FilterConstant constant, TableFilter filter) =>
        new($"cannot apply the filter {filter}: column '{filter.ColumnName}' is {column.Data.DataType.Name} but the constant is {constant.Describe()}");
}
