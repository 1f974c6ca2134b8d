using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Protocol;
using static Vgi.Conformance.Fixtures.Scalars.ScalarSupport;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// Scalar fixtures driven by constants (fixtures.md §2.2): <c>hash_seed</c> and <c>random_bytes</c>
/// depend on the row index within the batch, which a row-wise [ScalarFunction] method does not
/// see, and <c>binary_packet</c> takes a STRUCT constant, which [Const] does not support.
/// </summary>
internal static class ConstantDrivenDefinitions
{
    private static readonly StructType PacketConfig = new([new Field("label", StringType.Default, true), new Field("version", Int64Type.Default, true)]);

    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        new()
        {
            Name = "binary_packet",
            Description = "Build binary packets with header, payload, and config",
            Arguments = Arguments(Const("header", BinaryType.Default), Arg("payload", BinaryType.Default), Const("config", PacketConfig)),
            Result = Result(BinaryType.Default),
            Bind = BindBinaryPacket,
        },
        new()
        {
            Name = "hash_seed",
            Description = "Generate deterministic integers from a constant seed",
            Arguments = Arguments(Const("seed", Int64Type.Default)),
            Result = Result(Int64Type.Default),
            Bind = BindHashSeed,
        },
        new()
        {
            Name = "random_bytes",
            Description = "Generate pseudo-random binary blobs from seed and length",
            Arguments = Arguments(Const("seed", Int64Type.Default), Const("byte_length", Int64Type.Default)),
            Result = Result(BinaryType.Default),
            Bind = BindRandomBytes,
        },
    ];

    /// <summary>Row i of every batch is <c>seed + i</c> (int64, wrapping); a NULL seed gives NULL rows.</summary>
    private static ScalarBinding BindHashSeed(ScalarBindContext context)
    {
        Expect(context, "hash_seed(seed BIGINT constant)", columns: 0, constants: 1);
        int score = ArgumentTypes.Constant(context.Constants, 0, "seed", Int64Type.Default);
        long? seed = context.Constants.Positional[0].AsInt64();
        return new ScalarBinding(Result(Int64Type.Default), (batch, _) =>
        {
            var result = new FixedResult<long>(batch.Length);
            var values = result.Values;
            for (int i = 0; i < batch.Length; i++)
            {
                if (seed is { } s) values[i] = unchecked(s + i);
                else result.SetNull(i);
            }
            return result.Build(Int64Type.Default);
        }, score);
    }

    /// <summary>
    /// Per batch, Python's <c>random.Random(seed)</c> (Mersenne Twister) yields <c>byte_length</c>
    /// bytes for each row in turn, one <c>getrandbits(8)</c> per byte.
    /// </summary>
    private static ScalarBinding BindRandomBytes(ScalarBindContext context)
    {
        Expect(context, "random_bytes(seed BIGINT constant, byte_length BIGINT constant)", columns: 0, constants: 2);
        int score = ArgumentTypes.Constant(context.Constants, 0, "seed", Int64Type.Default)
            + ArgumentTypes.Constant(context.Constants, 1, "byte_length", Int64Type.Default);
        long? seed = context.Constants.Positional[0].AsInt64();
        long? length = context.Constants.Positional[1].AsInt64();
        return new ScalarBinding(Result(BinaryType.Default), (batch, _) =>
        {
            var result = new BinaryResult(batch.Length);
            if (seed is not { } s || length is not { } n)
            {
                for (int i = 0; i < batch.Length; i++) result.AppendNull();
                return result.Build(BinaryType.Default);
            }
            if (n < 0) throw ValueError("byte_length must be >= 0");
            var random = new PythonRandom(s);
            var bytes = new byte[checked((int)n)];
            for (int i = 0; i < batch.Length; i++)
            {
                for (int k = 0; k < bytes.Length; k++) bytes[k] = (byte)random.GetRandBits8();
                result.Append(bytes.AsSpan());
            }
            return result.Build(BinaryType.Default);
        }, score);
    }

    /// <summary>
    /// <c>header ‖ payload ‖ utf8(config.label) ‖ byte(config.version &amp; 0xFF)</c>. A NULL payload
    /// is skipped rather than nulling the row; a NULL header, label or config contributes nothing.
    /// </summary>
    private static ScalarBinding BindBinaryPacket(ScalarBindContext context)
    {
        Expect(context, "binary_packet(header BLOB constant, payload BLOB, config STRUCT(label VARCHAR, version BIGINT) constant)", columns: 1, constants: 2);
        int score = ArgumentTypes.Column(context.InputSchema, 0, "payload", BinaryType.Default)
            + ArgumentTypes.Constant(context.Constants, 0, "header", BinaryType.Default);
        var config = context.Constants.Positional[1];
        if (!config.IsNull && config.Type is not StructType)
            throw new ScalarBindException($"constant argument 'config' expects STRUCT(label VARCHAR, version BIGINT), got {ArgumentTypes.SqlName(config.Type)}");
        score += ArgumentTypes.Exact;

        byte[] header = context.Constants.Positional[0].AsBytes() ?? [];
        byte[] suffix = Suffix(config);
        return new ScalarBinding(Result(BinaryType.Default), (batch, _) =>
        {
            var payload = batch.Column(0);
            var result = new BinaryResult(batch.Length, header.Length + suffix.Length + 16);
            for (int i = 0; i < batch.Length; i++)
            {
                byte[] body = Vgi.Codecs.ArrowRead.Binary(payload, i) ?? [];
                var span = result.Reserve(header.Length + body.Length + suffix.Length);
                header.CopyTo(span);
                body.CopyTo(span[header.Length..]);
                suffix.CopyTo(span[(header.Length + body.Length)..]);
                result.Commit(span.Length);
            }
            return result.Build(BinaryType.Default);
        }, score);
    }

    /// <summary><c>utf8(label) ‖ byte(version &amp; 0xFF)</c> of the config struct constant.</summary>
    private static byte[] Suffix(ArgumentValue config)
    {
        if (config.IsNull || config.Array is not StructArray structArray) return [];
        var type = (StructType)structArray.Data.DataType;
        var bytes = new List<byte>();
        int labelIndex = type.GetFieldIndex("label"), versionIndex = type.GetFieldIndex("version");
        if (labelIndex >= 0 && Vgi.Codecs.ArrowRead.String(structArray.Fields[labelIndex], config.Index) is { } label)
            bytes.AddRange(Encoding.UTF8.GetBytes(label));
        if (versionIndex >= 0 && Vgi.Codecs.ArrowRead.Int64(structArray.Fields[versionIndex], config.Index) is { } version)
            bytes.Add((byte)(version & 0xFF));
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
