using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vgi.Generators.Functions;

namespace Vgi.Generators.Tests.Functions;

/// <summary>Editing code that declares no function must not regenerate any function source.</summary>
public class FunctionIncrementalityTests
{
    [Fact]
    public void UnrelatedEditReusesCachedOutputs()
    {
        const string functions = "using Vgi;\nnamespace S;\npublic static class Text\n{\n    [ScalarFunction] public static string Upper(string value) => value.ToUpperInvariant();\n}\n";
        const string other = "namespace S;\npublic static class Unrelated { public static int F() => 1; }\n";
        var compilation = GeneratorHarness.Compile(functions, other);
        var driver = GeneratorHarness.Driver(new FunctionGenerator(), trackSteps: true).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText(other.Replace("=> 1", "=> 2"), GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step was {o.Reason}"));
    }

    [Fact]
    public void ModelsOfRowIndexStructAndFixedSizeSignaturesAreEquatable()
    {
        const string other = "namespace S;\npublic static class Unrelated { public static int F() => 1; }\n";
        var compilation = GeneratorHarness.Compile(ScalarShapeSnapshotTests.Source, other);
        var driver = GeneratorHarness.Driver(new FunctionGenerator(), trackSteps: true).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText(other.Replace("=> 1", "=> 2"), GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.True(outputs.Count > 10, $"{outputs.Count} outputs");
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step was {o.Reason}"));
    }
}
