using System.Globalization;
using System.Numerics;
using System.Text;

namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// Python's text renderings (fixtures.md §6.2, §6.3, §6.7): <c>str()</c>/<c>repr()</c> of the values a
/// pyarrow <c>.as_py()</c> gives, <c>format(v, ".Nf")</c>, pyarrow type names and <c>int(text)</c>.
/// </summary>
public static partial class PyText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Python <c>str(v)</c> / <c>repr(v)</c> of a float: the shortest round-trip digits, positional
    /// when the decimal exponent e of the first digit is in [-4, 16) (integral values get <c>.0</c>),
    /// otherwise <c>d[.ddd]e±XX</c>; <c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>-0.0</c>.
    /// </summary>
    public static string Float(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        string sign = double.IsNegative(v) ? "-" : "";
        if (v == 0) return sign + "0.0";

        // .NET's "R" has the same shortest round-trip digits as Python's repr; only the layout differs
        // ("1E+22", "10000000000000000", "123"), so extract digits and exponent and lay them out again.
        var (digits, exponent) = ShortestDigits(Math.Abs(v));
        var text = new StringBuilder(sign);
        if (exponent >= -4 && exponent < 16)
        {
            if (exponent >= 0)
            {
                int intLength = exponent + 1;
                if (digits.Length <= intLength)
                    text.Append(digits).Append('0', intLength - digits.Length).Append(".0");
                else
                    text.Append(digits, 0, intLength).Append('.').Append(digits, intLength, digits.Length - intLength);
            }
            else
            {
                text.Append("0.").Append('0', -exponent - 1).Append(digits);
            }
        }
        else
        {
            text.Append(digits[0]);
            if (digits.Length > 1) text.Append('.').Append(digits, 1, digits.Length - 1);
            text.Append('e').Append(exponent < 0 ? '-' : '+').Append(Math.Abs(exponent).ToString("00", Invariant));
        }
        return text.ToString();
    }

    /// <summary>Python <c>str()</c> of a float32 value widened to double (what pyarrow's <c>.as_py()</c> gives).</summary>
    public static string Float(float v) => Float((double)v);

    /// <summary>Significant digits (no leading/trailing zeros) and decimal exponent of the first digit, of a positive finite value.</summary>
    private static (string Digits, int Exponent) ShortestDigits(double positive)
    {
        string r = positive.ToString("R", Invariant);
        int exponentMark = r.IndexOf('E', StringComparison.Ordinal);
        int power = 0;
        string mantissa = r;
        if (exponentMark >= 0)
        {
            power = int.Parse(r.AsSpan(exponentMark + 1), NumberStyles.AllowLeadingSign, Invariant);
            mantissa = r[..exponentMark];
        }
        int point = mantissa.IndexOf('.', StringComparison.Ordinal);
        int intLength = point < 0 ? mantissa.Length : point;
        string all = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int leadingZeros = 0;
        while (leadingZeros < all.Length - 1 && all[leadingZeros] == '0') leadingZeros++;
        string digits = all[leadingZeros..].TrimEnd('0');
        return (digits, intLength - 1 - leadingZeros + power);
    }

    /// <summary>
    /// Python <c>format(v, ".{decimals}f")</c>: the exact binary value correctly rounded to
    /// <paramref name="decimals"/> places, ties to even; a negative value rounding to zero keeps its
    /// sign; <c>nan</c>, <c>inf</c>, <c>-inf</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is negative (Python raises ValueError).</exception>
    public static string FormatFixed(double v, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";

        // Exact: |v| = mantissa * 2^exponent, so round(|v| * 10^decimals) is an integer division.
        long bits = BitConverter.DoubleToInt64Bits(v);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        BigInteger scaled;
        if (exponent >= 0)
        {
            scaled = (mantissa << exponent) * BigInteger.Pow(10, decimals);
        }
        else
        {
            var denominator = BigInteger.One << -exponent;
            var quotient = BigInteger.DivRem(mantissa * BigInteger.Pow(10, decimals), denominator, out var remainder);
            int half = (remainder << 1).CompareTo(denominator);
            if (half > 0 || (half == 0 && !quotient.IsEven)) quotient += 1;
            scaled = quotient;
        }

        string digits = scaled.ToString(Invariant).PadLeft(decimals + 1, '0');
        var text = new StringBuilder(double.IsNegative(v) ? "-" : "");
        text.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0) text.Append('.').Append(digits, digits.Length - decimals, decimals);
        return text.ToString();
    }
}
