using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Vgi.Generators.Common;

/// <summary>Reads attribute arguments and finds where they are written.</summary>
internal static class AttributeValues
{
    /// <summary>A named argument's scalar value, or null when it is not set.</summary>
    public static object? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name) return argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value;
        }
        return null;
    }

    /// <summary>A named <c>string[]</c> argument (null entries read as ""), or empty when it is not set or null.</summary>
    public static EquatableArray<string> Strings(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name) return Strings(argument.Value);
        }
        return EquatableArray<string>.Empty;
    }

    /// <summary>The strings of an array constant (null entries read as ""); empty for a null array.</summary>
    public static EquatableArray<string> Strings(TypedConstant constant) =>
        constant.Kind != TypedConstantKind.Array || constant.IsNull
            ? EquatableArray<string>.Empty
            : new EquatableArray<string>(constant.Values.Select(v => v.Value as string ?? ""));

    /// <summary>The attribute as written (<c>Min(0)</c>), or <paramref name="fallback"/>.</summary>
    public static Location Location(AttributeData attribute, Location fallback, CancellationToken ct) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation() ?? fallback;

    /// <summary>The named argument as written (<c>Tags = ["a"]</c>), else the attribute, else <paramref name="fallback"/>.</summary>
    public static Location ArgumentLocation(AttributeData attribute, string name, Location fallback, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax) return fallback;
        var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
        return (argument ?? (SyntaxNode)syntax).GetLocation();
    }

    /// <summary>Problems with alternating keys and values (an odd count, a repeated key), or null when they pair up.</summary>
    public static string? PairProblem(IReadOnlyList<string> pairs)
    {
        if (pairs.Count % 2 != 0) return $"has an odd number of entries ({pairs.Count})";
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < pairs.Count; i += 2)
        {
            if (!keys.Add(pairs[i])) return $"repeats the key '{pairs[i]}'";
        }
        return null;
    }
}
