using System.Runtime.CompilerServices;

namespace Vgi.Functions;

/// <summary>
/// A fixed-width input column as generated kernels read it: the values as a span over the Arrow
/// buffer (no copy when the type matches) and its validity bitmap.
/// </summary>
public readonly ref struct Column<T> where T : unmanaged
{
    private readonly ReadOnlySpan<byte> _validity;
    private readonly int _offset;

    public Column(ReadOnlySpan<T> values, ReadOnlySpan<byte> validity, int offset, int nullCount)
    {
        Values = values;
        _validity = validity;
        _offset = offset;
        NullCount = nullCount;
    }

    public ReadOnlySpan<T> Values { get; }

    public int NullCount { get; }

    public T this[int index] => Values[index];

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index)
    {
        if (NullCount == 0) return false;
        int bit = _offset + index;
        return (_validity[bit >> 3] & (1 << (bit & 7))) == 0;
    }
}

/// <summary>A boolean input column (bit-packed values).</summary>
public readonly ref struct BooleanColumn
{
    private readonly ReadOnlySpan<byte> _values;
    private readonly ReadOnlySpan<byte> _validity;
    private readonly int _offset;

    public BooleanColumn(ReadOnlySpan<byte> values, ReadOnlySpan<byte> validity, int offset, int nullCount)
    {
        _values = values;
        _validity = validity;
        _offset = offset;
        NullCount = nullCount;
    }

    public int NullCount { get; }

    public bool this[int index]
    {
        get
        {
            int bit = _offset + index;
            return (_values[bit >> 3] & (1 << (bit & 7))) != 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index)
    {
        if (NullCount == 0) return false;
        int bit = _offset + index;
        return (_validity[bit >> 3] & (1 << (bit & 7))) == 0;
    }
}

/// <summary>A utf8 or binary input column: offsets into one data buffer.</summary>
public readonly ref struct BinaryColumn
{
    private readonly ReadOnlySpan<int> _offsets;
    private readonly ReadOnlySpan<byte> _data;
    private readonly ReadOnlySpan<byte> _validity;
    private readonly int _offset;

    public BinaryColumn(ReadOnlySpan<int> offsets, ReadOnlySpan<byte> data, ReadOnlySpan<byte> validity, int offset, int nullCount)
    {
        _offsets = offsets;
        _data = data;
        _validity = validity;
        _offset = offset;
        NullCount = nullCount;
    }

    public int NullCount { get; }

    /// <summary>The bytes of row <paramref name="index"/> (UTF-8 for a utf8 column), without copying.</summary>
    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            int start = _offsets[_offset + index];
            return _data.Slice(start, _offsets[_offset + index + 1] - start);
        }
    }

    public string GetString(int index) => System.Text.Encoding.UTF8.GetString(this[index]);

    public byte[] GetBytes(int index) => this[index].ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsNull(int index)
    {
        if (NullCount == 0) return false;
        int bit = _offset + index;
        return (_validity[bit >> 3] & (1 << (bit & 7))) == 0;
    }
}
