using System.Collections;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// Python's <c>TypeError</c>, for operations Python rejects by type (e.g. <c>json.dumps</c> of bytes);
/// named so the wire error reads <c>TypeError: …</c>.
/// </summary>
public sealed class TypeError(string message) : Exception(message);

/// <summary>Python <c>json.dumps</c> with its defaults (fixtures.md §6.4).</summary>
public static class PyJson
{
    /// <summary>
    /// <c>json.dumps(dict)</c>: separators <c>", "</c> and <c>": "</c>, keys in the given order,
    /// <c>ensure_ascii</c> (non-ASCII as lowercase <c>\uXXXX</c>, astral characters as a surrogate pair),
    /// floats as <c>repr(float)</c> with <c>NaN</c>/<c>Infinity</c>/<c>-Infinity</c>. Values may be
    /// None, bool, integers, floats, strings, dicts (key/value pairs or IDictionary), lists and tuples.
    /// </summary>
    /// <exception cref="TypeError">A value JSON cannot hold (bytes, Decimal, dates, …), with Python's message.</exception>
    public static string Dumps(IEnumerable<KeyValuePair<string, object?>> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var text = new StringBuilder();
        AppendObject(text, obj.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)));
        return text.ToString();
    }

    private static void AppendObject(StringBuilder text, IEnumerable<KeyValuePair<object?, object?>> entries)
    {
        text.Append('{');
        bool first = true;
        foreach (var (key, value) in entries)
        {
            if (!first) text.Append(", ");
            first = false;
            AppendString(text, Key(key));
            text.Append(": ");
            AppendValue(text, value);
        }
        text.Append('}');
    }

    /// <summary>json.dumps' key coercion: str as is; bool/None/int/float to their JSON text; anything else is a TypeError.</summary>
    private static string Key(object? key) => key switch
    {
        string s => s,
        null => "null",
        bool b => b ? "true" : "false",
        double d => FloatText(d),
        float f => FloatText(f),
        Half h => FloatText((double)h),
        _ => PyText.IntegerText(key) ?? throw new TypeError($"keys must be str, int, float, bool or None, not {PyTypeName(key)}"),
    };

    private static void AppendValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null: text.Append("null"); return;
            case bool b: text.Append(b ? "true" : "false"); return;
            case string s: AppendString(text, s); return;
            case char c: AppendString(text, c.ToString()); return;
            case double d: text.Append(FloatText(d)); return;
            case float f: text.Append(FloatText(f)); return;
            case Half h: text.Append(FloatText((double)h)); return;
        }
        if (PyText.IntegerText(value) is { } integer)
        {
            text.Append(integer);
            return;
        }
        switch (value)
        {
            case byte[] or ReadOnlyMemory<byte> or Memory<byte> or decimal or PyDecimal or DateOnly or DateTime or DateTimeOffset or TimeOnly or TimeSpan or Guid:
                throw new TypeError($"Object of type {PyTypeName(value)} is not JSON serializable");
            case IEnumerable<KeyValuePair<string, object?>> dict:
                AppendObject(text, dict.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)));
                return;
            case IDictionary dict:
                AppendObject(text, dict.Cast<DictionaryEntry>().Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)));
                return;
            case ITuple tuple:
                text.Append('[');
                for (int i = 0; i < tuple.Length; i++)
                {
                    if (i > 0) text.Append(", ");
                    AppendValue(text, tuple[i]);
                }
                text.Append(']');
                return;
            case IEnumerable list:
                text.Append('[');
                bool first = true;
                foreach (object? item in list)
                {
                    if (!first) text.Append(", ");
                    first = false;
                    AppendValue(text, item);
                }
                text.Append(']');
                return;
            default:
                throw new TypeError($"Object of type {PyTypeName(value)} is not JSON serializable");
        }
    }

    private static string FloatText(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PyText.Float(d);

    /// <summary>json's <c>ESCAPE_ASCII</c>: each UTF-16 unit outside printable ASCII as <c>\uxxxx</c> (so astral characters become surrogate pairs).</summary>
    private static void AppendString(StringBuilder text, string s)
    {
        text.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                case '\b': text.Append("\\b"); break;
                case '\f': text.Append("\\f"); break;
                default:
                    if (c is >= ' ' and <= '~') text.Append(c);
                    else text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        text.Append('"');
    }

    /// <summary>The Python type name of a CLR stand-in, for TypeError messages.</summary>
    private static string PyTypeName(object? value) => value switch
    {
        byte[] or ReadOnlyMemory<byte> or Memory<byte> => "bytes",
        decimal or PyDecimal => "Decimal",
        DateOnly => "date",
        DateTime or DateTimeOffset => "datetime",
        TimeOnly => "time",
        TimeSpan => "timedelta",
        Guid => "UUID",
        IEnumerable => "list",
        _ => value?.GetType().Name ?? "NoneType",
    };
}
