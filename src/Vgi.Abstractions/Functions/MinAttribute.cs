namespace Vgi;

/// <summary>
/// Table function argument bound: the value must be at least <c>value</c>. A smaller value fails the
/// bind with <c>Argument '&lt;name&gt;' is too small.</c> and a <c>Constraint: must be &gt;= value</c> line.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class MinAttribute : Attribute
{
    public MinAttribute(long value) => Value = value;

    public MinAttribute(double value) => Value = value;

    /// <summary>The bound (a <see cref="long"/> or a <see cref="double"/>).</summary>
    public object Value { get; }
}
