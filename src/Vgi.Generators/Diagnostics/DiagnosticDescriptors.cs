using Microsoft.CodeAnalysis;

namespace Vgi.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable: VGEN00xx functions, VGEN01xx Arrow records.
/// Messages say what to write instead.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Vgi.Generators";

    public static readonly DiagnosticDescriptor RecordNotPartial = new(
        "VGEN0101", "[ArrowRecord] type must be partial",
        "'{0}' is marked [ArrowRecord] but is not partial; declare it 'partial' (and every type containing it) so the codec can be generated into it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordFieldUnsupported = new(
        "VGEN0102", "Arrow record member has an unsupported type",
        "Member '{0}' of [ArrowRecord] '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordFieldNotSettable = new(
        "VGEN0103", "Arrow record member cannot be set by the reader",
        "Member '{0}' of [ArrowRecord] '{1}' has no init or set accessor and no matching constructor parameter; add 'init;' or a constructor parameter named '{2}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordDuplicateField = new(
        "VGEN0104", "Duplicate Arrow field name",
        "[ArrowRecord] '{0}' maps two members to the Arrow field '{1}'; give one of them [ArrowField(\"other_name\")]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordIpcBytesOnNonRecord = new(
        "VGEN0105", "IpcBytes storage needs an [ArrowRecord] type",
        "Member '{0}' of [ArrowRecord] '{1}' asks for ArrowStorage.IpcBytes but its type '{2}' is not an [ArrowRecord] type (or a list of one); remove Storage or mark the type [ArrowRecord]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordNotConstructible = new(
        "VGEN0106", "Arrow record cannot be constructed by the reader",
        "[ArrowRecord] '{0}' has neither an accessible parameterless constructor nor a constructor whose parameters are named after its members; add one of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordIsGeneric = new(
        "VGEN0107", "Arrow record cannot be generic",
        "[ArrowRecord] '{0}' is generic; a codec needs one concrete schema, so declare a non-generic type",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
