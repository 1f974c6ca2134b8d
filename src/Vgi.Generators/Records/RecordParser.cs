using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Records;

/// <summary>Builds a <see cref="RecordModel"/> from an [ArrowRecord] declaration, collecting diagnostics instead of throwing.</summary>
internal static class RecordParser
{
    private const string ArrowFieldAttribute = "Vgi.ArrowFieldAttribute";

    public static RecordModel Parse(INamedTypeSymbol type, TypeDeclarationSyntax syntax, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string display = type.ToDisplayString();

        if (!IsPartialChain(type)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordNotPartial, syntax.Identifier.GetLocation(), display));
        if (type.IsGenericType) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordIsGeneric, syntax.Identifier.GetLocation(), display));

        var properties = CollectProperties(type);
        var constructor = FindMemberConstructor(type, properties);
        bool hasParameterless = type.IsValueType || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);
        bool useConstructor = constructor is not null && (!hasParameterless || properties.Any(p => p.SetMethod is null && constructor.Parameters.Any(cp => Matches(cp, p))));
        if (!useConstructor && !hasParameterless)
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordNotConstructible, syntax.Identifier.GetLocation(), display));

        var fields = new List<FieldModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            ct.ThrowIfCancellationRequested();
            var parameter = useConstructor ? constructor!.Parameters.FirstOrDefault(p => Matches(p, property)) : null;
            // Attributes on a positional parameter count even when rows are built through initializers (record structs).
            var declaredParameter = parameter ?? constructor?.Parameters.FirstOrDefault(p => Matches(p, property));
            var attribute = FindAttribute(property, ArrowFieldAttribute) ?? (declaredParameter is null ? null : FindAttribute(declaredParameter, ArrowFieldAttribute));
            var location = (parameter ?? (ISymbol)property).Locations.FirstOrDefault();

            string arrowName = attribute?.ConstructorArguments.FirstOrDefault().Value as string ?? Naming.SnakeCase(property.Name);
            var storage = (TypeMapper.Storage)(NamedInt(attribute, "Storage") ?? 0);
            int nullability = NamedInt(attribute, "Nullability") ?? 0;

            var model = TypeMapper.Map(property.Type, storage, out var error);
            if (model is null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordFieldUnsupported, location, property.Name, display, error ?? "unsupported type"));
                continue;
            }
            if (storage == TypeMapper.Storage.IpcBytes && !UsesIpcRecord(model))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordIpcBytesOnNonRecord, location, property.Name, display, model.CSharpType));
                continue;
            }
            if (parameter is null && (property.SetMethod is null || property.SetMethod.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal)))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordFieldNotSettable, location, property.Name, display, char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1)));
                continue;
            }
            if (!names.Add(arrowName))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RecordDuplicateField, location, display, arrowName));
                continue;
            }

            var metadata = FieldMetadata.Collect(property, declaredParameter, location ?? syntax.Identifier.GetLocation(), ct, out var metadataProblem, out var metadataLocation);
            if (metadataProblem is not null)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FieldMetadata, metadataLocation, property.Name, display, metadataProblem));
                continue;
            }

            bool schemaNullable = nullability switch { 1 => true, 2 => false, _ => model.IsNullable };
            string? defaultValue = parameter is { HasExplicitDefaultValue: true } ? SymbolText.DefaultValue(parameter) : null;
            fields.Add(new FieldModel(property.Name, arrowName, model, schemaNullable,
                parameter is null ? -1 : parameter.Ordinal, parameter?.Name, defaultValue, Required: parameter is { HasExplicitDefaultValue: false }, metadata));
        }

        return new RecordModel(
            type.ContainingNamespace.IsGlobalNamespace ? null : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.ToDisplayString(TypeMapper.TypeFormat),
            new EquatableArray<string>(Declarations(type)),
            type.IsValueType,
            useConstructor,
            hasParameterless,
            new EquatableArray<FieldModel>(fields),
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static bool UsesIpcRecord(TypeModel model) => model.Kind switch
    {
        ArrowKind.IpcRecord => true,
        ArrowKind.List => UsesIpcRecord(model.Element!),
        _ => false,
    };

    private static bool IsPartialChain(INamedTypeSymbol type)
    {
        for (var t = type; t is not null; t = t.ContainingType)
        {
            bool partial = t.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial) return false;
        }
        return true;
    }

    /// <summary>Public instance properties, base types first (as Python lists dataclass fields).</summary>
    internal static List<IPropertySymbol> CollectProperties(INamedTypeSymbol type)
    {
        var chain = new List<INamedTypeSymbol>();
        for (var t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType) chain.Insert(0, t);
        var result = new List<IPropertySymbol>();
        foreach (var t in chain)
        {
            foreach (var member in t.GetMembers().OfType<IPropertySymbol>())
            {
                if (member.IsStatic || member.IsIndexer || member.DeclaredAccessibility != Accessibility.Public || member.GetMethod is null) continue;
                if (member.Name == "EqualityContract" || member.IsOverride) continue;
                result.Add(member);
            }
        }
        return result;
    }

    internal static bool Matches(IParameterSymbol parameter, IPropertySymbol property) =>
        string.Equals(parameter.Name, property.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The constructor whose parameters are all named after members (a positional record's primary constructor), widest first.</summary>
    internal static IMethodSymbol? FindMemberConstructor(INamedTypeSymbol type, List<IPropertySymbol> properties) =>
        type.InstanceConstructors
            .Where(c => c.Parameters.Length > 0 && c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type)))
            .Where(c => c.Parameters.All(p => properties.Any(prop => Matches(p, prop) && SymbolEqualityComparer.Default.Equals(prop.Type.WithNullableAnnotation(NullableAnnotation.None), p.Type.WithNullableAnnotation(NullableAnnotation.None)))))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();

    private static AttributeData? FindAttribute(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    private static int? NamedInt(AttributeData? attribute, string name)
    {
        if (attribute is null) return null;
        foreach (var arg in attribute.NamedArguments)
        {
            if (arg.Key == name && arg.Value.Value is int value) return value;
        }
        return null;
    }

    private static List<string> Declarations(INamedTypeSymbol type)
    {
        var result = new List<string>();
        for (var t = type; t is not null; t = t.ContainingType)
        {
            string keyword = t.IsRecord ? (t.IsValueType ? "record struct" : "record") : t.TypeKind switch
            {
                TypeKind.Struct => "struct",
                TypeKind.Interface => "interface",
                _ => "class",
            };
            result.Insert(0, $"partial {keyword} {t.Name}");
        }
        return result;
    }
}
