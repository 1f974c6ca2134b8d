using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Conformance.FixtureTests.Scalars;

/// <summary>
/// Scalar calls on the fixture worker (a real child process over its stdin/stdout) the way the
/// extension makes them after <c>ATTACH … (TYPE vgi)</c>: plan-time bind, then bind, init and one
/// exchange per input batch on the execution connection.
/// </summary>
internal static class ScalarHarness
{
    /// <summary>One call: the bound output field and the result column of every batch.</summary>
    public static async Task<(Field Output, IReadOnlyList<IArrowArray> Results)> CallAsync(WorkerClient w, string name, Schema input, IEnumerable<RecordBatch> batches,
        IReadOnlyList<IArrowArray>? constants = null, byte[]? settings = null, byte[]? secrets = null)
    {
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var (bound, results) = await w.CallScalarAsync(Calls.Scalar(name, input, constants, attach, settings, secrets), batches);
        return (Assert.Single(bound.OutputSchema.FieldsList), results);
    }

    /// <summary>A call with one input batch; returns the output field and its result column.</summary>
    public static async Task<(Field Output, IArrowArray Result)> CallOnceAsync(string name, IArrowArray[] columns, IReadOnlyList<IArrowArray>? constants = null,
        byte[]? settings = null, byte[]? secrets = null, int rows = -1)
    {
        await using var w = WorkerProcess.Fixture.Start();
        var input = Calls.Input([.. columns.Select(c => c.Data.DataType)]);
        var batch = new RecordBatch(input, columns, rows >= 0 ? rows : columns[0].Length);
        var (output, results) = await CallAsync(w, name, input, [batch], constants, settings, secrets);
        return (output, Assert.Single(results));
    }

    /// <summary>The bind error of a call (thrown by the plan-time bind).</summary>
    public static async Task<RpcException> BindErrorAsync(string name, IArrowType[] columns, IReadOnlyList<IArrowArray>? constants = null)
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        return await Assert.ThrowsAsync<RpcException>(() => w.BindAsync(Calls.Scalar(name, Calls.Input(columns), constants, attach)));
    }

    /// <summary>The error a call raises while it runs (bind succeeds; the exchange answers with an EXCEPTION batch).</summary>
    public static async Task<RpcException> RunErrorAsync(string name, params IArrowArray[] columns)
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var input = Calls.Input([.. columns.Select(c => c.Data.DataType)]);
        var request = Calls.Scalar(name, input, null, attach);
        var bound = (await w.BindAsync(request)).Value;
        var session = await w.InitAsync(request, bound);
        return await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(new RecordBatch(input, columns, columns[0].Length)).Timed());
    }

    /// <summary>The error a call with constants raises while it runs over <paramref name="batch"/>.</summary>
    public static async Task<RpcException> RunErrorAsync(string name, RecordBatch batch, IReadOnlyList<IArrowArray> constants)
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var request = Calls.Scalar(name, batch.Schema, constants, attach);
        var bound = (await w.BindAsync(request)).Value;
        var session = await w.InitAsync(request, bound);
        return await Assert.ThrowsAsync<RpcException>(() => session.ExchangeAsync(batch).Timed());
    }

    /// <summary>A one-row settings or secrets batch as the extension sends it (vgi-functions §4.4, §4.5).</summary>
    public static byte[] OneRow(params (Field Field, IArrowArray Value)[] columns) =>
        IpcBytes.WriteBatch(new RecordBatch(new Schema([.. columns.Select(c => c.Field)], null), [.. columns.Select(c => c.Value)], 1));

    public static Decimal128Array Decimals(Decimal128Type type, params Int128?[] unscaled)
    {
        var values = new byte[unscaled.Length * 16];
        var nulls = new bool[unscaled.Length];
        for (int i = 0; i < unscaled.Length; i++)
        {
            if (unscaled[i] is { } v) System.Buffers.Binary.BinaryPrimitives.WriteInt128LittleEndian(values.AsSpan(i * 16), v);
            else nulls[i] = true;
        }
        return new Decimal128Array(new ArrayData(type, unscaled.Length, nulls.Count(n => n), 0, [Validity(nulls), new ArrowBuffer(values)]));
    }

    /// <summary>The unscaled values of a decimal128 column, nulls as null.</summary>
    public static Int128?[] Unscaled(IArrowArray array)
    {
        var a = Assert.IsType<Decimal128Array>(array);
        var result = new Int128?[a.Length];
        for (int i = 0; i < a.Length; i++)
            if (!a.IsNull(i)) result[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(a.ValueBuffer.Span[((a.Offset + i) * 16)..]);
        return result;
    }

    public static ArrowBuffer Validity(bool[] nulls)
    {
        if (!nulls.Any(n => n)) return ArrowBuffer.Empty;
        var bits = new byte[(nulls.Length + 7) / 8];
        for (int i = 0; i < nulls.Length; i++) if (!nulls[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        return new ArrowBuffer(bits);
    }

    public static T[] Values<T>(IArrowArray array, Func<int, T> read) => [.. Enumerable.Range(0, array.Length).Select(read)];
}
