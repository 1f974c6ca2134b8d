using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Worker.TestWorker;

/// <summary>
/// The table functions of the test worker, written by hand against the definition contract (no
/// generator). Every scan writes <c>scan disposed: &lt;function&gt; …</c> to stderr when it is
/// disposed, so the tests can see that LIMIT, cancel and errors release it.
/// </summary>
public static class TestTableFunctions
{
    private static Field Named(string name, IArrowType type) => new(name, type, true, [new KeyValuePair<string, string>("vgi_arg", "named")]);

    private static long Int64Arg(ArgumentValue value, string name)
    {
        TableArguments.Check(value, name, Int64Type.Default, nullable: false);
        return value.AsInt64()!.Value;
    }

    private static long NamedInt64(Arguments arguments, string name, long defaultValue) =>
        arguments.Named.TryGetValue(name, out var value) ? Int64Arg(value, name) : defaultValue;

    private static string Hex(ReadOnlyMemory<byte> id) => Convert.ToHexStringLower(id.Span);

    /// <summary>
    /// <c>sequence(start BIGINT, stop BIGINT, step := BIGINT 1) → {n BIGINT}</c>: start, start+step, …
    /// below stop, in batches of <see cref="TableScanContext.BatchSize"/> (2048). Projection and filter
    /// pushdown; cardinality = the row count.
    /// </summary>
    public static TableFunctionDefinition Sequence { get; } = new()
    {
        Name = "sequence",
        Description = "Integers from start (inclusive) to stop (exclusive).",
        Arguments = new Schema([new Field("start", Int64Type.Default, true), new Field("stop", Int64Type.Default, true), Named("step", Int64Type.Default)], null),
        ProjectionPushdown = true,
        FilterPushdown = true,
        Bind = context =>
        {
            var args = context.Arguments;
            TableArguments.ExpectPositional(args, 2, "sequence(start, stop, step := 1)");
            TableArguments.ExpectNamed(args, ["step"], "sequence(start, stop, step := 1)");
            long start = Int64Arg(args.Positional[0], "start");
            long stop = Int64Arg(args.Positional[1], "stop");
            long step = NamedInt64(args, "step", 1);
            if (step <= 0) throw new TableBindException($"step must be positive, got {step}");
            long count = stop <= start ? 0 : (stop - start + step - 1) / step;
            var schema = new Schema([new Field("n", Int64Type.Default, true)], null);
            return new TableBinding(schema, scan => new SequenceScan("sequence", scan, start, stop, step), 2)
            {
                CardinalityEstimate = count,
                CardinalityMax = count,
            };
        },
    };

    /// <summary>
    /// <c>sequence(count BIGINT) → {n BIGINT}</c>: the overload of the validation probe and the
    /// golden <c>vgi_table_function(…, 'sequence', [5])</c> request: 0 … count-1.
    /// </summary>
    public static TableFunctionDefinition SequenceCount { get; } = new()
    {
        Name = "sequence",
        Description = "Integers from 0 to count - 1.",
        Arguments = new Schema([new Field("count", Int64Type.Default, true)], null),
        ProjectionPushdown = true,
        FilterPushdown = true,
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 1, "sequence(count)");
            TableArguments.ExpectNamed(context.Arguments, [], "sequence(count)");
            int score = TableArguments.Check(context.Arguments.Positional[0], "count", Int64Type.Default, nullable: false);
            long count = Math.Max(0, context.Arguments.Positional[0].AsInt64()!.Value);
            var schema = new Schema([new Field("n", Int64Type.Default, true)], null);
            return new TableBinding(schema, scan => new SequenceScan("sequence", scan, 0, count, 1), score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    private sealed class SequenceScan(string name, TableScanContext context, long next, long stop, long step) : TableScan
    {
        private int _batches;

        public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
        {
            if (next >= stop) return new((RecordBatch?)null);
            var builder = new Int64Array.Builder();
            for (int i = 0; i < context.BatchSize && next < stop; i++, next += step) builder.Append(next);
            _batches++;
            var column = builder.Build();
            // The only column is n; the projected schema is [n] whatever the projection.
            return new(new RecordBatch(context.ProjectedSchema, [column], column.Length));
        }

        public override ValueTask DisposeAsync()
        {
            Console.Error.WriteLine($"scan disposed: {name} {Hex(context.ExecutionId)} after {_batches} batches (cancelled: {context.Context.CancellationToken.IsCancellationRequested})");
            return base.DisposeAsync();
        }
    }

    /// <summary>
    /// <c>tri(count BIGINT, batch_size := BIGINT) → {a BIGINT, b VARCHAR, c VARCHAR}</c>, the
    /// validation probe's function: a = i (NULL when i % 7 = 6), b = 'b' || i, c = 'x' for even i
    /// else 'y'. Writes only the projected columns, in projection order; filters are applied by the worker.
    /// </summary>
    public static TableFunctionDefinition Tri { get; } = new()
    {
        Name = "tri",
        Description = "Three columns for projection and filter tests.",
        Arguments = new Schema([new Field("count", Int64Type.Default, true), Named("batch_size", Int64Type.Default)], null),
        ProjectionPushdown = true,
        FilterPushdown = true,
        Bind = context =>
        {
            var args = context.Arguments;
            TableArguments.ExpectPositional(args, 1, "tri(count, batch_size := 1000)");
            TableArguments.ExpectNamed(args, ["batch_size"], "tri(count, batch_size := 1000)");
            long count = Int64Arg(args.Positional[0], "count");
            long batchSize = NamedInt64(args, "batch_size", 1000);
            var schema = new Schema([new Field("a", Int64Type.Default, true), new Field("b", StringType.Default, true), new Field("c", StringType.Default, true)], null);
            return new TableBinding(schema, scan => new TriScan(scan, count, (int)batchSize), 2) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    private sealed class TriScan(TableScanContext context, long count, int batchSize) : TableScan
    {
        private long _next;

        public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
        {
            if (_next >= count) return new((RecordBatch?)null);
            long end = Math.Min(count, _next + batchSize);
            var fields = context.ProjectedSchema.FieldsList;
            var columns = new IArrowArray[fields.Count];
            for (int c = 0; c < columns.Length; c++)
            {
                int output = context.ProjectionIds?[c] ?? c;
                columns[c] = output switch
                {
                    0 => A(_next, end),
                    1 => Strings(_next, end, i => "b" + i),
                    _ => Strings(_next, end, i => i % 2 == 0 ? "x" : "y"),
                };
            }
            var batch = new RecordBatch(context.ProjectedSchema, columns, (int)(end - _next));
            _next = end;
            return new(batch);
        }

        private static Int64Array A(long from, long to)
        {
            var builder = new Int64Array.Builder();
            for (long i = from; i < to; i++)
            {
                if (i % 7 == 6) builder.AppendNull();
                else builder.Append(i);
            }
            return builder.Build();
        }

        private static StringArray Strings(long from, long to, Func<long, string> value)
        {
            var builder = new StringArray.Builder();
            for (long i = from; i < to; i++) builder.Append(value(i));
            return builder.Build();
        }

        public override ValueTask DisposeAsync()
        {
            Console.Error.WriteLine($"scan disposed: tri {Hex(context.ExecutionId)}");
            return base.DisposeAsync();
        }
    }

    /// <summary>Chunks claimed so far, per execution id: the in-process work queue of <see cref="ParSequence"/>.</summary>
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Claims = new();

    /// <summary>
    /// <c>par_sequence(count BIGINT) → {n BIGINT}</c> with <c>max_workers = 2</c>: every stream of one
    /// execution (primary and secondaries) claims 1000-row chunks from a counter keyed by the
    /// execution id, so together they produce each row once. Batches carry <c>vgi_batch_index</c> =
    /// the chunk number. (In-process sharing is right for one long-lived worker: launch:/unix://.)
    /// </summary>
    public static TableFunctionDefinition ParSequence { get; } = new()
    {
        Name = "par_sequence",
        Description = "A sequence produced by up to two parallel streams.",
        Arguments = new Schema([new Field("count", Int64Type.Default, true)], null),
        ProjectionPushdown = true,
        FilterPushdown = true,
        MaxWorkers = 2,
        SupportsBatchIndex = true,
        OrderPreservation = OrderPreservation.NoOrderGuarantee,
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 1, "par_sequence(count)");
            long count = Int64Arg(context.Arguments.Positional[0], "count");
            var schema = new Schema([new Field("n", Int64Type.Default, true)], null);
            return new TableBinding(schema, scan => new ParScan(scan, count), 2) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    private sealed class ParScan(TableScanContext context, long count) : TableScan
    {
        private const int Chunk = 1000;
        private readonly StrongBox<long> _claims = Claims.GetOrAdd(Hex(context.ExecutionId), _ => new StrongBox<long>());
        private long _chunk = -1;

        public override long? BatchIndex => _chunk;

        public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
        {
            long chunk = Interlocked.Increment(ref _claims.Value) - 1;
            long start = chunk * Chunk;
            if (start >= count) return new((RecordBatch?)null);
            _chunk = chunk;
            var builder = new Int64Array.Builder();
            for (long i = start; i < Math.Min(count, start + Chunk); i++) builder.Append(i);
            var column = builder.Build();
            return new(new RecordBatch(context.ProjectedSchema, [column], column.Length));
        }

        public override ValueTask DisposeAsync()
        {
            Console.Error.WriteLine($"scan disposed: par_sequence {Hex(context.ExecutionId)} secondary={context.IsSecondary}");
            return base.DisposeAsync();
        }
    }

    /// <summary>
    /// <c>filter_echo(count BIGINT) → {n BIGINT, filters VARCHAR}</c>: filter pushdown WITHOUT
    /// auto-apply; one row per tick whose <c>filters</c> is the scan's current
    /// <see cref="TableScanContext.Filters"/> (init AND the latest tick set) and <c>order</c> the hints.
    /// </summary>
    public static TableFunctionDefinition FilterEcho { get; } = new()
    {
        Name = "filter_echo",
        Description = "Echoes the filters and hints the scan sees.",
        Arguments = new Schema([new Field("count", Int64Type.Default, true)], null),
        ProjectionPushdown = true,
        FilterPushdown = true,
        AutoApplyFilters = false,
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 1, "filter_echo(count)");
            long count = Int64Arg(context.Arguments.Positional[0], "count");
            var schema = new Schema([new Field("n", Int64Type.Default, true), new Field("filters", StringType.Default, true), new Field("hints", StringType.Default, true)], null);
            return new TableBinding(schema, scan => new EchoScan(scan, count), 2);
        },
    };

    private sealed class EchoScan(TableScanContext context, long count) : TableScan
    {
        private long _next;

        public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
        {
            if (_next >= count) return new((RecordBatch?)null);
            string hints = $"order={context.OrderBy?.ToString() ?? "none"}; sample={context.Sample?.ToString() ?? "none"}; secondary={context.IsSecondary}";
            var columns = context.ProjectedSchema.FieldsList.Select(f => f.Name switch
            {
                "n" => (IArrowArray)new Int64Array.Builder().Append(_next).Build(),
                "filters" => new StringArray.Builder().Append(context.Filters.ToString()).Build(),
                _ => new StringArray.Builder().Append(hints).Build(),
            }).ToArray();
            _next++;
            return new(new RecordBatch(context.ProjectedSchema, columns, 1));
        }
    }

    /// <summary>
    /// <c>failing(mode VARCHAR) → {v BIGINT}</c>: <c>'bind'</c> fails at bind, <c>'init'</c> when the
    /// scan opens, <c>'stream'</c> on the second batch, <c>'schema'</c> emits a VARCHAR column where
    /// the bind said BIGINT; anything else produces one row.
    /// </summary>
    public static TableFunctionDefinition Failing { get; } = new()
    {
        Name = "failing",
        Description = "Fails where asked to.",
        Arguments = new Schema([new Field("mode", StringType.Default, true)], null),
        Bind = context =>
        {
            TableArguments.ExpectPositional(context.Arguments, 1, "failing(mode)");
            TableArguments.Check(context.Arguments.Positional[0], "mode", StringType.Default, nullable: false);
            string mode = context.Arguments.Positional[0].AsString()!;
            if (mode == "bind") throw new TableBindException("bind failed on purpose");
            var schema = new Schema([new Field("v", Int64Type.Default, true)], null);
            return new TableBinding(schema, scan => mode == "init" ? throw new InvalidOperationException("init failed on purpose") : new FailingScan(scan, mode), 2);
        },
    };

    private sealed class FailingScan(TableScanContext context, string mode) : TableScan
    {
        private int _calls;

        public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
        {
            _calls++;
            if (mode == "stream" && _calls == 2) throw new InvalidOperationException("producer failed on purpose");
            if (mode == "schema")
                return new(new RecordBatch(new Schema([new Field("v", StringType.Default, true)], null), [new StringArray.Builder().Append("x").Build()], 1));
            if (_calls > (mode == "stream" ? 3 : 1)) return new((RecordBatch?)null);
            return new(new RecordBatch(context.ProjectedSchema, [new Int64Array.Builder().Append(_calls).Build()], 1));
        }

        public override ValueTask DisposeAsync()
        {
            Console.Error.WriteLine($"scan disposed: failing {mode}");
            return base.DisposeAsync();
        }
    }

    public static IReadOnlyList<TableFunctionDefinition> All { get; } = [Sequence, SequenceCount, Tri, ParSequence, FilterEcho, Failing];
}
