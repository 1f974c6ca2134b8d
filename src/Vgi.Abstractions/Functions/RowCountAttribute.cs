namespace Vgi;

/// <summary>
/// Marks the integer table function argument that is the exact number of rows the call returns:
/// the planner gets it as the cardinality estimate and maximum (<c>table_function_cardinality</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class RowCountAttribute : Attribute
{
}
