using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Functions;

/// <summary>Builds a <see cref="ScalarFunctionModel"/> from a [ScalarFunction] method, reporting everything it cannot serve.</summary>
internal static class ScalarFunctionParser
{
    public const string Attribute = "Vgi.ScalarFunctionAttribute";
    private const string ConstAttribute = "Vgi.ConstAttribute";
    internal const string RowIndexAttribute = "Vgi.RowIndexAttribute";
    internal const string FixedSizeAttribute = "Vgi.FixedSizeAttribute";
    internal const string ContextType = "Vgi.VgiContext";
    internal static readonly Regex SqlIdentifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    public static ScalarFunctionModel Parse(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, CancellationToken ct)
    {
        var diagnostics = new List<DiagnosticInfo>();
        string display = method.ContainingType.Name + "." + method.Name;
        var nameLocation = syntax.Identifier.GetLocation();

        if (!method.IsStatic) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionNotStatic, nameLocation, display));
        if (method.IsGenericMethod) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionIsGeneric, nameLocation, display));
        if (Inaccessibility(method) is { } hidden) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FunctionInaccessible, nameLocation, display, hidden));

        string sqlName = attribute.ConstructorArguments.FirstOrDefault().Value as string ?? Naming.SnakeCase(method.Name);
        string schema = Named(attribute, "Schema") as string ?? "main";
        int stability = Named(attribute, "Stability") as int? ?? 0;
        string description = Named(attribute, "Description") as string ?? Summary(syntax) ?? "";
        var attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? nameLocation;
        if (!SqlIdentifier.IsMatch(sqlName)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSqlName, attributeLocation, sqlName, "function"));
        if (!SqlIdentifier.IsMatch(schema)) diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidSqlName, attributeLocation, schema, "schema"));

        int nullHandling = Named(attribute, "NullHandling") as int? ?? 0;
        var requiredSettings = AttributeValues.Strings(attribute, "RequiredSettings");
        var requiredSecrets = AttributeValues.Strings(attribute, "RequiredSecrets");

        // A generic method's type parameters would each add an "unsupported type" error: report the cause only.
        if (method.IsGenericMethod)
            return new ScalarFunctionModel(method.Name, ClassName(method), sqlName, schema, description, stability, KernelShape.RowWise,
                EquatableArray<ParameterModel>.Empty, null, null, LocationInfo.From(nameLocation), new EquatableArray<DiagnosticInfo>(diagnostics));

        foreach (var p in method.Parameters)
        {
            foreach (var a in p.GetAttributes())
            {
                if (a.AttributeClass?.ToDisplayString() is TableFunctionParser.MinAttribute or TableFunctionParser.GreaterThanAttribute
                    or TableFunctionParser.OneOfAttribute or TableFunctionParser.RowCountAttribute or TableFunctionParser.BatchSizeAttribute)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableArgumentAttributeOnScalar, AttributeValues.Location(a, nameLocation, ct),
                        TableFunctionParser.ShortName(a), p.Name, display));
                }
            }
        }

        var shape = ShapeOf(method);
        var parameters = new List<ParameterModel>();
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var p = method.Parameters[i];
            var parameterSyntax = syntax.ParameterList.Parameters[i];
            var location = parameterSyntax.Type?.GetLocation() ?? p.Locations.FirstOrDefault();
            var parameter = ParseParameter(p, i == method.Parameters.Length - 1, shape, display, location, parameterSyntax.GetLocation(), diagnostics, ct);
            if (parameter is not null) parameters.Add(parameter);
        }

        TypeModel? result = null;
        string? resultArray = null;
        var returnLocation = syntax.ReturnType.GetLocation();
        var returnFixedSize = Find(method.GetReturnTypeAttributes(), FixedSizeAttribute);
        if (returnFixedSize is not null && shape != KernelShape.RowWise)
            FixedSizeMisuse(returnFixedSize, "the return value", display, returnLocation, diagnostics, ct,
                "applies to row-wise functions; a vectorized function returns a span or an Arrow array");
        switch (shape)
        {
            case KernelShape.RowWise:
                result = ParseReturn(method.ReturnType, display, returnLocation, diagnostics);
                if (result is not null) result = WithFixedSize(result, returnFixedSize, "the return value", display, returnLocation, diagnostics, ct);
                break;
            case KernelShape.Spans:
                var spanResult = parameters.LastOrDefault(p => p.Role == ParameterRole.SpanResult);
                result = spanResult?.Type;
                if (parameters.Any(p => p.Role is ParameterRole.Column or ParameterRole.Varargs or ParameterRole.ArrayColumn))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VectorizedMisuse, nameLocation, display,
                        "a span-vectorized function (void, last parameter Span<T>) takes its columns as ReadOnlySpan<T>; mix no row values into it"));
                break;
            case KernelShape.Arrays:
                resultArray = method.ReturnType.ToDisplayString(TypeMapper.TypeFormat);
                result = ArrayElement(method.ReturnType);
                if (result is null)
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, returnLocation, display,
                        $"'{method.ReturnType.ToDisplayString()}'; an array-vectorized function returns one of Int8Array…UInt64Array, FloatArray, DoubleArray, BooleanArray, StringArray, BinaryArray, Date32Array"));
                if (parameters.Any(p => p.Role is ParameterRole.Column or ParameterRole.Varargs or ParameterRole.SpanColumn))
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VectorizedMisuse, nameLocation, display,
                        "an array-vectorized function (returns an Arrow array) takes its columns as Arrow arrays too"));
                break;
        }

        return new ScalarFunctionModel(
            method.ContainingType.ToDisplayString(TypeMapper.TypeFormat) + "." + method.Name,
            ClassName(method),
            sqlName,
            schema,
            description,
            stability,
            shape,
            new EquatableArray<ParameterModel>(parameters),
            result,
            resultArray,
            LocationInfo.From(nameLocation),
            new EquatableArray<DiagnosticInfo>(diagnostics))
        {
            NullHandling = nullHandling,
            RequiredSettings = requiredSettings,
            RequiredSecrets = requiredSecrets,
        };
    }

    private static KernelShape ShapeOf(IMethodSymbol method)
    {
        if (method.ReturnsVoid && method.Parameters.LastOrDefault()?.Type is INamedTypeSymbol { Name: "Span", ContainingNamespace.Name: "System" })
            return KernelShape.Spans;
        if (IsArrowArray(method.ReturnType)) return KernelShape.Arrays;
        return KernelShape.RowWise;
    }

    private static bool IsArrowArray(ITypeSymbol type) =>
        type.ContainingNamespace?.ToDisplayString() == "Apache.Arrow" && type.AllInterfaces.Any(i => i.ToDisplayString() == "Apache.Arrow.IArrowArray");

    private static ParameterModel? ParseParameter(IParameterSymbol p, bool last, KernelShape shape, string display, Location? location, Location wholeParameter,
        List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (p.RefKind != RefKind.None)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, wholeParameter, p.Name, display, p.RefKind == RefKind.Out ? "out" : p.RefKind == RefKind.Ref ? "ref" : "in"));
            return null;
        }
        string typeName = p.Type.ToDisplayString();
        string? defaultValue = p.HasExplicitDefaultValue ? SymbolText.DefaultValue(p) : null;
        var attributes = p.GetAttributes();
        bool isConst = Find(attributes, ConstAttribute) is not null;
        var rowIndex = Find(attributes, RowIndexAttribute);
        var fixedSize = Find(attributes, FixedSizeAttribute);
        string target = $"parameter '{p.Name}'";

        if (rowIndex is not null)
        {
            if (fixedSize is not null) FixedSizeMisuse(fixedSize, target, display, wholeParameter, diagnostics, ct, "cannot apply to a [RowIndex] parameter, which is an integer");
            string? problem = p.IsParams ? "cannot be a params array; declare one int or long parameter"
                : isConst ? "cannot also be [Const]; the row index is not an SQL argument"
                : shape != KernelShape.RowWise ? "applies to row-wise functions; a vectorized function sees the whole batch and indexes it itself"
                : p.Type.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64) ? $"needs an int or long parameter; '{typeName}' is not one"
                : null;
            if (problem is null) return new ParameterModel(p.Name, p.Name, ParameterRole.RowIndex, null, false, null, null);
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowIndexMisuse, AttributeValues.Location(rowIndex, wholeParameter, ct), p.Name, display, problem));
            return null;
        }

        if (typeName == ContextType || typeName == "System.Threading.CancellationToken")
        {
            if (fixedSize is not null) FixedSizeMisuse(fixedSize, target, display, wholeParameter, diagnostics, ct, $"needs an array parameter; '{typeName}' is not one");
            return new ParameterModel(p.Name, p.Name, typeName == ContextType ? ParameterRole.Context : ParameterRole.Cancellation, null, false, null, null);
        }

        if (p.IsParams)
        {
            string? problem = isConst ? "a params array cannot be [Const]; declare the constants before it"
                : p.Type is not IArrayTypeSymbol ? "use a params array (params T[] values)"
                : null;
            if (problem is null && p.Type is IArrayTypeSymbol array)
            {
                var element = TypeMapper.Map(array.ElementType, TypeMapper.Storage.Inferred, out var error);
                if (element is not null)
                {
                    // [FixedSize] on a params array sizes each variadic argument: [FixedSize(2)] params double[][] points.
                    if (fixedSize is not null && element.Kind != ArrowKind.List)
                    {
                        FixedSizeMisuse(fixedSize, target, display, wholeParameter, diagnostics, ct,
                            $"applies to each variadic argument, which must then be an array (params {array.ElementType.ToDisplayString()}[][] {p.Name}); '{array.ElementType.ToDisplayString()}' is not one");
                        return null;
                    }
                    element = WithFixedSize(element, fixedSize, target, display, wholeParameter, diagnostics, ct);
                    return element is null ? null : new ParameterModel(p.Name, p.Name, ParameterRole.Varargs, element, false, null, null);
                }
                problem = error;
            }
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ParamsMisuse, location, p.Name, display, problem ?? "unsupported params type"));
            return null;
        }

        if (isConst)
        {
            var type = TypeMapper.Map(p.Type, TypeMapper.Storage.Inferred, out _);
            if (type is not null && fixedSize is not null)
            {
                type = WithFixedSize(type, fixedSize, target, display, wholeParameter, diagnostics, ct);
                if (type is null) return null;
            }
            // Struct constants ([ArrowRecord] types) are read once at bind, like any other constant.
            if (type is null || type.Kind is ArrowKind.List or ArrowKind.FixedSizeList or ArrowKind.Map or ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BadConstType, location, p.Name, display, typeName));
                return null;
            }
            return new ParameterModel(p.Name, p.Name, ParameterRole.Constant, type, false, null, defaultValue);
        }

        if (fixedSize is not null && shape != KernelShape.RowWise)
        {
            FixedSizeMisuse(fixedSize, target, display, wholeParameter, diagnostics, ct,
                "applies to row-wise functions; a vectorized function takes spans or Arrow arrays");
            return null;
        }

        switch (shape)
        {
            case KernelShape.Spans when last:
            case KernelShape.Spans when p.Type is INamedTypeSymbol { Name: "ReadOnlySpan" }:
            {
                var element = ((INamedTypeSymbol)p.Type).TypeArguments.FirstOrDefault();
                var model = element is null ? null : TypeMapper.Map(element, TypeMapper.Storage.Inferred, out _);
                if (model is null || model.IsNullable || model.Kind is not (ArrowKind.Int8 or ArrowKind.Int16 or ArrowKind.Int32 or ArrowKind.Int64
                    or ArrowKind.UInt8 or ArrowKind.UInt16 or ArrowKind.UInt32 or ArrowKind.UInt64 or ArrowKind.Float32 or ArrowKind.Float64))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.VectorizedMisuse, location, display,
                        $"span parameter '{p.Name}' has element type '{element?.ToDisplayString()}'; spans carry fixed-width numbers (sbyte…ulong, float, double). Use the row-wise form for other types"));
                    return null;
                }
                return new ParameterModel(p.Name, p.Name, last ? ParameterRole.SpanResult : ParameterRole.SpanColumn, model, false, null, null);
            }
            case KernelShape.Arrays when IsArrowArray(p.Type):
            {
                var model = ArrayElement(p.Type);
                if (model is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, p.Name, display,
                        $"'{p.Type.ToDisplayString()}' is not supported in array form; use Int8Array…UInt64Array, FloatArray, DoubleArray, BooleanArray, StringArray, BinaryArray or Date32Array"));
                    return null;
                }
                return new ParameterModel(p.Name, p.Name, ParameterRole.ArrayColumn, model, false, p.Type.ToDisplayString(TypeMapper.TypeFormat), null);
            }
        }

        if (p.Type is INamedTypeSymbol { Name: "ReadOnlySpan", ContainingNamespace.Name: "System" } span
            && span.TypeArguments[0].SpecialType == SpecialType.System_Byte && shape == KernelShape.RowWise)
        {
            if (fixedSize is not null)
            {
                FixedSizeMisuse(fixedSize, target, display, wholeParameter, diagnostics, ct, $"needs an array type (double[], long[], …); '{typeName}' is not one");
                return null;
            }
            var utf8 = new TypeModel(ArrowKind.Utf8, "global::System.ReadOnlySpan<byte>", "global::System.ReadOnlySpan<byte>", false, true);
            return new ParameterModel(p.Name, p.Name, ParameterRole.Column, utf8, true, null, null);
        }

        var column = TypeMapper.Map(p.Type, TypeMapper.Storage.Inferred, out var columnError);
        if (column is null || column.Kind is ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedParameterType, location, p.Name, display, columnError ?? $"'{typeName}' cannot be a column"));
            return null;
        }
        column = WithFixedSize(column, fixedSize, target, display, wholeParameter, diagnostics, ct);
        return column is null ? null : new ParameterModel(p.Name, p.Name, ParameterRole.Column, column, false, null, defaultValue);
    }

    private static AttributeData? Find(IEnumerable<AttributeData> attributes, string name) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);

    /// <summary>
    /// <paramref name="model"/> as <c>FIXED_SIZE_LIST(T, n)</c> when <paramref name="fixedSize"/> is
    /// <c>[FixedSize(n)]</c>; null (with a diagnostic) when it is not a list or n is below 1.
    /// </summary>
    private static TypeModel? WithFixedSize(TypeModel model, AttributeData? fixedSize, string target, string display, Location fallback, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (fixedSize is null) return model;
        if (model.Kind != ArrowKind.List)
        {
            string typeName = model.CSharpType.Replace("global::", "");
            FixedSizeMisuse(fixedSize, target, display, fallback, diagnostics, ct, model.Kind == ArrowKind.Binary
                ? $"needs an array of values (double[], long[], …); '{typeName}' is a BLOB, not a list"
                : $"needs an array type (double[], long[], …); '{typeName}' is not one");
            return null;
        }
        int size = fixedSize.ConstructorArguments.FirstOrDefault().Value as int? ?? 0;
        if (size < 1)
        {
            FixedSizeMisuse(fixedSize, target, display, fallback, diagnostics, ct, $"has size {size}; a fixed-size list holds at least 1 item");
            return null;
        }
        return model with { Kind = ArrowKind.FixedSizeList, ListSize = size };
    }

    private static void FixedSizeMisuse(AttributeData fixedSize, string target, string display, Location fallback, List<DiagnosticInfo> diagnostics, CancellationToken ct, string problem) =>
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FixedSizeMisuse, AttributeValues.Location(fixedSize, fallback, ct), target, display, problem));

    private static TypeModel? ParseReturn(ITypeSymbol type, string display, Location location, List<DiagnosticInfo> diagnostics)
    {
        string? problem;
        if (type.SpecialType == SpecialType.System_Void) problem = "nothing; a scalar function returns one value per row (or use the span form: void F(ReadOnlySpan<T> x, Span<R> result))";
        else if (type is INamedTypeSymbol { Name: "Task" or "ValueTask" })
            problem = $"'{type.ToDisplayString()}'; scalar functions run synchronously per batch, so return the value itself";
        else
        {
            var model = TypeMapper.Map(type, TypeMapper.Storage.Inferred, out var error);
            if (model is not null && model.Kind is not (ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch)) return model;
            problem = "a type with no SQL mapping: " + (error ?? $"'{type.ToDisplayString()}'");
        }
        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedReturnType, location, display, problem));
        return null;
    }

    /// <summary>The value mapping of an Apache.Arrow array class, for the array-vectorized form.</summary>
    private static TypeModel? ArrayElement(ITypeSymbol arrayType)
    {
        ArrowKind? kind = arrayType.Name switch
        {
            "Int8Array" => ArrowKind.Int8,
            "Int16Array" => ArrowKind.Int16,
            "Int32Array" => ArrowKind.Int32,
            "Int64Array" => ArrowKind.Int64,
            "UInt8Array" => ArrowKind.UInt8,
            "UInt16Array" => ArrowKind.UInt16,
            "UInt32Array" => ArrowKind.UInt32,
            "UInt64Array" => ArrowKind.UInt64,
            "FloatArray" => ArrowKind.Float32,
            "DoubleArray" => ArrowKind.Float64,
            "BooleanArray" => ArrowKind.Bool,
            "StringArray" => ArrowKind.Utf8,
            "BinaryArray" => ArrowKind.Binary,
            "Date32Array" => ArrowKind.Date32,
            _ => null,
        };
        if (kind is null) return null;
        string name = arrayType.ToDisplayString(TypeMapper.TypeFormat).TrimEnd('?');
        return new TypeModel(kind.Value, name, name, true, false);
    }

    internal static object? Named(AttributeData attribute, string name) => AttributeValues.Named(attribute, name);

    /// <summary>Why generated code in the same assembly cannot call the method, or null.</summary>
    internal static string? Inaccessibility(IMethodSymbol method)
    {
        if (method.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
            return method.DeclaredAccessibility.ToString().ToLowerInvariant();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.DeclaredAccessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal)
                return $"inside {type.DeclaredAccessibility.ToString().ToLowerInvariant()} type '{type.Name}'";
        }
        return null;
    }

    /// <summary><c>Text_UpperCase</c>, with a suffix for C# overloads that share a method name.</summary>
    internal static string ClassName(IMethodSymbol method)
    {
        var type = method.ContainingType;
        string prefix = type.ToDisplayString().Replace('.', '_').Replace('<', '_').Replace('>', '_').Replace(',', '_').Replace(' ', '_');
        var siblings = type.GetMembers(method.Name).OfType<IMethodSymbol>().ToList();
        string suffix = siblings.Count > 1 ? "_" + siblings.IndexOf(method) : "";
        return $"{prefix}_{method.Name}{suffix}";
    }

    /// <summary>The text of the method's XML <c>&lt;summary&gt;</c>, read from the trivia (works whether or not doc comments are enabled).</summary>
    internal static string? Summary(MethodDeclarationSyntax syntax)
    {
        var text = new StringBuilder();
        foreach (var trivia in syntax.GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia))
            {
                foreach (var line in trivia.ToFullString().Split('\n')) text.AppendLine(StripSlashes(line));
            }
            else if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && trivia.ToString().StartsWith("///", StringComparison.Ordinal))
            {
                text.AppendLine(StripSlashes(trivia.ToString()));
            }
        }
        if (text.Length == 0) return null;
        try
        {
            var summary = XElement.Parse("<doc>" + text + "</doc>").Element("summary");
            if (summary is null) return null;
            var plain = new StringBuilder();
            foreach (var node in summary.DescendantNodes())
            {
                if (node is XText t) plain.Append(t.Value);
                else if (node is XElement { Name.LocalName: "see" or "seealso" or "paramref" or "typeparamref" } e && !e.Nodes().Any())
                    plain.Append(((string?)e.Attribute("cref") ?? (string?)e.Attribute("name") ?? (string?)e.Attribute("langword") ?? "").Split(':').Last().Split('.').Last());
            }
            return Regex.Replace(plain.ToString(), @"\s+", " ").Trim();
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    private static string StripSlashes(string line)
    {
        string trimmed = line.TrimStart();
        return trimmed.StartsWith("///", StringComparison.Ordinal) ? trimmed.Substring(3) : trimmed;
    }
}
