using System.Security.Cryptography;
using System.Text;
using Apache.Arrow;
using Vgi.Client;
using Vgi.Ipc;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests.Conformance;

public abstract partial class ConformanceTests
{
    // ------------------------------------------------------------------ protocol_version

    /// <summary>Runs <paramref name="body"/> with the client sending <paramref name="version"/> (null: no key).</summary>
    private static async Task WithProtocolVersionAsync(RpcClient c, string? version, Func<Task> body)
    {
        string? saved = c.ProtocolVersion;
        c.ProtocolVersion = version;
        try
        {
            await body();
        }
        finally
        {
            c.ProtocolVersion = saved;
        }
    }

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("1.0.17")]
    public Task ProtocolVersion_MatchedDispatchSucceeds(string version) => Run(c => WithProtocolVersionAsync(c, version, async () =>
    {
        Assert.Equal("'matched'", await CallAsync(c, "echo_string", A.Value(A.Str("matched"))));
        await using var session = await c.OpenStreamAsync("produce_with_header", A.Params(new Col("count", A.I64(1))), hasHeader: true).Timed();
        Assert.Single(await DrainProducerAsync(session));
    }));

    [Theory]
    [InlineData("2.0.0")]
    [InlineData("1.1.0")]
    [InlineData("0.9.0")]
    [InlineData("1.0")]
    [InlineData("v1.0.0")]
    [InlineData(null)]
    public Task ProtocolVersion_MismatchIsRejected(string? version) => Run(async c =>
    {
        await WithProtocolVersionAsync(c, version, async () =>
        {
            var unary = await CallFailsAsync(c, "echo_string", A.Value(A.Str("x")));
            Assert.Equal("protocol_version_mismatch", unary.ErrorKind);
            Assert.Equal("ProtocolVersionError", unary.TypeName);
            Assert.Contains("1.0.0", unary.Message);
            // A stream method with a header gets the error in place of its header stream.
            var stream = await Assert.ThrowsAsync<RpcException>(() =>
                c.OpenStreamAsync("produce_with_header", A.Params(new Col("count", A.I64(1))), hasHeader: true).Timed());
            Assert.Equal("protocol_version_mismatch", stream.ErrorKind);
        });
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task ProtocolVersion_DescribeAndTransportOptionsAreExempt() => Run(c => WithProtocolVersionAsync(c, "9.9.9", async () =>
    {
        using (var describe = await c.CallAsync("__describe__").Timed())
            Assert.True(describe.Batch!.Length > 0);
        var options = await TransportOptionsAsync(c, includeProtocolVersion: false);
        Assert.Equal("false", options.Metadata.Get(RpcMetadataKeys.TransportShm));
    }));

    // ------------------------------------------------------------------ __transport_options__

    private static async Task<RpcResponseBatch> TransportOptionsAsync(RpcClient c, bool includeProtocolVersion)
    {
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(RpcMetadataKeys.Method, RpcMetadataKeys.TransportOptionsMethod),
            new(RpcMetadataKeys.RequestVersion, "1"),
        };
        if (includeProtocolVersion) metadata.Add(new(RpcMetadataKeys.ProtocolVersion, "1.0.0"));
        metadata.Add(new(RpcMetadataKeys.TransportShm, "true"));
        c.Writer.WriteSchema(new Schema([], null));
        c.Writer.WriteBatch(1, [], metadata);
        c.Writer.WriteEos();
        await c.Writer.FlushAsync();
        var response = await c.ReadResponseStreamAsync().Timed();
        Assert.Empty(response.Schema.FieldsList);
        var batch = Assert.Single(response.Batches);
        Assert.Equal(0, batch.Length);
        Assert.Equal(0, batch.Batch.ColumnCount);
        return batch;
    }

    [Fact]
    public Task TransportOptions_AnswersNoShm() => Run(async c =>
    {
        var batch = await TransportOptionsAsync(c, includeProtocolVersion: true);
        Assert.Equal("false", batch.Metadata.Get(RpcMetadataKeys.TransportShm));
        Assert.Equal("1", batch.Metadata.Get(RpcMetadataKeys.RequestVersion));
        Assert.Matches("^[0-9a-f]{12}$", batch.Metadata.Get(RpcMetadataKeys.ServerId));
        Assert.False(batch.Metadata.Contains(RpcMetadataKeys.LogLevel));
        // The channel stays in step: the next request (an init, in the extension) works.
        await using var session = await c.OpenStreamAsync("produce_with_header", A.Params(new Col("count", A.I64(1))), hasHeader: true).Timed();
        Assert.Single(await DrainProducerAsync(session));
    });

    // ------------------------------------------------------------------ describe

    private sealed record DescribedMethod(string Name, string Kind, bool HasReturn, byte[] ParamsIpc, byte[] ResultIpc, bool HasHeader, byte[]? HeaderIpc, bool? IsExchange);

    private sealed record Description(IReadOnlyList<DescribedMethod> Methods, IReadOnlyList<KeyValuePair<string, string>> Metadata, string Schema);

    private static async Task<Description> DescribeAsync(RpcClient c)
    {
        using var result = await c.CallAsync("__describe__").Timed();
        var batch = result.Batch!;
        var methods = new List<DescribedMethod>();
        T Col<T>(string name) where T : IArrowArray => (T)batch.Batch.Column(batch.Schema.GetFieldIndex(name));
        var names = Col<StringArray>("name");
        var kinds = Col<StringArray>("method_type");
        var hasReturn = Col<BooleanArray>("has_return");
        var parameters = Col<BinaryArray>("params_schema_ipc");
        var results = Col<BinaryArray>("result_schema_ipc");
        var hasHeader = Col<BooleanArray>("has_header");
        var headers = Col<BinaryArray>("header_schema_ipc");
        var isExchange = Col<BooleanArray>("is_exchange");
        for (int i = 0; i < batch.Length; i++)
        {
            methods.Add(new DescribedMethod(names.GetString(i)!, kinds.GetString(i)!, hasReturn.GetValue(i)!.Value,
                parameters.GetBytes(i).ToArray(), results.GetBytes(i).ToArray(), hasHeader.GetValue(i)!.Value,
                headers.IsNull(i) ? null : headers.GetBytes(i).ToArray(), isExchange.GetValue(i)));
        }
        return new Description(methods, batch.Metadata, A.Describe(batch.Schema));
    }

    [Fact]
    public Task Describe_MethodPresenceIsExactSet() => Run(async c =>
    {
        var description = await DescribeAsync(c);
        var names = description.Methods.Select(m => m.Name).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names); // sorted by name
        Assert.Equal(ExpectedMethods.All.Select(m => m.Name).Order(StringComparer.Ordinal), names);
        Assert.Equal(76, names.Count);
    });

    [Fact]
    public Task Describe_MethodTypes() => Run(async c =>
    {
        var described = (await DescribeAsync(c)).Methods.ToDictionary(m => m.Name);
        foreach (var expected in ExpectedMethods.All)
        {
            var actual = described[expected.Name];
            Assert.True(expected.Kind == actual.Kind, $"{expected.Name}: method_type {actual.Kind}, expected {expected.Kind}");
            Assert.True(expected.HasReturn == actual.HasReturn, $"{expected.Name}: has_return {actual.HasReturn}");
            Assert.True((expected.Header is not null) == actual.HasHeader, $"{expected.Name}: has_header {actual.HasHeader}");
            Assert.True(expected.IsExchange == actual.IsExchange, $"{expected.Name}: is_exchange {actual.IsExchange}");
        }
    });

    [Fact]
    public Task Describe_ParamSchemas() => Run(async c =>
    {
        var described = (await DescribeAsync(c)).Methods.ToDictionary(m => m.Name);
        foreach (var expected in ExpectedMethods.All)
            Assert.Equal($"{expected.Name}({expected.Params})", $"{expected.Name}({A.Describe(await A.ReadSchemaAsync(described[expected.Name].ParamsIpc))})");
    });

    [Fact]
    public Task Describe_ResultSchemas() => Run(async c =>
    {
        var described = (await DescribeAsync(c)).Methods.ToDictionary(m => m.Name);
        foreach (var expected in ExpectedMethods.All)
            Assert.Equal($"{expected.Name} -> {expected.Result}", $"{expected.Name} -> {A.Describe(await A.ReadSchemaAsync(described[expected.Name].ResultIpc))}");
    });

    [Fact]
    public Task Describe_HeaderSchemas() => Run(async c =>
    {
        var described = (await DescribeAsync(c)).Methods.ToDictionary(m => m.Name);
        foreach (var expected in ExpectedMethods.All)
        {
            var headerIpc = described[expected.Name].HeaderIpc;
            string? actual = headerIpc is null ? null : A.Describe(await A.ReadSchemaAsync(headerIpc));
            Assert.Equal($"{expected.Name}: {expected.Header ?? "<none>"}", $"{expected.Name}: {actual ?? "<none>"}");
        }
    });

    [Fact]
    public Task Describe_SchemaIpcIsASchemaMessageWithoutEos() => Run(async c =>
    {
        var voidNoop = (await DescribeAsync(c)).Methods.Single(m => m.Name == "void_noop");
        // The empty schema serialises to pyarrow's 56 bytes exactly (vgi-rpc-wire.md §8.1).
        Assert.Equal(
            "FFFFFFFF30000000" + "1000000000000A00" + "0C00060005000800" + "0A00000000010400" +
            "0C00000008000800" + "0000040008000000" + "0400000000000000",
            Convert.ToHexString(voidNoop.ParamsIpc));
        Assert.Equal(voidNoop.ParamsIpc, voidNoop.ResultIpc);
    });

    [Fact]
    public Task Describe_ProtocolHash() => Run(async c =>
    {
        var description = await DescribeAsync(c);
        string hash = description.Metadata.Get(RpcMetadataKeys.ProtocolHash)!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        // Recompute per vgi-rpc-wire.md §6.2 from the rows as described.
        var data = new MemoryStream();
        void Text(string s) => data.Write(Encoding.UTF8.GetBytes(s));
        Text("vgi_rpc.describe.v4|1|ConformanceService|");
        foreach (var m in description.Methods)
        {
            data.WriteByte(0x1F); Text(m.Name);
            data.WriteByte(0x1E); Text(m.Kind);
            data.WriteByte(0x1E); Text(m.HasReturn ? "1" : "0");
            data.WriteByte(0x1E); Text(m.HasHeader ? "1" : "0");
            data.WriteByte(0x1E); Text(m.IsExchange switch { true => "1", false => "0", null => "-" });
            data.WriteByte(0x1E); data.Write(m.ParamsIpc);
            data.WriteByte(0x1E); data.Write(m.ResultIpc);
            if (m.HeaderIpc is not null) { data.WriteByte(0x1E); data.Write(m.HeaderIpc); }
        }
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(data.ToArray())), hash);
        // Stable across calls.
        Assert.Equal(hash, (await DescribeAsync(c)).Metadata.Get(RpcMetadataKeys.ProtocolHash));
    });

    [Fact]
    public Task Describe_ProtocolVersionAndMetadata() => Run(async c =>
    {
        var description = await DescribeAsync(c);
        var md = description.Metadata;
        Assert.Equal("1.0.0", md.Get(RpcMetadataKeys.ProtocolVersion));
        Assert.Equal("ConformanceService", md.Get(RpcMetadataKeys.ProtocolName));
        Assert.Equal("4", md.Get(RpcMetadataKeys.DescribeVersion));
        Assert.Equal("1", md.Get(RpcMetadataKeys.RequestVersion));
        Assert.Matches("^[0-9a-f]{12}$", md.Get(RpcMetadataKeys.ServerId));
        Assert.Equal(
            "name: utf8, method_type: utf8, has_return: bool, params_schema_ipc: binary, result_schema_ipc: binary, has_header: bool, header_schema_ipc: binary?, is_exchange: bool?",
            description.Schema);
    });
}
