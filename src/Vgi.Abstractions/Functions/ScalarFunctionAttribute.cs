namespace Vgi;

/// <summary>
/// Serves a static method as a DuckDB scalar function. The SQL name is <see cref="Name"/> or the
/// method name in snake_case; the description is the method's XML <c>&lt;summary&gt;</c>. Parameters
/// are input columns, except <see cref="ConstAttribute"/> constants, <c>params</c> varargs, the
/// <see cref="RowIndexAttribute"/> row index, and injected <see cref="VgiContext"/> /
/// <see cref="System.Threading.CancellationToken"/>; a method without column parameters gets one call
/// per input row. Optional parameters become overloads without them (DuckDB scalars take no named
/// arguments). Arrays map to <c>LIST</c> (<see cref="FixedSizeAttribute"/> for <c>FIXED_SIZE_LIST</c>),
/// <c>byte[]</c> to <c>BLOB</c> and <see cref="ArrowRecordAttribute"/> types to <c>STRUCT</c>, as
/// columns, varargs and results alike, and as constants except for lists.
/// </summary>
/// <remarks>
/// A non-nullable parameter type means NULL in, NULL out: the method is not called for rows with a
/// NULL in that column. Declare it <c>T?</c> to see NULLs (the function is then registered with
/// <c>null_handling = SPECIAL</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
public sealed class ScalarFunctionAttribute : Attribute
{
    public ScalarFunctionAttribute()
    {
    }

    /// <param name="name">The SQL name, when snake_case of the method name is not it.</param>
    public ScalarFunctionAttribute(string name) => Name = name;

    public string? Name { get; }

    /// <summary>The catalog schema the function is listed in (default <c>main</c>).</summary>
    public string? Schema { get; set; }

    /// <summary>Whether DuckDB may fold or cache calls (default <see cref="Stability.Consistent"/>).</summary>
    public Stability Stability { get; set; }

    /// <summary>Overrides the description taken from the XML doc comment.</summary>
    public string? Description { get; set; }

    /// <summary>Overrides the null handling inferred from the parameter types.</summary>
    public NullHandlingMode NullHandling { get; set; }

    /// <summary>Catalog settings the function reads (<see cref="VgiContext.Settings"/>); DuckDB refuses to bind when one is unset.</summary>
    public string[]? RequiredSettings { get; set; }

    /// <summary>Secret types the function needs (<see cref="VgiContext.Secrets"/>), resolved by DuckDB before bind.</summary>
    public string[]? RequiredSecrets { get; set; }
}
