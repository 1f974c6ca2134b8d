using System.Text;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// String-producing scalar fixtures (fixtures.md §2.2): case mapping, Python number formatting
/// (§6.2, §6.3), constant-driven messages and the overload-dispatch probes <c>pair_type</c> and
/// <c>type_info</c>. NULL in, NULL out unless noted.
/// </summary>
public static class TextScalars
{
    /// <summary>Arrow <c>utf8_upper</c>: the simple (one-to-one) upper-case mapping of each code point.</summary>
    [ScalarFunction("upper_case", Description = "Converts string values to uppercase")]
    public static string UpperCase(string value) => value.ToUpperInvariant();

    /// <summary>Python <c>f"{v:.0f}"</c>.</summary>
    [ScalarFunction("format_number", Description = "Format number with default precision (0 decimals)")]
    public static string FormatNumber(double value) => PyText.FormatFixed(value, 0);

    /// <summary>Python <c>f"{v:.{precision}f}"</c>.</summary>
    [ScalarFunction("format_number", Description = "Format number with specified precision")]
    public static string FormatNumberWithPrecision([Const] long precision, double value) => PyText.FormatFixed(value, Precision(precision));

    /// <summary><c>prefix + f"{v:.{precision}f}"</c>.</summary>
    [ScalarFunction("format_number", Description = "Format number with precision and prefix")]
    public static string FormatNumberWithPrefix([Const] long precision, [Const] string prefix, double value) => prefix + PyText.FormatFixed(value, Precision(precision));

    private static int Precision(long precision) => precision < 0
        ? throw ScalarSupport.ValueError("Format specifier missing precision")
        : (int)Math.Min(precision, 1000);

    /// <summary>Python <c>f"{v:>{width}}"</c>: <c>str(v)</c> left-padded with spaces to <paramref name="width"/>.</summary>
    [ScalarFunction("smart_format", Description = "Right-align value in field of given width")]
    public static string SmartFormatWidth([Const] long width, double value) => PyText.Float(value).PadLeft((int)Math.Clamp(width, 0, 1 << 20));

    /// <summary><c>prefix + str(v)</c>.</summary>
    [ScalarFunction("smart_format", Description = "Prepend prefix to formatted value")]
    public static string SmartFormatPrefix([Const] string prefix, double value) => prefix + PyText.Float(value);

    /// <summary><c>message * repeat_count</c> when the condition holds (≤ 0 repeats: empty), <c>''</c> when it does not.</summary>
    [ScalarFunction("conditional_message", Description = "Returns repeated message when condition is true")]
    public static string ConditionalMessage([Const] long repeat_count, [Const] string message, bool condition)
    {
        if (!condition || repeat_count <= 0 || message.Length == 0) return "";
        var text = new StringBuilder(checked(message.Length * (int)repeat_count));
        for (long i = 0; i < repeat_count; i++) text.Append(message);
        return text.ToString();
    }

    /// <summary>The string varargs joined with no separator; NULL when any is NULL.</summary>
    [ScalarFunction("concat_values", Description = "Concatenate string varargs")]
    public static string ConcatStrings(params string[] values) => string.Concat(values);

    [ScalarFunction("pair_type", Description = "Return type pair name for int+int")]
    public static string PairTypeIntInt(long a, long b) => "int+int";

    [ScalarFunction("pair_type", Description = "Return type pair name for str+str")]
    public static string PairTypeStrStr(string a, string b) => "str+str";

    [ScalarFunction("pair_type", Description = "Return type pair name for int+str")]
    public static string PairTypeIntStr(long a, string b) => "int+str";

    [ScalarFunction("type_info", Description = "Return type name for int32 input")]
    public static string TypeInfoInt32(int v) => "int32";

    [ScalarFunction("type_info", Description = "Return type name for int64 input")]
    public static string TypeInfoInt64(long v) => "int64";

    [ScalarFunction("type_info", Description = "Return type name for uint32 input")]
    public static string TypeInfoUInt32(uint v) => "uint32";

    [ScalarFunction("type_info", Description = "Return type name for uint64 input")]
    public static string TypeInfoUInt64(ulong v) => "uint64";

    [ScalarFunction("type_info", Description = "Return type name for string input")]
    public static string TypeInfoString(string v) => "varchar";

    /// <summary>
    /// The authenticated principal on every row, NULL input included. stdio and unix sockets carry no
    /// principal, so this worker always answers <c>anonymous</c> (the SDK exposes no principal yet).
    /// </summary>
    [ScalarFunction("whoami", Description = "Return the authenticated principal name.", NullHandling = NullHandlingMode.Default)]
    public static string Whoami(long? x) => "anonymous";
}
