using System.Text;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>The <c>config</c> constant of <c>binary_packet</c>: STRUCT(label VARCHAR, version BIGINT), nullable fields.</summary>
[ArrowRecord]
public sealed partial record PacketConfig(string? Label, long? Version);

/// <summary>
/// Scalar fixtures driven by constants (fixtures.md §2.2): <c>hash_seed</c> and <c>random_bytes</c>
/// depend on the row index within the batch (<see cref="RowIndexAttribute"/>), and
/// <c>binary_packet</c> takes a STRUCT constant (an [ArrowRecord] <see cref="PacketConfig"/>).
/// </summary>
public static class ConstantDrivenScalars
{
    /// <summary>Row i of every batch is <c>seed + i</c> (int64, wrapping); a NULL seed gives NULL rows.</summary>
    [ScalarFunction("hash_seed", Description = "Generate deterministic integers from a constant seed")]
    public static long? HashSeed([Const] long? seed, [RowIndex] long row) => seed is { } s ? unchecked(s + row) : null;

    /// <summary>
    /// Per batch, Python's <c>random.Random(seed)</c> (Mersenne Twister) yields <c>byte_length</c>
    /// bytes for each row in turn, one <c>getrandbits(8)</c> per byte; a NULL seed or length gives NULL rows.
    /// </summary>
    [ScalarFunction("random_bytes", Description = "Generate pseudo-random binary blobs from seed and length")]
    public static byte[]? RandomBytes([Const] long? seed, [Const] long? byte_length, [RowIndex] int row)
    {
        if (seed is not { } s || byte_length is not { } n) return null;
        if (n < 0) throw ScalarSupport.ValueError("byte_length must be >= 0");
        var bytes = new byte[checked((int)n)];
        var random = RandomBytesStream.For(s, n, row);
        for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)random.GetRandBits8();
        return bytes;
    }

    /// <summary>
    /// The generator of the batch being computed: the kernel calls <see cref="RandomBytes"/> for rows
    /// 0, 1, 2, … of a batch in turn on one thread, so each thread keeps the stream it is drawing
    /// from and starts a new one at row 0 (or, should rows ever come out of turn, replays the
    /// stream up to the row).
    /// </summary>
    private sealed class RandomBytesStream
    {
        [ThreadStatic]
        private static RandomBytesStream? t_current;

        private readonly long _seed;
        private readonly long _length;
        private readonly PythonRandom _random;
        private int _nextRow;

        private RandomBytesStream(long seed, long length)
        {
            _seed = seed;
            _length = length;
            _random = new PythonRandom(seed);
        }

        /// <summary>The generator positioned at row <paramref name="row"/>'s first byte.</summary>
        public static PythonRandom For(long seed, long length, int row)
        {
            var stream = t_current;
            if (row == 0 || stream is null || stream._nextRow != row || stream._seed != seed || stream._length != length)
            {
                stream = t_current = new RandomBytesStream(seed, length);
                for (long skip = row * length; skip > 0; skip--) stream._random.GetRandBits8();
            }
            stream._nextRow = row + 1;
            return stream._random;
        }
    }

    /// <summary>
    /// <c>header ‖ payload ‖ utf8(config.label) ‖ byte(config.version &amp; 0xFF)</c>. A NULL payload
    /// is skipped rather than nulling the row; a NULL header, label or config contributes nothing.
    /// </summary>
    [ScalarFunction("binary_packet", Description = "Build binary packets with header, payload, and config", NullHandling = NullHandlingMode.Default)]
    public static byte[] BinaryPacket([Const] byte[]? header, byte[]? payload, [Const] PacketConfig? config)
    {
        var bytes = new List<byte>((header?.Length ?? 0) + (payload?.Length ?? 0) + 16);
        bytes.AddRange(header ?? []);
        bytes.AddRange(payload ?? []);
        if (config?.Label is { } label) bytes.AddRange(Encoding.UTF8.GetBytes(label));
        if (config?.Version is { } version) bytes.Add((byte)(version & 0xFF));
        return [.. bytes];
    }
}

/// <summary>
/// Python's <c>random.Random(int)</c>: MT19937 seeded by <c>init_by_array</c> with the 32-bit words of
/// <c>abs(seed)</c>, and <c>getrandbits(8)</c> = the top 8 bits of the next 32-bit output.
/// </summary>
internal sealed class PythonRandom
{
    private const int N = 624;
    private const int M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index = N + 1;

    public PythonRandom(long seed)
    {
        ulong magnitude = seed == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(seed);
        uint[] key = magnitude >> 32 == 0 ? [(uint)magnitude] : [(uint)magnitude, (uint)(magnitude >> 32)];
        InitByArray(key);
    }

    public uint GetRandBits8() => NextUInt32() >> 24;

    private void InitGenrand(uint s)
    {
        _mt[0] = s;
        for (int i = 1; i < N; i++) _mt[i] = unchecked(1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i);
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenrand(19650218u);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = unchecked((_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j);
            i++;
            j++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            _mt[i] = unchecked((_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i);
            i++;
            if (i >= N)
            {
                _mt[0] = _mt[N - 1];
                i = 1;
            }
        }
        _mt[0] = 0x80000000u;
    }

    private uint NextUInt32()
    {
        if (_index >= N)
        {
            for (int k = 0; k < N; k++)
            {
                uint y = (_mt[k] & 0x80000000u) | (_mt[(k + 1) % N] & 0x7fffffffu);
                _mt[k] = _mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908b0dfu : 0u);
            }
            _index = 0;
        }
        uint x = _mt[_index++];
        x ^= x >> 11;
        x ^= (x << 7) & 0x9d2c5680u;
        x ^= (x << 15) & 0xefc60000u;
        x ^= x >> 18;
        return x;
    }
}
