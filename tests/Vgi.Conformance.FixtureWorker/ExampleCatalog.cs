using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Conformance.Fixtures;

/// <summary>Catalog <c>example</c> (fixtures.md §2.1) and the hand-written definitions it serves besides the generated ones.</summary>
internal static class ExampleCatalog
{
    public static VgiWorkerOptions Options { get; } = new()
    {
        CatalogName = "example",
        AcceptAnyCatalogName = false,
        SupportsTransactions = true,
        ListedMaxWorkers = 99_999, // fixtures.md §0.1: informational in FunctionInfo; init answers the real grant
        CatalogComment = "Example VGI catalog for testing",
        CatalogTags = new Dictionary<string, string> { ["source"] = "vgi-fixture-worker", ["version"] = "1" },
        SchemaComments = new Dictionary<string, string> { ["main"] = "Example functions for testing VGI" },
        Settings = Settings(),
        SecretTypes =
        [
            new CatalogSecretType("vgi_example", "Example VGI secret for testing", new Schema(
            [
                new Field("secret_string", StringType.Default, true, [new("redact", "true")]),
                new Field("api_key", StringType.Default, true, [new("redact", "true")]),
                new Field("port", Int32Type.Default, true),
                new Field("use_ssl", BooleanType.Default, true),
                new Field("timeout", DoubleType.Default, true),
            ], null)),
        ],
        ScalarFunctions = ScalarDefinitions.All,
        TableFunctions = [.. Tables.Generators.GeneratorDefinitions.All, .. Tables.Scans.ScanDefinitions.All, .. Tables.Partitions.PartitionDefinitions.All, .. Tables.Settings.SettingsDefinitions.All],
    };

    /// <summary>The six settings of §2.1, in order, with their defaults.</summary>
    private static IReadOnlyList<CatalogSetting> Settings() =>
    [
        new("vgi_verbose_mode", "Enable verbose output", BooleanType.Default, new BooleanArray.Builder().Append(false).Build()),
        new("greeting", "Custom greeting message", StringType.Default, new StringArray.Builder().Append("Hello").Build()),
        new("multiplier", "Value multiplier", Int64Type.Default, new Int64Array.Builder().Append(1).Build()),
        new("threshold", "Filter threshold", Int64Type.Default, new Int64Array.Builder().Append(0).Build()),
        new("scale_factor", "Float scale factor", DoubleType.Default, new DoubleArray.Builder().Append(1.0).Build()),
        new("config", "Sequence configuration struct", new StructType(
        [
            new Field("start", Int64Type.Default, true),
            new Field("step", Int64Type.Default, true),
            new Field("label", StringType.Default, true),
        ])),
    ];
}
