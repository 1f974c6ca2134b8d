using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using Apache.Arrow.Scalars;

namespace Vgi.Conformance.Fixtures.Python;

public static partial class PyText
{
    /*
     * The CLR stand-ins for Python values (what PyValues.Get returns):
     *   None = null; bool; int = any CLR integer, BigInteger, Int128, UInt128; float = double (float and
     *   Half are widened); Decimal = decimal or PyDecimal; str = string or char; bytes = byte[],
     *   ReadOnlyMemory<byte>, Memory<byte>; datetime.date = DateOnly; naive datetime = DateTime;
     *   aware datetime = DateTimeOffset; datetime.time = TimeOnly; timedelta = TimeSpan; UUID = Guid;
     *   pyarrow MonthDayNano = MonthDayNanosecondInterval; dict = IEnumerable<KeyValuePair<string, object?>>
     *   or IDictionary; tuple = ITuple (ValueTuple/Tuple); list = any other IEnumerable.
     */

    /// <summary>Python <c>str(v)</c> of a Python-like value (see the CLR stand-ins above).</summary>
    public static string Str(object? v) => v switch
    {
        string s => s,
        char c => c.ToString(),
        decimal m => PyDecimal.From(m).ToString(),
        PyDecimal m => m.ToString(),
        DateOnly d => DateText(d),
        DateTime t => DateTimeText(t, null),
        DateTimeOffset t => DateTimeText(t.DateTime, t.Offset),
        TimeOnly t => TimeText(t.Ticks),
        TimeSpan t => TimedeltaText(t),
        Guid g => g.ToString("D"),
        _ => Repr(v),
    };

    /// <summary>Python <c>repr(v)</c>: strings and bytes quoted, containers nest element reprs.</summary>
    public static string Repr(object? v)
    {
        var text = new StringBuilder();
        AppendRepr(text, v);
        return text.ToString();
    }

    /// <summary>
    /// Python <c>repr(str)</c>: single quotes unless the text has <c>'</c> and no <c>"</c>; backslash,
    /// the quote, <c>\t \n \r</c> escaped; other non-printable code points as <c>\xNN</c>, <c>\uNNNN</c>,
    /// <c>\UNNNNNNNN</c>; printable non-ASCII kept.
    /// </summary>
    public static string Repr(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var text = new StringBuilder(s.Length + 2);
        AppendStringRepr(text, s);
        return text.ToString();
    }

    private static void AppendRepr(StringBuilder text, object? v)
    {
        switch (v)
        {
            case null: text.Append("None"); return;
            case bool b: text.Append(b ? "True" : "False"); return;
            case string s: AppendStringRepr(text, s); return;
            case char c: AppendStringRepr(text, c.ToString()); return;
            case double d: text.Append(Float(d)); return;
            case float f: text.Append(Float(f)); return;
            case Half h: text.Append(Float((double)h)); return;
            case decimal m: text.Append("Decimal('").Append(PyDecimal.From(m)).Append("')"); return;
            case PyDecimal m: text.Append("Decimal('").Append(m).Append("')"); return;
            case byte[] bytes: AppendBytesRepr(text, bytes); return;
            case ReadOnlyMemory<byte> bytes: AppendBytesRepr(text, bytes.Span); return;
            case Memory<byte> bytes: AppendBytesRepr(text, bytes.Span); return;
            case DateOnly d: text.Append("datetime.date(").Append(d.Year).Append(", ").Append(d.Month).Append(", ").Append(d.Day).Append(')'); return;
            case DateTime t: AppendDateTimeRepr(text, t, null); return;
            case DateTimeOffset t: AppendDateTimeRepr(text, t.DateTime, t.Offset); return;
            case TimeOnly t: AppendTimeRepr(text, t); return;
            case TimeSpan t: AppendTimedeltaRepr(text, t); return;
            case Guid g: text.Append("UUID('").Append(g.ToString("D")).Append("')"); return;
            case MonthDayNanosecondInterval i:
                text.Append("MonthDayNano(months=").Append(i.Months.ToString(Invariant)).Append(", days=").Append(i.Days.ToString(Invariant))
                    .Append(", nanoseconds=").Append(i.Nanoseconds.ToString(Invariant)).Append(')');
                return;
        }
        if (IntegerText(v) is { } integer)
        {
            text.Append(integer);
            return;
        }
        switch (v)
        {
            case IEnumerable<KeyValuePair<string, object?>> dict:
                text.Append('{');
                bool firstEntry = true;
                foreach (var (key, value) in dict)
                {
                    if (!firstEntry) text.Append(", ");
                    firstEntry = false;
                    AppendStringRepr(text, key);
                    text.Append(": ");
                    AppendRepr(text, value);
                }
                text.Append('}');
                return;
            case IDictionary dict:
                text.Append('{');
                bool first = true;
                foreach (DictionaryEntry entry in dict)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    AppendRepr(text, entry.Key);
                    text.Append(": ");
                    AppendRepr(text, entry.Value);
                }
                text.Append('}');
                return;
            case ITuple tuple:
                text.Append('(');
                for (int i = 0; i < tuple.Length; i++)
                {
                    if (i > 0) text.Append(", ");
                    AppendRepr(text, tuple[i]);
                }
                text.Append(tuple.Length == 1 ? ",)" : ")");
                return;
            case IEnumerable list:
                text.Append('[');
                bool firstItem = true;
                foreach (object? item in list)
                {
                    if (!firstItem) text.Append(", ");
                    firstItem = false;
                    AppendRepr(text, item);
                }
                text.Append(']');
                return;
            default:
                text.Append(Convert.ToString(v, Invariant));
                return;
        }
    }

    /// <summary>Decimal text of any CLR integer type; null when <paramref name="v"/> is not one.</summary>
    internal static string? IntegerText(object? v) => v switch
    {
        sbyte n => n.ToString(Invariant),
        byte n => n.ToString(Invariant),
        short n => n.ToString(Invariant),
        ushort n => n.ToString(Invariant),
        int n => n.ToString(Invariant),
        uint n => n.ToString(Invariant),
        long n => n.ToString(Invariant),
        ulong n => n.ToString(Invariant),
        nint n => n.ToString(Invariant),
        nuint n => n.ToString(Invariant),
        Int128 n => n.ToString(Invariant),
        UInt128 n => n.ToString(Invariant),
        BigInteger n => n.ToString(Invariant),
        _ => null,
    };

    private static void AppendStringRepr(StringBuilder text, string s)
    {
        char quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        text.Append(quote);
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c == quote || c == '\\')
            {
                text.Append('\\').Append(c);
                continue;
            }
            switch (c)
            {
                case '\t': text.Append("\\t"); continue;
                case '\n': text.Append("\\n"); continue;
                case '\r': text.Append("\\r"); continue;
            }
            if (c < 0x7F)
            {
                if (c < ' ') text.Append("\\x").Append(((int)c).ToString("x2", Invariant));
                else text.Append(c);
                continue;
            }
            int codePoint = c;
            int width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, s[i + 1]);
                width = 2;
            }
            if (IsPrintable(codePoint)) text.Append(s, i, width);
            else if (codePoint <= 0xFF) text.Append("\\x").Append(codePoint.ToString("x2", Invariant));
            else if (codePoint <= 0xFFFF) text.Append("\\u").Append(codePoint.ToString("x4", Invariant));
            else text.Append("\\U").Append(codePoint.ToString("x8", Invariant));
            i += width - 1;
        }
        text.Append(quote);
    }

    /// <summary>Python <c>str.isprintable</c> for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs (space excepted).</summary>
    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ') return true;
        var category = codePoint is >= 0xD800 and <= 0xDFFF
            ? UnicodeCategory.Surrogate
            : CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }

    /// <summary>Python <c>repr(bytes)</c>: <c>b'…'</c> with the same quote choice as strings, <c>\xNN</c> outside printable ASCII.</summary>
    private static void AppendBytesRepr(StringBuilder text, ReadOnlySpan<byte> bytes)
    {
        char quote = bytes.Contains((byte)'\'') && !bytes.Contains((byte)'"') ? '"' : '\'';
        text.Append('b').Append(quote);
        foreach (byte b in bytes)
        {
            if (b == quote || b == '\\') text.Append('\\').Append((char)b);
            else if (b == '\t') text.Append("\\t");
            else if (b == '\n') text.Append("\\n");
            else if (b == '\r') text.Append("\\r");
            else if (b < ' ' || b >= 0x7F) text.Append("\\x").Append(b.ToString("x2", Invariant));
            else text.Append((char)b);
        }
        text.Append(quote);
    }

    private static string DateText(DateOnly d) =>
        d.Year.ToString("0000", Invariant) + "-" + d.Month.ToString("00", Invariant) + "-" + d.Day.ToString("00", Invariant);

    /// <summary><c>HH:MM:SS[.ffffff]</c> of a time of day in ticks (sub-microsecond ticks dropped, as Python keeps microseconds).</summary>
    private static string TimeText(long ticks)
    {
        long seconds = ticks / TimeSpan.TicksPerSecond;
        long micros = ticks % TimeSpan.TicksPerSecond / 10;
        string text = (seconds / 3600).ToString("00", Invariant) + ":" + (seconds / 60 % 60).ToString("00", Invariant) + ":" + (seconds % 60).ToString("00", Invariant);
        return micros == 0 ? text : text + "." + micros.ToString("000000", Invariant);
    }

    /// <summary>Python <c>str(datetime)</c>: <c>YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]</c>.</summary>
    private static string DateTimeText(DateTime t, TimeSpan? offset)
    {
        string text = DateText(DateOnly.FromDateTime(t)) + " " + TimeText(t.TimeOfDay.Ticks);
        return offset is { } o ? text + OffsetText(o) : text;
    }

    /// <summary><c>+HH:MM[:SS]</c> of a UTC offset (Python <c>utcoffset</c> formatting).</summary>
    private static string OffsetText(TimeSpan offset)
    {
        char sign = offset < TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        string text = sign + magnitude.Hours.ToString("00", Invariant) + ":" + magnitude.Minutes.ToString("00", Invariant);
        if (magnitude.Seconds != 0 || magnitude.Ticks % TimeSpan.TicksPerSecond != 0) text += ":" + magnitude.Seconds.ToString("00", Invariant);
        long micros = magnitude.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0 ? text : text + "." + micros.ToString("000000", Invariant);
    }

    /// <summary>A timedelta's normalized fields: days (any sign), 0 ≤ seconds &lt; 86400, 0 ≤ microseconds &lt; 10^6.</summary>
    private static (long Days, long Seconds, long Micros) TimedeltaParts(TimeSpan t)
    {
        long micros = Math.DivRem(t.Ticks, 10, out long rest);
        if (rest < 0) micros -= 1; // floor, so -1 tick is -1 µs like a negative ns duration
        long days = Math.DivRem(micros, 86_400_000_000L, out long within);
        if (within < 0)
        {
            days -= 1;
            within += 86_400_000_000L;
        }
        return (days, within / 1_000_000, within % 1_000_000);
    }

    /// <summary>Python <c>str(timedelta)</c>: <c>[D day[s], ]H:MM:SS[.ffffff]</c>.</summary>
    private static string TimedeltaText(TimeSpan t)
    {
        var (days, seconds, micros) = TimedeltaParts(t);
        string text = (seconds / 3600).ToString(Invariant) + ":" + (seconds / 60 % 60).ToString("00", Invariant) + ":" + (seconds % 60).ToString("00", Invariant);
        if (days != 0) text = days.ToString(Invariant) + (Math.Abs(days) == 1 ? " day, " : " days, ") + text;
        return micros == 0 ? text : text + "." + micros.ToString("000000", Invariant);
    }

    private static void AppendTimedeltaRepr(StringBuilder text, TimeSpan t)
    {
        var (days, seconds, micros) = TimedeltaParts(t);
        var parts = new List<string>(3);
        if (days != 0) parts.Add("days=" + days.ToString(Invariant));
        if (seconds != 0) parts.Add("seconds=" + seconds.ToString(Invariant));
        if (micros != 0) parts.Add("microseconds=" + micros.ToString(Invariant));
        text.Append("datetime.timedelta(").Append(parts.Count == 0 ? "0" : string.Join(", ", parts)).Append(')');
    }

    private static void AppendTimeRepr(StringBuilder text, TimeOnly t)
    {
        long micros = t.Ticks % TimeSpan.TicksPerSecond / 10;
        text.Append("datetime.time(").Append(t.Hour).Append(", ").Append(t.Minute);
        if (micros != 0) text.Append(", ").Append(t.Second).Append(", ").Append(micros.ToString(Invariant));
        else if (t.Second != 0) text.Append(", ").Append(t.Second);
        text.Append(')');
    }

    /// <summary><c>datetime.datetime(y, m, d, H, M[, S[, us]][, tzinfo=…])</c>: trailing zero microseconds, then zero seconds, dropped.</summary>
    private static void AppendDateTimeRepr(StringBuilder text, DateTime t, TimeSpan? offset)
    {
        long micros = t.Ticks % TimeSpan.TicksPerSecond / 10;
        var parts = new List<long> { t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, micros };
        if (parts[^1] == 0) parts.RemoveAt(parts.Count - 1);
        if (parts.Count == 6 && parts[^1] == 0) parts.RemoveAt(parts.Count - 1);
        text.Append("datetime.datetime(").AppendJoin(", ", parts.Select(p => p.ToString(Invariant)));
        if (offset is { } o)
        {
            text.Append(", tzinfo=");
            if (o == TimeSpan.Zero)
            {
                text.Append("datetime.timezone.utc");
            }
            else
            {
                text.Append("datetime.timezone(");
                AppendTimedeltaRepr(text, o);
                text.Append(')');
            }
        }
        text.Append(')');
    }
}
