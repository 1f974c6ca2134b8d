using Microsoft.CodeAnalysis;
using Vgi.Generators.Common;

namespace Vgi.Generators.Types;

/// <summary>Maps C# types to <see cref="TypeModel"/>s, or explains why a type cannot be mapped.</summary>
internal static class TypeMapper
{
    public const string ArrowRecordAttribute = "Vgi.ArrowRecordAttribute";
    public const string ArrowEnumAttribute = "Vgi.ArrowEnumAttribute";
    private const string ArrowEnumValueAttribute = "Vgi.ArrowEnumValueAttribute";

    public static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Storage requested by <c>[ArrowField(Storage = …)]</c>, mirroring <c>Vgi.ArrowStorage</c>.</summary>
    public enum Storage
    {
        Inferred = 0,
        IpcBytes = 1,
        LargeBinary = 2,
        LargeUtf8 = 3,
    }

    /// <summary>Returns the model, or null with <paramref name="error"/> naming the type and what to use instead.</summary>
    public static TypeModel? Map(ITypeSymbol type, Storage storage, out string? error)
    {
        error = null;
        bool nullable = false;
        ITypeSymbol core = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nt)
        {
            nullable = true;
            core = nt.TypeArguments[0];
        }
        else if (!type.IsValueType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            nullable = true;
            core = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        }

        string full = type.ToDisplayString(TypeFormat);
        string notNull = core.ToDisplayString(TypeFormat);
        if (nullable && !full.EndsWith("?", StringComparison.Ordinal)) full += "?";
        TypeModel Simple(ArrowKind kind) => new(kind, full, notNull, nullable, core.IsValueType);

        switch (core.SpecialType)
        {
            case SpecialType.System_Boolean: return Simple(ArrowKind.Bool);
            case SpecialType.System_SByte: return Simple(ArrowKind.Int8);
            case SpecialType.System_Int16: return Simple(ArrowKind.Int16);
            case SpecialType.System_Int32: return Simple(ArrowKind.Int32);
            case SpecialType.System_Int64: return Simple(ArrowKind.Int64);
            case SpecialType.System_Byte: return Simple(ArrowKind.UInt8);
            case SpecialType.System_UInt16: return Simple(ArrowKind.UInt16);
            case SpecialType.System_UInt32: return Simple(ArrowKind.UInt32);
            case SpecialType.System_UInt64: return Simple(ArrowKind.UInt64);
            case SpecialType.System_Single: return Simple(ArrowKind.Float32);
            case SpecialType.System_Double: return Simple(ArrowKind.Float64);
            case SpecialType.System_String:
                return Simple(storage == Storage.LargeUtf8 ? ArrowKind.LargeUtf8 : ArrowKind.Utf8);
            case SpecialType.System_DateTime: return Simple(ArrowKind.Timestamp);
            case SpecialType.System_Char:
                error = $"'{notNull}' has no Arrow encoding; use string";
                return null;
            case SpecialType.System_Decimal:
                error = "'decimal' is not supported in Arrow records; use double, or string for exact values";
                return null;
            case SpecialType.System_Object:
                error = "'object' has no Arrow type; use a concrete type (string, long, double, byte[], an [ArrowRecord] type, …)";
                return null;
        }

        if (core is IArrayTypeSymbol array)
        {
            if (array.ElementType.SpecialType == SpecialType.System_Byte && array.Rank == 1)
                return Simple(storage == Storage.LargeBinary ? ArrowKind.LargeBinary : ArrowKind.Binary);
            if (array.Rank != 1)
            {
                error = $"multi-dimensional array '{notNull}' has no Arrow type; use a jagged array or IReadOnlyList<IReadOnlyList<T>>";
                return null;
            }
            var element = Map(array.ElementType, storage, out error);
            return element is null ? null : new TypeModel(ArrowKind.List, full, notNull, nullable, false, Element: element, Collection: "array");
        }

        if (core is not INamedTypeSymbol named)
        {
            error = $"'{notNull}' has no Arrow type";
            return null;
        }

        string definition = named.OriginalDefinition.ToDisplayString();
        switch (definition)
        {
            case "System.DateTimeOffset": return Simple(ArrowKind.TimestampUtc);
            case "System.DateOnly": return Simple(ArrowKind.Date32);
            case "System.TimeOnly": return Simple(ArrowKind.Time64);
            case "System.TimeSpan": return Simple(ArrowKind.Duration);
            case "Apache.Arrow.Schema": return Simple(ArrowKind.Schema);
            case "Apache.Arrow.RecordBatch": return Simple(ArrowKind.RecordBatch);
            case "System.Collections.Generic.IReadOnlyList<T>":
            case "System.Collections.Generic.IList<T>":
            case "System.Collections.Generic.ICollection<T>":
            case "System.Collections.Generic.IReadOnlyCollection<T>":
            case "System.Collections.Generic.IEnumerable<T>":
            case "System.Collections.Generic.List<T>":
            {
                var element = Map(named.TypeArguments[0], storage, out error);
                string shape = definition == "System.Collections.Generic.List<T>" ? "list" : "array";
                return element is null ? null : new TypeModel(ArrowKind.List, full, notNull, nullable, false, Element: element, Collection: shape);
            }
            case "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>":
            case "System.Collections.Generic.IDictionary<TKey, TValue>":
            case "System.Collections.Generic.Dictionary<TKey, TValue>":
            {
                var key = Map(named.TypeArguments[0], Storage.Inferred, out error);
                if (key is null) return null;
                if (key.IsNullable)
                {
                    error = $"map keys cannot be null in Arrow; use '{key.CSharpTypeNotNull}' as the key type";
                    return null;
                }
                var value = Map(named.TypeArguments[1], Storage.Inferred, out error);
                return value is null ? null : new TypeModel(ArrowKind.Map, full, notNull, nullable, false, Element: value, Key: key, Collection: "dictionary");
            }
            case "System.Guid":
                error = "'Guid' is not supported in Arrow records; use byte[] (16 bytes) or string";
                return null;
            case "System.Half":
                error = "'Half' is not supported in Arrow records; use float";
                return null;
        }

        if (named.TypeKind == TypeKind.Enum)
        {
            var naming = named.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ArrowEnumAttribute);
            bool upperSnake = naming is { ConstructorArguments.Length: 1 } && naming.ConstructorArguments[0].Value is int n && n == 1;
            var members = new List<string>();
            var wire = new List<string>();
            foreach (var field in named.GetMembers().OfType<IFieldSymbol>().Where(f => f.IsConst))
            {
                members.Add(field.Name);
                var explicitName = field.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == ArrowEnumValueAttribute);
                wire.Add(explicitName?.ConstructorArguments[0].Value as string ?? (upperSnake ? Naming.UpperSnakeCase(field.Name) : field.Name));
            }
            // An invalid width is reported on the enum (VGEN0035); 32 bits index any enum, so the
            // generated code still compiles while that error stands.
            int width = EnumIndexWidthProblem(naming, members.Count, out int requested) is null ? requested : 32;
            return new TypeModel(ArrowKind.Enum, full, notNull, nullable, true,
                EnumMembers: new EquatableArray<string>(members), EnumWireNames: new EquatableArray<string>(wire), EnumIndexWidth: width);
        }

        if (named.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ArrowRecordAttribute))
            return Simple(storage == Storage.IpcBytes ? ArrowKind.IpcRecord : ArrowKind.Struct);

        error = $"'{notNull}' has no Arrow type; use string, byte[], bool, an integer or floating-point type, DateTime(Offset), DateOnly, TimeOnly, TimeSpan, an enum, "
            + "IReadOnlyList<T>, IReadOnlyDictionary<K, V>, Apache.Arrow.Schema, Apache.Arrow.RecordBatch, or a type marked [ArrowRecord]";
        return null;
    }

    /// <summary>
    /// The <c>IndexWidth</c> of an <c>[ArrowEnum]</c> attribute (16 when absent) in <paramref name="width"/>,
    /// and null, or why that width cannot index an enum of <paramref name="memberCount"/> members.
    /// </summary>
    public static string? EnumIndexWidthProblem(AttributeData? attribute, int memberCount, out int width)
    {
        width = 16;
        if (attribute is not null)
            foreach (var named in attribute.NamedArguments)
                if (named.Key == "IndexWidth" && named.Value.Value is int w) width = w;
        if (width is not (8 or 16 or 32)) return $"IndexWidth = {width} is not an Arrow dictionary index width; use 8, 16 or 32";
        long capacity = width switch { 8 => sbyte.MaxValue + 1L, 16 => short.MaxValue + 1L, _ => int.MaxValue + 1L };
        if (memberCount > capacity) return $"it has {memberCount} members but IndexWidth = {width} indexes at most {capacity}; use a wider IndexWidth";
        return null;
    }
}
