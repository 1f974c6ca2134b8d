using System.Text;
using System.Text.Json;

namespace Vgi.Rpc;

/// <summary>One JSON line per request (the <c>--access-log PATH</c> that conformance runners pass).</summary>
internal sealed class AccessLog(string path)
{
    private readonly Lock _lock = new();

    public void Write(string serverId, string requestId, string method, string status, string? errorType, TimeSpan duration)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("O"));
            json.WriteString("server_id", serverId);
            json.WriteString("request_id", requestId);
            json.WriteString("method", method);
            json.WriteString("status", status);
            if (errorType is not null) json.WriteString("error_type", errorType);
            json.WriteNumber("duration_ms", Math.Round(duration.TotalMilliseconds, 3));
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        lock (_lock)
        {
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
    }
}
