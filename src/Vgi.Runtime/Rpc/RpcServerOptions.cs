namespace Vgi.Rpc;

/// <summary>How an <see cref="RpcServer"/> identifies itself and which optional behaviour is on.</summary>
public sealed class RpcServerOptions
{
    /// <summary>Name reported by <c>__describe__</c> (<c>vgi_rpc.protocol_name</c>).</summary>
    public string ProtocolName { get; init; } = "Service";

    /// <summary>
    /// Semver the service implements. When set, requests must carry a <c>vgi_rpc.protocol_version</c>
    /// with the same major.minor (§6.1); null turns the gate off.
    /// </summary>
    public string? ProtocolVersion { get; init; }

    /// <summary>Answer <c>__describe__</c> (the <c>--describe</c> flag).</summary>
    public bool EnableDescribe { get; set; }

    /// <summary>Where to append one JSON line per request (<c>--access-log</c>), or null.</summary>
    public string? AccessLogPath { get; set; }

    /// <summary>Diagnostics sink (stderr in a worker); never the protocol channel.</summary>
    public TextWriter? Diagnostics { get; set; }
}
