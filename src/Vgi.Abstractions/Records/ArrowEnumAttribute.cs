namespace Vgi;

/// <summary>
/// How a C# enum travels on the wire: as <c>dictionary&lt;int16, utf8&gt;</c> holding member
/// names (by default), named by <see cref="Naming"/>, indexed by <see cref="IndexWidth"/>-bit integers.
/// </summary>
[AttributeUsage(AttributeTargets.Enum, Inherited = false)]
public sealed class ArrowEnumAttribute : Attribute
{
    /// <summary>Members named as declared.</summary>
    public ArrowEnumAttribute() : this(ArrowEnumNaming.AsDeclared) { }

    public ArrowEnumAttribute(ArrowEnumNaming naming) => Naming = naming;

    public ArrowEnumNaming Naming { get; }

    /// <summary>
    /// Bits of the dictionary index: 8 (<c>dictionary&lt;int8, utf8&gt;</c>, at most 128 members),
    /// 16 (the default, <c>dictionary&lt;int16, utf8&gt;</c>) or 32 (<c>dictionary&lt;int32, utf8&gt;</c>).
    /// Readers accept any integer index width whatever this says.
    /// </summary>
    public int IndexWidth { get; set; } = 16;
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
