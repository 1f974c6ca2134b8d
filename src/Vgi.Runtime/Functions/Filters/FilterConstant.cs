using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;

namespace Vgi.Functions;

/// <summary>How a filter constant compares: the families whose members compare with each other.</summary>
internal enum ConstantKind
{
    Null,
    /// <summary>Integers and decimals: <see cref="FilterConstant.Integer"/> × 10^-<see cref="FilterConstant.Scale"/>.</summary>
    Integer,
    Float,
    Boolean,
    Utf8,
    Binary,
    /// <summary>Dates and timestamps: a count of <see cref="FilterConstant.NanosPerUnit"/> since the epoch.</summary>
    Instant,
    Time,
    Duration,
    Unsupported,
}

/// <summary>The integer domain of a column: integers/decimals (with a scale) or a temporal unit.</summary>
internal readonly record struct IntegerDomain(ConstantKind Kind, int Scale, long NanosPerUnit)
{
    public static IntegerDomain Number(int scale) => new(ConstantKind.Integer, scale, 0);
}

/// <summary>
/// A constant expressed in a column's integer units: <see cref="Floor"/> (+ a fraction when
/// <see cref="Fraction"/>), or beyond every value when <see cref="Position"/> is -1 (below) or +1 (above).
/// </summary>
internal readonly record struct IntBound(int Position, Int128 Floor, bool Fraction);

/// <summary>
/// A filter constant decoded once into a comparable form, so comparisons across widths, scales and
/// units are exact: a BIGINT column against an int32 constant, a DECIMAL(18,2) column against
/// 2.125, a timestamp[us] column against a date.
/// </summary>
internal sealed class FilterConstant
{
    public const long NanosPerDay = 86_400_000_000_000;

    private static readonly Int128[] Pow10 = BuildPow10();

    private FilterConstant(ConstantKind kind) => Kind = kind;

    public ConstantKind Kind { get; private init; }

    /// <summary>Integer/decimal unscaled value, or the temporal count.</summary>
    public Int128 Integer { get; private init; }

    /// <summary>+1 when the value is above every Int128 (a uhugeint beyond 2^127).</summary>
    public int Beyond { get; private init; }

    public int Scale { get; private init; }

    public long NanosPerUnit { get; private init; }

    public double Float { get; private init; }

    public bool Boolean { get; private init; }

    public byte[]? Bytes { get; private init; }

    /// <summary>What the value is when <see cref="Kind"/> is <see cref="ConstantKind.Unsupported"/>.</summary>
    public string TypeText { get; private init; } = "";

    public static FilterConstant From(FilterValue value)
    {
        if (value.IsNull) return new FilterConstant(ConstantKind.Null);
        var array = value.Array;
        int i = value.Index;
        string? ext = value.ExtensionName;
        return array switch
        {
            Int8Array a when ext == "arrow.bool8" => new(ConstantKind.Boolean) { Boolean = a.GetValue(i) != 0 },
            Int8Array a => Int(a.GetValue(i)!.Value),
            Int16Array a => Int(a.GetValue(i)!.Value),
            Int32Array a => Int(a.GetValue(i)!.Value),
            Int64Array a => Int(a.GetValue(i)!.Value),
            UInt8Array a => Int(a.GetValue(i)!.Value),
            UInt16Array a => Int(a.GetValue(i)!.Value),
            UInt32Array a => Int(a.GetValue(i)!.Value),
            UInt64Array a => Int(a.GetValue(i)!.Value),
            BooleanArray a => new(ConstantKind.Boolean) { Boolean = a.GetValue(i)!.Value },
            HalfFloatArray a => new(ConstantKind.Float) { Float = (double)a.GetValue(i)!.Value },
            FloatArray a => new(ConstantKind.Float) { Float = a.GetValue(i)!.Value },
            DoubleArray a => new(ConstantKind.Float) { Float = a.GetValue(i)!.Value },
            Decimal128Array a => new(ConstantKind.Integer) { Integer = ReadInt128(a, i), Scale = ((Decimal128Type)a.Data.DataType).Scale },
            Decimal256Array a => Decimal256(a, i),
            FixedSizeBinaryArray a when ext == "duckdb.hugeint" && a.GetBytes(i).Length == 16 =>
                Int(BinaryPrimitives.ReadInt128LittleEndian(a.GetBytes(i))),
            FixedSizeBinaryArray a when ext == "duckdb.uhugeint" && a.GetBytes(i).Length == 16 =>
                UInt(BinaryPrimitives.ReadUInt128LittleEndian(a.GetBytes(i))),
            StringArray a => new(ConstantKind.Utf8) { Bytes = a.GetBytes(i).ToArray() },
            LargeStringArray a => new(ConstantKind.Utf8) { Bytes = a.GetBytes(i).ToArray() },
            StringViewArray a => new(ConstantKind.Utf8) { Bytes = a.GetBytes(i).ToArray() },
            BinaryArray a => new(ConstantKind.Binary) { Bytes = a.GetBytes(i).ToArray() },
            LargeBinaryArray a => new(ConstantKind.Binary) { Bytes = a.GetBytes(i).ToArray() },
            BinaryViewArray a => new(ConstantKind.Binary) { Bytes = a.GetBytes(i).ToArray() },
            FixedSizeBinaryArray a => new(ConstantKind.Binary) { Bytes = a.GetBytes(i).ToArray() },
            Date32Array a => new(ConstantKind.Instant) { Integer = a.GetValue(i)!.Value, NanosPerUnit = NanosPerDay },
            Date64Array a => new(ConstantKind.Instant) { Integer = a.GetValue(i)!.Value, NanosPerUnit = 1_000_000 },
            TimestampArray a => new(ConstantKind.Instant) { Integer = a.GetValue(i)!.Value, NanosPerUnit = Nanos(((TimestampType)a.Data.DataType).Unit) },
            Time32Array a => new(ConstantKind.Time) { Integer = a.GetValue(i)!.Value, NanosPerUnit = Nanos(((Time32Type)a.Data.DataType).Unit) },
            Time64Array a => new(ConstantKind.Time) { Integer = a.GetValue(i)!.Value, NanosPerUnit = Nanos(((Time64Type)a.Data.DataType).Unit) },
            DurationArray a => new(ConstantKind.Duration) { Integer = a.GetValue(i)!.Value, NanosPerUnit = Nanos(((DurationType)a.Data.DataType).Unit) },
            _ => new(ConstantKind.Unsupported) { TypeText = ext ?? array.Data.DataType.Name },
        };
    }

    private static FilterConstant Int(Int128 value) => new(ConstantKind.Integer) { Integer = value };

    private static FilterConstant UInt(UInt128 value) => value > (UInt128)Int128.MaxValue
        ? new(ConstantKind.Integer) { Integer = Int128.MaxValue, Beyond = 1 }
        : Int((Int128)value);

    private static Int128 ReadInt128(FixedSizeBinaryArray array, int index) => BinaryPrimitives.ReadInt128LittleEndian(array.GetBytes(index));

    private static FilterConstant Decimal256(Decimal256Array array, int index)
    {
        var bytes = array.GetBytes(index);
        var low = BinaryPrimitives.ReadInt128LittleEndian(bytes);
        var high = BinaryPrimitives.ReadInt128LittleEndian(bytes[16..]);
        // Representable when the high half is the sign extension of the low half.
        if (high == (low < 0 ? Int128.NegativeOne : Int128.Zero))
            return new(ConstantKind.Integer) { Integer = low, Scale = ((Decimal256Type)array.Data.DataType).Scale };
        return new(ConstantKind.Unsupported) { TypeText = "decimal256 beyond 38 digits" };
    }

    public static long Nanos(TimeUnit unit) => unit switch
    {
        TimeUnit.Second => 1_000_000_000,
        TimeUnit.Millisecond => 1_000_000,
        TimeUnit.Microsecond => 1_000,
        _ => 1,
    };

    /// <summary>The value as a double (integers and decimals); +∞ beyond Int128.</summary>
    public double ToDouble() => Kind switch
    {
        ConstantKind.Float => Float,
        ConstantKind.Integer when Beyond > 0 => double.PositiveInfinity,
        ConstantKind.Integer => Scale == 0 ? (double)Integer : (double)Integer / Math.Pow(10, Scale),
        ConstantKind.Boolean => Boolean ? 1 : 0,
        _ => double.NaN,
    };

    public decimal ToDecimal()
    {
        if (Beyond != 0 || Scale > 28) throw new OverflowException("the decimal constant does not fit System.Decimal");
        var magnitude = (UInt128)(Integer < 0 ? -Integer : Integer);
        if (magnitude >> 96 != 0) throw new OverflowException("the decimal constant does not fit System.Decimal");
        return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), Integer < 0, (byte)Scale);
    }

    /// <summary>
    /// The constant in the integer units of <paramref name="domain"/>, exactly; false when it does
    /// not compare with that domain (a string against a number, a time against a timestamp).
    /// </summary>
    public bool TryToBound(IntegerDomain domain, out IntBound bound)
    {
        bound = default;
        switch (domain.Kind)
        {
            case ConstantKind.Integer:
                switch (Kind)
                {
                    case ConstantKind.Integer:
                        bound = Beyond != 0 ? new IntBound(Beyond, 0, false) : Rescale(Integer, Scale, domain.Scale);
                        return true;
                    case ConstantKind.Boolean when domain.Scale == 0:
                        bound = new IntBound(0, Boolean ? 1 : 0, false);
                        return true;
                    case ConstantKind.Float:
                        bound = FromDouble(Float * Math.Pow(10, domain.Scale));
                        return true;
                    default:
                        return false;
                }
            case ConstantKind.Instant or ConstantKind.Time or ConstantKind.Duration when Kind == domain.Kind:
                bound = ConvertUnit(Integer, NanosPerUnit, domain.NanosPerUnit);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Floor of <paramref name="x"/> with its fraction flag; NaN sorts above every number (DuckDB).</summary>
    private static IntBound FromDouble(double x)
    {
        if (double.IsNaN(x) || x >= 1.7e38) return new IntBound(1, 0, false);
        if (x <= -1.7e38) return new IntBound(-1, 0, false);
        double floor = Math.Floor(x);
        return new IntBound(0, (Int128)floor, floor != x);
    }

    private static IntBound Rescale(Int128 value, int from, int to)
    {
        if (to >= from) return Multiply(value, to - from);
        int shift = from - to;
        if (shift >= Pow10.Length) return new IntBound(0, value < 0 ? Int128.NegativeOne : Int128.Zero, value != 0);
        return FloorDivide(value, Pow10[shift]);
    }

    private static IntBound Multiply(Int128 value, int power)
    {
        if (value == 0) return new IntBound(0, 0, false);
        if (power >= Pow10.Length) return new IntBound(value > 0 ? 1 : -1, 0, false);
        try
        {
            return new IntBound(0, checked(value * Pow10[power]), false);
        }
        catch (OverflowException)
        {
            return new IntBound(value > 0 ? 1 : -1, 0, false);
        }
    }

    private static IntBound ConvertUnit(Int128 value, long fromNanos, long toNanos)
    {
        if (fromNanos >= toNanos)
        {
            try
            {
                return new IntBound(0, checked(value * (fromNanos / toNanos)), false);
            }
            catch (OverflowException)
            {
                return new IntBound(value > 0 ? 1 : -1, 0, false);
            }
        }
        return FloorDivide(value, toNanos / fromNanos);
    }

    private static IntBound FloorDivide(Int128 value, Int128 divisor)
    {
        var (quotient, remainder) = Int128.DivRem(value, divisor);
        if (remainder < 0)
        {
            quotient -= 1;
            remainder += divisor;
        }
        return new IntBound(0, quotient, remainder != 0);
    }

    private static Int128[] BuildPow10()
    {
        var table = new Int128[39];
        table[0] = 1;
        for (int i = 1; i < table.Length; i++) table[i] = table[i - 1] * 10;
        return table;
    }

    /// <summary>SQL type family name, for error messages.</summary>
    public string Describe() => Kind switch
    {
        ConstantKind.Integer => Scale == 0 ? "an integer" : "a decimal",
        ConstantKind.Float => "a floating-point number",
        ConstantKind.Boolean => "a boolean",
        ConstantKind.Utf8 => "a string",
        ConstantKind.Binary => "a blob",
        ConstantKind.Instant => "a date/timestamp",
        ConstantKind.Time => "a time",
        ConstantKind.Duration => "an interval",
        ConstantKind.Null => "NULL",
        _ => TypeText,
    };
}
