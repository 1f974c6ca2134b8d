namespace Vgi;

/// <summary>
/// Marks the <c>int</c> or <c>long</c> parameter of a row-wise [ScalarFunction] that receives the
/// row's index within the current input batch: 0 for the first row, restarting at every batch. It
/// is not an SQL argument (like <see cref="VgiContext"/>), so it also serves functions without
/// column arguments, e.g. <c>static long HashSeed([Const] long seed, [RowIndex] long row) => seed + row;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RowIndexAttribute : Attribute
{
}
