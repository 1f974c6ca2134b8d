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
/// The output column of a utf8 or binary scalar result, appended row by row in order. The data
/// buffer grows geometrically; offsets are sized once.
/// </summary>
public sealed class BinaryResult
{
    private readonly int[] _offsets;
    private readonly ValidityBitmap _validity;
    private byte[] _data;
    private int _count;
    private int _size;

    public BinaryResult(int length, int bytesPerValue = 16)
    {
        _offsets = new int[length + 1];
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
        Ensure(Encoding.UTF8.GetMaxByteCount(value.Length));
        _size += Encoding.UTF8.GetBytes(value, _data.AsSpan(_size));
        _offsets[++_count] = _size;
    }

    public void Append(ReadOnlySpan<byte> value)
    {
        Ensure(value.Length);
        value.CopyTo(_data.AsSpan(_size));
        _size += value.Length;
        _offsets[++_count] = _size;
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
        _offsets[++_count] = _size;
    }

    public void AppendNull()
    {
        _validity.SetNull(_count);
        _offsets[++_count] = _size;
    }

    private void Ensure(int extra)
    {
        if (_data.Length - _size >= extra) return;
        System.Array.Resize(ref _data, Math.Max(_data.Length * 2, _size + extra));
    }

    public IArrowArray Build(IArrowType type)
    {
        var offsets = MemoryMarshal.AsBytes(_offsets.AsSpan(0, _count + 1)).ToArray();
        var data = new ArrayData(type, _count, _validity.NullCount, 0,
            [_validity.Build(), new ArrowBuffer(offsets), new ArrowBuffer(_data.AsMemory(0, _size))], []);
        return ArrowArrayFactory.BuildArray(data);
    }
}
