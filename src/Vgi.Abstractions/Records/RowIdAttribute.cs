namespace Vgi;

/// <summary>
/// Marks the row-id column of a table function's output (Arrow field metadata <c>is_row_id</c> with
/// an empty value), used by late materialization (<see cref="TableFunctionAttribute.LateMaterialization"/>).
/// Applies to properties and positional-record parameters of row types and [ArrowRecord] types.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class RowIdAttribute : Attribute
{
}
