using Vgi.Generators.Records;

namespace Vgi.Generators.Tests.Records;

/// <summary>The emitted codec source of representative records, compared with committed snapshots.</summary>
public class RecordSnapshotTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using Apache.Arrow;
        using Vgi;

        namespace Sample;

        [ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
        public enum Stability { Consistent, Volatile, ConsistentWithinQuery }

        /// <summary>Flat record: scalars, nullable scalars, the NOT NULL quirk, an enum, a schema.</summary>
        [ArrowRecord]
        public sealed partial record Flat
        {
            public string Name { get; init; } = "";
            public string? Comment { get; init; }
            public long Count { get; init; }
            public int? MaxWorkers { get; init; }
            [ArrowField(Nullability = ArrowNullability.NotNull)]
            public byte[]? OpaqueData { get; init; }
            public Stability Stability { get; init; }
            public Schema? OutputSchema { get; init; }
            public DateTimeOffset ReleasedAt { get; init; }
        }

        /// <summary>Positional record struct: constructor-built rows with a parameter default.</summary>
        [ArrowRecord]
        public readonly partial record struct Example(string Sql, string Description, string? ExpectedOutput = null);

        /// <summary>Nested shapes: list of structs, map, list of lists, embedded IPC records.</summary>
        [ArrowRecord]
        public sealed partial class Nested
        {
            public IReadOnlyList<Example> Examples { get; init; } = [];
            public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();
            public IReadOnlyList<IReadOnlyList<int>> Keys { get; init; } = [];
            [ArrowField("items", Storage = ArrowStorage.IpcBytes)]
            public IReadOnlyList<Flat> Children { get; init; } = [];
        }

        /// <summary>Field metadata: [PartitionColumn], [RowId] and ArrowField.Metadata on positional parameters and properties.</summary>
        [ArrowRecord]
        public partial record struct Cell([PartitionColumn] string Region, [ArrowField("val", Metadata = ["unit", "m"])] double Value)
        {
            [RowId]
            public long Id { get; set; }
        }
        """;

    [Theory]
    [InlineData("Sample.Flat.ArrowRecord.g.cs")]
    [InlineData("Sample.Example.ArrowRecord.g.cs")]
    [InlineData("Sample.Nested.ArrowRecord.g.cs")]
    [InlineData("Sample.Cell.ArrowRecord.g.cs")]
    public void EmittedCodecMatchesSnapshot(string hintName)
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new RecordGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot(hintName, sources[hintName]);
    }
}
