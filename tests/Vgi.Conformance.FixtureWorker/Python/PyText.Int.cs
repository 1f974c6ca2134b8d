using System.Globalization;
using System.Numerics;
using System.Text;

namespace Vgi.Conformance.Fixtures.Python;

public static partial class PyText
{
    /// <summary>CPython's <c>sys.get_int_max_str_digits()</c> default (3.11+).</summary>
    private const int MaxIntDigits = 4300;

    /// <summary>
    /// Python <c>int(text)</c> (base 10): surrounding whitespace, an optional sign, decimal digits (any
    /// Unicode Nd digit) with single underscores between digits; arbitrary size.
    /// </summary>
    /// <exception cref="FormatException">
    /// Not an integer; the message is Python's ValueError text
    /// <c>invalid literal for int() with base 10: &lt;repr(text)&gt;</c> (repr cut at 200 characters, as
    /// CPython's <c>%.200R</c> does), or the 4300-digit limit message.
    /// </exception>
    public static BigInteger ParseInt(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // CPython first maps non-ASCII whitespace to ' ' and Unicode digits to ASCII, and stops at any
        // other non-ASCII character; the ASCII parser then only skips ASCII whitespace (so "\x1c5",
        // which str.strip() would accept, is still invalid).
        var ascii = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c < 127)
            {
                ascii.Append(c);
                continue;
            }
            int codePoint = c;
            int width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                width = 2;
            }
            if (IsPythonSpace(codePoint))
            {
                ascii.Append(' ');
            }
            else if (codePoint is < 0xD800 or > 0xDFFF && CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.DecimalDigitNumber)
            {
                ascii.Append((char)('0' + CharUnicodeInfo.GetDecimalDigitValue(text, i)));
            }
            else
            {
                ascii.Append('?');
                break;
            }
            i += width - 1;
        }

        string s = ascii.ToString();
        int p = 0;
        while (p < s.Length && IsAsciiSpace(s[p])) p++;
        bool negative = false;
        if (p < s.Length && s[p] is '+' or '-') negative = s[p++] == '-';
        var digits = new StringBuilder();
        while (p < s.Length)
        {
            if (char.IsAsciiDigit(s[p]))
            {
                digits.Append(s[p++]);
            }
            else if (s[p] == '_' && digits.Length > 0 && p + 1 < s.Length && char.IsAsciiDigit(s[p + 1]))
            {
                p++;
            }
            else
            {
                break;
            }
        }
        while (p < s.Length && IsAsciiSpace(s[p])) p++;
        if (digits.Length == 0 || p != s.Length) throw new FormatException("invalid literal for int() with base 10: " + Truncate(Repr(text), 200));
        if (digits.Length > MaxIntDigits)
            throw new FormatException($"Exceeds the limit ({MaxIntDigits} digits) for integer string conversion: value has {digits.Length} digits; use sys.set_int_max_str_digits() to increase the limit");
        var value = BigInteger.Parse(digits.ToString(), NumberStyles.None, Invariant);
        return negative ? -value : value;
    }

    private static bool IsAsciiSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>Python <c>str.isspace</c> for a non-ASCII code point (bidi WS/B/S or category Zs).</summary>
    private static bool IsPythonSpace(int codePoint) =>
        codePoint is 0x85 or 0xA0 or 0x1680 or (>= 0x2000 and <= 0x200A) or 0x2028 or 0x2029 or 0x202F or 0x205F or 0x3000;

    /// <summary>The first <paramref name="codePoints"/> code points of <paramref name="s"/>.</summary>
    private static string Truncate(string s, int codePoints)
    {
        int i = 0;
        for (int n = 0; n < codePoints && i < s.Length; n++)
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        return s[..i];
    }
}
