using Microsoft.CodeAnalysis;
using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// [TableFunction] methods that yield <c>RowBatch&lt;T&gt;</c>: snapshots of the emitted source and the
/// diagnostics of misuse (VGEN0032, VGEN0033). <see cref="RowBatchRuntimeTests"/> runs them.
/// </summary>
public class RowBatchTests
{
    internal const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Collections.ObjectModel;
        using System.Threading.Tasks;
        using Apache.Arrow;
        using Vgi;
        using Vgi.Functions;

        namespace Sample;

        public sealed record Sale([PartitionColumn] string? Country, long? Amount);

        public static class Batches
        {
            /// <summary>0..count-1 in batches of size rows (an empty batch after the first), each tagged 10 × its number.</summary>
            [TableFunction("rb_chunks", SupportsBatchIndex = true, Order = ScanOrder.FixedOrder)]
            public static IEnumerable<RowBatch<(long N, string Label)>> Chunks([Min(0)] long count, [Min(1)] long size = 2)
            {
                long number = 0;
                for (long start = 0; start < count; start += size)
                {
                    var rows = new List<(long N, string Label)>();
                    for (long i = start; i < Math.Min(count, start + size); i++) rows.Add((i, "#" + i));
                    yield return new RowBatch<(long N, string Label)>(rows) { BatchIndex = 10 * number++ };
                    if (start == 0) yield return new RowBatch<(long N, string Label)>([]) { BatchIndex = 5 };
                }
            }

            /// <summary>One batch of rows per country; mode 'override' sends explicit partition values, 'broken' no contract keys.</summary>
            [TableFunction("rb_sales", Partitioning = ScanPartitioning.SingleValue, MaxWorkers = 4)]
            public static async IAsyncEnumerable<RowBatch<Sale>> Sales(TableScanContext scan, [Min(1)] long rows, [OneOf("extract", "override", "broken")] string mode = "extract")
            {
                if (scan.IsSecondary) yield break;
                string[] countries = ["AU", "BR", "US"];
                for (int c = 0; c < countries.Length; c++)
                {
                    await Task.Yield();
                    var sales = new Sale[rows];
                    for (int i = 0; i < rows; i++) sales[i] = new Sale(countries[c], c * 100 + i);
                    yield return mode switch
                    {
                        "override" => new RowBatch<Sale>(sales) { PartitionValues = Override(countries[c]) },
                        "broken" => new RowBatch<Sale>(sales) { WriteContractMetadata = false, Metadata = [new("note", countries[c])] },
                        _ => new RowBatch<Sale>(sales),
                    };
                }
            }

            private static RecordBatch Override(string country)
            {
                var values = new StringArray.Builder().Append(country.ToLowerInvariant()).Append(country.ToLowerInvariant()).Build();
                return new RecordBatch(new Schema([new Field("country", Apache.Arrow.Types.StringType.Default, true)], null), [values], 2);
            }

            /// <summary>Single-value rows from a list that is neither an array nor a List (copied before writing).</summary>
            [TableFunction("rb_values")]
            public static IEnumerable<RowBatch<long>> Values(long count)
            {
                var rows = new List<long>();
                for (long i = 0; i < count; i++) rows.Add(i * i);
                yield return new RowBatch<long>(new ReadOnlyCollection<long>(rows));
                yield return new RowBatch<long>(rows.ToArray());
                yield return default;
            }
        }
        """;

    [Theory]
    [InlineData("Sample_Batches_Chunks.TableFunction.g.cs")]
    [InlineData("Sample_Batches_Sales.TableFunction.g.cs")]
    public void EmittedSourceMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("RowBatch." + hintName, sources[hintName]);
    }

    private static Diagnostic Single(string body, out string source)
    {
        source = "using System;\nusing System.Collections.Generic;\nusing Vgi;\nusing Vgi.Functions;\npublic static class F\n{\n" + body + "\n}\n";
        var (_, diagnostics, _) = GeneratorHarness.Run(new FunctionGenerator(), source);
        return Assert.Single(diagnostics);
    }

    [Fact]
    public void RowTypeWithoutColumns()
    {
        var d = Single("    public sealed class Empty { }\n    [TableFunction] public static IEnumerable<RowBatch<Empty>> Nothing() => [];", out var source);
        Assert.Equal("VGEN0032", d.Id);
        GeneratorHarness.AssertAt(d, source, "Nothing", "IEnumerable<RowBatch<Empty>>");
        Assert.Equal("Table function 'F.Nothing' yields 'Vgi.Functions.RowBatch<F.Empty>': its row type 'F.Empty' has no columns; use a record, record struct, named tuple, or a single mapped type (one column named 'value')",
            d.GetMessage());
    }

    [Fact]
    public void BatchesOfBatches()
    {
        var d = Single("    [TableFunction] public static IEnumerable<RowBatch<RowBatch<long>>> Nested() => [];", out var source);
        Assert.Equal("VGEN0032", d.Id);
        GeneratorHarness.AssertAt(d, source, "Nested", "IEnumerable<RowBatch<RowBatch<long>>>");
        Assert.Contains("a RowBatch holds rows, not batches; yield 'Vgi.Functions.RowBatch<long>' itself", d.GetMessage());
    }

    [Fact]
    public void BatchOfAListOfRows()
    {
        var d = Single("    public sealed record Row(long Id);\n    [TableFunction] public static IEnumerable<RowBatch<List<Row>>> Lists() => [];", out var source);
        Assert.Equal("VGEN0032", d.Id);
        GeneratorHarness.AssertAt(d, source, "Lists", "IEnumerable<RowBatch<List<Row>>>");
        Assert.Contains("its type argument is the row type and Rows holds the list; yield 'RowBatch<F.Row>' built with new RowBatch<F.Row>(rows)", d.GetMessage());
    }

    [Fact]
    public void NullableBatches()
    {
        var d = Single("    [TableFunction] public static IAsyncEnumerable<RowBatch<long>?> Maybe() => throw null!;", out var source);
        Assert.Equal("VGEN0032", d.Id);
        GeneratorHarness.AssertAt(d, source, "Maybe", "IAsyncEnumerable<RowBatch<long>?>");
        Assert.Contains("a batch cannot be null; yield 'Vgi.Functions.RowBatch<long>' (one with no rows is an empty batch, which the worker skips)", d.GetMessage());
    }

    [Fact]
    public void UnsupportedMemberOfABatchRowPointsAtTheMember()
    {
        var d = Single("    public sealed record Row(long Id, decimal Price);\n    [TableFunction] public static IEnumerable<RowBatch<Row>> Rows() => [];", out var source);
        Assert.Equal("VGEN0022", d.Id);
        GeneratorHarness.AssertAt(d, source, "record Row", "Price");
    }

    [Fact]
    public void ListOfValuesIsASingleListColumn()
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(),
            "using System.Collections.Generic;\nusing Vgi;\nusing Vgi.Functions;\npublic static class F\n{\n    [TableFunction] public static IEnumerable<RowBatch<long[]>> Lists() => [];\n}\n");
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        Assert.Contains("new global::Vgi.Functions.RowBatchTableScan<long[]>(", sources["F_Lists.TableFunction.g.cs"]);
    }

    [Fact]
    public void BatchSizeWithoutAScanContext()
    {
        var d = Single("    [TableFunction(BatchSize = 100)] public static IEnumerable<RowBatch<long>> Sized() => [];", out var source);
        Assert.Equal("VGEN0033", d.Id);
        Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
        GeneratorHarness.AssertAt(d, source, "Sized", "BatchSize = 100");
        Assert.Contains("each RowBatch is sent as one batch of its own rows", d.GetMessage());
    }

    [Fact]
    public void BatchSizeWithAScanContextIsReadByTheMethod()
    {
        var (_, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(),
            "using System.Collections.Generic;\nusing Vgi;\nusing Vgi.Functions;\npublic static class F\n{\n    [TableFunction(BatchSize = 100)] public static IEnumerable<RowBatch<long>> Sized(TableScanContext scan) => [new([scan.BatchSize])];\n}\n");
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
    }

    [Fact]
    public void ReturningASingleBatchIsNotRows()
    {
        var d = Single("    [TableFunction] public static RowBatch<long> One() => default;", out var source);
        Assert.Equal("VGEN0020", d.Id);
        GeneratorHarness.AssertAt(d, source, "One", "RowBatch<long>");
        Assert.Contains("or of RowBatch<T> to send whole batches", d.GetMessage());
    }
}
