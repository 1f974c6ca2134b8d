using Microsoft.CodeAnalysis;
using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>One test per [ScalarFunction] diagnostic: its id, the exact span it marks, and a message saying what to write instead.</summary>
public class ScalarFunctionDiagnosticTests
{
    private static Diagnostic Single(string body, out string source)
    {
        source = "using System;\nusing System.Threading.Tasks;\nusing Vgi;\npublic static partial class F\n{\n" + body + "\n}\n";
        var (_, diagnostics, _) = GeneratorHarness.Run(new FunctionGenerator(), source);
        return Assert.Single(diagnostics);
    }

    /// <summary>Asserts the diagnostic marks the first occurrence of <paramref name="text"/> on the line containing <paramref name="lineMarker"/>.</summary>
    private static void AssertAt(Diagnostic d, string source, string lineMarker, string text)
    {
        var lines = source.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(lineMarker, StringComparison.Ordinal));
        var span = d.Location.GetLineSpan();
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Equal(lines[line].IndexOf(text, StringComparison.Ordinal), span.StartLinePosition.Character);
        Assert.Equal(text.Length, span.EndLinePosition.Character - span.StartLinePosition.Character);
    }

    [Fact]
    public void UnsupportedParameterTypeNamesTheNearestSupported()
    {
        var d = Single("    [ScalarFunction] public static long Round(decimal amount) => 0;", out var source);
        Assert.Equal("VGEN0001", d.Id);
        AssertAt(d, source, "Round", "decimal");
        Assert.Contains("'decimal' is not supported", d.GetMessage());
        Assert.Contains("use double", d.GetMessage());
    }

    [Fact]
    public void UnsupportedGuidParameter()
    {
        var d = Single("    [ScalarFunction] public static long Hash(Guid id) => 0;", out var source);
        Assert.Equal("VGEN0001", d.Id);
        AssertAt(d, source, "Hash", "Guid");
        Assert.Contains("use byte[]", d.GetMessage());
    }

    [Fact]
    public void UnsupportedReturnType()
    {
        var d = Single("    [ScalarFunction] public static object Box(long value) => value;", out var source);
        Assert.Equal("VGEN0002", d.Id);
        AssertAt(d, source, "Box", "object");
        Assert.Contains("'object' has no Arrow type", d.GetMessage());
    }

    [Fact]
    public void AsyncReturnTypeSaysToReturnTheValue()
    {
        var d = Single("    [ScalarFunction] public static Task<long> Later(long value) => Task.FromResult(value);", out var source);
        Assert.Equal("VGEN0002", d.Id);
        AssertAt(d, source, "Later", "Task<long>");
        Assert.Contains("return the value itself", d.GetMessage());
    }

    [Fact]
    public void VoidRowWiseFunctionPointsToTheSpanForm()
    {
        var d = Single("    [ScalarFunction] public static void Nothing(long value) { }", out var source);
        Assert.Equal("VGEN0002", d.Id);
        AssertAt(d, source, "Nothing", "void");
        Assert.Contains("Span<R> result", d.GetMessage());
    }

    [Fact]
    public void TableArgumentAttributeOnAScalarParameter()
    {
        var d = Single("    [ScalarFunction] public static long Twice([Min(0)] long value) => value * 2;", out var source);
        Assert.Equal("VGEN0028", d.Id);
        AssertAt(d, source, "Twice", "Min(0)");
        Assert.Contains("[Min] on parameter 'value' of [ScalarFunction] 'F.Twice'", d.GetMessage());
    }

    [Fact]
    public void RowCountOnAScalarParameter()
    {
        var d = Single("    [ScalarFunction] public static long Twice([RowCount] long value) => value * 2;", out var source);
        Assert.Equal("VGEN0028", d.Id);
        AssertAt(d, source, "Twice", "RowCount");
        Assert.Contains("[RowCount] on parameter 'value'", d.GetMessage());
    }

    [Fact]
    public void InstanceMethod()
    {
        var d = Single("    [ScalarFunction] public long Twice(long value) => value * 2;", out var source);
        Assert.Equal("VGEN0003", d.Id);
        AssertAt(d, source, "Twice", "Twice");
        Assert.Contains("make it static", d.GetMessage());
    }

    [Fact]
    public void GenericMethod()
    {
        var d = Single("    [ScalarFunction] public static T Same<T>(T value) => value;", out var source);
        Assert.Equal("VGEN0004", d.Id);
        AssertAt(d, source, "Same", "Same");
    }

    [Theory]
    [InlineData("ref")]
    [InlineData("out")]
    [InlineData("in")]
    public void ByRefParameter(string kind)
    {
        string body = kind == "out"
            ? "    [ScalarFunction] public static long Get(out long value) { value = 1; return 1; }"
            : $"    [ScalarFunction] public static long Get({kind} long value) => value;";
        var d = Single(body, out var source);
        Assert.Equal("VGEN0005", d.Id);
        AssertAt(d, source, "Get", $"{kind} long value");
        Assert.Contains($"('{kind}')", d.GetMessage());
    }

    [Fact]
    public void ConstOfAListType()
    {
        var d = Single("    [ScalarFunction] public static long Count(long value, [Const] long[] options) => 0;", out var source);
        Assert.Equal("VGEN0006", d.Id);
        AssertAt(d, source, "Count", "long[]");
        Assert.Contains("constants must be bool", d.GetMessage());
    }

    [Theory]
    [InlineData("[ScalarFunction(\"2fast\")]", "function")]
    [InlineData("[ScalarFunction(\"with space\")]", "function")]
    [InlineData("[ScalarFunction(Schema = \"my-schema\")]", "schema")]
    public void InvalidSqlName(string attribute, string what)
    {
        var d = Single($"    {attribute} public static long Id(long value) => value;", out var source);
        Assert.Equal("VGEN0007", d.Id);
        AssertAt(d, source, "Id(long", attribute.TrimStart('[').TrimEnd(']'));
        Assert.Contains($"valid SQL {what} name", d.GetMessage());
    }

    [Fact]
    public void DuplicateSignatureInOneSchema()
    {
        var d = Single("    [ScalarFunction(\"twice\")] public static long A(long value) => value;\n    [ScalarFunction(\"twice\")] public static long B(long other) => other;", out var source);
        Assert.Equal("VGEN0008", d.Id);
        AssertAt(d, source, "long B(", "B");
        Assert.Contains("main.twice(BIGINT)", d.GetMessage());
    }

    [Fact]
    public void OverloadsWithDifferentTypesAreFine()
    {
        var (_, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(),
            "using Vgi;\npublic static class F\n{\n    [ScalarFunction(\"twice\")] public static long A(long value) => value;\n    [ScalarFunction(\"twice\")] public static double B(double value) => value;\n}\n");
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
    }

    [Fact]
    public void ConstParamsArray()
    {
        var d = Single("    [ScalarFunction] public static long Sum([Const] params long[] values) => 0;", out var source);
        Assert.Equal("VGEN0009", d.Id);
        AssertAt(d, source, "Sum", "long[]");
        Assert.Contains("cannot be [Const]", d.GetMessage());
    }

    [Fact]
    public void ParamsOfUnsupportedElement()
    {
        var d = Single("    [ScalarFunction] public static long Sum(params object[] values) => 0;", out var source);
        Assert.Equal("VGEN0009", d.Id);
        AssertAt(d, source, "Sum", "object[]");
    }

    [Fact]
    public void PrivateMethod()
    {
        var d = Single("    [ScalarFunction] private static long Hidden(long value) => value;", out var source);
        Assert.Equal("VGEN0010", d.Id);
        AssertAt(d, source, "Hidden", "Hidden");
        Assert.Contains("is private", d.GetMessage());
    }

    [Fact]
    public void MethodInPrivateNestedType()
    {
        var d = Single("    private static class Inner { [ScalarFunction] public static long Hidden(long value) => value; }", out var source);
        Assert.Equal("VGEN0010", d.Id);
        Assert.Contains("inside private type 'Inner'", d.GetMessage());
    }

    [Fact]
    public void SpanFormWithNonNumericSpan()
    {
        var d = Single("    [ScalarFunction] public static void Upper(ReadOnlySpan<char> value, Span<long> result) { }", out var source);
        Assert.Equal("VGEN0011", d.Id);
        AssertAt(d, source, "Upper", "ReadOnlySpan<char>");
        Assert.Contains("fixed-width numbers", d.GetMessage());
    }

    [Fact]
    public void ValidFunctionsProduceNoDiagnostics()
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), ScalarFunctionSnapshotTests.Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        Assert.Equal(8, sources.Count);
    }
}
