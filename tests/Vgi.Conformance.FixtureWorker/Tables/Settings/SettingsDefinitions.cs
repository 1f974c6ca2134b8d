using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Conformance.Fixtures.Tables.Probes;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Tables.Settings;

/// <summary>
/// Settings and secrets fixtures (fixtures.md §2.4.4), hand-written: <c>settings_aware</c>'s output
/// schema depends on a setting at bind, <c>struct_settings</c> reads a typed STRUCT setting, and the
/// two secret fixtures ask DuckDB for secrets at bind (two-phase bind, vgi-functions §4.6).
/// Settings and secrets are read at bind; <c>init</c> binds again from <c>bind_call</c>, which carries them.
/// </summary>
internal static class SettingsDefinitions
{
    private const string SecretType = "vgi_example";

    private static readonly Schema CountArgument = Hand.Arguments(HandWritten.Positional("count", Int64Type.Default));

    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        SettingsAware(),
        StructSettings(),
        SecretDemo(),
        ScopedSecretDemo(),
    ];

    private static TableFunctionDefinition SettingsAware() => new()
    {
        Name = "settings_aware",
        ProjectionPushdown = false,
        Description = "Generates data demonstrating settings are passed",
        Arguments = CountArgument,
        BatchSize = 1000,
        RequiredSettings = ["greeting", "multiplier", "vgi_verbose_mode"],
        Categories = ["generator", "settings"],
        Bind = context =>
        {
            var args = new BindArgs(context, "settings_aware(count BIGINT)", 1);
            long count = args.Int64(0, "count", min: 0);
            var settings = context.SettingsBatch;
            bool verbose = Setting(settings, "vgi_verbose_mode") switch
            {
                BooleanArray b => b.GetValue(0) == true,
                StringArray s => s.GetString(0) == "true",
                _ => false,
            };
            string greeting = Setting(settings, "greeting") is { } g ? ArrowRead.String(g, 0) ?? "Hello" : "Hello";
            long multiplier = Setting(settings, "multiplier") is { } m ? ArrowRead.Int64(m, 0) ?? 1 : 1;
            var fields = new List<Field>
            {
                HandWritten.Column("id", Int64Type.Default),
                HandWritten.Column("greeting", StringType.Default),
                HandWritten.Column("value", DoubleType.Default),
            };
            if (verbose) fields.Add(HandWritten.Column("details", StringType.Default));
            var output = HandWritten.Schema([.. fields]);
            return new TableBinding(output, scan => new IteratorScan(Rows(scan, count, (first, length, column) => column switch
            {
                0 => Col.Int64(length, i => first + i),
                1 => Col.Utf8(length, _ => greeting),
                2 => Col.Float64(length, i => (first + i) * 2.5 * multiplier),
                _ => Col.Utf8(length, i => "row_" + (first + i)),
            })), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    private static TableFunctionDefinition StructSettings() => new()
    {
        Name = "struct_settings",
        ProjectionPushdown = false,
        Description = "Generate a sequence configured by a struct setting",
        Arguments = CountArgument,
        BatchSize = 1000,
        RequiredSettings = ["config"],
        Categories = ["generator", "settings"],
        Bind = context =>
        {
            var args = new BindArgs(context, "struct_settings(count BIGINT)", 1);
            long count = args.Int64(0, "count", min: 0);
            var output = HandWritten.Schema(HandWritten.Column("n", Int64Type.Default), HandWritten.Column("label", StringType.Default));
            var config = Setting(context.SettingsBatch, "config") as StructArray;
            return new TableBinding(output, scan =>
            {
                // Python reads the struct's fields at init; an unset (NULL) config fails there.
                if (config is null || config.IsNull(0))
                    throw new RpcException("TypeError", "'NoneType' object is not subscriptable");
                long start = Field(config, "start") is { } s ? ArrowRead.Int64(s, 0) ?? 0 : 0;
                long step = Field(config, "step") is { } t ? ArrowRead.Int64(t, 0) ?? 0 : 0;
                string label = Field(config, "label") is { } l ? ArrowRead.String(l, 0) ?? "None" : "None";
                return new IteratorScan(Rows(scan, count, (first, length, column) => column == 0
                    ? Col.Int64(length, i => start + (first + i) * step)
                    : Col.Utf8(length, i => label + "_" + (first + i))));
            }, args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary>
    /// Two-phase bind: the first bind asks for an unscoped <c>vgi_example</c> secret; DuckDB binds again
    /// with <c>resolved_secrets_provided</c> and the secret in the secrets batch.
    /// </summary>
    private static TableFunctionDefinition SecretDemo() => new()
    {
        Name = "secret_demo",
        ProjectionPushdown = false,
        Description = "Outputs secret contents as key-value rows",
        Arguments = Hand.Arguments(),
        Bind = context =>
        {
            var args = new BindArgs(context, "secret_demo()", 0);
            var output = HandWritten.Schema(
                HandWritten.Column("key", StringType.Default),
                HandWritten.Column("value", StringType.Default),
                HandWritten.Column("arrow_type", StringType.Default));
            if (!context.ResolvedSecretsProvided)
                return new TableBinding(output, scan => new IteratorScan([]), args.Score) { SecretLookups = [new SecretLookup(SecretType)] };
            var secret = Secret(context.SecretsBatch);
            return new TableBinding(output, scan =>
            {
                if (secret is null) return new IteratorScan([]);
                var fields = ((StructType)secret.Data.DataType).Fields;
                int length = fields.Count;
                return new IteratorScan([new Emitted(HandWritten.Project(scan, length, c => c switch
                {
                    0 => Col.Utf8(length, i => fields[i].Name),
                    1 => Col.Utf8(length, i => PyText.Str(PyValues.Get(secret.Fields[i], 0))),
                    _ => Col.Utf8(length, i => PyText.ArrowTypeName(fields[i].DataType)),
                }))]);
            }, args.Score);
        },
    };

    /// <summary>Requires a <c>vgi_example</c> secret statically, and asks again at bind with the <c>path</c> argument as scope.</summary>
    private static TableFunctionDefinition ScopedSecretDemo() => new()
    {
        Name = "scoped_secret_demo",
        ProjectionPushdown = false,
        Description = "Demo: resolves scoped secret based on argument",
        Arguments = Hand.Arguments(HandWritten.Positional("path", StringType.Default)),
        RequiredSecrets = [new RequiredSecret { SecretType = SecretType }],
        Bind = context =>
        {
            var args = new BindArgs(context, "scoped_secret_demo(path VARCHAR)", 1);
            string path = args.Utf8(0, "path");
            var output = HandWritten.Schema(
                HandWritten.Column("scope", StringType.Default),
                HandWritten.Column("found", BooleanType.Default),
                HandWritten.Column("secret_keys", StringType.Default));
            if (!context.ResolvedSecretsProvided)
                return new TableBinding(output, scan => new IteratorScan([]), args.Score) { SecretLookups = [new SecretLookup(SecretType, Scope: path)] };
            var secret = Secret(context.SecretsBatch);
            string keys = secret is null ? "" : string.Join(",", ((StructType)secret.Data.DataType).Fields.Select(f => f.Name));
            return new TableBinding(output, scan => new IteratorScan([new Emitted(HandWritten.Project(scan, 1, c => c switch
            {
                0 => Col.Utf8(1, _ => path),
                1 => Col.Boolean(1, _ => secret is not null),
                _ => Col.Utf8(1, _ => keys),
            }))]), args.Score);
        },
    };

    /// <summary>
    /// Batches of at most <see cref="TableScanContext.BatchSize"/> rows covering 0..count-1, the
    /// projected columns built by <paramref name="column"/>(first row, length, output index).
    /// </summary>
    private static IEnumerable<Emitted> Rows(TableScanContext scan, long count, Func<long, int, int, IArrowArray> column)
    {
        for (long first = 0; first < count; first += scan.BatchSize)
        {
            int length = (int)Math.Min(scan.BatchSize, count - first);
            long start = first;
            yield return new Emitted(HandWritten.Project(scan, length, c => column(start, length, c)));
        }
    }

    /// <summary>The value of setting <paramref name="name"/> (row 0 of its column), or null when it is absent or NULL.</summary>
    private static IArrowArray? Setting(RecordBatch? settings, string name)
    {
        if (settings is null || settings.Length == 0) return null;
        int index = settings.Schema.GetFieldIndex(name);
        if (index < 0) return null;
        var column = settings.Column(index);
        return column.IsNull(0) ? null : column;
    }

    private static IArrowArray? Field(StructArray value, string name)
    {
        int index = ((StructType)value.Data.DataType).GetFieldIndex(name);
        if (index < 0) return null;
        var field = value.Fields[index];
        return field.IsNull(0) ? null : field;
    }

    /// <summary>
    /// The <c>vgi_example</c> secret of the secrets batch (vgi-functions §4.5: one struct column per
    /// secret type, named by it or carrying <c>secret_type</c> metadata), or null when none was resolved.
    /// </summary>
    private static StructArray? Secret(RecordBatch? secrets)
    {
        if (secrets is null || secrets.Length == 0) return null;
        for (int i = 0; i < secrets.ColumnCount; i++)
        {
            var field = secrets.Schema.GetFieldByIndex(i);
            string type = field.HasMetadata && field.Metadata.TryGetValue("secret_type", out var declared) ? declared : field.Name;
            if (type == SecretType && secrets.Column(i) is StructArray secret && !secret.IsNull(0)) return secret;
        }
        return null;
    }
}
