namespace Vgi;

/// <summary>
/// Generates an Arrow codec for this record, class or struct: its Arrow schema, a writer from rows
/// to a record batch and a reader back. Columns are the public instance properties in declaration
/// order (positional records: the primary constructor's parameters), named in snake_case unless
/// <see cref="ArrowFieldAttribute"/> says otherwise. The type must be <c>partial</c>.
/// </summary>
/// <remarks>
/// Reading is tolerant the way vgi-rpc's dataclasses are: columns are matched by name, extra columns
/// are ignored, and a missing column leaves the property at its initializer (or the constructor
/// parameter at its default); a missing column with no default is an error.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class ArrowRecordAttribute : Attribute
{
}
