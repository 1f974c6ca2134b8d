namespace Vgi.Client;

/// <summary>
/// A read-only pass-through that remembers whether the peer closed the channel. The IPC reader
/// reports a message cut short by EOF as a format error; with this flag the client can tell a
/// dead server (an <see cref="EndOfStreamException"/>) from one that sent garbage.
/// </summary>
internal sealed class EofTrackingStream : Stream
{
    private readonly Stream _inner;

    public EofTrackingStream(Stream inner) => _inner = inner;

    public bool SawEof { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Track(_inner.Read(buffer, offset, count), count);

    public override int Read(Span<byte> buffer) => Track(_inner.Read(buffer), buffer.Length);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Track(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false), buffer.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Track(int read, int requested)
    {
        if (read == 0 && requested > 0) SawEof = true;
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
