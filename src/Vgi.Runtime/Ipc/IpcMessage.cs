using Google.FlatBuffers;

namespace Vgi.Ipc;

/// <summary>
/// One encapsulated IPC message as read off the channel. <see cref="Header"/> points into the
/// reader's metadata buffer and is valid until the next read; the caller owns <see cref="Body"/>.
/// </summary>
internal readonly struct IpcMessage
{
    public IpcMessage(MessageHeaderType type, FlatTable header, FlatTable message, PooledBuffer body)
    {
        Type = type;
        Header = header;
        Message = message;
        Body = body;
    }

    public MessageHeaderType Type { get; }

    /// <summary>The Schema, DictionaryBatch or RecordBatch table.</summary>
    public FlatTable Header { get; }

    /// <summary>The Message table (custom_metadata lives at field 4).</summary>
    public FlatTable Message { get; }

    public PooledBuffer Body { get; }
}
