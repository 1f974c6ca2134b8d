namespace Vgi.Conformance.Fixtures.Python;

/// <summary>
/// numpy <c>arange(start, stop, step)</c> bit for bit (fixtures.md §6.5): length =
/// ceil((stop − start) / step) computed in the element type; element 0 = start, element 1 =
/// start + step, element j ≥ 2 = start + j × ((start + step) − start) (numpy's <c>fill</c>), so a
/// non-dyadic double step can give one extra element and carries that formula's rounding.
/// </summary>
public static class NumpyArange
{
    /// <summary>The float64 <c>arange</c>.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="step"/> is 0 (numpy: ZeroDivisionError).</exception>
    /// <exception cref="ArgumentException">The length is NaN or too large (numpy: ValueError).</exception>
    public static double[] Arange(double start, double stop, double step)
    {
        if (step == 0) throw new DivideByZeroException("float division by zero");
        int length = Length((stop - start) / step);
        if (length <= 0) return [];
        var result = new double[length];
        result[0] = start;
        if (length == 1) return result;
        result[1] = start + step;
        double delta = result[1] - start;
        for (int j = 2; j < length; j++) result[j] = start + j * delta;
        return result;
    }

    /// <summary>The int64 <c>arange</c>; arithmetic wraps like numpy's int64.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="step"/> is 0.</exception>
    /// <exception cref="ArgumentException">The length is too large.</exception>
    public static long[] Arange(long start, long stop, long step)
    {
        if (step == 0) throw new DivideByZeroException("division by zero");
        // numpy divides the int64 difference as float64 (true division), then takes the ceiling.
        int length = Length(unchecked(stop - start) / (double)step);
        if (length <= 0) return [];
        var result = new long[length];
        unchecked
        {
            result[0] = start;
            if (length == 1) return result;
            result[1] = start + step;
            long delta = result[1] - start;
            for (int j = 2; j < length; j++) result[j] = start + j * delta;
        }
        return result;
    }

    /// <summary>numpy's <c>_arange_safe_ceil_to_intp</c>, limited to what a CLR array can hold.</summary>
    private static int Length(double quotient)
    {
        if (double.IsNaN(quotient)) throw new ArgumentException("arange: cannot compute length");
        double length = Math.Ceiling(quotient);
        if (length > Array.MaxLength) throw new ArgumentException("Maximum allowed size exceeded");
        return length <= 0 ? 0 : (int)length;
    }
}
