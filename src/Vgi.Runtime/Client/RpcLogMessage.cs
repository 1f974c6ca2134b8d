using Vgi.Rpc;

namespace Vgi.Client;

/// <summary>A log batch from the server (vgi-rpc-wire.md §4.2): zero rows carrying <c>vgi_rpc.log_*</c> keys.</summary>
public sealed class RpcLogMessage
{
    public RpcLogMessage(RpcLogLevel level, string message, string? extraJson, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        Level = level;
        Message = message;
        ExtraJson = extraJson;
        Metadata = metadata;
    }

    public RpcLogLevel Level { get; }

    /// <summary>The <c>vgi_rpc.log_message</c> text ("" when the server omitted it).</summary>
    public string Message { get; }

    /// <summary>The raw <c>vgi_rpc.log_extra</c> JSON object, when present.</summary>
    public string? ExtraJson { get; }

    /// <summary>The batch's whole custom_metadata in wire order (server_id, request_id, …).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata { get; }

    public override string ToString() => $"{Level.ToWire()}: {Message}";
}
