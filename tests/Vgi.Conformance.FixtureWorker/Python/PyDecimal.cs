using System.Numerics;
using System.Text;

namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// A Python <c>decimal.Decimal</c> that does not fit <see cref="decimal"/> (more than 28–29 digits, or a
/// scale above 28): value = <see cref="Unscaled"/> × 10^-<see cref="Scale"/>. <see cref="PyValues"/>
/// returns <see cref="decimal"/> whenever the value fits and this otherwise; <see cref="ToString"/> is
/// Python's <c>str()</c>.
/// </summary>
public readonly record struct PyDecimal(BigInteger Unscaled, int Scale)
{
    public override string ToString() => Text(Unscaled, Scale);

    /// <summary>The value as <see cref="decimal"/>, when it fits exactly.</summary>
    public bool TryToDecimal(out decimal value)
    {
        value = 0;
        if (Scale is < 0 or > 28) return false;
        var magnitude = BigInteger.Abs(Unscaled);
        if (magnitude >> 96 != BigInteger.Zero) return false;
        var bytes = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> padded = stackalloc byte[12];
        bytes.AsSpan(0, Math.Min(bytes.Length, 12)).CopyTo(padded);
        value = new decimal(
            BitConverter.ToInt32(padded[..4]), BitConverter.ToInt32(padded[4..8]), BitConverter.ToInt32(padded[8..12]),
            Unscaled.Sign < 0, (byte)Scale);
        return true;
    }

    /// <summary>The unscaled value and scale of <paramref name="value"/> (trailing zeros kept, as Decimal does).</summary>
    public static PyDecimal From(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        return new PyDecimal(bits[3] < 0 ? -magnitude : magnitude, value.Scale);
    }

    /// <summary>Python <c>str(Decimal)</c> of <paramref name="unscaled"/> × 10^-<paramref name="scale"/> (<c>Decimal.__str__</c>, capitals on).</summary>
    internal static string Text(BigInteger unscaled, int scale)
    {
        string coefficient = BigInteger.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture);
        int exponent = -scale;
        int leftDigits = exponent + coefficient.Length;
        // Positional unless the exponent is positive or the value is tiny (adjusted exponent < -6).
        int dotPlace = exponent <= 0 && leftDigits > -6 ? leftDigits : 1;
        var text = new StringBuilder(unscaled.Sign < 0 ? "-" : "");
        if (dotPlace <= 0)
            text.Append("0.").Append('0', -dotPlace).Append(coefficient);
        else if (dotPlace >= coefficient.Length)
            text.Append(coefficient).Append('0', dotPlace - coefficient.Length);
        else
            text.Append(coefficient, 0, dotPlace).Append('.').Append(coefficient, dotPlace, coefficient.Length - dotPlace);
        if (leftDigits != dotPlace)
        {
            int shown = leftDigits - dotPlace;
            text.Append('E').Append(shown < 0 ? '-' : '+').Append(Math.Abs(shown).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }
}
