using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;

namespace Vgi.Functions;

/// <summary>
/// The output column of a fixed-width scalar result, sized once per batch: kernels write
/// <see cref="Values"/> by row and mark nulls; <see cref="Build"/> wraps the buffer without copying.
/// </summary>
public sealed class FixedResult<T> where T : unmanaged
{
    private readonly byte[] _buffer;
    private readonly ValidityBitmap _validity;
    private readonly int _length;

    public FixedResult(int length)
    {
        _length = length;
        _buffer = new byte[length * Marshal.SizeOf<T>()];
        _validity = new ValidityBitmap(length);
    }

    public Span<T> Values => MemoryMarshal.Cast<byte, T>(_buffer.AsSpan());

    public void SetNull(int index) => _validity.SetNull(index);

    public IArrowArray Build(IArrowType type) =>
        ArrowArrayFactory.BuildArray(new ArrayData(type, _length, _validity.NullCount, 0, [_validity.Build(), new ArrowBuffer(_buffer)], []));
}

/// <summary>The output column of a boolean scalar result.</summary>
public sealed class BooleanResult(int length)
{
    private readonly byte[] _values = new byte[(length + 7) / 8];
    private readonly ValidityBitmap _validity = new(length);

    public void Set(int index, bool value)
    {
        if (value) _values[index >> 3] |= (byte)(1 << (index & 7));
    }

    public void SetNull(int index) => _validity.SetNull(index);

    public IArrowArray Build() =>
        new BooleanArray(new ArrowBuffer(_values), _validity.Build(), length, _validity.NullCount, 0);
}

/// <summary>
/// The output column of a utf8 or binary scalar result, appended row by row in order. Offsets are
/// sized once and handed to Arrow as they are. The data buffer starts at
/// <c>length * bytesPerValue</c>; when it fills up, it is resized once for all the values still to
/// come, projected from the bytes per value so far (at least 1.5 times), instead of doubling
/// through a series of large-object-heap copies.
/// </summary>
public sealed class BinaryResult
{
    private readonly byte[] _offsets; // int32 little-endian, length + 1 of them: the Arrow buffer itself
    private readonly ValidityBitmap _validity;
    private readonly int _length;
    private byte[] _data;
    private int _count;
    private int _size;

    public BinaryResult(int length, int bytesPerValue = 16)
    {
        _length = length;
        _offsets = new byte[(length + 1) * sizeof(int)];
        _validity = new ValidityBitmap(length);
        _data = new byte[Math.Max(16, length * bytesPerValue)];
    }

    public void Append(string? value)
    {
        if (value is null)
        {
            AppendNull();
            return;
        }
        // The worst case (3 bytes per char) only decides whether to count exactly: a buffer sized
        // for the real bytes must not grow because of the bound.
        if (_data.Length - _size < Encoding.UTF8.GetMaxByteCount(value.Length)) Ensure(Encoding.UTF8.GetByteCount(value));
        _size += Encoding.UTF8.GetBytes(value, _data.AsSpan(_size));
        EndValue();
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_data.AsSpan(_size));
        _size += value.Length;
        EndValue();
    }

    public void Append(byte[]? value)
    {
        if (value is null) AppendNull();
        else Append(value.AsSpan());
    }

    /// <summary>Room for <paramref name="maxBytes"/> more bytes, for writing a value in place with <see cref="Commit"/>.</summary>
    public Span<byte> Reserve(int maxBytes)
    {
        Ensure(maxBytes);
        return _data.AsSpan(_size, maxBytes);
    }

    /// <summary>Ends a value written into <see cref="Reserve"/>'s span.</summary>
    public void Commit(int bytesWritten)
    {
        _size += bytesWritten;
        EndValue();
    }

    public void AppendNull()
    {
        _validity.SetNull(_count);
        EndValue();
    }

    private void EndValue() => BinaryPrimitives.WriteInt32LittleEndian(_offsets.AsSpan(++_count * sizeof(int)), _size);

    private void Ensure(int extra)
    {
        if (_data.Length - _size >= extra) return;
        long needed = (long)_size + extra;
        long grown = _data.Length + (long)_data.Length / 2;
        // Bytes per value so far, times the values still to come after this one, plus 1/8.
        int remaining = _length - _count - 1;
        long projected = _count > 0 && remaining > 0 ? needed + (long)((double)_size / _count * remaining * 1.125) : needed;
        long size = Math.Max(needed, Math.Max(grown, projected));
        if (needed > System.Array.MaxLength) throw new InvalidOperationException("a utf8 or binary column holds less than 2 GiB per batch (int32 offsets)");
        System.Array.Resize(ref _data, (int)Math.Min(size, System.Array.MaxLength));
    }

    public IArrowArray Build(IArrowType type)
    {
        var data = new ArrayData(type, _count, _validity.NullCount, 0,
            [_validity.Build(), new ArrowBuffer(_offsets.AsMemory(0, (_count + 1) * sizeof(int))), new ArrowBuffer(_data.AsMemory(0, _size))], []);
        return ArrowArrayFactory.BuildArray(data);
    }
}
