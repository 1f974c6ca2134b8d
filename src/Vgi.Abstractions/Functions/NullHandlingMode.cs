namespace Vgi;

/// <summary>Who handles NULL inputs of a scalar function (DuckDB null handling).</summary>
public enum NullHandlingMode
{
    /// <summary>From the signature: SPECIAL when a column parameter is nullable (<c>T?</c>), DEFAULT otherwise.</summary>
    Inferred,

    /// <summary>DEFAULT: NULL in any argument is NULL out, and DuckDB may skip the call for such rows.</summary>
    Default,

    /// <summary>SPECIAL: the function sees NULLs and decides the result itself.</summary>
    Special,
}
