namespace Vgi.Testing;

/// <summary>Little-endian WKB geometries for spatial filter tests.</summary>
public static class Wkb
{
    /// <summary>A 2D point (21 bytes).</summary>
    public static byte[] Point(double x, double y)
    {
        var wkb = new byte[21];
        wkb[0] = 1;
        BitConverter.TryWriteBytes(wkb.AsSpan(1), 1u);
        BitConverter.TryWriteBytes(wkb.AsSpan(5), x);
        BitConverter.TryWriteBytes(wkb.AsSpan(13), y);
        return wkb;
    }

    /// <summary>A polygon with one ring.</summary>
    public static byte[] Polygon(params (double X, double Y)[] ring)
    {
        var wkb = new byte[1 + 4 + 4 + 4 + ring.Length * 16];
        wkb[0] = 1;
        BitConverter.TryWriteBytes(wkb.AsSpan(1), 3u);
        BitConverter.TryWriteBytes(wkb.AsSpan(5), 1u);
        BitConverter.TryWriteBytes(wkb.AsSpan(9), (uint)ring.Length);
        for (int i = 0; i < ring.Length; i++)
        {
            BitConverter.TryWriteBytes(wkb.AsSpan(13 + i * 16), ring[i].X);
            BitConverter.TryWriteBytes(wkb.AsSpan(21 + i * 16), ring[i].Y);
        }
        return wkb;
    }

    /// <summary>The closed rectangle from (<paramref name="minX"/>, <paramref name="minY"/>) to (<paramref name="maxX"/>, <paramref name="maxY"/>).</summary>
    public static byte[] Box(double minX, double minY, double maxX, double maxY) =>
        Polygon((minX, minY), (maxX, minY), (maxX, maxY), (minX, maxY), (minX, minY));
}
