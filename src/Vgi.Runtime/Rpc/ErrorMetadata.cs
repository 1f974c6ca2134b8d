using System.Text;
using System.Text.Json;

namespace Vgi.Rpc;

/// <summary>Builds the custom_metadata of log and EXCEPTION batches (vgi-rpc-wire.md §4.2–4.3).</summary>
internal static class ErrorMetadata
{
    private const int MaxTraceback = 16_000;

    public static string TypeName(Exception e) => e is RpcException rpc ? rpc.TypeName : e.GetType().Name;

    public static List<KeyValuePair<string, string>> ForException(Exception e, string serverId, string? requestId)
    {
        string type = TypeName(e);
        string? kind = (e as RpcException)?.ErrorKind;
        var md = new List<KeyValuePair<string, string>>(6)
        {
            new(RpcMetadataKeys.LogLevel, "EXCEPTION"),
            new(RpcMetadataKeys.LogMessage, $"{type}: {e.Message}"),
            new(RpcMetadataKeys.LogExtra, ExtraJson(e, type, kind)),
        };
        if (kind is not null) md.Add(new(RpcMetadataKeys.ErrorKind, kind));
        md.Add(new(RpcMetadataKeys.ServerId, serverId));
        if (requestId is not null) md.Add(new(RpcMetadataKeys.RequestId, requestId));
        return md;
    }

    public static List<KeyValuePair<string, string>> ForLog(PendingLog log, string serverId, string? requestId)
    {
        var md = new List<KeyValuePair<string, string>>(5)
        {
            new(RpcMetadataKeys.LogLevel, log.Level.ToWire()),
            new(RpcMetadataKeys.LogMessage, log.Message),
        };
        if (log.ExtraJson is not null) md.Add(new(RpcMetadataKeys.LogExtra, log.ExtraJson));
        md.Add(new(RpcMetadataKeys.ServerId, serverId));
        if (requestId is not null) md.Add(new(RpcMetadataKeys.RequestId, requestId));
        return md;
    }

    private static string ExtraJson(Exception e, string type, string? kind)
    {
        // The C# stack trace stands in for Python's traceback; frames are left out because
        // resolving them needs reflection over methods.
        string traceback = e.ToString();
        if (traceback.Length > MaxTraceback) traceback = traceback[..MaxTraceback] + "\n… <traceback truncated>";
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("exception_type", type);
            json.WriteString("exception_message", e.Message);
            json.WriteString("traceback", traceback);
            if (e.InnerException is { } cause) json.WriteString("cause", $"{TypeName(cause)}: {cause.Message}");
            if (kind is not null) json.WriteString("error_kind", kind);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
