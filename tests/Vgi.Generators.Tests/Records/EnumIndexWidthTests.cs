using System.Collections;
using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Microsoft.CodeAnalysis;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Generators.Functions;
using Vgi.Generators.Records;

namespace Vgi.Generators.Tests.Records;

/// <summary>
/// <c>[ArrowEnum(IndexWidth = 8 | 16 | 32)]</c>: the emitted codecs (snapshot), what they write and read once
/// compiled (records and table-function rows), readers taking any index width, and VGEN0035.
/// </summary>
public class EnumIndexWidthTests
{
    internal const string Source = """
        using System.Collections.Generic;
        using Vgi;
        using Vgi.Functions;

        namespace Sample;

        [ArrowEnum(IndexWidth = 8)]
        public enum Color { [ArrowEnumValue("red")] Red, [ArrowEnumValue("green")] Green, [ArrowEnumValue("blue")] Blue }

        [ArrowEnum(ArrowEnumNaming.UpperSnakeCase, IndexWidth = 32)]
        public enum Mode { FastPath, SlowPath }

        public enum Plain { One, Two }

        /// <summary>One enum of each width, nullable and not.</summary>
        [ArrowRecord]
        public sealed partial record Palette(Color Color, Color? Accent, Mode Mode, Mode? Fallback, Plain Plain);

        public readonly record struct ColorRow(long? N, Color? S);

        public static class Colors
        {
            [TableFunction]
            public static IEnumerable<ColorRow> Cycle(long count)
            {
                for (long i = 0; i < count; i++) yield return new ColorRow(i, i == 3 ? null : (Color)(i % 3));
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var compilation = GeneratorHarness.Compile(Source);
        GeneratorHarness.Driver([new RecordGenerator(), new FunctionGenerator()]).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    private static Type Palette => Compiled.Value.GetType("Sample.Palette", throwOnError: true)!;

    private static object Enum(string type, int value) => System.Enum.ToObject(Compiled.Value.GetType("Sample." + type, throwOnError: true)!, value);

    private static object NewPalette(int color, int? accent, int mode, int? fallback, int plain) =>
        Activator.CreateInstance(Palette, Enum("Color", color), accent is { } a ? Enum("Color", a) : null, Enum("Mode", mode), fallback is { } f ? Enum("Mode", f) : null, Enum("Plain", plain))!;

    private static RecordBatch ToRecordBatch(params object[] rows)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(Palette))!;
        foreach (var row in rows) list.Add(row);
        return (RecordBatch)Palette.GetMethod("ToRecordBatch", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [list])!;
    }

    private static object[] FromRecordBatch(RecordBatch batch) =>
        ((System.Array)Palette.GetMethod("FromRecordBatch", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, [batch])!).Cast<object>().ToArray();

    private static ArrowTypeId IndexType(Schema schema, string field) =>
        Assert.IsType<DictionaryType>(schema.GetFieldByName(field).DataType).IndexType.TypeId;

    [Fact]
    public void EmittedCodecMatchesSnapshot()
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new RecordGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("Widths.Sample.Palette.ArrowRecord.g.cs", sources["Sample.Palette.ArrowRecord.g.cs"]);
    }

    [Fact]
    public void TableFunctionMatchesSnapshot()
    {
        var (sources, diagnostics, errors) = GeneratorHarness.Run(new FunctionGenerator(), Source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
        GeneratorHarness.MatchSnapshot("Widths.Sample_Colors_Cycle.TableFunction.g.cs", sources["Sample_Colors_Cycle.TableFunction.g.cs"]);
    }

    [Fact]
    public void RecordsWriteTheDeclaredIndexWidth()
    {
        var batch = ToRecordBatch(NewPalette(2, null, 1, 0, 1), NewPalette(0, 1, 0, null, 0));
        Assert.Equal(ArrowTypeId.Int8, IndexType(batch.Schema, "color"));
        Assert.Equal(ArrowTypeId.Int8, IndexType(batch.Schema, "accent"));
        Assert.Equal(ArrowTypeId.Int32, IndexType(batch.Schema, "mode"));
        Assert.Equal(ArrowTypeId.Int32, IndexType(batch.Schema, "fallback"));
        Assert.Equal(ArrowTypeId.Int16, IndexType(batch.Schema, "plain"));

        var color = Assert.IsType<DictionaryArray>(batch.Column("color"));
        Assert.Equal([(sbyte)2, 0], ((Int8Array)color.Indices).Values.ToArray());
        Assert.Equal(["red", "green", "blue"], Enumerable.Range(0, 3).Select(i => ((StringArray)color.Dictionary).GetString(i)));
        Assert.Equal([null, (sbyte)1], ((Int8Array)((DictionaryArray)batch.Column("accent")).Indices).Select(v => v));
        var mode = Assert.IsType<DictionaryArray>(batch.Column("mode"));
        Assert.Equal([1, 0], ((Int32Array)mode.Indices).Values.ToArray());
        Assert.Equal("SLOW_PATH", ((StringArray)mode.Dictionary).GetString(1));
        Assert.Equal(1, batch.Column("fallback").NullCount);
    }

    [Fact]
    public void RecordsRoundTrip()
    {
        object[] rows = [NewPalette(2, null, 1, 0, 1), NewPalette(0, 1, 0, null, 0)];
        Assert.Equal(rows, FromRecordBatch(ToRecordBatch(rows)));
    }

    [Fact]
    public void ReadersAcceptAnyIntegerIndexWidth()
    {
        // Every enum column re-encoded with the index widths its declaration does not use.
        var written = ToRecordBatch(NewPalette(2, 1, 1, 0, 1));
        foreach (var width in new Func<int, IArrowArray>[]
        {
            i => new Int8Array.Builder().Append((sbyte)i).Build(),
            i => new Int16Array.Builder().Append((short)i).Build(),
            i => new Int32Array.Builder().Append(i).Build(),
            i => new Int64Array.Builder().Append(i).Build(),
            i => new UInt8Array.Builder().Append((byte)i).Build(),
            i => new UInt32Array.Builder().Append((uint)i).Build(),
        })
        {
            var fields = new List<Field>();
            var columns = new List<IArrowArray>();
            for (int c = 0; c < written.ColumnCount; c++)
            {
                var d = (DictionaryArray)written.Column(c);
                var indices = width(Convert.ToInt32(d.Indices switch
                {
                    Int8Array x => (object)x.GetValue(0)!.Value,
                    Int16Array x => x.GetValue(0)!.Value,
                    Int32Array x => x.GetValue(0)!.Value,
                    _ => throw new InvalidOperationException(),
                }));
                var type = new DictionaryType(indices.Data.DataType, StringType.Default, false);
                fields.Add(new Field(written.Schema.FieldsList[c].Name, type, true));
                columns.Add(new DictionaryArray(type, indices, d.Dictionary));
            }
            var batch = new RecordBatch(new Schema(fields, null), columns, 1);
            Assert.Equal(FromRecordBatch(written), FromRecordBatch(batch));
        }
    }

    [Fact]
    public async Task TableFunctionRowsUseTheDeclaredIndexWidth()
    {
        var definition = ((TableFunctionDefinition[])Compiled.Value.GetType("Vgi.Generated.Sample_Colors_Cycle", throwOnError: true)!
            .GetField("Definitions", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(null)!)[0];
        var binding = definition.Bind(new TableBindContext(new Arguments(
            [new ArgumentValue(new Int64Array.Builder().Append(5).Build())], new Dictionary<string, ArgumentValue>())));
        var field = binding.OutputSchema.GetFieldByName("s");
        Assert.True(field.IsNullable);
        var type = Assert.IsType<DictionaryType>(field.DataType);
        Assert.Equal(ArrowTypeId.Int8, type.IndexType.TypeId);
        Assert.Equal(ArrowTypeId.String, type.ValueType.TypeId);

        var scan = binding.OpenScan(new TableScanContext
        {
            ProjectedSchema = binding.OutputSchema,
            Filters = TableFilters.None,
            BatchSize = 2048,
            ExecutionId = new byte[16],
            Context = null!,
            Storage = ExecutionStorage.For(new byte[16]),
        });
        await using var _ = scan;
        var batch = await scan.NextAsync(CancellationToken.None);
        Assert.NotNull(batch);
        var s = Assert.IsType<DictionaryArray>(batch.Column("s"));
        Assert.Equal([(sbyte)0, 1, 2, null, 1], ((Int8Array)s.Indices).Select(v => v));
        Assert.Equal(["red", "green", "blue"], Enumerable.Range(0, 3).Select(i => ((StringArray)s.Dictionary).GetString(i)));
    }

    private static Diagnostic Single(string source)
    {
        var (_, diagnostics, _) = GeneratorHarness.Run(new RecordGenerator(), source);
        return Assert.Single(diagnostics);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(64)]
    [InlineData(0)]
    public void AWidthThatIsNotAnIndexWidthIsReported(int width)
    {
        string source = $"using Vgi;\n[ArrowEnum(IndexWidth = {width})]\npublic enum Size {{ Small, Large }}\n";
        var d = Single(source);
        Assert.Equal("VGEN0035", d.Id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        GeneratorHarness.AssertAt(d, source, "[ArrowEnum", $"ArrowEnum(IndexWidth = {width})");
        Assert.Contains($"'Size'", d.GetMessage());
        Assert.Contains("use 8, 16 or 32", d.GetMessage());
    }

    [Fact]
    public void MoreMembersThanTheWidthIndexesIsReported()
    {
        string members = string.Join(", ", Enumerable.Range(0, 129).Select(i => "M" + i));
        string source = $"using Vgi;\n[ArrowEnum(IndexWidth = 8)]\npublic enum Big {{ {members} }}\n";
        var d = Single(source);
        Assert.Equal("VGEN0035", d.Id);
        Assert.Contains("it has 129 members but IndexWidth = 8 indexes at most 128", d.GetMessage());
    }

    [Fact]
    public void ValidWidthsAndFullEnumsAreAccepted()
    {
        string members = string.Join(", ", Enumerable.Range(0, 128).Select(i => "M" + i));
        string source = $"using Vgi;\n[ArrowEnum(IndexWidth = 8)]\npublic enum Full {{ {members} }}\n[ArrowEnum(IndexWidth = 16)]\npublic enum A {{ X }}\n[ArrowEnum(ArrowEnumNaming.AsDeclared, IndexWidth = 32)]\npublic enum B {{ Y }}\n[ArrowEnum]\npublic enum C {{ Z }}\n";
        var (_, diagnostics, errors) = GeneratorHarness.Run(new RecordGenerator(), source);
        Assert.Empty(diagnostics);
        Assert.Empty(errors);
    }
}
