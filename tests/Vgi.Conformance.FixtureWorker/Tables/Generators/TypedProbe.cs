using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// <c>typed_probe(n, ts := TIMESTAMPTZ, iv := INTERVAL, blob := BLOB, ub := UBIGINT, f := DOUBLE)</c>
/// (fixtures.md §2.4.1, v0.8.1): echoes typed constant arguments into typed columns. Hand-written
/// because its defaults (a timestamp, a duration, bytes) are not C# constants and <c>iv</c> arrives
/// either as the declared <c>duration[ns]</c> or as DuckDB's month-day-nano interval.
/// </summary>
internal static class TypedProbe
{
    private static readonly TimestampType TimestampUtc = new(TimeUnit.Microsecond, "UTC");
    private static readonly DurationType DurationNs = DurationType.Nanosecond;

    /// <summary>2026-01-02 03:04:05+00 in microseconds since the Unix epoch.</summary>
    private static readonly long DefaultTimestampMicros = (new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) - DateTimeOffset.UnixEpoch).Ticks / 10;

    private const long DefaultIntervalMillis = 1500;
    private const long MillisPerDay = 86_400_000;

    public static TableFunctionDefinition Definition { get; } = new()
    {
        Name = "typed_probe",
        Description = "Echoes typed const args (timestamp/interval/blob/ubigint) into typed columns",
        Arguments = HandWritten.Schema(
            HandWritten.Positional("n", Int64Type.Default),
            HandWritten.Named("blob", BinaryType.Default),
            HandWritten.Named("f", DoubleType.Default),
            HandWritten.Named("iv", DurationNs),
            HandWritten.Named("ts", TimestampUtc),
            HandWritten.Named("ub", UInt64Type.Default)),
        ProjectionPushdown = false,
        Bind = Bind,
    };

    private static readonly Schema Output = HandWritten.Schema(
        HandWritten.Column("idx", UInt64Type.Default),
        HandWritten.Column("ts_us", Int64Type.Default),
        HandWritten.Column("iv_ms", Int64Type.Default),
        HandWritten.Column("payload", BinaryType.Default),
        HandWritten.Column("ub", UInt64Type.Default),
        HandWritten.Column("f", DoubleType.Default));

    private static TableBinding Bind(TableBindContext context)
    {
        const string signature = "typed_probe(n BIGINT, blob := BLOB, f := DOUBLE, iv := INTERVAL, ts := TIMESTAMPTZ, ub := UBIGINT)";
        var arguments = context.Arguments;
        TableArguments.ExpectPositional(arguments, 1, signature);
        TableArguments.ExpectNamed(arguments, ["blob", "f", "iv", "ts", "ub"], signature);
        int score = 0;
        long n = HandWritten.Int64(arguments.Positional[0], "n", ref score);
        TableArguments.Min(n, "n", 0);
        byte[] blob = "vgi"u8.ToArray();
        if (arguments.Named.TryGetValue("blob", out var blobArgument))
        {
            score += TableArguments.Check(blobArgument, "blob", BinaryType.Default, nullable: false);
            blob = blobArgument.AsBytes()!;
        }
        double f = HandWritten.NamedFloat64(arguments, "f", 2.5, ref score);
        long ivMillis = arguments.Named.TryGetValue("iv", out var iv) ? IntervalMillis(iv) : DefaultIntervalMillis;
        long tsMicros = arguments.Named.TryGetValue("ts", out var ts) ? TimestampMicros(ts) : DefaultTimestampMicros;
        ulong ub = 9;
        if (arguments.Named.TryGetValue("ub", out var ubArgument))
        {
            score += TableArguments.Check(ubArgument, "ub", UInt64Type.Default, nullable: false);
            ub = ubArgument.Array is UInt64Array unsigned ? unsigned.GetValue(ubArgument.Index)!.Value : checked((ulong)ubArgument.AsInt64()!.Value);
        }
        int rows = checked((int)n);
        return new TableBinding(Output, _ => new BatchesScan(Batch(rows, tsMicros, ivMillis, blob, ub, f)), score);
    }

    private static IEnumerable<RecordBatch> Batch(int rows, long tsMicros, long ivMillis, byte[] blob, ulong ub, double f)
    {
        if (rows == 0) yield break;
        var idx = new ulong[rows];
        var payload = new byte[]?[rows];
        var fs = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            idx[i] = (ulong)i;
            payload[i] = blob;
            fs[i] = f + i;
        }
        yield return HandWritten.Batch(Output, rows,
            ArrowWrite.UInt64(idx),
            ArrowWrite.Int64(Enumerable.Repeat(tsMicros, rows).ToArray()),
            ArrowWrite.Int64(Enumerable.Repeat(ivMillis, rows).ToArray()),
            ArrowWrite.Binary(payload),
            ArrowWrite.UInt64(Enumerable.Repeat(ub, rows).ToArray()),
            ArrowWrite.Float64(fs));
    }

    /// <summary>Microseconds since the Unix epoch of a timestamp in any unit (floored).</summary>
    private static long TimestampMicros(ArgumentValue value)
    {
        if (value.IsNull) throw new TableBindException("Argument 'ts' cannot be NULL.");
        if (value.Array is not TimestampArray timestamps || value.Type is not TimestampType type)
            throw new TableBindException($"argument 'ts' expects TIMESTAMPTZ, got {ArgumentTypes.SqlName(value.Type)}");
        long raw = timestamps.GetValue(value.Index)!.Value;
        return type.Unit switch
        {
            TimeUnit.Second => checked(raw * 1_000_000),
            TimeUnit.Millisecond => checked(raw * 1_000),
            TimeUnit.Nanosecond => FloorDiv(raw, 1_000),
            _ => raw,
        };
    }

    /// <summary>
    /// Milliseconds of the interval: a duration floors its nanoseconds; a month-day-nano value counts
    /// a month as 30 days and floors the nanoseconds (fixtures.md §6.8).
    /// </summary>
    private static long IntervalMillis(ArgumentValue value)
    {
        if (value.IsNull) throw new TableBindException("Argument 'iv' cannot be NULL.");
        switch (value.Array)
        {
            case DurationArray durations when value.Type is DurationType type:
                long raw = durations.GetValue(value.Index)!.Value;
                return type.Unit switch
                {
                    TimeUnit.Second => checked(raw * 1_000),
                    TimeUnit.Microsecond => FloorDiv(raw, 1_000),
                    TimeUnit.Nanosecond => FloorDiv(raw, 1_000_000),
                    _ => raw,
                };
            case MonthDayNanosecondIntervalArray intervals:
                var interval = intervals.GetValue(value.Index)!.Value;
                return checked((((long)interval.Months * 30) + interval.Days) * MillisPerDay + FloorDiv(interval.Nanoseconds, 1_000_000));
            default:
                throw new TableBindException($"argument 'iv' expects INTERVAL, got {ArgumentTypes.SqlName(value.Type)}");
        }
    }

    /// <summary>Python's <c>//</c> for a positive divisor (rounds toward negative infinity).</summary>
    private static long FloorDiv(long value, long divisor)
    {
        long quotient = Math.DivRem(value, divisor, out long remainder);
        return remainder < 0 ? quotient - 1 : quotient;
    }
}
