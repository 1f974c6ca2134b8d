using System.Text.Json;
using Vgi.Ipc;
using Vgi.Rpc;

namespace Vgi.Client;

/// <summary>Classifies response batches and turns log/error metadata into client objects (vgi-rpc-wire.md §4.2–4.3).</summary>
internal static class ResponseBatches
{
    private const string ExceptionLevel = "EXCEPTION";

    /// <summary>
    /// A log or error batch: zero rows and <c>vgi_rpc.log_level</c> present. This is the C++ client's
    /// (looser) test; Python also wants <c>log_message</c>, which every conforming server sends anyway.
    /// </summary>
    public static bool IsLog(IpcRecordBatch batch) => batch.Length == 0 && batch.Metadata.Contains(RpcMetadataKeys.LogLevel);

    public static bool IsException(IReadOnlyList<KeyValuePair<string, string>> metadata) =>
        metadata.Get(RpcMetadataKeys.LogLevel) == ExceptionLevel;

    public static RpcLogMessage ToLog(IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        RpcLogLevelNames.TryParse(metadata.Get(RpcMetadataKeys.LogLevel) ?? "", out var level);
        return new RpcLogMessage(level, metadata.Get(RpcMetadataKeys.LogMessage) ?? "", metadata.Get(RpcMetadataKeys.LogExtra), metadata);
    }

    /// <summary>Mirrors Python's RpcError: type from <c>log_extra.exception_type</c>, text from <c>log_message</c>.</summary>
    public static RpcException ToException(IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        string typeName = ExceptionLevel;
        string? traceback = null;
        if (metadata.Get(RpcMetadataKeys.LogExtra) is { } extra)
        {
            try
            {
                using var doc = JsonDocument.Parse(extra);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    if (doc.RootElement.TryGetProperty("exception_type", out var t) && t.ValueKind == JsonValueKind.String)
                        typeName = t.GetString() ?? typeName;
                    if (doc.RootElement.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.String)
                        traceback = tb.GetString();
                }
            }
            catch (JsonException)
            {
                // log_extra is advisory; a malformed one must not hide the error itself.
            }
        }
        return new RpcException(typeName, metadata.Get(RpcMetadataKeys.LogMessage) ?? "", metadata.Get(RpcMetadataKeys.ErrorKind), traceback);
    }
}
