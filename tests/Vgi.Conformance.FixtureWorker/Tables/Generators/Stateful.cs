using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// Hand-written generators that carry state beyond their rows (fixtures.md §2.4.1):
/// <c>tx_cached_value</c> (a value cached in the catalog transaction's storage, carried from bind to init as
/// bind opaque data) and
/// <c>profiling_demo</c> (execution-scoped snapshots read back by <c>table_function_dynamic_to_string</c>).
/// </summary>
internal static class Stateful
{
    private static readonly Schema ValueOutput = HandWritten.Schema(HandWritten.Column("v", Int64Type.Default));
    private static readonly Schema SequenceOutput = HandWritten.Schema(HandWritten.Column("n", Int64Type.Default));

    /// <summary>Prefix of the transaction-scoped keys of <c>tx_cached_value</c> (fixtures.md §2.4.1).</summary>
    private const string TxKeyPrefix = "vgi-fixture:tx_cached_value:";

    /// <summary>
    /// <c>tx_cached_value(key, seed)</c>: inside a catalog transaction the bind looks up
    /// <c>vgi-fixture:tx_cached_value:&lt;key&gt;</c> in the transaction's storage: a hit gives the cached
    /// value, a miss stores <c>seed</c> (8 bytes big-endian) and gives it; outside a transaction the value is
    /// <c>seed</c>. The value travels as 8 big-endian bytes of bind opaque data, which the init also answers
    /// as its <c>opaque_data</c>, and the scan emits it as one row.
    /// </summary>
    /// <remarks>
    /// The example catalog supports transactions: commit and rollback drop the transaction's storage. The
    /// storage is held in the worker process, so binds of one transaction on another process of a pool
    /// do not see it.
    /// </remarks>
    public static TableFunctionDefinition TxCachedValue { get; } = new()
    {
        Name = "tx_cached_value",
        Description = "Return a value cached per (transaction_opaque_data, key) via transaction_storage.",
        Arguments = HandWritten.Schema(HandWritten.Positional("key", StringType.Default), HandWritten.Positional("seed", Int64Type.Default)),
        ProjectionPushdown = false,
        Categories = ["test", "transaction-storage"],
        Tags = HandWritten.Tags("category", "test"),
        Bind = context =>
        {
            const string signature = "tx_cached_value(key VARCHAR, seed BIGINT)";
            var arguments = context.Arguments;
            TableArguments.ExpectPositional(arguments, 2, signature);
            TableArguments.ExpectNamed(arguments, [], signature);
            int score = 0;
            string key = HandWritten.Utf8(arguments.Positional[0], "key", ref score);
            long seed = HandWritten.Int64(arguments.Positional[1], "seed", ref score);
            var opaque = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(opaque, seed);
            if (context.Transaction is { } transaction) opaque = transaction.GetOrAdd(TxKeyPrefix + key, () => opaque);
            return new TableBinding(ValueOutput, scan => new BatchesScan(CachedValue(scan.BindOpaqueData, seed)), score)
            {
                CardinalityEstimate = 1,
                CardinalityMax = 1,
                OpaqueData = opaque,
                InitOpaqueData = opaque,
            };
        },
    };

    private static IEnumerable<RecordBatch> CachedValue(ReadOnlyMemory<byte> opaque, long seed)
    {
        long value = opaque.Length == 8 ? BinaryPrimitives.ReadInt64BigEndian(opaque.Span) : seed;
        yield return HandWritten.Batch(ValueOutput, 1, HandWritten.Longs([value]));
    }

    /// <summary>
    /// Prefix of the execution-scoped snapshot keys: <c>profile:&lt;pid&gt;</c> holds the latest
    /// (rows, batches, elapsed µs) of that process, three little-endian uint64.
    /// </summary>
    private const string ProfilePrefix = "profile:";

    private static readonly Lock DrainGate = new();

    /// <summary>
    /// <c>profiling_demo(count, batch_size := 1000, increment := 1)</c>: the rows of <c>sequence</c>;
    /// after every batch and at the end it stores (rows, batches, elapsed µs) for this process under the
    /// execution-scoped key (<c>profile</c>, pid), and EXPLAIN ANALYZE's <c>table_function_dynamic_to_string</c>
    /// drains (reads and removes) the execution's snapshots into
    /// <c>rows_produced</c>, <c>batches_emitted</c> (sums) and <c>elapsed_ms</c> (the maximum, 2 decimals).
    /// </summary>
    public static TableFunctionDefinition ProfilingDemo { get; } = new()
    {
        Name = "profiling_demo",
        Description = "Sequence generator publishing diagnostics under EXPLAIN ANALYZE",
        Arguments = HandWritten.Schema(
            HandWritten.Positional("count", Int64Type.Default),
            HandWritten.Named("batch_size", Int64Type.Default),
            HandWritten.Named("increment", Int64Type.Default)),
        ProjectionPushdown = false,
        BatchSize = 1000,
        Categories = ["generator", "utility"],
        DynamicToString = DrainProfile,
        Bind = context =>
        {
            const string signature = "profiling_demo(count BIGINT, batch_size := BIGINT, increment := BIGINT)";
            var arguments = context.Arguments;
            TableArguments.ExpectPositional(arguments, 1, signature);
            TableArguments.ExpectNamed(arguments, ["batch_size", "increment"], signature);
            int score = 0;
            long count = HandWritten.Int64(arguments.Positional[0], "count", ref score);
            TableArguments.Min(count, "count", 0);
            long batchSize = HandWritten.NamedInt64(arguments, "batch_size", 1000, ref score);
            TableArguments.Min(batchSize, "batch_size", 1);
            long increment = HandWritten.NamedInt64(arguments, "increment", 1, ref score);
            TableArguments.Min(increment, "increment", 1);
            return new TableBinding(SequenceOutput, scan => new BatchesScan(Profiled(scan.Storage, count, batchSize, increment)), score)
            {
                CardinalityEstimate = count,
                CardinalityMax = count,
            };
        },
    };

    private static IEnumerable<RecordBatch> Profiled(ExecutionStorage storage, long count, long batchSize, long increment)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0, batches = 0;
        for (long start = 0; start < count; start += batchSize)
        {
            long size = Math.Min(batchSize, count - start);
            long[] values = NumpyArange.Arange(unchecked(start * increment), unchecked((start + size) * increment), increment);
            rows += values.Length;
            batches++;
            Snapshot(storage, rows, batches, clock);
            yield return HandWritten.Batch(SequenceOutput, values.Length, HandWritten.Longs(values));
        }
        Snapshot(storage, rows, batches, clock);
    }

    private static void Snapshot(ExecutionStorage storage, long rows, long batches, Stopwatch clock)
    {
        var entry = new byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(entry, (ulong)rows);
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(8), (ulong)batches);
        BinaryPrimitives.WriteUInt64LittleEndian(entry.AsSpan(16), (ulong)(clock.Elapsed.Ticks / 10));
        storage.Set(ProfilePrefix + Environment.ProcessId.ToString(CultureInfo.InvariantCulture), entry);
    }

    /// <summary>The execution's snapshots (one per process), removed and summed; no lines when there is none.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> DrainProfile(ReadOnlyMemory<byte> executionId)
    {
        var storage = ExecutionStorage.For(executionId.Span);
        var snapshots = new List<byte[]>();
        lock (DrainGate)
        {
            foreach (string key in storage.Keys(ProfilePrefix))
            {
                if (storage.Get(key) is { Length: 24 } snapshot) snapshots.Add(snapshot);
                storage.Remove(key);
            }
        }
        if (snapshots.Count == 0) return [];
        ulong rows = 0, batches = 0, micros = 0;
        foreach (var snapshot in snapshots)
        {
            rows += BinaryPrimitives.ReadUInt64LittleEndian(snapshot);
            batches += BinaryPrimitives.ReadUInt64LittleEndian(snapshot.AsSpan(8));
            micros = Math.Max(micros, BinaryPrimitives.ReadUInt64LittleEndian(snapshot.AsSpan(16)));
        }
        return
        [
            new("rows_produced", rows.ToString(CultureInfo.InvariantCulture)),
            new("batches_emitted", batches.ToString(CultureInfo.InvariantCulture)),
            new("elapsed_ms", (micros / 1000.0).ToString("F2", CultureInfo.InvariantCulture)),
        ];
    }
}
