using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Vgi.Generators.Tests;

/// <summary>Compiles test sources against the real runtime assemblies and runs a generator over them.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. paths.Where(p => p.EndsWith(".dll", StringComparison.Ordinal)).Select(p => MetadataReference.CreateFromFile(p))];
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Preview);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "TestAssembly",
        sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
        References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver Driver(IIncrementalGenerator generator, bool trackSteps = false) => Driver([generator], trackSteps);

    /// <summary>A driver running several generators together (functions over [ArrowRecord] types need both).</summary>
    public static GeneratorDriver Driver(IIncrementalGenerator[] generators, bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(generators.Select(g => g.AsSourceGenerator()), parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator; returns generated sources by hint name, its diagnostics, and the compiler's errors on the result.</summary>
    public static (Dictionary<string, string> Sources, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileErrors) Run(IIncrementalGenerator generator, params string[] sources) =>
        Run([generator], sources);

    /// <summary>Runs the generators together; returns generated sources by hint name, their diagnostics, and the compiler's errors on the result.</summary>
    public static (Dictionary<string, string> Sources, ImmutableArray<Diagnostic> GeneratorDiagnostics, ImmutableArray<Diagnostic> CompileErrors) Run(IIncrementalGenerator[] generators, params string[] sources)
    {
        var compilation = Compile(sources);
        var driver = Driver(generators).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        var generated = result.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), t => t.GetText().ToString());
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return (generated, diagnostics, errors);
    }

    private static string ProjectDirectory([CallerFilePath] string harnessPath = "") => Path.GetDirectoryName(harnessPath)!;

    /// <summary>
    /// Asserts that <paramref name="d"/> underlines exactly <paramref name="text"/> on the first line of
    /// <paramref name="source"/> containing <paramref name="lineMarker"/>.
    /// </summary>
    public static void AssertAt(Diagnostic d, string source, string lineMarker, string text)
    {
        var lines = source.Split('\n');
        int line = Array.FindIndex(lines, l => l.Contains(lineMarker, StringComparison.Ordinal));
        var span = d.Location.GetLineSpan();
        Assert.Equal(line, span.StartLinePosition.Line);
        Assert.Equal(lines[line].IndexOf(text, StringComparison.Ordinal), span.StartLinePosition.Character);
        Assert.Equal(text.Length, span.EndLinePosition.Character - span.StartLinePosition.Character);
    }

    /// <summary>
    /// Compares <paramref name="actual"/> with the committed snapshot <c>Snapshots/<paramref name="name"/></c>.
    /// Set VGI_UPDATE_SNAPSHOTS=1 to rewrite the snapshot in the source tree after a deliberate change.
    /// </summary>
    public static void MatchSnapshot(string name, string actual)
    {
        string sourceDir = Path.Combine(ProjectDirectory(), "Snapshots");
        if (Environment.GetEnvironmentVariable("VGI_UPDATE_SNAPSHOTS") == "1")
        {
            Directory.CreateDirectory(sourceDir);
            File.WriteAllText(Path.Combine(sourceDir, name), actual);
            return;
        }
        string path = Path.Combine(AppContext.BaseDirectory, "Snapshots", name);
        Assert.True(File.Exists(path), $"snapshot {name} is missing; run the tests with VGI_UPDATE_SNAPSHOTS=1 to create it");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), actual.ReplaceLineEndings("\n"));
    }
}
