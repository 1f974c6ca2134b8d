namespace Vgi;

/// <summary>
/// Maps an array parameter or return value of a [ScalarFunction] (<c>double[]</c>, <c>long[]</c>, …)
/// to <c>FIXED_SIZE_LIST(T, size)</c> (DuckDB <c>DOUBLE[2]</c>) instead of <c>LIST(T)</c>. Each row
/// reads as an array of exactly <see cref="Size"/> items; a returned array must have that length. On
/// a <c>params T[][]</c> parameter it applies to every variadic argument.
/// </summary>
/// <example><c>static double Distance([FixedSize(2)] double[] p1, [FixedSize(2)] double[] p2)</c>;
/// <c>[return: FixedSize(2)] static double[] Origin()</c>.</example>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, Inherited = false)]
public sealed class FixedSizeAttribute : Attribute
{
    /// <param name="size">Items per value; at least 1.</param>
    public FixedSizeAttribute(int size) => Size = size;

    /// <summary>Items per value.</summary>
    public int Size { get; }
}
