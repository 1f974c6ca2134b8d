using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vgi.Generators.Types;

namespace Vgi.Generators.Common;

/// <summary>C# text for symbols' compile-time values.</summary>
internal static class SymbolText
{
    /// <summary>The default value of an optional parameter as a C# expression.</summary>
    public static string DefaultValue(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        if (value is null) return "default";
        if (parameter.Type.TypeKind == TypeKind.Enum) return $"({parameter.Type.ToDisplayString(TypeMapper.TypeFormat)}){value}";
        return value switch
        {
            string s => Naming.Literal(s),
            bool b => b ? "true" : "false",
            float f => SymbolDisplay.FormatPrimitive(f, quoteStrings: false, useHexadecimalNumbers: false) + "f",
            double d => SymbolDisplay.FormatPrimitive(d, quoteStrings: false, useHexadecimalNumbers: false) + "d",
            long l => l + "L",
            ulong ul => ul + "UL",
            uint ui => ui + "U",
            _ => $"({parameter.Type.ToDisplayString(TypeMapper.TypeFormat)}){SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false)}",
        };
    }

}
