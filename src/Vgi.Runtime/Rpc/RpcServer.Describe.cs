using System.Security.Cryptography;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Rpc;

public sealed partial class RpcServer
{
    /// <summary>The <c>__describe__</c> v4 schema (vgi-rpc-wire.md §6.2).</summary>
    internal static readonly Schema DescribeSchema = new(
    [
        new Field("name", StringType.Default, false),
        new Field("method_type", StringType.Default, false),
        new Field("has_return", BooleanType.Default, false),
        new Field("params_schema_ipc", BinaryType.Default, false),
        new Field("result_schema_ipc", BinaryType.Default, false),
        new Field("has_header", BooleanType.Default, false),
        new Field("header_schema_ipc", BinaryType.Default, true),
        new Field("is_exchange", BooleanType.Default, true),
    ], null);

    private void WriteDescribe(ArrowIpcWriter writer)
    {
        var names = new StringArray.Builder();
        var kinds = new StringArray.Builder();
        var hasReturn = new BooleanArray.Builder();
        var parameters = new BinaryArray.Builder();
        var results = new BinaryArray.Builder();
        var hasHeader = new BooleanArray.Builder();
        var headers = new BinaryArray.Builder();
        var isExchange = new BooleanArray.Builder();

        var hash = new MemoryStream();
        void Hash(string s) => hash.Write(Encoding.UTF8.GetBytes(s));
        Hash($"vgi_rpc.describe.v4|1|{Options.ProtocolName}|");

        foreach (var method in _methods.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            byte[] paramsIpc = ArrowIpcWriter.SerializeSchema(method.ParametersSchema);
            byte[] resultIpc = ArrowIpcWriter.SerializeSchema(method.ResultSchema);
            byte[]? headerIpc = method.HeaderSchema is { } h ? ArrowIpcWriter.SerializeSchema(h) : null;
            bool returns = !method.IsStream && method.ResultSchema.FieldsList.Count > 0;
            names.Append(method.Name);
            kinds.Append(method.IsStream ? "stream" : "unary");
            hasReturn.Append(returns);
            parameters.Append(paramsIpc.AsSpan());
            results.Append(resultIpc.AsSpan());
            hasHeader.Append(headerIpc is not null);
            if (headerIpc is null) headers.AppendNull(); else headers.Append(headerIpc.AsSpan());
            if (method.IsExchange is { } ex) isExchange.Append(ex); else isExchange.AppendNull();

            hash.WriteByte(0x1F);
            Hash(method.Name);
            hash.WriteByte(0x1E);
            Hash(method.IsStream ? "stream" : "unary");
            hash.WriteByte(0x1E);
            Hash(returns ? "1" : "0");
            hash.WriteByte(0x1E);
            Hash(headerIpc is null ? "0" : "1");
            hash.WriteByte(0x1E);
            Hash(method.IsExchange switch { true => "1", false => "0", null => "-" });
            hash.WriteByte(0x1E);
            hash.Write(paramsIpc);
            hash.WriteByte(0x1E);
            hash.Write(resultIpc);
            if (headerIpc is not null)
            {
                hash.WriteByte(0x1E);
                hash.Write(headerIpc);
            }
        }

        var batch = new RecordBatch(DescribeSchema,
            [names.Build(), kinds.Build(), hasReturn.Build(), parameters.Build(), results.Build(), hasHeader.Build(), headers.Build(), isExchange.Build()],
            _methods.Count);
        var metadata = new List<KeyValuePair<string, string>>
        {
            new(RpcMetadataKeys.ProtocolName, Options.ProtocolName),
            new(RpcMetadataKeys.RequestVersion, RpcMetadataKeys.CurrentRequestVersion),
            new(RpcMetadataKeys.DescribeVersion, "4"),
            new(RpcMetadataKeys.ProtocolHash, Convert.ToHexStringLower(SHA256.HashData(hash.ToArray()))),
            new(RpcMetadataKeys.ServerId, ServerId),
        };
        if (Options.ProtocolVersion is { } version) metadata.Add(new(RpcMetadataKeys.ProtocolVersion, version));
        writer.WriteSchema(DescribeSchema);
        writer.WriteBatch(batch, metadata);
        writer.WriteEos();
    }
}
