namespace Vgi;

/// <summary>
/// A bind-time constant (<c>vgi_const</c>): DuckDB requires a constant-foldable argument, evaluates
/// it once and sends it with the bind; the method receives the same value on every row.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class ConstAttribute : Attribute
{
}
