using System.Collections;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// Python ordering and equality of the CLR stand-ins of <see cref="PyText"/> (fixtures.md §6.8):
/// numbers numerically and exactly across bool/int/float/Decimal, strings by code point, bytes
/// lexicographically, dates/times chronologically, lists/tuples element by element.
/// </summary>
/// <remarks>
/// Where Python raises <c>TypeError</c> (a string against a number, a date against a datetime) this
/// still gives a total order, by kind: None, numbers, str, bytes, date, datetime, time, timedelta,
/// UUID, tuple, list, dict, anything else. NaN sorts after every other number and equals only NaN here.
/// Naive and aware datetimes compare as if the naive one were UTC.
/// </remarks>
public static class PyCompare
{
    private enum Kind
    {
        None,
        Number,
        Str,
        Bytes,
        Date,
        DateTime,
        Time,
        Timedelta,
        Uuid,
        Tuple,
        List,
        Dict,
        Other,
    }

    /// <summary>Negative, zero or positive as <paramref name="a"/> sorts before, with or after <paramref name="b"/>.</summary>
    public static int Compare(object? a, object? b)
    {
        Kind ka = KindOf(a), kb = KindOf(b);
        if (ka != kb) return ka.CompareTo(kb);
        switch (ka)
        {
            case Kind.None:
                return 0;
            case Kind.Number:
                return CompareNumbers(a!, b!);
            case Kind.Str:
                return CompareCodePoints(Text(a!), Text(b!));
            case Kind.Bytes:
                return Bytes(a!).SequenceCompareTo(Bytes(b!));
            case Kind.Date:
                return ((DateOnly)a!).CompareTo((DateOnly)b!);
            case Kind.DateTime:
                return Instant(a!).CompareTo(Instant(b!));
            case Kind.Time:
                return ((TimeOnly)a!).CompareTo((TimeOnly)b!);
            case Kind.Timedelta:
                return ((TimeSpan)a!).CompareTo((TimeSpan)b!);
            case Kind.Uuid:
                return UuidBytes((Guid)a!).AsSpan().SequenceCompareTo(UuidBytes((Guid)b!));
            case Kind.Tuple:
            case Kind.List:
            {
                var left = Items(a!);
                var right = Items(b!);
                for (int i = 0; i < Math.Min(left.Count, right.Count); i++)
                {
                    int c = Compare(left[i], right[i]);
                    if (c != 0) return c;
                }
                return left.Count.CompareTo(right.Count);
            }
            case Kind.Dict:
                return 0;
            default:
                return string.CompareOrdinal(PyText.Str(a), PyText.Str(b));
        }
    }

    /// <summary>Python <c>a == b</c> (so <c>1 == 1.0 == True</c>, and <c>'1' != 1</c>).</summary>
    public static bool Equal(object? a, object? b)
    {
        Kind ka = KindOf(a), kb = KindOf(b);
        if (ka != kb) return false;
        switch (ka)
        {
            case Kind.Number:
                return IsNaN(a!) ? false : IsNaN(b!) ? false : CompareNumbers(a!, b!) == 0;
            case Kind.DateTime:
                return a is DateTime == b is DateTime && Compare(a, b) == 0;
            case Kind.Dict:
            {
                var left = Entries(a!);
                var right = Entries(b!);
                return left.Count == right.Count && left.All(l => right.Any(r => Equal(l.Key, r.Key) && Equal(l.Value, r.Value)));
            }
            case Kind.Tuple:
            case Kind.List:
            {
                var left = Items(a!);
                var right = Items(b!);
                if (left.Count != right.Count) return false;
                for (int i = 0; i < left.Count; i++)
                {
                    if (!Equal(left[i], right[i])) return false;
                }
                return true;
            }
            case Kind.Other:
                return Equals(a, b);
            default:
                return Compare(a, b) == 0;
        }
    }

    private static Kind KindOf(object? v) => v switch
    {
        null => Kind.None,
        bool or double or float or Half or decimal or PyDecimal => Kind.Number,
        string or char => Kind.Str,
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => Kind.Bytes,
        DateOnly => Kind.Date,
        DateTime or DateTimeOffset => Kind.DateTime,
        TimeOnly => Kind.Time,
        TimeSpan => Kind.Timedelta,
        Guid => Kind.Uuid,
        _ when PyText.IntegerText(v) is not null => Kind.Number,
        IEnumerable<KeyValuePair<string, object?>> or IDictionary => Kind.Dict,
        ITuple => Kind.Tuple,
        IEnumerable => Kind.List,
        _ => Kind.Other,
    };

    private static string Text(object v) => v as string ?? ((char)v).ToString();

    private static ReadOnlySpan<byte> Bytes(object v) => v switch
    {
        byte[] b => b,
        ReadOnlyMemory<byte> m => m.Span,
        _ => ((Memory<byte>)v).Span,
    };

    private static DateTimeOffset Instant(object v) => v is DateTimeOffset o ? o : new DateTimeOffset(DateTime.SpecifyKind((DateTime)v, DateTimeKind.Utc));

    /// <summary>Python's UUID order is its 128-bit integer: the RFC 4122 (big-endian) bytes.</summary>
    private static byte[] UuidBytes(Guid g) => g.ToByteArray(bigEndian: true);

    private static List<object?> Items(object v)
    {
        if (v is ITuple tuple)
        {
            var items = new List<object?>(tuple.Length);
            for (int i = 0; i < tuple.Length; i++) items.Add(tuple[i]);
            return items;
        }
        return [.. ((IEnumerable)v).Cast<object?>()];
    }

    private static List<KeyValuePair<object?, object?>> Entries(object v) => v is IEnumerable<KeyValuePair<string, object?>> pairs
        ? [.. pairs.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value))]
        : [.. ((IDictionary)v).Cast<DictionaryEntry>().Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value))];

    /// <summary>
    /// Strings by Unicode code point: UTF-16 order differs only where a surrogate (an astral code
    /// point) meets U+E000..U+FFFF, so those units are shifted to sort last.
    /// </summary>
    private static int CompareCodePoints(string a, string b)
    {
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            if (a[i] != b[i]) return Fix(a[i]).CompareTo(Fix(b[i]));
        }
        return a.Length.CompareTo(b.Length);

        static int Fix(char c) => c >= 0xE000 ? c - 0x800 : c >= 0xD800 ? c + 0x2000 : c;
    }

    private static bool IsNaN(object v) => v switch
    {
        double d => double.IsNaN(d),
        float f => float.IsNaN(f),
        Half h => Half.IsNaN(h),
        _ => false,
    };

    /// <summary>Exact comparison: each number becomes ±∞, NaN, or a fraction numerator/denominator.</summary>
    private static int CompareNumbers(object a, object b)
    {
        var (sa, na, da) = Rational(a);
        var (sb, nb, db) = Rational(b);
        if (sa != 0 || sb != 0) return sa.CompareTo(sb); // infinities and NaN (+2) by their rank
        return (na * db).CompareTo(nb * da);
    }

    /// <summary>(special, numerator, positive denominator); special is −1 for −∞, +1 for +∞, +2 for NaN, else 0.</summary>
    private static (int Special, BigInteger Numerator, BigInteger Denominator) Rational(object v)
    {
        switch (v)
        {
            case bool b:
                return (0, b ? 1 : 0, 1);
            case double or float or Half:
            {
                double d = v switch { double x => x, float x => x, _ => (double)(Half)v };
                if (double.IsNaN(d)) return (2, 0, 1);
                if (double.IsInfinity(d)) return (d > 0 ? 1 : -1, 0, 1);
                long bits = BitConverter.DoubleToInt64Bits(d);
                int biased = (int)((bits >> 52) & 0x7FF);
                long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
                BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
                if (bits < 0) mantissa = -mantissa;
                int exponent = (biased == 0 ? 1 : biased) - 1075;
                return exponent >= 0 ? (0, mantissa << exponent, 1) : (0, mantissa, BigInteger.One << -exponent);
            }
            case decimal m:
                return Rational(PyDecimal.From(m));
            case PyDecimal p:
                return p.Scale >= 0 ? (0, p.Unscaled, BigInteger.Pow(10, p.Scale)) : (0, p.Unscaled * BigInteger.Pow(10, -p.Scale), 1);
            default:
                return (0, BigInteger.Parse(PyText.IntegerText(v)!, System.Globalization.CultureInfo.InvariantCulture), 1);
        }
    }
}
