namespace Vgi;

/// <summary>
/// Table function argument choices: a string argument must be one of <c>choices</c>. Otherwise the
/// bind fails with <c>Argument '&lt;name&gt;' has an invalid value.</c> and a
/// <c>Constraint: must be one of the allowed choices</c> line listing them.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class OneOfAttribute(params string[] choices) : Attribute
{
    public string[] Choices { get; } = choices;
}
