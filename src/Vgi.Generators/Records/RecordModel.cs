using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Records;

/// <summary>Everything the emitter needs to know about one [ArrowRecord] type.</summary>
/// <param name="Namespace">Containing namespace, or null for the global namespace.</param>
/// <param name="Declarations">Type declarations from outermost to the record itself, e.g. <c>partial class Outer</c>, <c>partial record Row</c>.</param>
/// <param name="UseConstructor">Rows are built by calling the constructor that takes the members flagged with a constructor index.</param>
/// <param name="HasDefaultInstance">A parameterless constructor exists: missing columns keep the values it leaves.</param>
internal sealed record RecordModel(
    string? Namespace,
    string Name,
    string FullName,
    EquatableArray<string> Declarations,
    bool IsValueType,
    bool UseConstructor,
    bool HasDefaultInstance,
    EquatableArray<FieldModel> Fields,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    public string HintName => (Namespace is null ? "" : Namespace + ".") + string.Join(".", Declarations.Select(d => d.Substring(d.LastIndexOf(' ') + 1)));
}

/// <param name="Member">C# property name.</param>
/// <param name="ConstructorIndex">Position among the constructor's parameters, or -1 when set through an initializer.</param>
/// <param name="ParameterName">The constructor parameter's name, when the member is built through the constructor.</param>
/// <param name="DefaultValue">C# expression for a constructor parameter's default, when it has one.</param>
/// <param name="Required">A missing column is an error (a constructor parameter without a default).</param>
/// <param name="Metadata">Arrow field metadata as alternating keys and values.</param>
internal sealed record FieldModel(
    string Member,
    string ArrowName,
    TypeModel Type,
    bool SchemaNullable,
    int ConstructorIndex,
    string? ParameterName,
    string? DefaultValue,
    bool Required,
    EquatableArray<string> Metadata = default);
