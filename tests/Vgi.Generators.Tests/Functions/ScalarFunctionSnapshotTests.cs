using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>The emitted source for representative scalar functions, compared with committed snapshots.</summary>
public class ScalarFunctionSnapshotTests
{
    internal const string Source = """
        using System;
        using System.Threading;
        using Apache.Arrow;
        using Vgi;

        namespace Sample;

        public static class Text
        {
            /// <summary>Upper-cases a string.</summary>
            [ScalarFunction]
            public static string? UpperCase(string? value) => value?.ToUpperInvariant();

            /// <summary>Multiplies <paramref name="value"/> by a constant factor.</summary>
            [ScalarFunction("multiply")]
            public static long Multiply(long value, [Const] long factor) => value * factor;

            [ScalarFunction]
            public static string Join(string separator, params string[] parts) => string.Join(separator, parts);

            [ScalarFunction(Stability = Stability.Volatile)]
            public static double Jitter(double value, VgiContext context, CancellationToken cancellation, double scale = 1.0) => value * scale;

            [ScalarFunction]
            public static void AddSpans(ReadOnlySpan<long> left, ReadOnlySpan<long> right, Span<long> result)
            {
                for (int i = 0; i < result.Length; i++) result[i] = left[i] + right[i];
            }

            [ScalarFunction]
            public static StringArray Reverse(StringArray values) => values;

            [ScalarFunction]
            public static DateOnly? NextDay(DateOnly day) => day.AddDays(1);
        }
        """;

    [Theory]
    [InlineData("Sample_Text_UpperCase.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_Multiply.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_Join.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_Jitter.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_AddSpans.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_Reverse.ScalarFunction.g.cs")]
    [InlineData("Sample_Text_NextDay.ScalarFunction.g.cs")]
    [InlineData("VgiFunctionRegistration.g.cs")]
    public void EmittedSourceMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot(hintName, sources[hintName]);
    }
}
