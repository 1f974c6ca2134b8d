using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>What a kernel sees through <see cref="VgiContext"/>: settings and secrets from the bind request, logs to the client.</summary>
public sealed class ContextTests
{
    private static async Task<string?> CallAsync(WorkerClient w, string function, IArrowArray[] constants, byte[]? settings = null, byte[]? secrets = null, List<string>? logs = null)
    {
        var request = Calls.Scalar(function, Calls.Input(), constants, settings: settings, secrets: secrets);
        var bind = await w.BindAsync(request);
        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        string? value;
        using (var result = await session.ExchangeAsync(Calls.NoColumns(1)).Timed())
            value = ((StringArray)result.Batch.Column(0)).GetString(0);
        await session.CloseAsync().Timed();
        logs?.AddRange(session.Logs.Select(l => $"{l.Level.ToWire()} {l.Message}"));
        return value;
    }

    [Fact]
    public async Task Settings_AreReadByNameAsText()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        byte[] settings = Calls.OneRow(("greeting", Calls.Str("hello")), ("limit", Calls.I64(5)), ("ratio", Calls.F64(0.25)),
            ("flag", new BooleanArray.Builder().Append(true).Build()), ("unset", Calls.Str([null])));
        var logs = new List<string>();
        Assert.Equal("hello", await CallAsync(w, "setting_value", [Calls.Str("greeting")], settings, logs: logs));
        Assert.Equal(["INFO setting_value reads setting 'greeting'"], logs);
        Assert.Equal("5", await CallAsync(w, "setting_value", [Calls.Str("limit")], settings));
        Assert.Equal("0.25", await CallAsync(w, "setting_value", [Calls.Str("ratio")], settings));
        Assert.Equal("true", await CallAsync(w, "setting_value", [Calls.Str("flag")], settings));
        Assert.Null(await CallAsync(w, "setting_value", [Calls.Str("unset")], settings));
        Assert.Null(await CallAsync(w, "setting_value", [Calls.Str("missing")], settings));
        Assert.Null(await CallAsync(w, "setting_value", [Calls.Str("greeting")]));
    }

    [Fact]
    public async Task Secrets_AreReadByType()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var type = new StructType([
            new Field("name", StringType.Default, true), new Field("provider", StringType.Default, true), new Field("type", StringType.Default, true),
            new Field("key_id", StringType.Default, true), new Field("port", Int64Type.Default, true)]);
        var s3 = new StructArray(type, 1, [Calls.Str("my_secret"), Calls.Str("config"), Calls.Str("s3"), Calls.Str("AKIA"), Calls.I64(9000)], ArrowBuffer.Empty, 0);
        byte[] secrets = Calls.OneRow(("s3", s3));
        Assert.Equal("AKIA", await CallAsync(w, "secret_value", [Calls.Str("s3"), Calls.Str("key_id")], secrets: secrets));
        Assert.Equal("9000", await CallAsync(w, "secret_value", [Calls.Str("s3"), Calls.Str("port")], secrets: secrets));
        Assert.Equal("my_secret", await CallAsync(w, "secret_value", [Calls.Str("s3"), Calls.Str("$name")], secrets: secrets));
        Assert.Equal("config", await CallAsync(w, "secret_value", [Calls.Str("s3"), Calls.Str("$provider")], secrets: secrets));
        Assert.Null(await CallAsync(w, "secret_value", [Calls.Str("gcs"), Calls.Str("key_id")], secrets: secrets));
    }
}
