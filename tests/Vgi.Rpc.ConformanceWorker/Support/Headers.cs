using Apache.Arrow;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>Header rows of the stream methods that declare one.</summary>
public static class Headers
{
    /// <summary><c>ConformanceHeader(total_expected=count, description="producing {count} batches")</c>.</summary>
    public static RecordBatch Conformance(long count) =>
        Arrays.Row(Header, Arrays.Int64(count), Arrays.Utf8($"producing {count} batches"));

    public static RecordBatch Exchange(double factor) => Arrays.Row(ExchangeHeader, Arrays.Float64(factor));

    /// <summary>
    /// <c>RichHeader</c> derived from <paramref name="seed"/>: str "seed-{s}", bytes = s as int64 LE,
    /// int s*7, float s*1.5, bool s even, list [s, s+1, s+2], dict {"seed": s, "double": 2s},
    /// enum Status[|s| mod 3], point (s, -s), int32 (int)s, timestamp s seconds after the epoch (UTC),
    /// optional_str "even-{s}" for even s else None, optional_int None for even s else 3s.
    /// </summary>
    public static RecordBatch Rich(long seed)
    {
        bool even = seed % 2 == 0;
        return Arrays.Row(RichHeader,
            Arrays.Utf8($"seed-{seed}"),
            Arrays.Binary(BitConverter.GetBytes(seed)),
            Arrays.Int64(seed * 7),
            Arrays.Float64(seed * 1.5),
            Arrays.Bool(even),
            Arrays.Int64List([seed, seed + 1, seed + 2]),
            Arrays.Utf8Int64Map([new("seed", seed), new("double", seed * 2)]),
            Status.Array(Status.Members[(int)(Math.Abs(seed) % 3)]),
            Arrays.Point(seed, -seed),
            Arrays.Int32(unchecked((int)seed)),
            Arrays.TimestampMicros(TimestampUsUtc, seed * 1_000_000),
            Arrays.Utf8(even ? $"even-{seed}" : null),
            Arrays.Int64(even ? null : seed * 3));
    }
}
