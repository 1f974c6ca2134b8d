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
    public const string MinAttribute = "Vgi.MinAttribute";
    public const string GreaterThanAttribute = "Vgi.GreaterThanAttribute";
    public const string OneOfAttribute = "Vgi.OneOfAttribute";
    public const string RowCountAttribute = "Vgi.RowCountAttribute";
    public const string BatchSizeAttribute = "Vgi.BatchSizeAttribute";
    private const string ScanContextType = "Vgi.Functions.TableScanContext";
    private const string ColumnStatisticsType = "Vgi.Functions.ColumnStatistics";
    private const string RowBatchType = "Vgi.Functions.RowBatch<T>";

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
        var options = ParseOptions(attribute, display, attributeLocation, diagnostics, ct);
        long cardinality = AttributeValues.Named(attribute, "Cardinality") as long? ?? -1;
        if (cardinality < -1)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CardinalityMisuse, AttributeValues.ArgumentLocation(attribute, "Cardinality", attributeLocation, ct), display,
                $"is {cardinality}; write the number of rows every call returns (0 or more), or leave it at -1 for unknown"));
            cardinality = -1;
        }

        var parameters = new List<ParameterModel>();
        if (!method.IsGenericMethod)
        {
            string? rowCountParameter = null, batchSizeParameter = null;
            for (int i = 0; i < method.Parameters.Length; i++)
            {
                var p = method.Parameters[i];
                var parameterSyntax = syntax.ParameterList.Parameters[i];
                var parameter = ParseParameter(p, display, parameterSyntax.Type?.GetLocation(), parameterSyntax.GetLocation(), diagnostics, ct);
                if (parameter is null) continue;
                parameters.Add(parameter);
                if (parameter.Checks is { BatchSize: true })
                {
                    if (batchSizeParameter is null)
                    {
                        batchSizeParameter = p.Name;
                    }
                    else
                    {
                        var batchSizeAttribute = p.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == BatchSizeAttribute);
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchSizeMisuse, AttributeValues.Location(batchSizeAttribute, parameterSyntax.GetLocation(), ct), p.Name, display,
                            $"is the second one; only one argument can set the batch size (it is already on '{batchSizeParameter}')"));
                    }
                }
                if (parameter.Checks is not { RowCount: true }) continue;
                var rowCount = p.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == RowCountAttribute);
                if (cardinality >= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.CardinalityMisuse, AttributeValues.ArgumentLocation(attribute, "Cardinality", attributeLocation, ct), display,
                        $"is fixed at {cardinality} while [RowCount] on '{p.Name}' gives each call's row count; keep one of them"));
                    cardinality = -1;
                }
                if (rowCountParameter is null)
                {
                    rowCountParameter = p.Name;
                    continue;
                }
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowCountMisuse, AttributeValues.Location(rowCount, parameterSyntax.GetLocation(), ct), p.Name, display,
                    $"is the second one; only one argument can be the row count (it is already on '{rowCountParameter}')"));
            }
        }
        string? statistics = method.IsGenericMethod ? null : ParseHook(method, attribute, "Statistics", display, attributeLocation, diagnostics, ct);
        string? validate = method.IsGenericMethod ? null : ParseHook(method, attribute, "Validate", display, attributeLocation, diagnostics, ct);

        var returnLocation = syntax.ReturnType.GetLocation();
        bool isAsync = false, yieldsBatches = false;
        string rowType = "";
        var columns = new List<RowColumnModel>();
        if (RowTypeOf(method.ReturnType, out isAsync) is not { } row)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableReturnType, returnLocation, display, method.ReturnType.ToDisplayString()));
        }
        else if (!method.IsGenericMethod && (IsRowBatch(row) || IsRowBatch(NullableUnderlying(row))))
        {
            // Whole batches: the columns come from the RowBatch's row type.
            yieldsBatches = true;
            if (BatchRowTypeOf(row, display, returnLocation, diagnostics) is { } batchRow)
            {
                rowType = batchRow.ToDisplayString(TypeMapper.TypeFormat);
                CollectColumns(batchRow, display, returnLocation, columns, diagnostics, ct, batchOf: row);
            }
            if (AttributeValues.Named(attribute, "BatchSize") is int && !method.Parameters.Any(p => p.Type.ToDisplayString() == ScanContextType))
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchSizeOfRowBatches, AttributeValues.ArgumentLocation(attribute, "BatchSize", attributeLocation, ct), display,
                    row.ToDisplayString()));
        }
        else if (!method.IsGenericMethod)
        {
            rowType = row.ToDisplayString(TypeMapper.TypeFormat);
            CollectColumns(row, display, returnLocation, columns, diagnostics, ct);
        }

        return new TableFunctionModel(
            method.ContainingType.ToDisplayString(TypeMapper.TypeFormat) + "." + method.Name,
            ScalarFunctionParser.ClassName(method),
            sqlName, schema, description, filterPushdown, applyFilters, maxWorkers, batchSize, isAsync, rowType,
            new EquatableArray<ParameterModel>(parameters),
            new EquatableArray<RowColumnModel>(columns),
            LocationInfo.From(nameLocation),
            new EquatableArray<DiagnosticInfo>(diagnostics))
        {
            Options = options,
            Statistics = statistics,
            Validate = validate,
            Cardinality = cardinality,
            YieldsBatches = yieldsBatches,
        };
    }

    private static TableOptions ParseOptions(AttributeData attribute, string display, Location attributeLocation, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        var tags = AttributeValues.Strings(attribute, "Tags");
        if (AttributeValues.PairProblem(tags) is { } problem)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableTags, AttributeValues.ArgumentLocation(attribute, "Tags", attributeLocation, ct), display, problem));
            tags = EquatableArray<string>.Empty;
        }
        return new TableOptions(
            AttributeValues.Named(attribute, "ProjectionPushdown") as bool? ?? true,
            AttributeValues.Named(attribute, "SamplingPushdown") as bool? ?? false,
            AttributeValues.Named(attribute, "LateMaterialization") as bool? ?? false,
            AttributeValues.Named(attribute, "SupportsBatchIndex") as bool? ?? false,
            AttributeValues.Named(attribute, "Order") as int? ?? 0,
            AttributeValues.Named(attribute, "Partitioning") as int? ?? 0,
            AttributeValues.Strings(attribute, "ExpressionFilters"),
            AttributeValues.Strings(attribute, "Categories"),
            tags,
            AttributeValues.Strings(attribute, "RequiredSettings"),
            AttributeValues.Strings(attribute, "RequiredSecrets"));
    }

    /// <summary>
    /// The call target of the [TableFunction(Statistics = "M")] or [TableFunction(Validate = "M")] method,
    /// or null when none is named or it does not fit: it must be a static method of the same class taking
    /// the function's SQL parameters (same names and types, same order) and returning
    /// <c>IEnumerable&lt;ColumnStatistics&gt;?</c> (Statistics) or void (Validate).
    /// </summary>
    private static string? ParseHook(IMethodSymbol method, AttributeData attribute, string hook, string display, Location attributeLocation, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (AttributeValues.Named(attribute, hook) is not string name) return null;
        bool statistics = hook == "Statistics";
        var sql = method.Parameters.Where(p => !IsInjected(p.Type)).ToList();
        var candidates = method.ContainingType.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
        var match = candidates.FirstOrDefault(m => HookProblem(m, sql, statistics) is null);
        string? problem = candidates.Count == 0 ? $"does not exist in '{method.ContainingType.Name}'"
            : match is null ? HookProblem(candidates[0], sql, statistics)
            : ScalarFunctionParser.Inaccessibility(match) is { } hidden ? $"is {hidden}, so the generated binder cannot call it"
            : null;
        if (problem is null) return method.ContainingType.ToDisplayString(TypeMapper.TypeFormat) + "." + name;
        string expected = string.Join(", ", sql.Select(p => $"{p.Type.ToDisplayString()} {p.Name}"));
        diagnostics.Add(DiagnosticInfo.Create(statistics ? DiagnosticDescriptors.StatisticsMethod : DiagnosticDescriptors.ValidateMethod,
            AttributeValues.ArgumentLocation(attribute, hook, attributeLocation, ct), name, display, problem, expected));
        return null;
    }

    private static string? HookProblem(IMethodSymbol candidate, List<IParameterSymbol> sql, bool statistics)
    {
        if (!candidate.IsStatic) return "is not static";
        if (candidate.IsGenericMethod) return "is generic";
        bool parametersFit = candidate.Parameters.Length == sql.Count && candidate.Parameters.Zip(sql, (c, f) =>
            c.RefKind == RefKind.None && c.Name == f.Name && SymbolEqualityComparer.Default.Equals(c.Type, f.Type)
            && !(f.Type.NullableAnnotation == NullableAnnotation.Annotated && c.Type.NullableAnnotation == NullableAnnotation.NotAnnotated)).All(fits => fits);
        if (!parametersFit)
            return $"takes ({string.Join(", ", candidate.Parameters.Select(p => $"{p.Type.ToDisplayString()} {p.Name}"))}) instead of the function's SQL parameters";
        if (statistics ? !YieldsStatistics(candidate.ReturnType) : !candidate.ReturnsVoid) return $"returns '{candidate.ReturnType.ToDisplayString()}'";
        return null;
    }

    private static bool YieldsStatistics(ITypeSymbol type)
    {
        static bool IsEnumerableOfStatistics(INamedTypeSymbol t) =>
            t.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T && t.TypeArguments[0].ToDisplayString(TypeMapper.TypeFormat).TrimEnd('?') == "global::" + ColumnStatisticsType;
        return (type is INamedTypeSymbol named && IsEnumerableOfStatistics(named)) || type.AllInterfaces.Any(IsEnumerableOfStatistics);
    }

    private static bool IsInjected(ITypeSymbol type) =>
        type.ToDisplayString() is ScalarFunctionParser.ContextType or "System.Threading.CancellationToken" or ScanContextType;

    /// <summary><c>Min</c> for <c>Vgi.MinAttribute</c>.</summary>
    internal static string ShortName(AttributeData attribute)
    {
        string name = attribute.AttributeClass?.Name ?? "";
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
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

    private static bool IsRowBatch(ITypeSymbol? type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && named.OriginalDefinition.ToDisplayString() == RowBatchType;

    private static ITypeSymbol? NullableUnderlying(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : null;

    /// <summary>
    /// The row type <c>T</c> of the <c>RowBatch&lt;T&gt;</c> (or <c>RowBatch&lt;T&gt;?</c>) the method yields
    /// when it can be a row; null, reported as VGEN0032, when it cannot (the columns are checked after).
    /// </summary>
    private static ITypeSymbol? BatchRowTypeOf(ITypeSymbol element, string display, Location returnLocation, List<DiagnosticInfo> diagnostics)
    {
        if (NullableUnderlying(element) is { } underlying)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowBatchType, returnLocation, display, element.ToDisplayString(),
                $"a batch cannot be null; yield '{underlying.ToDisplayString()}' (one with no rows is an empty batch, which the worker skips)"));
            return null;
        }
        var row = ((INamedTypeSymbol)element).TypeArguments[0];
        if (IsRowBatch(row) || IsRowBatch(NullableUnderlying(row)))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowBatchType, returnLocation, display, element.ToDisplayString(),
                $"a RowBatch holds rows, not batches; yield '{row.ToDisplayString()}' itself"));
            return null;
        }
        if (TypeMapper.Map(row, TypeMapper.Storage.Inferred, out _) is null && RowsOf(row) is { } item)
        {
            string itemName = item.ToDisplayString();
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowBatchType, returnLocation, display, element.ToDisplayString(),
                $"its type argument is the row type and Rows holds the list; yield 'RowBatch<{itemName}>' built with new RowBatch<{itemName}>(rows)"));
            return null;
        }
        return row;
    }

    /// <summary>The item type of an array or a <c>System.Collections</c> collection (<c>List&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, ...), or null.</summary>
    private static ITypeSymbol? RowsOf(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return array.ElementType;
        if (type is not INamedTypeSymbol named || named.ContainingNamespace?.ToDisplayString().StartsWith("System.Collections", StringComparison.Ordinal) != true) return null;
        static bool IsEnumerable(INamedTypeSymbol t) => t.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T;
        return IsEnumerable(named) ? named.TypeArguments[0] : named.AllInterfaces.FirstOrDefault(IsEnumerable)?.TypeArguments[0];
    }

    /// <param name="batchOf">The <c>RowBatch&lt;T&gt;</c> the rows come in, when the method yields batches.</param>
    private static void CollectColumns(ITypeSymbol row, string display, Location returnLocation, List<RowColumnModel> columns, List<DiagnosticInfo> diagnostics, CancellationToken ct,
        ITypeSymbol? batchOf = null)
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
            var properties = RecordParser.CollectProperties(named);
            var constructor = RecordParser.FindMemberConstructor(named, properties);
            foreach (var property in properties)
            {
                var location = property.Locations.FirstOrDefault(l => l.IsInSource) ?? returnLocation;
                var parameter = constructor?.Parameters.FirstOrDefault(p => RecordParser.Matches(p, property));
                var metadata = FieldMetadata.Collect(property, parameter, location, ct, out var problem, out var problemLocation);
                if (problem is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FieldMetadata, problemLocation, property.Name, named.Name, problem));
                    continue;
                }
                AddColumn(property.Name, "." + property.Name, property.Type, location, display, columns, diagnostics, metadata);
            }
        }
        if (columns.Count == 0 && !diagnostics.Any(d => d.Descriptor == DiagnosticDescriptors.TableRowMember || d.Descriptor == DiagnosticDescriptors.TableTupleNames || d.Descriptor == DiagnosticDescriptors.FieldMetadata))
        {
            diagnostics.Add(batchOf is null
                ? DiagnosticInfo.Create(DiagnosticDescriptors.TableRowType, returnLocation, display, row.ToDisplayString())
                : DiagnosticInfo.Create(DiagnosticDescriptors.RowBatchType, returnLocation, display, batchOf.ToDisplayString(),
                    $"its row type '{row.ToDisplayString()}' has no columns; use a record, record struct, named tuple, or a single mapped type (one column named 'value')"));
        }
    }

    private static void AddColumn(string member, string access, ITypeSymbol type, Location location, string display, List<RowColumnModel> columns, List<DiagnosticInfo> diagnostics,
        EquatableArray<string> metadata = default)
    {
        string name = Naming.SnakeCase(member);
        var model = TypeMapper.Map(type, TypeMapper.Storage.Inferred, out var error);
        if (model is null || model.Kind is ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.TableRowMember, location, name, display, error ?? $"'{type.ToDisplayString()}' cannot be a column"));
            return;
        }
        columns.Add(new RowColumnModel(name, access, model, metadata));
    }

    private static ParameterModel? ParseParameter(IParameterSymbol p, string display, Location? typeLocation, Location wholeParameter, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        if (p.RefKind != RefKind.None)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ByRefParameter, wholeParameter, p.Name, display, p.RefKind == RefKind.Out ? "out" : p.RefKind == RefKind.Ref ? "ref" : "in"));
            return null;
        }
        foreach (var a in p.GetAttributes())
        {
            // Row indices and fixed-size lists are scalar-function features.
            switch (a.AttributeClass?.ToDisplayString())
            {
                case ScalarFunctionParser.RowIndexAttribute:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowIndexMisuse, AttributeValues.Location(a, wholeParameter, ct), p.Name, display,
                        "has no effect: a [TableFunction] produces its rows itself, so count them in the method"));
                    return null;
                case ScalarFunctionParser.FixedSizeAttribute:
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FixedSizeMisuse, AttributeValues.Location(a, wholeParameter, ct), $"parameter '{p.Name}'", display,
                        "has no effect: table function arguments are plain lists (T[]); check the length in the method"));
                    return null;
            }
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
            named ? SymbolText.DefaultValue(p) : null, ParseChecks(p, type, display, wholeParameter, diagnostics, ct));
    }

    /// <summary>The argument's [Min], [GreaterThan], [OneOf], [RowCount] and [BatchSize], or null when it has none.</summary>
    private static ArgumentChecks? ParseChecks(IParameterSymbol p, TypeModel type, string display, Location wholeParameter, List<DiagnosticInfo> diagnostics, CancellationToken ct)
    {
        string? min = null, greaterThan = null;
        var oneOf = EquatableArray<string>.Empty;
        bool rowCount = false, batchSize = false;
        foreach (var a in p.GetAttributes())
        {
            string? attributeName = a.AttributeClass?.ToDisplayString();
            if (attributeName is not (MinAttribute or GreaterThanAttribute or OneOfAttribute or RowCountAttribute or BatchSizeAttribute)) continue;
            var location = AttributeValues.Location(a, wholeParameter, ct);
            string typeName = p.Type.ToDisplayString();
            switch (attributeName)
            {
                case MinAttribute or GreaterThanAttribute:
                    if (!IsInteger(type) && type.Kind is not (ArrowKind.Float32 or ArrowKind.Float64))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BoundOnNonNumeric, location, ShortName(a), p.Name, display, typeName));
                        break;
                    }
                    string? bound = a.ConstructorArguments.Length == 1 ? BoundLiteral(a.ConstructorArguments[0].Value) : null;
                    if (attributeName == MinAttribute) min = bound;
                    else greaterThan = bound;
                    break;
                case OneOfAttribute:
                    if (type.Kind != ArrowKind.Utf8)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OneOfMisuse, location, p.Name, display, $"needs a string parameter; '{typeName}' is not one"));
                        break;
                    }
                    oneOf = a.ConstructorArguments.Length == 1 ? AttributeValues.Strings(a.ConstructorArguments[0]) : EquatableArray<string>.Empty;
                    if (oneOf.Count == 0)
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OneOfMisuse, location, p.Name, display, "lists no choices; write them all: [OneOf(\"fast\", \"exact\")]"));
                    break;
                case RowCountAttribute:
                    if (!IsInteger(type))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.RowCountMisuse, location, p.Name, display,
                            $"needs an integer parameter (long, int, ...); '{typeName}' is not one"));
                        break;
                    }
                    rowCount = true;
                    break;
                case BatchSizeAttribute:
                    if (!IsInteger(type))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.BatchSizeMisuse, location, p.Name, display,
                            $"needs an integer parameter (long, int, ...); '{typeName}' is not one"));
                        break;
                    }
                    batchSize = true;
                    break;
            }
        }
        return min is null && greaterThan is null && oneOf.Count == 0 && !rowCount && !batchSize ? null : new ArgumentChecks(min, greaterThan, oneOf, rowCount, batchSize);
    }

    private static bool IsInteger(TypeModel type) => type.Kind is ArrowKind.Int8 or ArrowKind.Int16 or ArrowKind.Int32 or ArrowKind.Int64
        or ArrowKind.UInt8 or ArrowKind.UInt16 or ArrowKind.UInt32 or ArrowKind.UInt64;

    /// <summary>The bound as a C# literal of the attribute's type: <c>0L</c>, <c>-5L</c>, <c>0.5</c>, <c>1.0</c>.</summary>
    private static string? BoundLiteral(object? value) => value switch
    {
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L",
        double d when double.IsNaN(d) => "double.NaN",
        double d when double.IsPositiveInfinity(d) => "double.PositiveInfinity",
        double d when double.IsNegativeInfinity(d) => "double.NegativeInfinity",
        double d => DoubleLiteral(d),
        _ => null,
    };

    private static string DoubleLiteral(double d)
    {
        string text = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return text.IndexOfAny(['.', 'E']) < 0 ? text + ".0" : text;
    }
}
