using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Conformance.FixtureTests.Catalog;

/// <summary>
/// Catalog <c>example</c> as the extension's registration tests see it (fixtures.md §2.1): discovery,
/// attach (settings, secret type, comment, tags), schema <c>main</c> with real object counts, the
/// function listings per kind, and transactions. Each reply is decoded from a real worker process.
/// </summary>
public sealed class ExampleCatalogTests
{
    /// <summary>§2.2 rows.</summary>
    private const int ScalarOverloads = 41;

    /// <summary>§2.4 rows (§2.4.1: 28, §2.4.2: 12, §2.4.3: 13, §2.4.4: 4, §2.4.5: 15); the in-out functions of §2.5 are not served yet.</summary>
    private const int TableOverloads = 72;

    [Fact]
    public async Task Discovery_lists_one_catalog_named_example()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var catalogs = (await w.CallAsync<CatalogCatalogsParams, CatalogCatalogsResult>("catalog_catalogs", new CatalogCatalogsParams())).Value;
        var catalog = Assert.Single(catalogs.Items);
        Assert.Equal("example", catalog.Name);
        Assert.Null(catalog.ImplementationVersion);
        Assert.Null(catalog.DataVersionSpec);
    }

    [Fact]
    public async Task Attach_declares_the_catalog_facts_settings_and_secret_type()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var reply = await w.AttachAsync("example");
        SchemaAssert.Equal(CatalogAttachResult.ArrowSchema, reply.InnerSchema);
        var attach = reply.Value;
        Assert.Equal("Example VGI catalog for testing", attach.Comment);
        Assert.Equal(new Dictionary<string, string> { ["source"] = "vgi-fixture-worker", ["version"] = "1" }, attach.Tags);
        Assert.Equal("main", attach.DefaultSchema);
        Assert.True(attach.SupportsTransactions);
        Assert.True(attach.CatalogVersionFrozen);
        Assert.Equal(1, attach.CatalogVersion);
        Assert.False(attach.AttachOpaqueDataRequired);
        Assert.NotEmpty(attach.AttachOpaqueData);

        Assert.Equal(["vgi_verbose_mode", "greeting", "multiplier", "threshold", "scale_factor", "config"], attach.Settings.Select(s => s.Name));
        Assert.Equal(["Enable verbose output", "Custom greeting message", "Value multiplier", "Filter threshold", "Float scale factor", "Sequence configuration struct"],
            attach.Settings.Select(s => s.Description));
        IArrowType[] types = [.. attach.Settings.Select(s => Assert.Single(s.Type.FieldsList).DataType)];
        Assert.IsType<BooleanType>(types[0]);
        Assert.IsType<StringType>(types[1]);
        Assert.IsType<Int64Type>(types[2]);
        Assert.IsType<Int64Type>(types[3]);
        Assert.IsType<DoubleType>(types[4]);
        var config = Assert.IsType<StructType>(types[5]);
        Assert.Equal(["start", "step", "label"], config.Fields.Select(f => f.Name));
        Assert.All(attach.Settings, s => Assert.Equal("value", s.Type.FieldsList[0].Name));

        Assert.False(((BooleanArray)Default(attach.Settings[0])).GetValue(0));
        Assert.Equal("Hello", ((StringArray)Default(attach.Settings[1])).GetString(0));
        Assert.Equal(1L, ((Int64Array)Default(attach.Settings[2])).GetValue(0));
        Assert.Equal(0L, ((Int64Array)Default(attach.Settings[3])).GetValue(0));
        Assert.Equal(1.0, ((DoubleArray)Default(attach.Settings[4])).GetValue(0));
        Assert.Null(attach.Settings[5].DefaultValue);

        var secret = Assert.Single(attach.SecretTypes);
        Assert.Equal("vgi_example", secret.Name);
        Assert.Equal("Example VGI secret for testing", secret.Description);
        var parameters = secret.ParametersSchema.FieldsList;
        Assert.Equal(["secret_string", "api_key", "port", "use_ssl", "timeout"], parameters.Select(f => f.Name));
        Assert.Equal(["utf8", "utf8", "int32", "bool", "double"], parameters.Select(f => f.DataType.Name));
        Assert.Equal("true", parameters[0].Metadata["redact"]);
        Assert.Equal("true", parameters[1].Metadata["redact"]);
        Assert.False(parameters[2].HasMetadata);
    }

    [Fact]
    public async Task Attach_of_another_name_fails_with_the_reference_text_and_the_worker_goes_on()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var e = await Assert.ThrowsAsync<RpcException>(() => w.AttachAsync("nope"));
        Assert.Equal("ValueError", e.TypeName);
        Assert.Equal("ValueError: Unknown catalog: 'nope'. Available: example", e.Message);
        Assert.Equal("main", (await w.AttachAsync("example")).Value.DefaultSchema);
    }

    [Fact]
    public async Task Schema_main_reports_its_comment_and_real_object_counts()
    {
        await using var w = WorkerProcess.Fixture.Start();
        byte[] attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var main = Assert.Single((await w.SchemasAsync(attach)).Value.Items);
        Assert.Equal("main", main.Name);
        Assert.Equal("Example functions for testing VGI", main.Comment);
        Assert.Equal(ScalarOverloads, main.EstimatedObjectCount!["scalar_function"]);
        Assert.Equal(TableOverloads, main.EstimatedObjectCount!["table_function"]);
        Assert.Equal(0, main.EstimatedObjectCount!["aggregate_function"]);
        Assert.Equal(0, main.EstimatedObjectCount!["table"]);
    }

    [Fact]
    public async Task Each_listing_holds_exactly_its_kind_with_every_overload()
    {
        await using var w = WorkerProcess.Fixture.Start();
        byte[] attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var scalars = (await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction)).Value.Items;
        var tables = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items;
        var aggregates = (await w.FunctionsAsync(attach, CatalogObjectType.AggregateFunction)).Value.Items;

        Assert.Equal(ScalarOverloads, scalars.Count);
        Assert.All(scalars, f => Assert.Equal(FunctionType.Scalar, f.FunctionType));
        Assert.Equal(30, scalars.Select(f => f.Name).Distinct().Count());
        Assert.Equal(TableOverloads, tables.Count);
        Assert.All(tables, f => Assert.Equal(FunctionType.Table, f.FunctionType));
        Assert.Equal(65, tables.Select(f => f.Name).Distinct().Count());
        Assert.Empty(aggregates);
        Assert.All(scalars.Concat(tables), f =>
        {
            Assert.Equal("main", f.SchemaName);
            Assert.False(string.IsNullOrEmpty(f.Description), $"{f.Name} has no description");
        });
        // Names the two kinds share would make DuckDB's registration ambiguous.
        Assert.Empty(scalars.Select(f => f.Name).Intersect(tables.Select(f => f.Name)));
    }

    [Fact]
    public async Task Transactions_get_fresh_ids_and_commit_and_rollback_are_accepted()
    {
        await using var w = WorkerProcess.Fixture.Start();
        byte[] attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var first = (await w.CallAsync<CatalogTransactionBeginParams, CatalogTransactionBeginResult>("catalog_transaction_begin",
            new CatalogTransactionBeginParams { AttachOpaqueData = attach })).Value.TransactionOpaqueData;
        var second = (await w.CallAsync<CatalogTransactionBeginParams, CatalogTransactionBeginResult>("catalog_transaction_begin",
            new CatalogTransactionBeginParams { AttachOpaqueData = attach })).Value.TransactionOpaqueData;
        Assert.Equal(16, first!.Length);
        Assert.Equal(16, second!.Length);
        Assert.NotEqual(first, second);

        using var commit = await w.Rpc.CallAsync("catalog_transaction_commit", CatalogTransactionCommitParams.ToRecordBatch(
            [new CatalogTransactionCommitParams { AttachOpaqueData = attach, TransactionOpaqueData = first }])).Timed();
        Assert.Null(commit.Batch);
        using var rollback = await w.Rpc.CallAsync("catalog_transaction_rollback", CatalogTransactionRollbackParams.ToRecordBatch(
            [new CatalogTransactionRollbackParams { AttachOpaqueData = attach, TransactionOpaqueData = second }])).Timed();
        Assert.Null(rollback.Batch);
    }

    private static IArrowArray Default(SettingSpec setting)
    {
        var batch = IpcBytes.ReadBatch(setting.DefaultValue!);
        Assert.Equal(1, batch.Length);
        Assert.Equal("value", Assert.Single(batch.Schema.FieldsList).Name);
        return batch.Column(0);
    }
}
