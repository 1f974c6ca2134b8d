using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Probes.FixtureScan;
using static Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.Settings;

/// <summary>
/// Settings and secrets fixtures (fixtures.md §2.4.4) end to end: the settings batch the extension
/// sends with every table call (vgi-functions §4.4), the secrets batch (§4.5) and the two-phase
/// secret bind (§4.6).
/// </summary>
public sealed class SettingsFixtureTests
{
    /// <summary>The one-row settings batch: one column per setting, sorted by name.</summary>
    private static byte[] SettingsBatch(params (string Name, IArrowArray Value)[] settings)
    {
        var sorted = settings.OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();
        return IpcBytes.WriteBatch(new RecordBatch(
            new Schema(sorted.Select(s => new Field(s.Name, s.Value.Data.DataType, true)), null),
            [.. sorted.Select(s => s.Value)], 1));
    }

    private static BooleanArray Bool(bool value) => new BooleanArray.Builder().Append(value).Build();

    /// <summary>A <c>vgi_example</c> secret as DuckDB sends it: name, provider, type, then the keys sorted.</summary>
    private static byte[] ExampleSecret()
    {
        Field[] fields =
        [
            new("name", StringType.Default, true),
            new("provider", StringType.Default, true),
            new("type", StringType.Default, true),
            new("api_key", StringType.Default, true),
            new("port", Int32Type.Default, true),
            new("secret_string", StringType.Default, true),
            new("timeout", DoubleType.Default, true),
            new("use_ssl", BooleanType.Default, true),
        ];
        IArrowArray[] children =
        [
            Calls.Str("my_secret"), Calls.Str("config"), Calls.Str("vgi_example"), Calls.Str("k-123"),
            Calls.I32([8443]), Calls.Str("s3cr3t"), Calls.F64(2.5), Bool(true),
        ];
        var type = new StructType(fields);
        var secret = new StructArray(type, 1, children, ArrowBuffer.Empty, nullCount: 0);
        return IpcBytes.WriteBatch(new RecordBatch(new Schema([new Field("vgi_example", type, true)], null), [secret], 1));
    }

    [Fact]
    public async Task SettingsAware_VerboseAddsDetails()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var settings = SettingsBatch(("vgi_verbose_mode", Bool(true)), ("greeting", Calls.Str("Hi")), ("multiplier", Calls.I64(3)),
            ("threshold", Calls.I64(0)));
        var verbose = Table("settings_aware", [Calls.I64(3)]) with { Settings = settings };
        var (bound, _, batches) = await RunAsync(w, verbose, projection: [0, 1, 2, 3]);
        Assert.Equal(["id", "greeting", "value", "details"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal([0L, 1, 2], Longs(batches, "id"));
        Assert.Equal(["Hi", "Hi", "Hi"], Strings(batches, "greeting"));
        Assert.Equal([0.0, 2.5 * 3, 2 * 2.5 * 3], Doubles(batches, "value"));
        Assert.Equal(["row_0", "row_1", "row_2"], Strings(batches, "details"));
    }

    [Fact]
    public async Task SettingsAware_NotVerbose_DefaultsWhenUnset()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var quiet = Table("settings_aware", [Calls.I64(2)]) with { Settings = SettingsBatch(("vgi_verbose_mode", Bool(false)), ("multiplier", Calls.I64(2))) };
        var (bound, _, batches) = await RunAsync(w, quiet, projection: [0, 1, 2]);
        Assert.Equal(["id", "greeting", "value"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal(["Hello", "Hello"], Strings(batches, "greeting"));
        Assert.Equal([0.0, 5.0], Doubles(batches, "value"));

        var (none, _, rows) = await RunAsync(w, Table("settings_aware", [Calls.I64(1)]), projection: [0, 1, 2]);
        Assert.Equal(3, none.OutputSchema.FieldsList.Count);
        Assert.Equal(["Hello"], Strings(rows, "greeting"));
    }

    [Fact]
    public async Task StructSettings_ReadsTheConfigStruct()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var type = new StructType([new Field("start", Int64Type.Default, true), new Field("step", Int64Type.Default, true), new Field("label", StringType.Default, true)]);
        var config = new StructArray(type, 1, [Calls.I64(10), Calls.I64(5), Calls.Str("x")], ArrowBuffer.Empty, nullCount: 0);
        var request = Table("struct_settings", [Calls.I64(3)]) with { Settings = SettingsBatch(("config", config)) };
        var (_, _, batches) = await RunAsync(w, request, projection: [0, 1]);
        Assert.Equal([10L, 15, 20], Longs(batches, "n"));
        Assert.Equal(["x_0", "x_1", "x_2"], Strings(batches, "label"));
    }

    [Fact]
    public async Task SecretDemo_TwoPhaseBind_OneRowPerSecretField()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var first = Table("secret_demo", []);
        var lookup = (await w.BindAsync(first)).Value;
        Assert.Equal(["vgi_example"], lookup.LookupSecretTypes);
        Assert.Equal([""], lookup.LookupScopes);
        Assert.Equal([""], lookup.LookupNames);

        var second = first with { ResolvedSecretsProvided = true, Secrets = ExampleSecret() };
        var (bound, _, batches) = await RunAsync(w, second, projection: [0, 1, 2]);
        Assert.Empty(bound.LookupSecretTypes);
        Assert.Equal(["key", "value", "arrow_type"], bound.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal(["name", "provider", "type", "api_key", "port", "secret_string", "timeout", "use_ssl"], Strings(batches, "key"));
        Assert.Equal(["my_secret", "config", "vgi_example", "k-123", "8443", "s3cr3t", "2.5", "True"], Strings(batches, "value"));
        Assert.Equal(["string", "string", "string", "string", "int32", "string", "double", "bool"], Strings(batches, "arrow_type"));

        // No secret resolved: zero rows.
        var (_, _, empty) = await RunAsync(w, first with { ResolvedSecretsProvided = true }, projection: [0, 1, 2]);
        Assert.Equal(0, empty.Sum(b => b.Batch.Length));
    }

    [Fact]
    public async Task ScopedSecretDemo_LooksUpThePathScope()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var first = Table("scoped_secret_demo", [Calls.Str("s3://bucket/data")]);
        var lookup = (await w.BindAsync(first)).Value;
        Assert.Equal(["vgi_example"], lookup.LookupSecretTypes);
        Assert.Equal(["s3://bucket/data"], lookup.LookupScopes);

        var (_, _, found) = await RunAsync(w, first with { ResolvedSecretsProvided = true, Secrets = ExampleSecret() }, projection: [0, 1, 2]);
        Assert.Equal(["s3://bucket/data"], Strings(found, "scope"));
        Assert.Equal([true], Booleans(found, "found"));
        Assert.Equal(["name,provider,type,api_key,port,secret_string,timeout,use_ssl"], Strings(found, "secret_keys"));

        var (_, _, missing) = await RunAsync(w, first with { ResolvedSecretsProvided = true }, projection: [0, 1, 2]);
        Assert.Equal([false], Booleans(missing, "found"));
        Assert.Equal([""], Strings(missing, "secret_keys"));
    }

    [Fact]
    public async Task Catalog_ListsRequiredSettingsAndSecrets()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var functions = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(["greeting", "multiplier", "vgi_verbose_mode"], functions["settings_aware"].RequiredSettings);
        Assert.Equal(["config"], functions["struct_settings"].RequiredSettings);
        Assert.Equal(["generator", "settings"], functions["settings_aware"].Categories);
        Assert.Equal("vgi_example", Assert.Single(functions["scoped_secret_demo"].RequiredSecrets).SecretType);
        Assert.Empty(functions["secret_demo"].RequiredSecrets);
        Assert.Equal("Outputs secret contents as key-value rows", functions["secret_demo"].Description);
    }
}
