using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Records;
using Vgi.Generators.Types;

namespace Vgi.Generators.Functions;

/// <summary>Builds a <see cref="TableFunctionModel"/> from a [TableFunction] method.</summary>
internal static class TableFunctionParser
{
    public const string Attribute = "Vgi.TableFunctionAttribute";
    private const string ScanContextType = "Vgi.Functions.TableScanContext";

    public static TableFunctionModel Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string display = method.ContainingType.Name + "." + method.Name;
        var nameLocation = syntax.Identifier.GetLocation();
        if (!method.IsStatic) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionNotStatic, nameLocation, display));
        if (method.IsGenericMethod) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionIsGeneric, nameLocation, display));
        if (ScalarFunctionParser.Inaccessibility(method) is { } hidden) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionInaccessible, nameLocation, display, hidden));

        string sqlName = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? Naming.SnakeCase(method.Name);
        string schema = ScalarFunctionParser.Named(attribute, "Schema") as string ?? "main";
        string description = ScalarFunctionParser.Named(attribute, "Description") as string ?? ScalarFunctionParser.Summary(syntax) ?? "";
        bool filterPushdown = ScalarFunctionParser.Named(attribute, "FilterPushdown") as bool? ?? false;
        bool applyFilters = ScalarFunctionParser.Named(attribute, "ApplyFilters") as bool? ?? true;
        int maxWorkers = ScalarFunctionParser.Named(attribute, "MaxWorkers") as int? ?? 1;
        int batchSize = ScalarFunctionParser.Named(attribute, "BatchSize") as int? ?? 2048;
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? nameLocation;
        if (!ScalarFunctionParser.SqlIdentifier.IsMatch(sqlName)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSqlName, attributeLocation, sqlName, "function"));
        if (!ScalarFunctionParser.SqlIdentifier.IsMatch(schema)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSqlName, attributeLocation, schema, "schema"));

        var parameters = new List<ParameterModel>();
        if (!method.IsGenericMethod)
        {
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                var parameterSyntax = syntax.ParameterList.Parameters[i];
                var parameter = ParseParameter(p, display, parameterSyntax.Type?.GetLocation(), parameterSyntax.GetLocation(), diagnostics);
                if (parameter is not null) parameters.Add(parameter);
            }
        }

        var returnLocation = syntax.ReturnType.GetLocation();
        bool isAsync = false;
        string rowType = "";
        var columns = new List<RowColumnModel>();
        if (RowTypeOf(method.ReturnType, out isAsync) is not { } row)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableReturnType, returnLocation, display, method.ReturnType.ToDisplayString()));
        }
        else if (!method.IsGenericMethod)
        {
            rowType = row.ToDisplayString(TypeMapper.TypeFormat);
            CollectColumns(row, display, returnLocation, columns, diagnostics);
        }

        return new TableFunctionModel(
            method.ContainingType.ToDisplayString(TypeMapper.TypeFormat) + "." + method.Name,
            ScalarFunctionParser.ClassName(method),
            sqlName, schema, description, filterPushdown, applyFilters, maxWorkers, batchSize, isAsync, rowType,
            new EquatableArray<ParameterModel>(parameters),
            new EquatableArray<RowColumnModel>(columns),
            LocationInfo.From(nameLocation),
            new EquatableArray<DiagnosticInfo>(diagnostics));
    }

    private static ITypeSymbol? RowTypeOf(ITypeSymbol type, out bool isAsync)
    {
        isAsync = false;
        if (type is not INamedTypeSymbol { IsGenericType: true } named) return null;
        switch (named.OriginalDefinition.ToDisplayString())
        {
            case "System.Collections.Generic.IEnumerable<T>":
                return named.TypeArguments[0];
            case "System.Collections.Generic.IAsyncEnumerable<T>":
                isAsync = true;
                return named.TypeArguments[0];
            default:
                return null;
        }
    }

    private static void CollectColumns(ITypeSymbol row, string display, Location returnLocation, List<RowColumnModel> columns, List<DiagnosticInfo> diagnostics)
    {
        if (row is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            var unnamed = tuple.TupleElements.Where(e => e.CorrespondingTupleField is { } field && SymbolEqualityComparer.Default.Equals(field, e)).ToList();
            if (unnamed.Count > 0)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableTupleNames, returnLocation, display, string.Join("', '", unnamed.Select(e => e.Name))));
                return;
            }
            foreach (var element in tuple.TupleElements)
                AddColumn(element.Name, "." + element.Name, element.Type, element.Locations.FirstOrDefault() ?? returnLocation, display, columns, diagnostics);
            return;
        }

        var single = TypeMapper.Map(row, TypeMapper.Storage.Inferred, out _);
        if (single is not null && single.Kind != ArrowKind.Struct)
        {
            columns.Add(new RowColumnModel("value", "", single));
            return;
        }

        if (row is INamedTypeSymbol named && named.TypeKind is TypeKind.Class or TypeKind.Struct && named.SpecialType == SpecialType.None)
        {
            foreach (var property in RecordParser.CollectProperties(named))
            {
                var location = property.Locations.FirstOrDefault(l => l.IsInSource) ?? returnLocation;
                AddColumn(property.Name, "." + property.Name, property.Type, location, display, columns, diagnostics);
            }
        }
        if (columns.Count == 0 && !diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.TableRowMember || d.Descriptor == DiagnosticDescriptors.TableTupleNames))
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableRowType, returnLocation, display, row.ToDisplayString()));
    }

    private static void AddColumn(string member, string access, ITypeSymbol type, Location location, string display, List<RowColumnModel> columns, List<DiagnosticInfo> diagnostics)
    {
        string name = Naming.SnakeCase(member);
        var model = TypeMapper.Map(type, TypeMapper.Storage.Inferred, out var error);
        if (model is null || model.Kind is ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableRowMember, location, name, display, error ?? $"'{type.ToDisplayString()}' cannot be a column"));
            return;
        }
        columns.Add(new RowColumnModel(name, access, model));
    }

    private static ParameterModel? ParseParameter(IParameterSymbol p, string display, Location? typeLocation, Location wholeParameter, List<DiagnosticInfo> diagnostics)
    {
        if (p.RefKind != RefKind.None)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, wholeParameter, p.Name, display, p.RefKind == RefKind.Out ? "out" : p.RefKind == RefKind.Ref ? "ref" : "in"));
            return null;
        }
        string typeName = p.Type.ToDisplayString();
        if (typeName == ScalarFunctionParser.ContextType) return new ParameterModel(p.Name, p.Name, ParameterRole.Context, null, false, null, null);
        if (typeName == "System.Threading.CancellationToken") return new ParameterModel(p.Name, p.Name, ParameterRole.Cancellation, null, false, null, null);
        if (typeName == ScanContextType) return new ParameterModel(p.Name, p.Name, ParameterRole.ScanContext, null, false, null, null);
        if (p.IsParams)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParamsMisuse, typeLocation, p.Name, display, "table functions take no variadic arguments; use a list argument (T[]) instead"));
            return null;
        }
        var type = TypeMapper.Map(p.Type, TypeMapper.Storage.Inferred, out var error);
        if (type is null || type.Kind is ArrowKind.Struct or ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch or ArrowKind.Map)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, typeLocation, p.Name, display, error ?? $"'{typeName}' cannot be a table-function argument"));
            return null;
        }
        bool named = p.HasExplicitDefaultValue;
        return new ParameterModel(p.Name, Naming.SnakeCase(p.Name), named ? ParameterRole.NamedArgument : ParameterRole.PositionalArgument, type, false, null,
            named ? SymbolText.DefaultValue(p) : null);
    }
}
