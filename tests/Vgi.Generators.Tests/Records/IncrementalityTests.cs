using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Vgi.Generators.Records;

namespace Vgi.Generators.Tests.Records;

/// <summary>An edit that does not touch a record must reuse the cached model and output.</summary>
public class IncrementalityTests
{
    [Fact]
    public void UnrelatedEditReusesCachedOutput()
    {
        const string record = "using Vgi;\nnamespace S;\n[ArrowRecord]\npublic sealed partial record Row(long Id, string Name);\n";
        const string other = "namespace S;\npublic static class Unrelated { public static int F() => 1; }\n";
        var compilation = GeneratorHarness.Compile(record, other);
        var driver = GeneratorHarness.Driver(new RecordGenerator(), trackSteps: true).RunGenerators(compilation);

        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.ElementAt(1),
            CSharpSyntaxTree.ParseText(other.Replace("=> 1", "=> 2"), GeneratorHarness.ParseOptions, path: "Source1.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"output step was {o.Reason}"));
    }

    [Fact]
    public void EditingTheRecordRegenerates()
    {
        const string record = "using Vgi;\nnamespace S;\n[ArrowRecord]\npublic sealed partial record Row(long Id, string Name);\n";
        var compilation = GeneratorHarness.Compile(record);
        var driver = GeneratorHarness.Driver(new RecordGenerator(), trackSteps: true).RunGenerators(compilation);
        var edited = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.First(),
            CSharpSyntaxTree.ParseText(record.Replace("string Name", "string Name, double Score"), GeneratorHarness.ParseOptions, path: "Source0.cs"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var outputs = result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).ToList();
        Assert.Contains(outputs, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains("score", result.GeneratedSources.Single().SourceText.ToString());
    }
}
