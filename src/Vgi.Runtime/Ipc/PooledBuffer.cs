using System.Buffers;

namespace Vgi.Ipc;

/// <summary>A message body rented from <see cref="ArrayPool{T}.Shared"/>; arrays decoded from it borrow its memory.</summary>
internal sealed class PooledBuffer : IDisposable
{
    public static readonly PooledBuffer Empty = new([], 0, pooled: false);

    private byte[]? _array;
    private readonly bool _pooled;

    private PooledBuffer(byte[] array, int length, bool pooled)
    {
        _array = array;
        Length = length;
        _pooled = pooled;
    }

    public static PooledBuffer Rent(int length) =>
        length == 0 ? Empty : new PooledBuffer(ArrayPool<byte>.Shared.Rent(length), length, pooled: true);

    /// <summary>A buffer the GC owns: used for dictionaries, which outlive the batch that carried them.</summary>
    public static PooledBuffer Allocate(int length) =>
        length == 0 ? Empty : new PooledBuffer(new byte[length], length, pooled: false);

    /// <summary>A GC-owned array of which the first <paramref name="length"/> bytes are the body.</summary>
    public static PooledBuffer Wrap(byte[] array, int length) => new(array, length, pooled: false);

    public int Length { get; }

    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    public Memory<byte> Memory => Array.AsMemory(0, Length);

    public void Dispose()
    {
        if (!_pooled) return;
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null) ArrayPool<byte>.Shared.Return(array);
    }
}
