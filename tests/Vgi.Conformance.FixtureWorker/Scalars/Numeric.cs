using System.Buffers.Binary;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// pyarrow's numeric rules as the arithmetic fixtures see them (fixtures.md §6.1): the common type
/// of <c>add</c>/<c>multiply</c> (Arrow <c>CommonNumeric</c>, decimal promotion), the fixtures'
/// output promotion, unchecked arithmetic that wraps in the common type (float32 stays single
/// precision), and pyarrow's <b>safe</b> casts, which raise instead of wrapping or truncating.
/// </summary>
internal static class Numeric
{
    public static bool IsInteger(IArrowType t) => t.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
        or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64;

    public static bool IsSigned(IArrowType t) => t.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64;

    public static bool IsFloat(IArrowType t) => t.TypeId is ArrowTypeId.Float or ArrowTypeId.Double;

    public static bool IsDecimal(IArrowType t) => t is Decimal128Type;

    /// <summary>pyarrow <c>is_temporal</c>: dates, times, timestamps, durations and intervals.</summary>
    public static bool IsTemporal(IArrowType t) => t.TypeId is ArrowTypeId.Timestamp or ArrowTypeId.Date32 or ArrowTypeId.Date64
        or ArrowTypeId.Time32 or ArrowTypeId.Time64 or ArrowTypeId.Duration or ArrowTypeId.Interval;

    /// <summary>integer, float or decimal (the bound of <c>double</c>).</summary>
    public static bool IsMultipliable(IArrowType t) => IsInteger(t) || IsFloat(t) || IsDecimal(t);

    /// <summary>integer, float, decimal or temporal (the bound of <c>add_values</c> and <c>sum_values</c>).</summary>
    public static bool IsAddable(IArrowType t) => IsMultipliable(t) || IsTemporal(t);

    public static int Width(IArrowType t) => ((FixedWidthType)t).BitWidth;

    public static IArrowType Integer(int width, bool signed) => (width, signed) switch
    {
        (8, true) => Int8Type.Default,
        (16, true) => Int16Type.Default,
        (32, true) => Int32Type.Default,
        (64, true) => Int64Type.Default,
        (8, false) => UInt8Type.Default,
        (16, false) => UInt16Type.Default,
        (32, false) => UInt32Type.Default,
        (64, false) => UInt64Type.Default,
        _ => throw new ArgumentOutOfRangeException(nameof(width), width, "integer width"),
    };

    /// <summary>
    /// The type Arrow computes <c>a + b</c> (or <c>a × b</c>) in: any float64 ⇒ float64, any float32 ⇒
    /// float32; a decimal with integers as decimal(3/5/10/19|20, 0); otherwise the integer rule.
    /// </summary>
    /// <exception cref="RpcException">ArrowInvalid: a decimal result needs more than 38 digits.</exception>
    public static IArrowType Common(IArrowType a, IArrowType b)
    {
        if (a is DoubleType || b is DoubleType) return DoubleType.Default;
        if (a is FloatType || b is FloatType) return FloatType.Default;
        if (a is Decimal128Type || b is Decimal128Type)
        {
            var (p1, s1) = AsDecimal(a);
            var (p2, s2) = AsDecimal(b);
            int scale = Math.Max(s1, s2);
            int precision = Math.Max(p1 - s1, p2 - s2) + scale + 1;
            if (precision > 38) throw ScalarSupport.ArrowInvalid($"Decimal precision out of range [1, 38]: {precision}");
            return new Decimal128Type(precision, scale);
        }
        int signedWidth = 0, unsignedWidth = 0;
        foreach (var t in (IArrowType[])[a, b])
        {
            if (IsSigned(t)) signedWidth = Math.Max(signedWidth, Width(t));
            else unsignedWidth = Math.Max(unsignedWidth, Width(t));
        }
        if (signedWidth == 0) return Integer(unsignedWidth, signed: false);
        if (signedWidth <= unsignedWidth) signedWidth = Math.Min(unsignedWidth * 2, 64);
        return Integer(signedWidth, signed: true);
    }

    /// <summary>An operand of a decimal operation as decimal(p, s): integers are decimal(3/5/10/19, 0), unsigned 64-bit decimal(20, 0).</summary>
    private static (int Precision, int Scale) AsDecimal(IArrowType t) => t switch
    {
        Decimal128Type d => (d.Precision, d.Scale),
        Int8Type or UInt8Type => (3, 0),
        Int16Type or UInt16Type => (5, 0),
        Int32Type or UInt32Type => (10, 0),
        Int64Type => (19, 0),
        UInt64Type => (20, 0),
        _ => throw new ArgumentException($"{t.Name} is not a decimal operand", nameof(t)),
    };

    /// <summary>The fixtures' declared output: one integer size up (64 stays 64), float64, decimal one digit wider (at most 38), temporal unchanged.</summary>
    public static IArrowType Promote(IArrowType t) => t switch
    {
        _ when IsInteger(t) => Integer(Math.Min(Width(t) * 2, 64), IsSigned(t)),
        FloatType or DoubleType => DoubleType.Default,
        Decimal128Type d => new Decimal128Type(Math.Min(d.Precision + 1, 38), d.Scale),
        _ => t,
    };

    /// <summary>
    /// The type of <c>a + b</c> when a temporal operand is involved (Arrow adds durations of one unit,
    /// and a duration to a timestamp of the same unit); null when Arrow has no such kernel.
    /// </summary>
    public static IArrowType? TemporalSum(IArrowType a, IArrowType b)
    {
        if (a is DurationType da && b is DurationType db && da.Unit == db.Unit) return a;
        if (a is TimestampType ta && b is DurationType dd && ta.Unit == dd.Unit) return a;
        if (a is DurationType de && b is TimestampType tb && tb.Unit == de.Unit) return b;
        return null;
    }

    /// <summary>The result type of <c>a + b</c> (an <c>add</c> kernel Arrow lacks fails when it runs).</summary>
    public static IArrowType? SumType(IArrowType a, IArrowType b) =>
        IsTemporal(a) || IsTemporal(b) ? TemporalSum(a, b) : Common(a, b);

    /// <summary><c>ArrowNotImplementedError</c>, pyarrow's error for an operation it has no kernel for.</summary>
    public static RpcException NoAddKernel(IArrowType a, IArrowType b) =>
        new("ArrowNotImplementedError", $"Function 'add' has no kernel matching input types ({PyText.ArrowTypeName(a)}, {PyText.ArrowTypeName(b)})");

    /// <summary><c>a + b</c> in Arrow's type for the pair, unchecked (integers wrap, float32 rounds in single precision).</summary>
    public static NumColumn Add(NumColumn a, NumColumn b)
    {
        var type = SumType(a.Type, b.Type) ?? throw NoAddKernel(a.Type, b.Type);
        if (IsTemporal(type)) return AddSame(a.Retype(type), b.Retype(type));
        return AddSame(Cast(a, type), Cast(b, type));
    }

    /// <summary><c>v × int64(2)</c> computed in common(type, int64), unchecked.</summary>
    public static NumColumn Double(NumColumn v)
    {
        var type = Common(v.Type, Int64Type.Default);
        var x = Cast(v, type);
        var r = new NumColumn(type, x.Length);
        System.Array.Copy(x.Nulls, r.Nulls, x.Length);
        for (int i = 0; i < x.Length; i++)
        {
            if (x.Nulls[i]) continue;
            switch (r.Kind)
            {
                case NumKind.Signed: r.I[i] = Wrap(unchecked(x.I[i] * 2), Width(type)); break;
                case NumKind.Unsigned: r.U[i] = WrapUnsigned(unchecked(x.U[i] * 2), Width(type)); break;
                case NumKind.Float32: r.F[i] = x.F[i] * 2f; break;
                case NumKind.Float64: r.D[i] = x.D[i] * 2d; break;
                default: throw new InvalidOperationException($"cannot multiply {type.Name}");
            }
        }
        return r;
    }

    private static NumColumn AddSame(NumColumn a, NumColumn b)
    {
        var type = a.Type;
        var r = new NumColumn(type, a.Length);
        for (int i = 0; i < a.Length; i++)
        {
            if (a.Nulls[i] || b.Nulls[i])
            {
                r.Nulls[i] = true;
                continue;
            }
            switch (r.Kind)
            {
                case NumKind.Signed: r.I[i] = IsInteger(type) ? Wrap(unchecked(a.I[i] + b.I[i]), Width(type)) : unchecked(a.I[i] + b.I[i]); break;
                case NumKind.Unsigned: r.U[i] = WrapUnsigned(unchecked(a.U[i] + b.U[i]), Width(type)); break;
                case NumKind.Float32: r.F[i] = a.F[i] + b.F[i]; break;
                case NumKind.Float64: r.D[i] = a.D[i] + b.D[i]; break;
                case NumKind.Decimal: r.M[i] = unchecked(a.M[i] + b.M[i]); break;
            }
        }
        return r;
    }

    private static long Wrap(long v, int width) => width switch
    {
        8 => (sbyte)v,
        16 => (short)v,
        32 => (int)v,
        _ => v,
    };

    private static ulong WrapUnsigned(ulong v, int width) => width == 64 ? v : v & ((1UL << width) - 1);

    /// <summary>
    /// pyarrow's safe cast: integers must fit the target range (and, into a float, its exact-integer
    /// range), floats must convert to integers without truncation, decimals must rescale without loss
    /// and fit the target precision. Failures raise <c>ArrowInvalid</c> with pyarrow's text.
    /// </summary>
    public static NumColumn Cast(NumColumn c, IArrowType target)
    {
        if (BatchCoercion.TypesEqual(c.Type, target)) return c;
        if (IsTemporal(c.Type) || IsTemporal(target))
            throw new RpcException("ArrowNotImplementedError", $"Unsupported cast from {PyText.ArrowTypeName(c.Type)} to {PyText.ArrowTypeName(target)}");
        var r = new NumColumn(target, c.Length);
        for (int i = 0; i < c.Length; i++)
        {
            if (c.Nulls[i])
            {
                r.Nulls[i] = true;
                continue;
            }
            switch (c.Kind)
            {
                case NumKind.Signed: FromInteger(c.I[i], c.Type, r, i); break;
                case NumKind.Unsigned: FromInteger(c.U[i], c.Type, r, i); break;
                case NumKind.Float32: FromFloat(c.F[i], r, i); break;
                case NumKind.Float64: FromFloat(c.D[i], r, i); break;
                case NumKind.Decimal: FromDecimal(c.M[i], ((Decimal128Type)c.Type).Scale, r, i); break;
            }
        }
        return r;
    }

    private static void FromInteger(Int128 v, IArrowType source, NumColumn r, int i)
    {
        var target = r.Type;
        switch (r.Kind)
        {
            case NumKind.Signed or NumKind.Unsigned:
                StoreInteger(v, r, i);
                break;
            case NumKind.Float32 or NumKind.Float64:
            {
                // Arrow refuses an integer the float cannot hold exactly (2^24 for float32, 2^53 for float64).
                int digits = r.Kind == NumKind.Float32 ? 24 : 53;
                if (Width(source) > digits)
                {
                    Int128 max = Int128.One << digits;
                    Int128 min = IsSigned(source) ? -max : Int128.Zero;
                    if (v < min || v > max) throw ScalarSupport.ArrowInvalid($"Integer value {v} not in range: {min} to {max}");
                }
                if (r.Kind == NumKind.Float32) r.F[i] = (float)v;
                else r.D[i] = (double)v;
                break;
            }
            case NumKind.Decimal:
            {
                var d = (Decimal128Type)target;
                Int128 scaled = v * Pow10(d.Scale);
                if (!FitsPrecision(scaled, d.Precision)) throw ScalarSupport.ArrowInvalid($"Decimal value does not fit in precision {d.Precision}");
                r.M[i] = scaled;
                break;
            }
        }
    }

    private static void FromFloat(double v, NumColumn r, int i)
    {
        var target = r.Type;
        switch (r.Kind)
        {
            case NumKind.Float64: r.D[i] = v; break;
            case NumKind.Float32: r.F[i] = (float)v; break;
            case NumKind.Signed or NumKind.Unsigned:
            {
                bool exact = !double.IsNaN(v) && !double.IsInfinity(v) && Math.Truncate(v) == v
                    && v >= (double)Min(target) && v <= (double)Max(target) && (Int128)v >= Min(target) && (Int128)v <= Max(target);
                if (!exact) throw ScalarSupport.ArrowInvalid($"Float value {PyText.Float(v)} was truncated converting to {PyText.ArrowTypeName(target)}");
                StoreInteger((Int128)v, r, i);
                break;
            }
            case NumKind.Decimal:
            {
                var d = (Decimal128Type)target;
                double scaled = Math.Round(v * Math.Pow(10, d.Scale), MidpointRounding.ToEven);
                if (double.IsNaN(scaled) || double.IsInfinity(scaled) || Math.Abs(scaled) >= 1e38 || !FitsPrecision((Int128)scaled, d.Precision))
                    throw ScalarSupport.ArrowInvalid($"Cannot convert {PyText.Float(v)} to Decimal128({d.Precision}, {d.Scale})");
                r.M[i] = (Int128)scaled;
                break;
            }
        }
    }

    private static void FromDecimal(Int128 m, int scale, NumColumn r, int i)
    {
        switch (r.Kind)
        {
            case NumKind.Float64: r.D[i] = DecimalToDouble(m, scale); break;
            case NumKind.Float32: r.F[i] = (float)DecimalToDouble(m, scale); break;
            case NumKind.Signed or NumKind.Unsigned:
                StoreInteger(Rescale(m, scale, 0), r, i);
                break;
            case NumKind.Decimal:
            {
                var d = (Decimal128Type)r.Type;
                Int128 rescaled = Rescale(m, scale, d.Scale);
                if (!FitsPrecision(rescaled, d.Precision)) throw ScalarSupport.ArrowInvalid($"Decimal value does not fit in precision {d.Precision}");
                r.M[i] = rescaled;
                break;
            }
        }
    }

    private static Int128 Rescale(Int128 m, int from, int to)
    {
        if (to == from) return m;
        if (to > from)
        {
            try
            {
                return checked(m * Pow10(to - from));
            }
            catch (OverflowException)
            {
                throw ScalarSupport.ArrowInvalid("Rescaling Decimal value would cause data loss");
            }
        }
        Int128 divisor = Pow10(from - to);
        if (m % divisor != 0) throw ScalarSupport.ArrowInvalid("Rescaling Decimal value would cause data loss");
        return m / divisor;
    }

    private static void StoreInteger(Int128 v, NumColumn r, int i)
    {
        Int128 min = Min(r.Type), max = Max(r.Type);
        if (v < min || v > max) throw ScalarSupport.ArrowInvalid($"Integer value {v} not in range: {min} to {max}");
        if (r.Kind == NumKind.Signed) r.I[i] = (long)v;
        else r.U[i] = (ulong)v;
    }

    private static Int128 Min(IArrowType t) => IsSigned(t) ? -(Int128.One << (Width(t) - 1)) : Int128.Zero;

    private static Int128 Max(IArrowType t) => IsSigned(t) ? (Int128.One << (Width(t) - 1)) - 1 : (Int128.One << Width(t)) - 1;

    public static Int128 Pow10(int n)
    {
        Int128 r = 1;
        for (int k = 0; k < n; k++) r *= 10;
        return r;
    }

    public static bool FitsPrecision(Int128 m, int precision) => Int128.Abs(m) < Pow10(precision);

    /// <summary>A decimal as the nearest double (Arrow <c>Decimal128::ToDouble</c>).</summary>
    public static double DecimalToDouble(Int128 m, int scale) =>
        scale <= 22 ? (double)m / Math.Pow(10, scale) : (double)m * Math.Pow(10, -scale);
}

/// <summary>How <see cref="NumColumn"/> holds the values of a type.</summary>
internal enum NumKind
{
    /// <summary>Signed integers and temporal values (their integer storage) as <see cref="long"/>.</summary>
    Signed,
    Unsigned,
    Float32,
    Float64,

    /// <summary>decimal128 as its unscaled <see cref="Int128"/>.</summary>
    Decimal,
}

/// <summary>One numeric column held as plain .NET values with null flags, for the §6.1 arithmetic.</summary>
internal sealed class NumColumn
{
    public NumColumn(IArrowType type, int length)
    {
        Type = type;
        Length = length;
        Nulls = new bool[length];
        Kind = KindOf(type);
        switch (Kind)
        {
            case NumKind.Signed: I = new long[length]; break;
            case NumKind.Unsigned: U = new ulong[length]; break;
            case NumKind.Float32: F = new float[length]; break;
            case NumKind.Float64: D = new double[length]; break;
            case NumKind.Decimal: M = new Int128[length]; break;
        }
    }

    public IArrowType Type { get; }

    public NumKind Kind { get; }

    public int Length { get; }

    public bool[] Nulls { get; }

    public long[] I { get; private set; } = [];

    public ulong[] U { get; } = [];

    public float[] F { get; } = [];

    public double[] D { get; } = [];

    public Int128[] M { get; } = [];

    private static NumKind KindOf(IArrowType type)
    {
        if (Numeric.IsInteger(type)) return Numeric.IsSigned(type) ? NumKind.Signed : NumKind.Unsigned;
        return type switch
        {
            FloatType => NumKind.Float32,
            DoubleType => NumKind.Float64,
            Decimal128Type => NumKind.Decimal,
            FixedWidthType f when Numeric.IsTemporal(type) && f.BitWidth is 32 or 64 => NumKind.Signed,
            _ => throw new RpcException("ArrowNotImplementedError", $"Arithmetic on {PyText.ArrowTypeName(type)} is not supported"),
        };
    }

    /// <summary>The same values under another type of the same storage (a temporal operand of a temporal sum).</summary>
    public NumColumn Retype(IArrowType type)
    {
        if (BatchCoercion.TypesEqual(type, Type)) return this;
        var r = new NumColumn(type, Length);
        System.Array.Copy(Nulls, r.Nulls, Length);
        r.I = I;
        return r;
    }

    /// <summary>Reads an integer, float, decimal128 or 32/64-bit temporal column.</summary>
    public static NumColumn Read(IArrowArray array)
    {
        var type = array.Data.DataType;
        var c = new NumColumn(type, array.Length);
        for (int i = 0; i < c.Length; i++) c.Nulls[i] = array.IsNull(i);
        var data = array.Data;
        int offset = data.Offset;
        var bytes = data.Buffers[1].Span;
        for (int i = 0; i < c.Length; i++)
        {
            if (c.Nulls[i]) continue;
            int at = offset + i;
            switch (c.Kind)
            {
                case NumKind.Signed:
                    c.I[i] = Numeric.Width(type) switch
                    {
                        8 => (sbyte)bytes[at],
                        16 => BinaryPrimitives.ReadInt16LittleEndian(bytes[(at * 2)..]),
                        32 => BinaryPrimitives.ReadInt32LittleEndian(bytes[(at * 4)..]),
                        _ => BinaryPrimitives.ReadInt64LittleEndian(bytes[(at * 8)..]),
                    };
                    break;
                case NumKind.Unsigned:
                    c.U[i] = Numeric.Width(type) switch
                    {
                        8 => bytes[at],
                        16 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(at * 2)..]),
                        32 => BinaryPrimitives.ReadUInt32LittleEndian(bytes[(at * 4)..]),
                        _ => BinaryPrimitives.ReadUInt64LittleEndian(bytes[(at * 8)..]),
                    };
                    break;
                case NumKind.Float32: c.F[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(at * 4)..]); break;
                case NumKind.Float64: c.D[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes[(at * 8)..]); break;
                case NumKind.Decimal: c.M[i] = BinaryPrimitives.ReadInt128LittleEndian(bytes[(at * 16)..]); break;
            }
        }
        return c;
    }

    /// <summary>The column as an Arrow array of <see cref="Type"/>.</summary>
    public IArrowArray ToArrow()
    {
        int width = Kind == NumKind.Decimal ? 128 : Numeric.Width(Type);
        int size = width / 8;
        var values = new byte[Length * size];
        var span = values.AsSpan();
        for (int i = 0; i < Length; i++)
        {
            if (Nulls[i]) continue;
            var slot = span.Slice(i * size, size);
            switch (Kind)
            {
                case NumKind.Signed:
                    if (size == 1) slot[0] = (byte)(sbyte)I[i];
                    else if (size == 2) BinaryPrimitives.WriteInt16LittleEndian(slot, (short)I[i]);
                    else if (size == 4) BinaryPrimitives.WriteInt32LittleEndian(slot, (int)I[i]);
                    else BinaryPrimitives.WriteInt64LittleEndian(slot, I[i]);
                    break;
                case NumKind.Unsigned:
                    if (size == 1) slot[0] = (byte)U[i];
                    else if (size == 2) BinaryPrimitives.WriteUInt16LittleEndian(slot, (ushort)U[i]);
                    else if (size == 4) BinaryPrimitives.WriteUInt32LittleEndian(slot, (uint)U[i]);
                    else BinaryPrimitives.WriteUInt64LittleEndian(slot, U[i]);
                    break;
                case NumKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(slot, F[i]); break;
                case NumKind.Float64: BinaryPrimitives.WriteDoubleLittleEndian(slot, D[i]); break;
                case NumKind.Decimal: BinaryPrimitives.WriteInt128LittleEndian(slot, M[i]); break;
            }
        }
        var validity = ScalarSupport.Validity(Nulls, out int nullCount);
        return ArrowArrayFactory.BuildArray(new ArrayData(Type, Length, nullCount, 0, [validity, new ArrowBuffer(values)]));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Type.Name}[{Length}]");
}
