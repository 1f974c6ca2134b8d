namespace Vgi.Rpc;

/// <summary>The vgi_rpc custom_metadata keys (vgi-rpc-wire.md §3.1, §4.2).</summary>
public static class RpcMetadataKeys
{
    public const string Method = "vgi_rpc.method";
    public const string RequestVersion = "vgi_rpc.request_version";
    public const string ProtocolVersion = "vgi_rpc.protocol_version";
    public const string LogLevel = "vgi_rpc.log_level";
    public const string LogMessage = "vgi_rpc.log_message";
    public const string LogExtra = "vgi_rpc.log_extra";
    public const string ErrorKind = "vgi_rpc.error_kind";
    public const string ServerId = "vgi_rpc.server_id";
    public const string RequestId = "vgi_rpc.request_id";
    public const string Cancel = "vgi_rpc.cancel";
    public const string TransportShm = "vgi_rpc.transport.shm";
    public const string ProtocolName = "vgi_rpc.protocol_name";
    public const string DescribeVersion = "vgi_rpc.describe_version";
    public const string ProtocolHash = "vgi_rpc.protocol_hash";

    /// <summary>The only framing version there is: <c>vgi_rpc.request_version=1</c>.</summary>
    public const string CurrentRequestVersion = "1";

    public const string TransportOptionsMethod = "__transport_options__";
    public const string DescribeMethod = "__describe__";
}
