using Vgi;

namespace Hello;

/// <summary>Numeric functions.</summary>
public static class Arithmetic
{
    /// <summary>Multiplies each value by a constant factor.</summary>
    [ScalarFunction]
    public static long Multiply(long value, [Const] long factor) => value * factor;

    /// <summary>Adds two numbers; INTEGER, SMALLINT and TINYINT arguments are widened to BIGINT.</summary>
    [ScalarFunction]
    public static long AddValues(long left, long right) => left + right;

    /// <summary>Adds two doubles; the overload DuckDB picks for DOUBLE or FLOAT arguments.</summary>
    [ScalarFunction("add_values")]
    public static double AddDoubles(double left, double right) => left + right;

    /// <summary>Divides, failing on a zero divisor: shows how a user exception reaches DuckDB.</summary>
    [ScalarFunction]
    public static long CheckedDivide(long dividend, long divisor) =>
        divisor == 0 ? throw new DivideByZeroException($"cannot divide {dividend} by zero") : dividend / divisor;
}
