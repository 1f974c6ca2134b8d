using Google.FlatBuffers;

namespace Vgi.Ipc;

/// <summary>
/// Bounds-checked view of one flatbuffer table, addressed by field id (declaration index).
/// Arrow's Message.fbs/Schema.fbs tables are read through this rather than flatc output so that a
/// malformed envelope becomes an <see cref="IpcFormatException"/> instead of a wild read.
/// </summary>
internal readonly struct FlatTable
{
    private readonly ByteBuffer _bb;
    private readonly int _pos;
    private readonly int _vtable;
    private readonly int _vtableSize;

    public FlatTable(ByteBuffer bb, int pos)
    {
        _bb = bb;
        _pos = pos;
        Check(pos, 4);
        _vtable = pos - bb.GetInt(pos);
        Check(_vtable, 4);
        _vtableSize = bb.GetShort(_vtable);
        Check(_vtable, _vtableSize);
    }

    public static FlatTable Root(ByteBuffer bb)
    {
        Check(bb, bb.Position, 4);
        return new FlatTable(bb, bb.Position + bb.GetInt(bb.Position));
    }

    private int FieldOffset(int id)
    {
        int slot = 4 + 2 * id;
        if (slot + 2 > _vtableSize) return 0;
        return _bb.GetShort(_vtable + slot);
    }

    public bool Has(int id) => FieldOffset(id) != 0;

    public byte GetByte(int id, byte defaultValue = 0)
    {
        int o = FieldOffset(id);
        if (o == 0) return defaultValue;
        Check(_pos + o, 1);
        return _bb.Get(_pos + o);
    }

    public bool GetBool(int id) => GetByte(id) != 0;

    public short GetShort(int id, short defaultValue = 0)
    {
        int o = FieldOffset(id);
        if (o == 0) return defaultValue;
        Check(_pos + o, 2);
        return _bb.GetShort(_pos + o);
    }

    public int GetInt(int id, int defaultValue = 0)
    {
        int o = FieldOffset(id);
        if (o == 0) return defaultValue;
        Check(_pos + o, 4);
        return _bb.GetInt(_pos + o);
    }

    public long GetLong(int id, long defaultValue = 0)
    {
        int o = FieldOffset(id);
        if (o == 0) return defaultValue;
        Check(_pos + o, 8);
        return _bb.GetLong(_pos + o);
    }

    private int Indirect(int id)
    {
        int o = FieldOffset(id);
        if (o == 0) return -1;
        int at = _pos + o;
        Check(at, 4);
        int target = at + _bb.GetInt(at);
        Check(target, 4);
        return target;
    }

    public FlatTable? GetTable(int id)
    {
        int target = Indirect(id);
        return target < 0 ? null : new FlatTable(_bb, target);
    }

    public string? GetString(int id)
    {
        int target = Indirect(id);
        if (target < 0) return null;
        int len = _bb.GetInt(target);
        Check(target + 4, len);
        return _bb.GetStringUTF8(target + 4, len);
    }

    /// <summary>Vector of tables or of structs: returns (start of elements, count).</summary>
    public (int Start, int Count) GetVector(int id, int elementSize)
    {
        int target = Indirect(id);
        if (target < 0) return (0, 0);
        int count = _bb.GetInt(target);
        if (count < 0 || (long)count * elementSize > _bb.Length) throw new IpcFormatException("flatbuffer vector length out of range");
        Check(target + 4, count * elementSize);
        return (target + 4, count);
    }

    public FlatTable GetVectorTable(int start, int index)
    {
        int at = start + 4 * index;
        return new FlatTable(_bb, at + _bb.GetInt(at));
    }

    public long ReadLongAt(int at) => _bb.GetLong(at);

    public int ReadIntAt(int at) => _bb.GetInt(at);

    private void Check(int at, int length) => Check(_bb, at, length);

    private static void Check(ByteBuffer bb, int at, int length)
    {
        if (at < 0 || length < 0 || (long)at + length > bb.Length)
            throw new IpcFormatException("flatbuffer offset out of range");
    }
}
