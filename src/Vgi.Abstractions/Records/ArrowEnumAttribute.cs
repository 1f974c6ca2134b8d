namespace Vgi;

/// <summary>
/// How a C# enum's members are named on the wire, where enums travel as
/// <c>dictionary&lt;int16, utf8&gt;</c> holding member names.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class ArrowEnumAttribute : Attribute
{
    public ArrowEnumAttribute(ArrowEnumNaming naming) => Naming = naming;

    public ArrowEnumNaming Naming { get; }
}

/// <summary>Naming rules for enum members on the wire.</summary>
public enum ArrowEnumNaming
{
    /// <summary>The member name as written in C#.</summary>
    AsDeclared,

    /// <summary><c>NotPartitioned</c> → <c>NOT_PARTITIONED</c> (vgi's protocol enums).</summary>
    UpperSnakeCase,
}

/// <summary>The wire name of one enum member, overriding <see cref="ArrowEnumAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Field, Inherited = false)]
public sealed class ArrowEnumValueAttribute : Attribute
{
    public ArrowEnumValueAttribute(string name) => Name = name;

    public string Name { get; }
}
