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
    [Fact]
    public void UnsupportedParameterTypeNamesTheNearestSupported()
    {
        var d = Single("    [ScalarFunction] public static long Round(decimal amount) => 0;", out var source);
        Assert.Equal("VGEN0001", d.Id);
        GeneratorHarness.AssertAt(d, source, "Round", "decimal");
        Assert.Contains("'decimal' is not supported", d.GetMessage());
        Assert.Contains("use double", d.GetMessage());
    }

    [Fact]
    public void UnsupportedGuidParameter()
    {
        var d = Single("    [ScalarFunction] public static long Hash(Guid id) => 0;", out var source);
        Assert.Equal("VGEN0001", d.Id);
        GeneratorHarness.AssertAt(d, source, "Hash", "Guid");
        Assert.Contains("use byte[]", d.GetMessage());
    }

    [Fact]
    public void UnsupportedReturnType()
    {
        var d = Single("    [ScalarFunction] public static object Box(long value) => value;", out var source);
        Assert.Equal("VGEN0002", d.Id);
        GeneratorHarness.AssertAt(d, source, "Box", "object");
        Assert.Contains("'object' has no Arrow type", d.GetMessage());
    }

    [Fact]
    public void AsyncReturnTypeSaysToReturnTheValue()
    {
        var d = Single("    [ScalarFunction] public static Task<long> Later(long value) => Task.FromResult(value);", out var source);
        Assert.Equal("VGEN0002", d.Id);
        GeneratorHarness.AssertAt(d, source, "Later", "Task<long>");
        Assert.Contains("return the value itself", d.GetMessage());
    }

    [Fact]
    public void VoidRowWiseFunctionPointsToTheSpanForm()
    {
        var d = Single("    [ScalarFunction] public static void Nothing(long value) { }", out var source);
        Assert.Equal("VGEN0002", d.Id);
        GeneratorHarness.AssertAt(d, source, "Nothing", "void");
        Assert.Contains("Span<R> result", d.GetMessage());
    }

    [Fact]
    public void TableArgumentAttributeOnAScalarParameter()
    {
        var d = Single("    [ScalarFunction] public static long Twice([Min(0)] long value) => value * 2;", out var source);
        Assert.Equal("VGEN0028", d.Id);
        GeneratorHarness.AssertAt(d, source, "Twice", "Min(0)");
        Assert.Contains("[Min] on parameter 'value' of [ScalarFunction] 'F.Twice'", d.GetMessage());
    }

    [Fact]
    public void RowCountOnAScalarParameter()
    {
        var d = Single("    [ScalarFunction] public static long Twice([RowCount] long value) => value * 2;", out var source);
        Assert.Equal("VGEN0028", d.Id);
        GeneratorHarness.AssertAt(d, source, "Twice", "RowCount");
        Assert.Contains("[RowCount] on parameter 'value'", d.GetMessage());
    }

    [Fact]
    public void BatchSizeOnAScalarParameter()
    {
        var d = Single("    [ScalarFunction] public static long Twice([BatchSize] long value) => value * 2;", out var source);
        Assert.Equal("VGEN0028", d.Id);
        GeneratorHarness.AssertAt(d, source, "Twice", "BatchSize");
        Assert.Contains("[BatchSize] on parameter 'value'", d.GetMessage());
    }

    [Fact]
    public void InstanceMethod()
    {
        var d = Single("    [ScalarFunction] public long Twice(long value) => value * 2;", out var source);
        Assert.Equal("VGEN0003", d.Id);
        GeneratorHarness.AssertAt(d, source, "Twice", "Twice");
        Assert.Contains("make it static", d.GetMessage());
    }

    [Fact]
    public void GenericMethod()
    {
        var d = Single("    [ScalarFunction] public static T Same<T>(T value) => value;", out var source);
        Assert.Equal("VGEN0004", d.Id);
        GeneratorHarness.AssertAt(d, source, "Same", "Same");
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
        GeneratorHarness.AssertAt(d, source, "Get", $"{kind} long value");
        Assert.Contains($"('{kind}')", d.GetMessage());
    }

    [Fact]
    public void ConstOfAListType()
    {
        var d = Single("    [ScalarFunction] public static long Count(long value, [Const] long[] options) => 0;", out var source);
        Assert.Equal("VGEN0006", d.Id);
        GeneratorHarness.AssertAt(d, source, "Count", "long[]");
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
        GeneratorHarness.AssertAt(d, source, "Id(long", attribute.TrimStart('[').TrimEnd(']'));
        Assert.Contains($"valid SQL {what} name", d.GetMessage());
    }

    [Fact]
    public void DuplicateSignatureInOneSchema()
    {
        var d = Single("    [ScalarFunction(\"twice\")] public static long A(long value) => value;\n    [ScalarFunction(\"twice\")] public static long B(long other) => other;", out var source);
        Assert.Equal("VGEN0008", d.Id);
        GeneratorHarness.AssertAt(d, source, "long B(", "B");
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
        GeneratorHarness.AssertAt(d, source, "Sum", "long[]");
        Assert.Contains("cannot be [Const]", d.GetMessage());
    }

    [Fact]
    public void ParamsOfUnsupportedElement()
    {
        var d = Single("    [ScalarFunction] public static long Sum(params object[] values) => 0;", out var source);
        Assert.Equal("VGEN0009", d.Id);
        GeneratorHarness.AssertAt(d, source, "Sum", "object[]");
    }

    [Fact]
    public void PrivateMethod()
    {
        var d = Single("    [ScalarFunction] private static long Hidden(long value) => value;", out var source);
        Assert.Equal("VGEN0010", d.Id);
        GeneratorHarness.AssertAt(d, source, "Hidden", "Hidden");
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
        GeneratorHarness.AssertAt(d, source, "Upper", "ReadOnlySpan<char>");
        Assert.Contains("fixed-width numbers", d.GetMessage());
    }

    [Fact]
    public void ConstOfAFixedSizeList()
    {
        var d = Single("    [ScalarFunction] public static long Count(long value, [Const, FixedSize(2)] long[] options) => 0;", out var source);
        Assert.Equal("VGEN0006", d.Id);
        GeneratorHarness.AssertAt(d, source, "Count", "long[]");
    }

    [Fact]
    public void ConstOfARecordAndOfBytesAreFine()
    {
        var (_, diagnostics, errors) = GeneratorHarness.Run(ScalarShapeSnapshotTests.Generators,
            "using Vgi;\n[ArrowRecord] public sealed partial record Config(string? Label, long Version);\npublic static class F\n{\n"
            + "    [ScalarFunction] public static long Size([Const] Config config, [Const] byte[] header, long value) => config.Version + header.Length + value;\n}\n");
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("[FixedSize(2)] long value", "FixedSize(2)", "on parameter 'value' of function 'F.Len' needs an array type (double[], long[], …); 'long' is not one")]
    [InlineData("[FixedSize(4)] byte[] value", "FixedSize(4)", "'byte[]' is a BLOB, not a list")]
    [InlineData("[FixedSize(0)] double[] value", "FixedSize(0)", "has size 0; a fixed-size list holds at least 1 item")]
    [InlineData("[FixedSize(-3)] double[] value", "FixedSize(-3)", "has size -3")]
    [InlineData("[FixedSize(2)] params double[] value", "FixedSize(2)", "applies to each variadic argument, which must then be an array (params double[][] value); 'double' is not one")]
    [InlineData("[FixedSize(2)] VgiContext value", "FixedSize(2)", "'Vgi.VgiContext' is not one")]
    public void FixedSizeMisuse(string parameter, string marked, string message)
    {
        var d = Single($"    [ScalarFunction] public static long Len({parameter}) => 0;", out var source);
        Assert.Equal("VGEN0012", d.Id);
        GeneratorHarness.AssertAt(d, source, "Len", marked);
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void FixedSizeOnAReturnValueThatIsNoArray()
    {
        var d = Single("    [ScalarFunction] [return: FixedSize(2)] public static long Len(long value) => 0;", out var source);
        Assert.Equal("VGEN0012", d.Id);
        GeneratorHarness.AssertAt(d, source, "Len", "FixedSize(2)");
        Assert.Contains("[FixedSize] on the return value of function 'F.Len' needs an array type", d.GetMessage());
    }

    [Fact]
    public void FixedSizeInTheSpanForm()
    {
        var d = Single("    [ScalarFunction] public static void Add([FixedSize(2)] ReadOnlySpan<double> x, Span<double> result) { }", out var source);
        Assert.Equal("VGEN0012", d.Id);
        GeneratorHarness.AssertAt(d, source, "Add", "FixedSize(2)");
        Assert.Contains("applies to row-wise functions", d.GetMessage());
    }

    [Theory]
    [InlineData("[RowIndex] string row", "needs an int or long parameter; 'string' is not one")]
    [InlineData("[RowIndex] long? row", "'long?' is not one")]
    [InlineData("[RowIndex] ulong row", "'ulong' is not one")]
    [InlineData("[Const, RowIndex] long row", "cannot also be [Const]")]
    [InlineData("[RowIndex] params long[] row", "cannot be a params array")]
    public void RowIndexMisuse(string parameter, string message)
    {
        var d = Single($"    [ScalarFunction] public static long Seed({parameter}) => 0;", out var source);
        Assert.Equal("VGEN0013", d.Id);
        GeneratorHarness.AssertAt(d, source, "Seed", "RowIndex");
        Assert.Contains("[RowIndex] on parameter 'row' of function 'F.Seed' ", d.GetMessage());
        Assert.Contains(message, d.GetMessage());
    }

    [Fact]
    public void RowIndexInTheSpanForm()
    {
        var d = Single("    [ScalarFunction] public static void Add(ReadOnlySpan<double> x, [RowIndex] int row, Span<double> result) { }", out var source);
        Assert.Equal("VGEN0013", d.Id);
        GeneratorHarness.AssertAt(d, source, "Add", "RowIndex");
        Assert.Contains("applies to row-wise functions", d.GetMessage());
    }

    [Fact]
    public void RowIndexAndFixedSizeOnATableFunction()
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(new FunctionGenerator(),
            "using Vgi;\npublic static class T\n{\n    [TableFunction] public static System.Collections.Generic.IEnumerable<long> Seq([RowIndex] long row, [FixedSize(2)] long[] pair) => [];\n}\n");
        Assert.Equal(["VGEN0013", "VGEN0012"], diagnostics.Select(d => d.Id));
        Assert.Contains("has no effect: a [TableFunction] produces its rows itself", diagnostics[0].GetMessage());
        Assert.Contains("[FixedSize] on parameter 'pair' of function 'T.Seq' has no effect", diagnostics[1].GetMessage());
    }

    [Fact]
    public void OverloadsOverDifferentRecordsAreNotDuplicates()
    {
        const string records = "using Vgi;\n[ArrowRecord] public sealed partial record A(long X);\n[ArrowRecord] public sealed partial record B(long X);\n";
        var (_, distinct, errors) = GeneratorHarness.Run(ScalarShapeSnapshotTests.Generators, records
            + "public static class F\n{\n    [ScalarFunction(\"f\")] public static long X(A a) => a.X;\n    [ScalarFunction(\"f\")] public static long Y(B b) => b.X;\n}\n");
        Assert.Empty(distinct);
        Assert.Empty(errors);

        var (_, duplicate, _) = GeneratorHarness.Run(ScalarShapeSnapshotTests.Generators, records
            + "public static class F\n{\n    [ScalarFunction(\"f\")] public static long X(A a) => a.X;\n    [ScalarFunction(\"f\")] public static long Y(A[] b) => 0;\n    [ScalarFunction(\"f\")] public static long Z(A c) => c.X;\n}\n");
        var d = Assert.Single(duplicate);
        Assert.Equal("VGEN0008", d.Id);
        Assert.Contains("main.f(STRUCT(A))", d.GetMessage());
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
