using Vgi.Generators.Common;

namespace Vgi.Generators.Types;

/// <summary>
/// How one C# type maps to Arrow, recursively for lists, maps and nested records. Equatable by
/// value, so it can sit in incremental-pipeline models.
/// </summary>
/// <param name="CSharpType">Fully qualified type as written in generated code, nullable annotation included.</param>
/// <param name="CSharpTypeNotNull">The same without the outer nullable annotation.</param>
/// <param name="IsNullable">Whether the C# type admits null (<c>T?</c> or an annotated reference type).</param>
/// <param name="Collection">For lists: <c>array</c> or <c>list</c> (what the reader materialises); for maps: <c>dictionary</c>.</param>
/// <param name="EnumMembers">For enums: C# member names.</param>
/// <param name="EnumWireNames">For enums: the wire names, parallel to <see cref="EnumMembers"/>.</param>
/// <param name="ListSize">For fixed-size lists: the number of items per value.</param>
/// <param name="EnumIndexWidth">For enums: bits of the dictionary index (8, 16 or 32).</param>
internal sealed record TypeModel(
    ArrowKind Kind,
    string CSharpType,
    string CSharpTypeNotNull,
    bool IsNullable,
    bool IsValueType,
    TypeModel? Element = null,
    TypeModel? Key = null,
    string? Collection = null,
    EquatableArray<string> EnumMembers = default,
    EquatableArray<string> EnumWireNames = default,
    int ListSize = 0,
    int EnumIndexWidth = 16);
