namespace Vgi;

/// <summary>
/// Table function argument bound: the value must be greater than <c>value</c>. Otherwise the bind
/// fails with <c>Argument '&lt;name&gt;' is too small.</c> and a <c>Constraint: must be &gt; value</c> line.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class GreaterThanAttribute : Attribute
{
    public GreaterThanAttribute(long value) => Value = value;

    public GreaterThanAttribute(double value) => Value = value;

    /// <summary>The bound (a <see cref="long"/> or a <see cref="double"/>).</summary>
    public object Value { get; }
}
