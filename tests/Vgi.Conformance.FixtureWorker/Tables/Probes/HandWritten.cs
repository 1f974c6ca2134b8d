using System.Buffers.Binary;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Conformance.Fixtures.Tables.Probes;

// HandWritten (Tables/Generators) supplies Positional, Named, Column, Schema, Tags and Project.

/// <summary>
/// Building blocks of the hand-written probe, partition and settings definitions that
/// <see cref="HandWritten"/> does not offer: the sorted ArgumentSpec, field metadata, queue items.
/// </summary>
internal static class Hand
{
    private const string NamedKey = "vgi_arg";

    /// <summary>MaxWorkers of a parallel fixture: Python's default <c>max_workers</c>.</summary>
    public const int ParallelWorkers = 99999;

    /// <summary>The ArgumentSpec schema: positional fields in order, then named fields sorted by name (vgi-functions §4.2).</summary>
    public static Schema Arguments(params Field[] fields)
    {
        static bool IsNamed(Field f) => f.HasMetadata && f.Metadata.ContainsKey(NamedKey);
        return new Schema([.. fields.Where(f => !IsNamed(f)), .. fields.Where(IsNamed).OrderBy(f => f.Name, StringComparer.Ordinal)], null);
    }

    /// <summary>A column with field metadata given as alternating keys and values.</summary>
    public static Field Column(string name, IArrowType type, params string[] metadata)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        for (int i = 0; i + 1 < metadata.Length; i += 2) pairs.Add(new(metadata[i], metadata[i + 1]));
        return new Field(name, type, true, pairs);
    }

    /// <summary>A partition column (<c>vgi.partition_column = true</c>).</summary>
    public static Field PartitionColumn(string name, IArrowType type) => Column(name, type, "vgi.partition_column", "true");

    /// <summary>A work item of a parallel fixture's shared queue: a few int64 values.</summary>
    public static byte[] Item(params long[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(i * 8), values[i]);
        return bytes;
    }

    public static long ItemValue(byte[] item, int index) => BinaryPrimitives.ReadInt64LittleEndian(item.AsSpan(index * 8));

    /// <summary>Python's <c>math.ceil(a / b)</c> for non-negative integers.</summary>
    public static long CeilDiv(long a, long b) => a <= 0 ? 0 : (a - 1) / b + 1;
}

/// <summary>
/// Reads and validates a hand-written call's arguments the way generated binders do: counts, names,
/// types (<see cref="TableArguments.Check"/>), NULLs and bounds, summing the overload score.
/// </summary>
internal sealed class BindArgs
{
    private readonly Arguments _arguments;

    public BindArgs(TableBindContext context, string signature, int positional, params string[] named)
    {
        _arguments = context.Arguments;
        TableArguments.ExpectPositional(_arguments, positional, signature);
        TableArguments.ExpectNamed(_arguments, named, signature);
    }

    public int Score { get; private set; }

    public long Int64(int index, string name, long? min = null) => Int64(_arguments.Positional[index], name, min);

    public long Int64(string name, long @default, long? min = null) =>
        _arguments.Named.TryGetValue(name, out var value) ? Int64(value, name, min) : @default;

    public string Utf8(int index, string name)
    {
        var value = _arguments.Positional[index];
        Score += TableArguments.Check(value, name, StringType.Default, nullable: false);
        return value.AsString() ?? "";
    }

    private long Int64(ArgumentValue value, string name, long? min)
    {
        Score += TableArguments.Check(value, name, Int64Type.Default, nullable: false);
        long result = value.AsInt64() ?? 0;
        if (min is { } bound) TableArguments.Min(result, name, bound);
        return result;
    }
}

/// <summary>One batch a hand-written scan emits, with what the worker writes in its metadata.</summary>
/// <param name="Batch">The batch (the projected schema).</param>
/// <param name="BatchIndex"><c>vgi_batch_index</c> (null: the worker's own numbering).</param>
/// <param name="PartitionValues">Explicit min/max partition values (null: extracted by the worker).</param>
/// <param name="Metadata">Extra raw metadata keys.</param>
/// <param name="WithoutContractMetadata">
/// True sends the batch without <c>vgi_batch_index</c> and <c>vgi_partition_values#b64</c> even when the
/// definition declares them (<see cref="TableScan.WriteContractMetadata"/>), for the deliberately broken fixtures.
/// </param>
internal readonly record struct Emitted(
    RecordBatch Batch,
    long? BatchIndex = null,
    RecordBatch? PartitionValues = null,
    IReadOnlyList<KeyValuePair<string, string>>? Metadata = null,
    bool WithoutContractMetadata = false);

/// <summary>
/// A scan over an iterator of <see cref="Emitted"/> batches: one iterator step per
/// <see cref="TableScan.NextAsync"/> (so an iterator that reads <see cref="TableScanContext.Filters"/>
/// sees the filters in force for that tick).
/// </summary>
internal sealed class IteratorScan(IEnumerable<Emitted> batches) : TableScan
{
    private readonly IEnumerator<Emitted> _batches = batches.GetEnumerator();
    private Emitted _current;

    public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_batches.MoveNext()) return new ValueTask<RecordBatch?>((RecordBatch?)null);
        _current = _batches.Current;
        return new ValueTask<RecordBatch?>(_current.Batch);
    }

    public override long? BatchIndex => _current.BatchIndex;

    public override RecordBatch? PartitionValues => _current.PartitionValues;

    public override IReadOnlyList<KeyValuePair<string, string>>? BatchMetadata => _current.Metadata;

    public override bool WriteContractMetadata => !_current.WithoutContractMetadata;

    public override ValueTask DisposeAsync()
    {
        _batches.Dispose();
        return base.DisposeAsync();
    }
}

/// <summary>Arrow arrays built from a row index, for the hand-written scans.</summary>
internal static class Col
{
    public static Int64Array Int64(int length, Func<int, long> value)
    {
        var builder = new Int64Array.Builder().Reserve(length);
        for (int i = 0; i < length; i++) builder.Append(value(i));
        return builder.Build();
    }

    public static DoubleArray Float64(int length, Func<int, double> value)
    {
        var builder = new DoubleArray.Builder().Reserve(length);
        for (int i = 0; i < length; i++) builder.Append(value(i));
        return builder.Build();
    }

    public static BooleanArray Boolean(int length, Func<int, bool> value)
    {
        var builder = new BooleanArray.Builder().Reserve(length);
        for (int i = 0; i < length; i++) builder.Append(value(i));
        return builder.Build();
    }

    public static StringArray Utf8(int length, Func<int, string?> value)
    {
        var builder = new StringArray.Builder();
        for (int i = 0; i < length; i++)
        {
            if (value(i) is { } v) builder.Append(v);
            else builder.AppendNull();
        }
        return builder.Build();
    }

    public static BinaryArray Binary(int length, Func<int, byte[]> value)
    {
        var builder = new BinaryArray.Builder();
        for (int i = 0; i < length; i++) builder.Append(value(i).AsSpan());
        return builder.Build();
    }

    /// <summary>A two-row partition-values batch (row 0 minimum, row 1 maximum) of string columns.</summary>
    public static RecordBatch MinMax(IReadOnlyList<Field> fields, params (string Min, string Max)[] values)
    {
        var columns = new IArrowArray[values.Length];
        for (int c = 0; c < values.Length; c++)
        {
            var (min, max) = values[c];
            columns[c] = Utf8(2, i => i == 0 ? min : max);
        }
        return new RecordBatch(new Schema(fields, null), columns, 2);
    }
}
