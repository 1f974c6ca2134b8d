using System.Text;
using System.Text.Json;

namespace Vgi.Rpc;

/// <summary>
/// What a handler knows about the call it serves, and its channel for log records to the client.
/// Logs are written ahead of the response batch they precede (vgi-rpc-wire.md §4.1, §5.2).
/// </summary>
public sealed class RpcCallContext
{
    private readonly List<PendingLog> _logs = [];

    internal RpcCallContext(string serverId, string requestId, string method, IReadOnlyList<KeyValuePair<string, string>> requestMetadata, CancellationToken cancellationToken)
    {
        ServerId = serverId;
        RequestId = requestId;
        Method = method;
        RequestMetadata = requestMetadata;
        CancellationToken = cancellationToken;
    }

    public string ServerId { get; }

    /// <summary>16 hex characters, fresh for each request.</summary>
    public string RequestId { get; }

    public string Method { get; }

    public IReadOnlyList<KeyValuePair<string, string>> RequestMetadata { get; }

    /// <summary>Signalled when the client cancels the stream or the channel closes.</summary>
    public CancellationToken CancellationToken { get; internal set; }

    /// <summary>
    /// Queues a log record for the client. <paramref name="extra"/> becomes <c>vgi_rpc.log_extra</c>;
    /// values may be strings, numbers, booleans or null (anything else is written as its text).
    /// </summary>
    public void Log(RpcLogLevel level, string message, IReadOnlyList<KeyValuePair<string, object?>>? extra = null)
    {
        if (level == RpcLogLevel.Exception) throw new ArgumentException("EXCEPTION is reserved for errors: throw instead", nameof(level));
        _logs.Add(new PendingLog(level, message, extra is { Count: > 0 } ? ExtraJson(extra) : null));
    }

    internal bool HasLogs => _logs.Count > 0;

    internal IReadOnlyList<PendingLog> Logs => _logs;

    internal void ClearLogs() => _logs.Clear();

    private static string ExtraJson(IReadOnlyList<KeyValuePair<string, object?>> extra)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (key, value) in extra)
            {
                json.WritePropertyName(key);
                switch (value)
                {
                    case null: json.WriteNullValue(); break;
                    case string s: json.WriteStringValue(s); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int i: json.WriteNumberValue(i); break;
                    case long l: json.WriteNumberValue(l); break;
                    case double d: json.WriteNumberValue(d); break;
                    case float f: json.WriteNumberValue(f); break;
                    case decimal m: json.WriteNumberValue(m); break;
                    default: json.WriteStringValue(value.ToString()); break;
                }
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}

internal readonly record struct PendingLog(RpcLogLevel Level, string Message, string? ExtraJson);
