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
    public void ReturnTypeMustBeRows()
    {
        var d = Single("    [TableFunction] public static long[] Numbers(long count) => new long[count];", out var source);
        Assert.Equal("VGEN0020", d.Id);
        AssertAt(d, source, "Numbers", "long[]");
        Assert.Contains("return IEnumerable<T> or IAsyncEnumerable<T>", d.GetMessage());
    }

    [Fact]
    public void RowTypeWithoutColumns()
    {
        var d = Single("    public sealed class Empty { }\n    [TableFunction] public static IEnumerable<Empty> Nothing() => [];", out var source);
        Assert.Equal("VGEN0021", d.Id);
        AssertAt(d, source, "Nothing", "IEnumerable<Empty>");
    }

    [Fact]
    public void UnsupportedRowMemberPointsAtTheMember()
    {
        var d = Single("    public sealed record Row(long Id, decimal Price);\n    [TableFunction] public static IEnumerable<Row> Rows() => [];", out var source);
        Assert.Equal("VGEN0022", d.Id);
        AssertAt(d, source, "record Row", "Price");
        Assert.Contains("Column 'price'", d.GetMessage());
        Assert.Contains("use double", d.GetMessage());
    }

    [Fact]
    public void UnnamedTupleElements()
    {
        var d = Single("    [TableFunction] public static IEnumerable<(long, string)> Pairs() => [];", out var source);
        Assert.Equal("VGEN0023", d.Id);
        Assert.Contains("unnamed elements ('Item1', 'Item2')", d.GetMessage());
        AssertAt(d, source, "Pairs", "IEnumerable<(long, string)>");
    }

    [Fact]
    public void UnsupportedArgumentType()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Count(object limit) => [];", out var source);
        Assert.Equal("VGEN0001", d.Id);
        AssertAt(d, source, "Count", "object");
    }

    [Fact]
    public void ParamsArgumentsAreRejected()
    {
        var d = Single("    [TableFunction] public static IEnumerable<long> Count(params long[] values) => values;", out var source);
        Assert.Equal("VGEN0009", d.Id);
        Assert.Contains("use a list argument", d.GetMessage());
    }

    [Fact]
    public void InstanceTableFunction()
    {
        var d = Single("    [TableFunction] public IEnumerable<long> Count(long n) => [];", out var source);
        Assert.Equal("VGEN0003", d.Id);
        AssertAt(d, source, "Count", "Count");
    }
}
