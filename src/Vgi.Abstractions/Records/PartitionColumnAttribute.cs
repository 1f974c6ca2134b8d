namespace Vgi;

/// <summary>
/// Marks a partition column of a table function's output (Arrow field metadata
/// <c>vgi.partition_column = true</c>); see <see cref="TableFunctionAttribute.Partitioning"/>.
/// Applies to properties and positional-record parameters of row types and [ArrowRecord] types.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class PartitionColumnAttribute : Attribute
{
}
