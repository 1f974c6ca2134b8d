using Microsoft.CodeAnalysis;
using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>[TableFunction] generation: snapshots of the emitted source, and one test per table diagnostic.</summary>
public class TableFunctionTests
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Vgi;
        using Vgi.Functions;

        namespace Sample;

        public sealed record Person(long Id, string Name, DateOnly? Born, double Score);

        public static class Series
        {
            /// <summary>Integers from start (inclusive) to stop (exclusive).</summary>
            [TableFunction]
            public static IEnumerable<(long N, string Label)> Sequence(long start, long stop, long step = 1)
            {
                for (long i = start; i < stop; i += step) yield return (i, "#" + i);
            }

            [TableFunction(FilterPushdown = true, MaxWorkers = 2)]
            public static async IAsyncEnumerable<Person> People(TableScanContext scan, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation = default)
            {
                await System.Threading.Tasks.Task.Yield();
                yield return new Person(1, "Ada", null, 1.5);
            }

            [TableFunction]
            public static IEnumerable<string> Words(string text, string? separator = " ") => text.Split(separator);
        }
        """;

    [Theory]
    [InlineData("Sample_Series_Sequence.TableFunction.g.cs")]
    [InlineData("Sample_Series_People.TableFunction.g.cs")]
    [InlineData("Sample_Series_Words.TableFunction.g.cs")]
    [InlineData("VgiFunctionRegistration.g.cs")]
    public void EmittedSourceMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("Table." + hintName, sources[hintName]);
    }

    private static Diagnostic Single(string body, out string source)
    {
        source = "using System;\nusing System.Collections.Generic;\nusing Vgi;\npublic static class F\n{\n" + body + "\n}\n";
        var (_, diagnostics, _) = GeneratorHarness.Run(new FunctionGenerator(), source);
        return Assert.Single(diagnostics);
    }

    [Fact]
    public void ReturnTypeMustBeRows()
    {
        var d = Single("    [TableFunction] public static long[] Numbers(long count) => new long[count];", out var source);
        Assert.Equal("VGEN0020", d.Id);
        GeneratorHarness.AssertAt(d, source, "Numbers", "long[]");
        Assert.Contains("return IEnumerable<T> or IAsyncEnumerable<T>", d.GetMessage());
    }

    [Fact]
    public void RowTypeWithoutColumns()
    {
        var d = Single("    public sealed class Empty { }\n    [TableFunction] public static IEnumerable<Empty> Nothing() => [];", out var source);
        Assert.Equal("VGEN0021", d.Id);
        GeneratorHarness.AssertAt(d, source, "Nothing", "IEnumerable<Empty>");
    }

    [Fact]
    public void UnsupportedRowMemberPointsAtTheMember()
    {
        var d = Single("    public sealed record Row(long Id, decimal Price);\n    [TableFunction] public static IEnumerable<Row> Rows() => [];", out var source);
        Assert.Equal("VGEN0022", d.Id);
        GeneratorHarness.AssertAt(d, source, "record Row", "Price");
        Assert.Contains("Column 'price'", d.GetMessage());
        Assert.Contains("use double", d.GetMessage());
    }

    [Fact]
    public void UnnamedTupleElements()
    {
        var d = Single("    [TableFunction] public static IEnumerable<(long, string)> Pairs() => [];", out var source);
        Assert.Equal("VGEN0023", d.Id);
        Assert.Contains("unnamed elements ('Item1', 'Item2')", d.GetMessage());
        GeneratorHarness.AssertAt(d, source, "Pairs", "IEnumerable<(long, string)>");
    }

    [Fact]
    public void UnsupportedArgumentType()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Count(object limit) => [];", out var source);
        Assert.Equal("VGEN0001", d.Id);
        GeneratorHarness.AssertAt(d, source, "Count", "object");
    }

    [Fact]
    public void ParamsArgumentsAreRejected()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Count(params long[] values) => values;", out var source);
        Assert.Equal("VGEN0009", d.Id);
        Assert.Contains("use a list argument", d.GetMessage());
    }

    [Fact]
    public void TagsWithAnOddCount()
    {
        var d = Single("    [TableFunction(Tags = [\"owner\", \"ops\", \"tier\"])] public static IEnumerable<long> Rows() => [];", out var source);
        Assert.Equal("VGEN0024", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Tags = [\"owner\", \"ops\", \"tier\"]");
        Assert.Contains("has an odd number of entries (3)", d.GetMessage());
    }

    [Fact]
    public void TagsWithARepeatedKey()
    {
        var d = Single("    [TableFunction(Tags = [\"owner\", \"ops\", \"owner\", \"dev\"])] public static IEnumerable<long> Rows() => [];", out var source);
        Assert.Equal("VGEN0024", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Tags = [\"owner\", \"ops\", \"owner\", \"dev\"]");
        Assert.Contains("repeats the key 'owner'", d.GetMessage());
    }

    [Fact]
    public void MinOnAString()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([Min(0)] string name) => [];", out var source);
        Assert.Equal("VGEN0025", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Min(0)");
        Assert.Contains("[Min] on parameter 'name'", d.GetMessage());
    }

    [Fact]
    public void GreaterThanOnABool()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([GreaterThan(0.5)] bool flag) => [];", out var source);
        Assert.Equal("VGEN0025", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "GreaterThan(0.5)");
        Assert.Contains("'bool' is not an integer, float or double", d.GetMessage());
    }

    [Fact]
    public void OneOfOnANumber()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([OneOf(\"a\", \"b\")] long mode) => [];", out var source);
        Assert.Equal("VGEN0026", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "OneOf(\"a\", \"b\")");
        Assert.Contains("needs a string parameter; 'long' is not one", d.GetMessage());
    }

    [Fact]
    public void OneOfWithoutChoices()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([OneOf] string mode) => [];", out var source);
        Assert.Equal("VGEN0026", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "OneOf");
        Assert.Contains("lists no choices", d.GetMessage());
    }

    [Fact]
    public void RowCountOnADouble()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([RowCount] double count) => [];", out var source);
        Assert.Equal("VGEN0027", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "RowCount");
        Assert.Contains("needs an integer parameter", d.GetMessage());
    }

    [Fact]
    public void RowCountTwice()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([RowCount] long count, [RowCount] int other) => [];", out var source);
        Assert.Equal("VGEN0027", d.Id);
        string line = source.Split('\n').First(l => l.Contains("Rows", StringComparison.Ordinal));
        Assert.Equal(line.IndexOf("RowCount] int", StringComparison.Ordinal), d.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Equal("RowCount".Length, d.Location.SourceSpan.Length);
        Assert.Contains("parameter 'other'", d.GetMessage());
        Assert.Contains("already on 'count'", d.GetMessage());
    }

    [Fact]
    public void NegativeCardinality()
    {
        var d = Single("    [TableFunction(Cardinality = -5)] public static IEnumerable<long> Rows() => [];", out var source);
        Assert.Equal("VGEN0030", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Cardinality = -5");
        Assert.Contains("Cardinality of table function 'F.Rows' is -5", d.GetMessage());
    }

    [Fact]
    public void CardinalityWithRowCount()
    {
        var d = Single("    [TableFunction(Cardinality = 10)] public static IEnumerable<long> Rows([RowCount] long count) => [];", out var source);
        Assert.Equal("VGEN0030", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Cardinality = 10");
        Assert.Contains("while [RowCount] on 'count' gives each call's row count", d.GetMessage());
    }

    [Fact]
    public void UnknownCardinalityIsTheDefault()
    {
        var (_, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(),
            "using System.Collections.Generic;\nusing Vgi;\npublic static class F\n{\n    [TableFunction(Cardinality = -1)] public static IEnumerable<long> Rows([RowCount] long count) => [];\n}\n");
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
    }

    [Fact]
    public void BatchSizeOnAString()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([BatchSize] string size) => [];", out var source);
        Assert.Equal("VGEN0031", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "BatchSize");
        Assert.Contains("[BatchSize] on parameter 'size' of table function 'F.Rows' needs an integer parameter", d.GetMessage());
    }

    [Fact]
    public void BatchSizeTwice()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Rows([BatchSize] long size, [BatchSize] int other = 5) => [];", out var source);
        Assert.Equal("VGEN0031", d.Id);
        string line = source.Split('\n').First(l => l.Contains("Rows", StringComparison.Ordinal));
        Assert.Equal(line.IndexOf("BatchSize] int", StringComparison.Ordinal), d.Location.GetLineSpan().StartLinePosition.Character);
        Assert.Contains("parameter 'other'", d.GetMessage());
        Assert.Contains("already on 'size'", d.GetMessage());
    }

    [Fact]
    public void StatisticsMethodMissing()
    {
        var d = Single("    [TableFunction(Statistics = \"Stats\")] public static IEnumerable<long> Rows(long count) => [];", out var source);
        Assert.Equal("VGEN0029", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Statistics = \"Stats\"");
        Assert.Contains("does not exist in 'F'", d.GetMessage());
        Assert.Contains("static IEnumerable<Vgi.Functions.ColumnStatistics>? Stats(long count)", d.GetMessage());
    }

    [Fact]
    public void StatisticsMethodNotStatic()
    {
        var d = Single("    [TableFunction(Statistics = nameof(Stats))] public static IEnumerable<long> Rows(long count) => [];\n"
            + "    public IEnumerable<Vgi.Functions.ColumnStatistics>? Stats(long count) => null;", out var source);
        Assert.Equal("VGEN0029", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Statistics = nameof(Stats)");
        Assert.Contains("is not static", d.GetMessage());
    }

    [Fact]
    public void StatisticsMethodWithOtherParameters()
    {
        var d = Single("    [TableFunction(Statistics = nameof(Stats))] public static IEnumerable<long> Rows(long count, string? label = null) => [];\n"
            + "    public static IEnumerable<Vgi.Functions.ColumnStatistics>? Stats(int count) => null;", out var source);
        Assert.Equal("VGEN0029", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Statistics = nameof(Stats)");
        Assert.Contains("takes (int count) instead of the function's SQL parameters", d.GetMessage());
        Assert.Contains("Stats(long count, string? label)", d.GetMessage());
    }

    [Fact]
    public void StatisticsMethodWithAnotherReturnType()
    {
        var d = Single("    [TableFunction(Statistics = nameof(Stats))] public static IEnumerable<long> Rows(long count) => [];\n"
            + "    public static IEnumerable<string> Stats(long count) => [];", out var source);
        Assert.Equal("VGEN0029", d.Id);
        Assert.Contains("returns 'System.Collections.Generic.IEnumerable<string>'", d.GetMessage());
    }

    [Fact]
    public void ValidateMethodMissing()
    {
        var d = Single("    [TableFunction(Validate = \"Check\")] public static IEnumerable<long> Rows(long count, string? label = null) => [];", out var source);
        Assert.Equal("VGEN0034", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Validate = \"Check\"");
        Assert.Contains("Validate method 'Check' of table function 'F.Rows' does not exist in 'F'", d.GetMessage());
        Assert.Contains("static void Check(long count, string? label)", d.GetMessage());
    }

    [Fact]
    public void ValidateMethodNotStatic()
    {
        var d = Single("    [TableFunction(Validate = nameof(Check))] public static IEnumerable<long> Rows(long count) => [];\n"
            + "    public void Check(long count) { }", out var source);
        Assert.Equal("VGEN0034", d.Id);
        GeneratorHarness.AssertAt(d, source, "Rows", "Validate = nameof(Check)");
        Assert.Contains("is not static", d.GetMessage());
    }

    [Fact]
    public void ValidateMethodWithOtherParameters()
    {
        var d = Single("    [TableFunction(Validate = nameof(Check))] public static IEnumerable<long> Rows(long count, Vgi.Functions.TableScanContext scan) => [];\n"
            + "    public static void Check(long count, Vgi.Functions.TableScanContext scan) { }", out _);
        Assert.Equal("VGEN0034", d.Id);
        Assert.Contains("instead of the function's SQL parameters", d.GetMessage());
        Assert.Contains("static void Check(long count)", d.GetMessage());
    }

    [Fact]
    public void ValidateMethodNotVoid()
    {
        var d = Single("    [TableFunction(Validate = nameof(Check))] public static IEnumerable<long> Rows(long count) => [];\n"
            + "    public static bool Check(long count) => count > 0;", out _);
        Assert.Equal("VGEN0034", d.Id);
        Assert.Contains("returns 'bool'", d.GetMessage());
    }

    [Fact]
    public void OddRowFieldMetadata()
    {
        var d = Single("    public sealed record Row(long Id, [ArrowField(Metadata = [\"unit\"])] double Value);\n"
            + "    [TableFunction] public static IEnumerable<Row> Rows() => [];", out var source);
        Assert.Equal("VGEN0108", d.Id);
        GeneratorHarness.AssertAt(d, source, "record Row", "Metadata = [\"unit\"]");
        Assert.Contains("Metadata of member 'Value' of 'Row' has an odd number of entries (1)", d.GetMessage());
    }

    [Fact]
    public void RowIdKeyTwice()
    {
        var d = Single("    public sealed record Row([RowId, ArrowField(Metadata = [\"is_row_id\", \"x\"])] long Id);\n"
            + "    [TableFunction] public static IEnumerable<Row> Rows() => [];", out var source);
        Assert.Equal("VGEN0108", d.Id);
        GeneratorHarness.AssertAt(d, source, "record Row", "Metadata = [\"is_row_id\", \"x\"]");
        Assert.Contains("repeats the key 'is_row_id'", d.GetMessage());
    }

    [Fact]
    public void InstanceTableFunction()
    {
        var d = Single("    [TableFunction] public IEnumerable<long> Count(long n) => [];", out var source);
        Assert.Equal("VGEN0003", d.Id);
        GeneratorHarness.AssertAt(d, source, "Count", "Count");
    }
}
