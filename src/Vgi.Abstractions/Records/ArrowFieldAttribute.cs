namespace Vgi;

/// <summary>Overrides how one property (or positional-record parameter) maps to an Arrow field.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, Inherited = false)]
public sealed class ArrowFieldAttribute : Attribute
{
    public ArrowFieldAttribute()
    {
    }

    /// <param name="name">The Arrow field name, when snake_case of the member name is not it.</param>
    public ArrowFieldAttribute(string name) => Name = name;

    public string? Name { get; }

    /// <summary>
    /// The field's declared nullability when it must differ from the C# type's. vgi-rpc declares some
    /// fields NOT NULL that still carry nulls (e.g. <c>BindResponse.opaque_data</c>); such a field is a
    /// nullable C# type with <see cref="ArrowNullability.NotNull"/>.
    /// </summary>
    public ArrowNullability Nullability { get; set; }

    /// <summary>The physical encoding, when the type's natural one is not it.</summary>
    public ArrowStorage Storage { get; set; }

    /// <summary>
    /// Arrow field metadata as alternating keys and values: <c>Metadata = ["vgi.partition_column", "true"]</c>.
    /// Applies to [ArrowRecord] schemas and to the output columns of table functions.
    /// </summary>
    public string[]? Metadata { get; set; }
}
