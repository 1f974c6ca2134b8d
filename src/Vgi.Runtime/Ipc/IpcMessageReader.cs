using System.Buffers.Binary;
using Google.FlatBuffers;

namespace Vgi.Ipc;

/// <summary>
/// Reads encapsulated Arrow IPC messages from a byte channel. One instance serves a channel for its
/// whole life, so bytes read ahead of the current stream's EOS stay buffered for the next stream.
/// </summary>
internal sealed class IpcMessageReader
{
    private const int MaxMetadataLength = 64 << 20;

    /// <summary>Bodies above this size are read incrementally rather than allocated up front.</summary>
    private const int LargeBody = 16 << 20;
    private const uint Continuation = 0xFFFFFFFF;

    private readonly Stream _stream;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private byte[] _metadata = new byte[1024];

    /// <param name="bufferSize">Read-ahead buffer; in-memory sources need no more than their length.</param>
    public IpcMessageReader(Stream stream, int bufferSize = 64 * 1024)
    {
        _stream = stream;
        _buffer = new byte[Math.Max(16, bufferSize)];
    }

    /// <summary>Bytes buffered but not yet consumed.</summary>
    public int Buffered => _end - _start;

    /// <summary>
    /// Reads the next message. Returns <c>null</c> for EOS. Throws <see cref="EndOfStreamException"/>
    /// on a clean EOF before the first byte of a message and <see cref="IpcFormatException"/> on
    /// malformed or truncated input.
    /// </summary>
    public async ValueTask<IpcMessage?> ReadAsync(CancellationToken ct)
    {
        if (!await FillAsync(4, ct).ConfigureAwait(false))
        {
            if (Buffered == 0) throw new EndOfStreamException("channel closed at a message boundary");
            throw new IpcFormatException("truncated IPC message: EOF inside the message prefix");
        }
        uint marker = BinaryPrimitives.ReadUInt32LittleEndian(_buffer.AsSpan(_start));
        if (marker == 0)
        {
            _start += 4; // legacy 4-byte EOS
            return null;
        }
        if (marker != Continuation)
            throw new IpcFormatException($"missing continuation token: expected FF FF FF FF, got {marker:X8}");
        if (!await FillAsync(8, ct).ConfigureAwait(false))
            throw new IpcFormatException("truncated IPC message: EOF inside the message prefix");
        int metadataLength = BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(_start + 4));
        if (metadataLength == 0)
        {
            _start += 8;
            return null;
        }
        if (metadataLength < 0 || metadataLength > MaxMetadataLength)
            throw new IpcFormatException($"invalid IPC metadata length {metadataLength}");
        _start += 8;
        if (!await FillAsync(metadataLength, ct).ConfigureAwait(false))
            throw new IpcFormatException("truncated IPC message: EOF inside the message metadata");
        if (_metadata.Length < metadataLength) _metadata = new byte[Math.Max(metadataLength, _metadata.Length * 2)];
        _buffer.AsSpan(_start, metadataLength).CopyTo(_metadata);
        _start += metadataLength;

        var bb = new ByteBuffer(_metadata, 0);
        FlatTable message, header;
        MessageHeaderType type;
        long bodyLength;
        try
        {
            message = FlatTable.Root(bb);
            short version = message.GetShort(0);
            if (version < 3) throw new IpcFormatException($"unsupported Arrow metadata version {version}");
            type = (MessageHeaderType)message.GetByte(1);
            if (type is not (MessageHeaderType.Schema or MessageHeaderType.DictionaryBatch or MessageHeaderType.RecordBatch))
                throw new IpcFormatException($"unsupported IPC message header type {(byte)type}");
            header = message.GetTable(2) ?? throw new IpcFormatException("IPC message has no header");
            bodyLength = message.GetLong(3);
        }
        catch (Exception e) when (e is not IpcFormatException)
        {
            throw new IpcFormatException("malformed IPC message flatbuffer", e);
        }
        if (bodyLength < 0 || bodyLength > int.MaxValue)
            throw new IpcFormatException($"invalid IPC body length {bodyLength}");

        if (bodyLength > LargeBody)
            return new IpcMessage(type, header, message, await ReadLargeBodyAsync((int)bodyLength, ct).ConfigureAwait(false));
        var body = type == MessageHeaderType.DictionaryBatch ? PooledBuffer.Allocate((int)bodyLength) : PooledBuffer.Rent((int)bodyLength);
        try
        {
            await ReadExactAsync(body.Array.AsMemory(0, (int)bodyLength), ct).ConfigureAwait(false);
        }
        catch
        {
            body.Dispose();
            throw;
        }
        return new IpcMessage(type, header, message, body);
    }

    /// <summary>
    /// Reads a body larger than <see cref="LargeBody"/> into memory that grows as bytes arrive, so a
    /// corrupt or hostile length costs no more memory than the bytes actually sent.
    /// </summary>
    private async ValueTask<PooledBuffer> ReadLargeBodyAsync(int length, CancellationToken ct)
    {
        var body = new byte[LargeBody];
        int read = 0;
        while (read < length)
        {
            if (read == body.Length) System.Array.Resize(ref body, (int)Math.Min(length, (long)body.Length * 2));
            int chunk = Math.Min(body.Length, length) - read;
            await ReadExactAsync(body.AsMemory(read, chunk), ct).ConfigureAwait(false);
            read += chunk;
        }
        return PooledBuffer.Wrap(body, length);
    }

    /// <summary>Ensures <paramref name="count"/> bytes are buffered; false on EOF first.</summary>
    private async ValueTask<bool> FillAsync(int count, CancellationToken ct)
    {
        if (_end - _start >= count) return true;
        if (_buffer.Length - _start < count)
        {
            if (_buffer.Length < count) Array.Resize(ref _buffer, Math.Max(count, _buffer.Length * 2));
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < count)
        {
            int n = await _stream.ReadAsync(_buffer.AsMemory(_end, _buffer.Length - _end), ct).ConfigureAwait(false);
            if (n == 0) return false;
            _end += n;
        }
        return true;
    }

    private async ValueTask ReadExactAsync(Memory<byte> destination, CancellationToken ct)
    {
        int buffered = Math.Min(destination.Length, _end - _start);
        _buffer.AsMemory(_start, buffered).CopyTo(destination);
        _start += buffered;
        destination = destination[buffered..];
        // Large remainders go straight into the body; small ones refill the read-ahead buffer.
        while (destination.Length > 0)
        {
            if (destination.Length < _buffer.Length / 4)
            {
                if (!await FillAsync(destination.Length, ct).ConfigureAwait(false))
                    throw new IpcFormatException("truncated IPC message: EOF inside the message body");
                _buffer.AsMemory(_start, destination.Length).CopyTo(destination);
                _start += destination.Length;
                return;
            }
            int n = await _stream.ReadAsync(destination, ct).ConfigureAwait(false);
            if (n == 0) throw new IpcFormatException("truncated IPC message: EOF inside the message body");
            destination = destination[n..];
        }
    }
}
