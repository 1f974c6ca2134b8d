using Apache.Arrow;
using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Producer group: streams with no input columns, driven by ticks. Unless stated otherwise the
/// output is <c>{index: int64, value: int64}</c>, one 1-row batch per tick with index = i and
/// value = i * 10, and the tick after the last batch finishes the stream (EOS, no batch).
/// </summary>
public static class ProducerMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        // produce_n(count: int)
        yield return Producer("produce_n", Of(F("count", I64)), null, (request, _) => Counting(Args.Int64(request, "count")));

        // produce_empty(): finishes on the first tick
        yield return Producer("produce_empty", RpcSchemas.Empty, null, (_, _) =>
            RpcStream.Producer(Counter, (output, _) =>
            {
                output.Finish();
                return default;
            }));

        // produce_single(): one batch and finish in the same turn
        yield return Producer("produce_single", RpcSchemas.Empty, null, (_, _) =>
            RpcStream.Producer(Counter, (output, _) =>
            {
                output.Emit(CounterRows(0, 1));
                output.Finish();
                return default;
            }));

        // produce_large_batches(rows_per_batch: int, batch_count: int): batch k holds indexes k*rows … k*rows+rows-1
        yield return Producer("produce_large_batches", Of(F("rows_per_batch", I64), F("batch_count", I64)), null, (request, _) =>
        {
            long rows = Args.Int64(request, "rows_per_batch"), count = Args.Int64(request, "batch_count");
            if (rows < 0 || rows > 10_000_000) throw new RpcException("ValueError", $"rows_per_batch out of range: {rows}");
            long batch = 0;
            return RpcStream.Producer(Counter, (output, _) =>
            {
                if (batch >= count) output.Finish();
                else output.Emit(CounterRows(batch++ * rows, (int)rows));
                return default;
            });
        });

        // produce_with_logs(count: int): an INFO log before each batch, and one when finishing
        yield return Producer("produce_with_logs", Of(F("count", I64)), null, (request, _) =>
            Counting(Args.Int64(request, "count"), logs: true));

        // produce_error_mid_stream(emit_before_error: int): RuntimeError on the tick after N batches
        yield return Producer("produce_error_mid_stream", Of(F("emit_before_error", I64)), null, (request, _) =>
        {
            long limit = Args.Int64(request, "emit_before_error"), i = 0;
            return RpcStream.Producer(Counter, (output, _) =>
            {
                if (i >= limit) throw new RpcException("RuntimeError", $"intentional error after {limit} batches");
                output.Emit(CounterRows(i++, 1));
                return default;
            });
        });

        // produce_error_on_init(): ValueError before any stream exists
        yield return Producer("produce_error_on_init", RpcSchemas.Empty, null, (_, _) =>
            throw new RpcException("ValueError", "intentional error in produce_error_on_init"));

        // produce_oversized_batch(size_bytes: int): one {index, payload} row with a payload of size_bytes, then finish
        yield return Producer("produce_oversized_batch", Of(F("size_bytes", I64)), null, (request, _) =>
        {
            byte[] payload = EchoMethods.Payload(Args.Int64(request, "size_bytes"));
            return RpcStream.Producer(Schemas.Payload, (output, _) =>
            {
                output.Emit(Arrays.Row(Schemas.Payload, Arrays.Int64(0), Arrays.Binary(payload)));
                output.Finish();
                return default;
            });
        });

        // produce_with_header(count: int) -> Stream[..., ConformanceHeader]
        yield return Producer("produce_with_header", Of(F("count", I64)), Header, (request, _) =>
        {
            long count = Args.Int64(request, "count");
            return Counting(count, header: Headers.Conformance(count));
        });

        // produce_with_header_and_logs(count: int): init logs travel in the header stream, tick logs in the output
        yield return Producer("produce_with_header_and_logs", Of(F("count", I64)), Header, (request, context) =>
        {
            long count = Args.Int64(request, "count");
            context.Log(RpcLogLevel.Info, $"init: producing {count} batches");
            context.Log(RpcLogLevel.Debug, "init: header ready", [new("count", count)]);
            return Counting(count, logs: true, header: Headers.Conformance(count));
        });

        // produce_with_rich_header(seed: int, count: int) -> Stream[..., RichHeader]
        yield return Producer("produce_with_rich_header", Of(F("seed", I64), F("count", I64)), RichHeader, (request, _) =>
            Counting(Args.Int64(request, "count"), header: Headers.Rich(Args.Int64(request, "seed"))));

        // produce_dynamic_schema(column_names: list[str], row_count: int): int64 columns named at init;
        // one batch where column j, row r holds r * (j + 1), then finish
        yield return Producer("produce_dynamic_schema", Of(F("column_names", ListOf(Utf8)), F("row_count", I64)), null, (request, _) =>
        {
            var names = Args.Utf8List(request, "column_names");
            long rows = Args.Int64(request, "row_count");
            if (names.Count == 0) throw new RpcException("ValueError", "column_names must not be empty");
            if (names.Distinct(StringComparer.Ordinal).Count() != names.Count) throw new RpcException("ValueError", "column_names must be unique");
            if (rows < 0 || rows > 1_000_000) throw new RpcException("ValueError", $"row_count out of range: {rows}");
            var schema = Of([.. names.Select(n => F(n, I64, true))]);
            return RpcStream.Producer(schema, (output, _) =>
            {
                var columns = new IArrowArray[names.Count];
                for (int j = 0; j < columns.Length; j++)
                {
                    long factor = j + 1;
                    columns[j] = Arrays.Int64s(Enumerable.Range(0, (int)rows).Select(r => r * factor));
                }
                output.Emit(new RecordBatch(schema, columns, (int)rows));
                output.Finish();
                return default;
            });
        });
    }

    private static RpcMethod Producer(string name, Schema parameters, Schema? header, Func<RpcRequest, RpcCallContext, RpcStream> init) =>
        RpcMethod.CreateStream(name, parameters, header, (request, context) => ValueTask.FromResult(init(request, context)), isExchange: false);

    /// <summary>The produce_n behaviour: <paramref name="count"/> 1-row batches, then finish.</summary>
    private static RpcStream Counting(long count, bool logs = false, RecordBatch? header = null)
    {
        if (count < 0) throw new RpcException("ValueError", $"count must be >= 0, got {count}");
        long i = 0;
        return RpcStream.Producer(Counter, (output, _) =>
        {
            if (i >= count)
            {
                if (logs) output.Log(RpcLogLevel.Info, $"finished after {count} batches");
                output.Finish();
                return default;
            }
            if (logs) output.Log(RpcLogLevel.Info, $"producing batch {i}", [new("index", i)]);
            output.Emit(CounterRows(i++, 1));
            return default;
        }, header: header);
    }

    /// <summary><paramref name="rows"/> rows of <c>{index, value = index * 10}</c> starting at <paramref name="first"/>.</summary>
    public static RecordBatch CounterRows(long first, int rows)
    {
        var index = new Int64Array.Builder().Reserve(rows);
        var value = new Int64Array.Builder().Reserve(rows);
        for (long i = first; i < first + rows; i++)
        {
            index.Append(i);
            value.Append(i * 10);
        }
        return new RecordBatch(Counter, [index.Build(), value.Build()], rows);
    }
}
