using System.Text.Json;
using Apache.Arrow;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests;

/// <summary>The worker command line every conformant worker accepts (vgi-rpc-wire.md §2.3, §6.2, §10).</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task WithoutDescribeFlag_DescribeIsMethodNotImplemented()
    {
        await using var client = Worker.StartStdio();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CallAsync("__describe__").Timed());
        Assert.Equal("method_not_implemented", error.ErrorKind);
        using var echo = await client.CallAsync("echo_int", A.Value(A.I64(1))).Timed();
        Assert.Equal(1L, ((Int64Array)echo.Result!).GetValue(0));
    }

    [Fact]
    public async Task UserArgumentsBeforeFlags_AreIgnoredByTheHost()
    {
        await using var client = Worker.StartStdio(["some-user-arg", "--describe", "another"]);
        using var describe = await client.CallAsync("__describe__").Timed();
        Assert.True(describe.Batch!.Length > 0);
    }

    [Fact]
    public async Task AccessLog_OneJsonLinePerRequest()
    {
        string path = Path.Combine(Path.GetTempPath(), $"vgi-conf-access-{Guid.NewGuid():N}.jsonl");
        try
        {
            await using (var client = Worker.StartStdio(["--access-log", path]))
            {
                using (await client.CallAsync("echo_string", A.Value(A.Str("logged"))).Timed()) { }
                await Assert.ThrowsAsync<RpcException>(() => client.CallAsync("raise_type_error", A.Params(new Col("message", A.Str("x")))).Timed());
                await using (var session = await client.OpenStreamAsync("produce_n", A.Params(new Col("count", A.I64(2))), hasHeader: false).Timed())
                {
                    while (await session.TickAsync().Timed() is { } batch) batch.Dispose();
                }
            }
            var lines = await File.ReadAllLinesAsync(path);
            Assert.Equal(3, lines.Length);
            var records = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(["echo_string", "raise_type_error", "produce_n"], records.Select(r => r.GetProperty("method").GetString()));
            Assert.Equal(["ok", "error", "ok"], records.Select(r => r.GetProperty("status").GetString()));
            Assert.Equal("TypeError", records[1].GetProperty("error_type").GetString());
            Assert.All(records, r => Assert.Matches("^[0-9a-f]{12}$", r.GetProperty("server_id").GetString()));
            Assert.All(records, r => Assert.Matches("^[0-9a-f]{16}$", r.GetProperty("request_id").GetString()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task UnknownFlagValue_IsAUsageError()
    {
        var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(Worker.DotnetHost, [Worker.DllPath, "--unix"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using (process)
        {
            Assert.Equal(2, await Worker.WaitForExitAsync(process, Worker.ReadTimeout));
            Assert.Equal("", await process.StandardOutput.ReadToEndAsync());
            Assert.Contains("--unix needs a value", await process.StandardError.ReadToEndAsync());
        }
    }
}
