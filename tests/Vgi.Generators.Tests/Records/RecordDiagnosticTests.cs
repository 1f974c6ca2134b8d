using Microsoft.CodeAnalysis;
using Vgi.Generators.Records;

namespace Vgi.Generators.Tests.Records;

/// <summary>One test per [ArrowRecord] diagnostic: id, the exact span it points at, and a message that says what to do.</summary>
public class RecordDiagnosticTests
{
    private static Diagnostic Single(string source)
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(new RecordGenerator(), source);
        return Assert.Single(diagnostics);
    }

    private static string SpanText(Diagnostic d) => d.Location.SourceTree is { } tree
        ? tree.GetText().ToString(d.Location.SourceSpan)
        : throw new InvalidOperationException("diagnostic has no source location");

    private static void AssertAt(Diagnostic d, string source, string expectedText)
    {
        var span = d.Location.GetLineSpan();
        int line = source.Split('\n').Select((l, i) => (l, i)).First(x => x.l.Contains(expectedText)).i;
        Assert.Equal(line, span.StartLinePosition.Line);
        int column = source.Split('\n')[line].IndexOf(expectedText, StringComparison.Ordinal);
        Assert.Equal(column, span.StartLinePosition.Character);
        Assert.Equal(expectedText.Length, span.EndLinePosition.Character - span.StartLinePosition.Character);
    }

    [Fact]
    public void NotPartial()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed record Row(long Id);\n";
        var d = Single(source);
        Assert.Equal("VGEN0101", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        AssertAt(d, source, "Row");
        Assert.Contains("declare it 'partial'", d.GetMessage());
    }

    [Fact]
    public void ContainingTypeNotPartial()
    {
        const string source = "using Vgi;\npublic static class Outer\n{\n    [ArrowRecord]\n    public sealed partial record Row(long Id);\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0101", d.Id);
        Assert.Contains("every type containing it", d.GetMessage());
    }

    [Fact]
    public void UnsupportedMemberTypeNamesTheTypeAndTheAlternative()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial record Row(long Id, decimal Price);\n";
        var d = Single(source);
        Assert.Equal("VGEN0102", d.Id);
        AssertAt(d, source, "Price");
        Assert.Contains("'decimal' is not supported", d.GetMessage());
        Assert.Contains("use double", d.GetMessage());
    }

    [Fact]
    public void UnsupportedPropertyTypeOnAnInitProperty()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial class Row\n{\n    public object Payload { get; init; } = new();\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0102", d.Id);
        AssertAt(d, source, "Payload");
        Assert.Contains("'object' has no Arrow type", d.GetMessage());
    }

    [Fact]
    public void GetOnlyPropertyCannotBeRead()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial class Row\n{\n    public long Id { get; }\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0103", d.Id);
        AssertAt(d, source, "Id");
        Assert.Contains("add 'init;' or a constructor parameter named 'id'", d.GetMessage());
    }

    [Fact]
    public void DuplicateArrowName()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial class Row\n{\n    public long Id { get; init; }\n    [ArrowField(\"id\")]\n    public long Other { get; init; }\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0104", d.Id);
        AssertAt(d, source, "Other");
        Assert.Contains("field 'id'", d.GetMessage());
    }

    [Fact]
    public void IpcBytesOnAPlainType()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial class Row\n{\n    [ArrowField(Storage = ArrowStorage.IpcBytes)]\n    public string Name { get; init; } = \"\";\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0105", d.Id);
        AssertAt(d, source, "Name");
    }

    [Fact]
    public void NoUsableConstructor()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial class Row\n{\n    public Row(int unrelated) { }\n    public long Id { get; init; }\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0106", d.Id);
        AssertAt(d, source, "Row");
    }

    [Fact]
    public void Generic()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial record Row<T>(long Id);\n";
        var d = Single(source);
        Assert.Equal("VGEN0107", d.Id);
        AssertAt(d, source, "Row");
    }

    [Fact]
    public void OddFieldMetadata()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial record Row\n{\n    [ArrowField(Metadata = [\"unit\", \"m\", \"scale\"])] public double Value { get; init; }\n}\n";
        var d = Single(source);
        Assert.Equal("VGEN0108", d.Id);
        AssertAt(d, source, "Metadata = [\"unit\", \"m\", \"scale\"]");
        Assert.Contains("Metadata of member 'Value' of 'Row' has an odd number of entries (3)", d.GetMessage());
    }

    [Fact]
    public void PartitionColumnKeyTwice()
    {
        const string source = "using Vgi;\n[ArrowRecord]\npublic sealed partial record Row([PartitionColumn, ArrowField(Metadata = [\"vgi.partition_column\", \"false\"])] string Region);\n";
        var d = Single(source);
        Assert.Equal("VGEN0108", d.Id);
        AssertAt(d, source, "Metadata = [\"vgi.partition_column\", \"false\"]");
        Assert.Contains("repeats the key 'vgi.partition_column'", d.GetMessage());
    }

    [Fact]
    public void ValidRecordsProduceNoDiagnosticsAndCompile()
    {
        const string source = """
            using System.Collections.Generic;
            using Vgi;
            [ArrowRecord] public sealed partial record A(long Id, string? Name = null);
            [ArrowRecord] public partial struct B { public double X { get; set; } public IReadOnlyList<A> Items { get; init; } }
            public static partial class Holder { [ArrowRecord] public sealed partial class C { public IReadOnlyDictionary<string, long> Counts { get; init; } = new Dictionary<string, long>(); } }
            """;
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new RecordGenerator(), source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        Assert.Equal(3, sources.Count);
    }
}
