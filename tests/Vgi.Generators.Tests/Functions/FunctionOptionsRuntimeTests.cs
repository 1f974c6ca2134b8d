using System.Reflection;
using Apache.Arrow;
using Microsoft.CodeAnalysis;
using Vgi.Functions;
using Vgi.Generators.Functions;
using Vgi.Protocol;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// Compiles <see cref="FunctionOptionsTests.Source"/> with the generator, loads it, and runs the generated
/// definitions and binders: argument checks and their messages, [RowCount], Cardinality, [BatchSize] (down
/// to the batches the scan emits), statistics, field metadata.
/// </summary>
public class FunctionOptionsRuntimeTests
{
    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var compilation = GeneratorHarness.Compile(FunctionOptionsTests.Source);
        GeneratorHarness.Driver(new FunctionGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    private static T Definitions<T>(string className) =>
        (T)Compiled.Value.GetType("Vgi.Generated." + className, throwOnError: true)!
            .GetField("Definitions", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)!.GetValue(null)!;

    private static TableFunctionDefinition Readings => Definitions<TableFunctionDefinition[]>("Sample_Catalog_Readings")[0];

    private static TableFunctionDefinition Points => Definitions<TableFunctionDefinition[]>("Sample_Catalog_Points")[0];

    private static ArgumentValue Long(long? value) => new(value is { } v ? new Int64Array.Builder().Append(v).Build() : new Int64Array.Builder().AppendNull().Build());

    private static ArgumentValue Int(int value) => new(new Int32Array.Builder().Append(value).Build());

    private static ArgumentValue Text(string value) => new(new StringArray.Builder().Append(value).Build());

    private static ArgumentValue Real(double value) => new(new DoubleArray.Builder().Append(value).Build());

    private static TableBinding Bind(TableFunctionDefinition definition, ArgumentValue[] positional, params (string Name, ArgumentValue Value)[] named) =>
        definition.Bind(new TableBindContext(new Arguments(positional, named.ToDictionary(n => n.Name, n => n.Value))));

    private static string BindError(TableFunctionDefinition definition, ArgumentValue[] positional, params (string Name, ArgumentValue Value)[] named) =>
        Assert.Throws<TableBindException>(() => Bind(definition, positional, named)).Message;

    [Fact]
    public void MinRejectsASmallerPositionalArgument() =>
        Assert.Equal("Argument 'count' is too small.\n  Constraint: must be >= 0", BindError(Readings, [Long(-1), Text("north")]));

    [Fact]
    public void OneOfListsTheChoices() =>
        Assert.Equal("Argument 'region' has an invalid value.\n  Constraint: must be one of the allowed choices\n  Valid values: north, south",
            BindError(Readings, [Long(1), Text("east")]));

    [Fact]
    public void GreaterThanWithADoubleBoundPrintsItAsPythonDoes() =>
        Assert.Equal("Argument 'scale' is too small.\n  Constraint: must be > 0.5", BindError(Readings, [Long(1), Text("north")], ("scale", Real(0.5))));

    [Fact]
    public void NamedArgumentsAreCheckedWhenSupplied()
    {
        Assert.Equal("Argument 'step' is too small.\n  Constraint: must be >= -10", BindError(Readings, [Long(1), Text("north")], ("step", Int(-11))));
        Assert.Equal("Argument 'step' is too small.\n  Constraint: must be > 0", BindError(Readings, [Long(1), Text("north")], ("step", Int(0))));
        Assert.StartsWith("Argument 'mode' has an invalid value.\n", BindError(Readings, [Long(1), Text("north")], ("mode", Text("slow"))));
    }

    [Fact]
    public void NullableArgumentsAcceptNullWithoutChecks()
    {
        var binding = Bind(Readings, [Long(2), Text("south")], ("scale", Long(null)), ("mode", new ArgumentValue(new StringArray.Builder().AppendNull().Build())));
        Assert.Equal(2, binding.CardinalityEstimate);
    }

    [Fact]
    public void NullForANonNullableArgument()
    {
        string message = BindError(Readings, [Long(null), Text("north")]);
        Assert.Equal("Argument 'count' cannot be NULL.", message.Split('\n')[0]);
    }

    [Fact]
    public void RowCountAndStatistics()
    {
        var binding = Bind(Readings, [Long(3), Text("north")], ("scale", Real(1.5)), ("step", Int(2)), ("mode", Text("exact")));
        Assert.Equal(3, binding.CardinalityEstimate);
        Assert.Equal(3, binding.CardinalityMax);
        Assert.Equal("row_id", Assert.Single(binding.Statistics!).ColumnName);

        var empty = Bind(Readings, [Long(0), Text("north")]);
        Assert.Equal(0, empty.CardinalityEstimate);
        Assert.Null(empty.Statistics);
    }

    [Fact]
    public void RowCountOnAnUnsignedArgumentAndAnIntegralDoubleBound()
    {
        var binding = Bind(Points, [new ArgumentValue(new UInt32Array.Builder().Append(7).Build())]);
        Assert.Equal(7, binding.CardinalityMax);
        Assert.Null(binding.Statistics);
        Assert.Equal("Argument 'count' is too small.\n  Constraint: must be >= 1.0", BindError(Points, [new ArgumentValue(new UInt32Array.Builder().Append(0).Build())]));
    }

    [Fact]
    public void FixedCardinality()
    {
        var tenThousand = Definitions<TableFunctionDefinition[]>("Sample_Catalog_TenThousand")[0];
        var binding = Bind(tenThousand, []);
        Assert.Equal(10000, binding.CardinalityEstimate);
        Assert.Equal(10000, binding.CardinalityMax);
        Assert.Null(binding.BatchSize);
        Assert.Equal(1000, tenThousand.BatchSize);
        Assert.Null(Bind(Readings, [Long(1), Text("north")]).BatchSize);
    }

    [Fact]
    public void BatchSizeArgumentSetsTheCallsBatchSize()
    {
        var chunked = Definitions<TableFunctionDefinition[]>("Sample_Catalog_Chunked")[0];
        Assert.Equal(1000, chunked.BatchSize);
        Assert.Equal(["count", "batch_size"], chunked.Arguments.FieldsList.Select(f => f.Name));
        Assert.Equal(3, Bind(chunked, [Long(10)], ("batch_size", Long(3))).BatchSize);
        Assert.Equal(1000, Bind(chunked, [Long(10)]).BatchSize); // the C# default is an argument value too
        Assert.Equal(int.MaxValue, Bind(chunked, [Long(10)], ("batch_size", Long(long.MaxValue))).BatchSize);
        Assert.Equal("Argument 'batch_size' is too small.\n  Constraint: must be >= 1", BindError(chunked, [Long(10)], ("batch_size", Long(0))));

        var sized = Definitions<TableFunctionDefinition[]>("Sample_Catalog_Sized")[0];
        Assert.Null(Bind(sized, [Long(10)]).BatchSize);
        Assert.Null(Bind(sized, [Long(10)], ("size", Long(null))).BatchSize);
        Assert.Null(Bind(sized, [Long(10)], ("size", Int(0))).BatchSize);
        Assert.Null(Bind(sized, [Long(10)], ("size", Int(-4))).BatchSize);
        Assert.Equal(7, Bind(sized, [Long(10)], ("size", Int(7))).BatchSize);
    }

    [Fact]
    public void ValidateRunsAfterTheDeclaredChecks()
    {
        var window = Definitions<TableFunctionDefinition[]>("Sample_Catalog_Window")[0];
        Assert.Equal(2, Bind(window, [Long(2), Long(7)], ("batch_size", Long(2))).BatchSize);
        // [Min(0)] fails first: the method's check sees only arguments that passed the declared ones.
        Assert.Equal("Argument 'from' is too small.\n  Constraint: must be >= 0", BindError(window, [Long(-1), Long(-5)]));
        // A TableBindException is an argument mismatch, like the declared checks.
        Assert.Equal("Argument 'to' is before 'from'.", BindError(window, [Long(3), Long(1)]));
        // Any other exception escapes the binder as it is.
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Bind(window, [Long(0), Long(1)], ("batch_size", Long(0))));
        Assert.StartsWith("batch_size must be positive", error.Message);
    }

    [Fact]
    public async Task TheScanEmitsBatchesOfTheCallsBatchSize()
    {
        var chunked = Definitions<TableFunctionDefinition[]>("Sample_Catalog_Chunked")[0];
        Assert.Equal([4, 4, 2], await BatchLengths(Bind(chunked, [Long(10)], ("batch_size", Long(4)))));
        // Beyond the scan's initial row buffer, which grows as a batch fills.
        Assert.Equal([5000, 5000, 2000], await BatchLengths(Bind(chunked, [Long(12000)], ("batch_size", Long(5000)))));
        Assert.Equal([12000], await BatchLengths(Bind(chunked, [Long(12000)], ("batch_size", Long(1L << 40)))));
    }

    /// <summary>Opens the bound scan as the worker does (the binding's batch size, else the definition's) and counts rows per batch.</summary>
    private static async Task<List<int>> BatchLengths(TableBinding binding)
    {
        var scan = binding.OpenScan(new TableScanContext
        {
            ProjectedSchema = binding.OutputSchema,
            Filters = TableFilters.None,
            BatchSize = binding.BatchSize ?? 2048,
            ExecutionId = new byte[16],
            Context = null!,
            Storage = ExecutionStorage.For(new byte[16]),
        });
        await using var _ = scan;
        var lengths = new List<int>();
        while (await scan.NextAsync(CancellationToken.None) is { } batch) lengths.Add(batch.Length);
        return lengths;
    }

    [Fact]
    public void TableOptionsReachTheDefinition()
    {
        var r = Readings;
        Assert.False(r.ProjectionPushdown);
        Assert.True(r.SamplingPushdown);
        Assert.True(r.LateMaterialization);
        Assert.Equal(["starts_with", "contains"], r.SupportedExpressionFilters);
        Assert.Equal(OrderPreservation.FixedOrder, r.OrderPreservation);
        Assert.True(r.SupportsBatchIndex);
        Assert.Equal(PartitionKind.SingleValuePartitions, r.PartitionKind);
        Assert.Equal(["weather"], r.Categories);
        Assert.Equal([new("owner", "ops"), new KeyValuePair<string, string>("tier", "gold")], r.Tags.ToList());
        Assert.Equal(["api_url"], r.RequiredSettings);
        var secret = Assert.Single(r.RequiredSecrets);
        Assert.Equal("s3", secret.SecretType);
        Assert.Null(secret.Scope);
        Assert.Null(secret.SecretName);

        var p = Points;
        Assert.True(p.ProjectionPushdown);
        Assert.False(p.SamplingPushdown);
        Assert.Equal(OrderPreservation.NoOrderGuarantee, p.OrderPreservation);
        Assert.Equal(PartitionKind.DisjointPartitions, p.PartitionKind);
        Assert.Empty(p.Tags);
        Assert.Empty(p.RequiredSecrets);
    }

    [Fact]
    public void OutputFieldsCarryMetadata()
    {
        var schema = Bind(Readings, [Long(1), Text("north")]).OutputSchema;
        Assert.Equal("true", schema.GetFieldByName("region").Metadata["vgi.partition_column"]);
        Assert.Equal("", schema.GetFieldByName("row_id").Metadata["is_row_id"]);
        Assert.Equal("celsius", schema.GetFieldByName("value").Metadata["unit"]);
        Assert.Equal("", schema.GetFieldByName("note").Metadata["note"]);
        Assert.False(schema.GetFieldByName("region").Metadata.ContainsKey("is_row_id"));

        var points = Bind(Points, [new ArgumentValue(new UInt32Array.Builder().Append(1).Build())]).OutputSchema;
        Assert.False(points.GetFieldByName("x").HasMetadata);
        Assert.Equal("true", points.GetFieldByName("y").Metadata["vgi.partition_column"]);
    }

    [Fact]
    public void ScalarNullHandlingAndRequirements()
    {
        var lookup = Definitions<ScalarFunctionDefinition[]>("Sample_Catalog_Lookup")[0];
        Assert.Equal(NullHandling.Special, lookup.NullHandling);
        Assert.Equal(["api_url"], lookup.RequiredSettings);
        Assert.Equal(["s3", "http"], lookup.RequiredSecrets.Select(s => s.SecretType));

        var orZero = Definitions<ScalarFunctionDefinition[]>("Sample_Catalog_OrZero")[0];
        Assert.Equal(NullHandling.Default, orZero.NullHandling);
        Assert.Empty(orZero.RequiredSettings);
    }
}
