namespace Vgi.Rpc;

/// <summary>
/// An error with a vgi_rpc identity. On the server, throwing one controls the wire form of the
/// error batch: <c>log_message = "{TypeName}: {Message}"</c> and <c>vgi_rpc.error_kind = ErrorKind</c>.
/// On the client, an EXCEPTION batch from the peer surfaces as one, with <see cref="Message"/> set to
/// the full <c>log_message</c> and <see cref="RemoteTraceback"/> taken from <c>log_extra</c>.
/// </summary>
public class RpcException : Exception
{
    public RpcException(string typeName, string message, string? errorKind = null, string? remoteTraceback = null, Exception? inner = null)
        : base(message, inner)
    {
        TypeName = typeName;
        ErrorKind = errorKind;
        RemoteTraceback = remoteTraceback;
    }

    /// <summary>The exception class name as the peer knows it (Python: <c>type(exc).__name__</c>).</summary>
    public string TypeName { get; }

    /// <summary>Machine-readable kind, e.g. <c>method_not_implemented</c>, <c>protocol_version_mismatch</c>.</summary>
    public string? ErrorKind { get; }

    public string? RemoteTraceback { get; }

    /// <summary><c>RpcError: ProtocolError: …</c>, the form vgi-rpc 0.20.0 gives framing errors.</summary>
    public static RpcException Protocol(string message) => new("RpcError", "ProtocolError: " + message);

    public static RpcException Version(string message) => new("VersionError", message);

    public static RpcException ProtocolVersion(string message) => new("ProtocolVersionError", message, ErrorKinds.ProtocolVersionMismatch);

    public static RpcException MethodNotImplemented(string message) => new("MethodNotImplementedError", message, ErrorKinds.MethodNotImplemented);

    public static RpcException Type(string message) => new("TypeError", message);
}

/// <summary>Well-known <c>vgi_rpc.error_kind</c> values.</summary>
public static class ErrorKinds
{
    public const string MethodNotImplemented = "method_not_implemented";
    public const string ProtocolVersionMismatch = "protocol_version_mismatch";
}
