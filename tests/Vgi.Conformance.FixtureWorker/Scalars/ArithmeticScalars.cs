using System.Globalization;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// Integer and double scalar fixtures with fixed types (fixtures.md §2.2): int64 arithmetic wraps,
/// settings arrive through the injected <see cref="VgiContext"/>, and the two VOLATILE random
/// generators. NULL in, NULL out unless noted.
/// </summary>
public static class ArithmeticScalars
{
    [ScalarFunction("multiply", Description = "Multiplies a value by a constant factor")]
    public static long Multiply(long value, [Const] long factor) => unchecked(value * factor);

    /// <summary><c>value × multiplier</c> (int64, wrapping); the catalog default 1 when the setting is absent.</summary>
    [ScalarFunction("multiply_by_setting", Description = "Multiply the input value by a setting value", RequiredSettings = ["multiplier"])]
    public static long MultiplyBySetting(long value, VgiContext context) =>
        unchecked(value * (Setting(context, "multiplier") is { } text ? long.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : 1L));

    /// <summary><c>value × scale_factor</c> in double; a missing or NULL setting counts as 1.0.</summary>
    [ScalarFunction("scale_by_setting", Description = "Scale the input value by the float setting `scale_factor`", RequiredSettings = ["scale_factor"])]
    public static double ScaleBySetting(double value, VgiContext context) =>
        value * (Setting(context, "scale_factor") is { } text ? double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture) : 1.0);

    private static string? Setting(VgiContext context, string name) =>
        context.Settings.TryGetValue(name, out var text) ? text : null;

    /// <summary>NULL becomes -5000; any other value passes through.</summary>
    [ScalarFunction("null_handling", Description = "Returns value or -5000 if null", NullHandling = NullHandlingMode.Special)]
    public static long NullHandling(long? value) => value ?? -5000;

    /// <summary>The integer varargs summed with int64 wrap-around, as decimal text; NULL when any is NULL.</summary>
    [ScalarFunction("concat_values", Description = "Sum integer varargs and return as string")]
    public static string ConcatIntegers(params long[] values)
    {
        long sum = 0;
        foreach (long v in values) sum = unchecked(sum + v);
        return sum.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A uniform integer in [min_val, max_val], both inclusive.</summary>
    [ScalarFunction("random_int", Description = "Generate random integers (demonstrates VOLATILE stability)", Stability = Stability.Volatile)]
    public static long RandomInt(long min_val, long max_val)
    {
        if (max_val < min_val) throw ScalarSupport.ValueError($"empty range in randint({min_val}, {max_val})");
        ulong span = unchecked((ulong)(max_val - min_val));
        if (span == ulong.MaxValue) return Random.Shared.NextInt64() ^ (Random.Shared.Next(2) == 0 ? 0 : long.MinValue);
        ulong range = span + 1;
        // Rejection sampling keeps every value equally likely.
        ulong limit = ulong.MaxValue - (ulong.MaxValue % range);
        ulong draw;
        do draw = (ulong)Random.Shared.NextInt64() << 1 ^ (ulong)Random.Shared.Next(2);
        while (draw >= limit);
        return unchecked(min_val + (long)(draw % range));
    }

    /// <summary>A fair coin per row.</summary>
    [ScalarFunction("bernoulli", Description = "Generate random booleans (demonstrates VOLATILE stability)", Stability = Stability.Volatile)]
    public static bool Bernoulli() => Random.Shared.Next(2) == 1;
}
