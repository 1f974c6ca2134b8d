using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// Builds VGI unary methods from the protocol records: the parameters schema is exactly the
/// params record's, and a record result travels as its IPC bytes in <c>{result: binary}</c>
/// (nullable, as vgi-rpc declares dataclass results).
/// </summary>
internal static class ProtocolMethods
{
    /// <summary><c>{result: binary nullable}</c>: the IPC bytes of a result record, or optional raw bytes.</summary>
    public static readonly Schema NullableBytesResult = RpcSchemas.Result(BinaryType.Default, nullable: true);

    /// <summary><c>{result: binary not null}</c>: raw bytes a method always returns (scan/write function discovery).</summary>
    public static readonly Schema BytesResult = RpcSchemas.Result(BinaryType.Default, nullable: false);

    /// <summary>A method returning the record <typeparamref name="TResult"/>.</summary>
    public static RpcMethod Unary<TParams, TResult>(string name, Func<TParams, RpcCallContext, TResult> handler)
        where TParams : IArrowRecord<TParams>
        where TResult : IArrowRecord<TResult> =>
        RpcMethod.CreateUnary(name, TParams.ArrowSchema, NullableBytesResult, (request, context) =>
        {
            var result = handler(ReadParams<TParams>(request), context);
            return new ValueTask<IArrowArray?>(Bytes(ArrowRecord.ToIpcBytes(result)));
        });

    /// <summary>A method returning raw bytes (null only when <paramref name="nullable"/>).</summary>
    public static RpcMethod RawBytes<TParams>(string name, bool nullable, Func<TParams, RpcCallContext, byte[]?> handler)
        where TParams : IArrowRecord<TParams> =>
        RpcMethod.CreateUnary(name, TParams.ArrowSchema, nullable ? NullableBytesResult : BytesResult, (request, context) =>
            new ValueTask<IArrowArray?>(Bytes(handler(ReadParams<TParams>(request), context))));

    /// <summary>A method without a result (empty result schema).</summary>
    public static RpcMethod Void<TParams>(string name, Action<TParams, RpcCallContext> handler)
        where TParams : IArrowRecord<TParams> =>
        RpcMethod.CreateUnary(name, TParams.ArrowSchema, RpcSchemas.Empty, (request, context) =>
        {
            handler(ReadParams<TParams>(request), context);
            return new ValueTask<IArrowArray?>((IArrowArray?)null);
        });

    /// <summary>A method with the exact signature of <typeparamref name="TParams"/> that always fails with <paramref name="error"/>.</summary>
    public static RpcMethod Failing<TParams>(string name, Schema result, Func<RpcException> error)
        where TParams : IArrowRecord<TParams> =>
        RpcMethod.CreateUnary(name, TParams.ArrowSchema, result, (_, _) => throw error());

    /// <summary>The one row of the request's parameter batch, decoded by column name.</summary>
    public static TParams ReadParams<TParams>(RpcRequest request) where TParams : IArrowRecord<TParams>
    {
        var rows = TParams.FromRecordBatch(request.Batch);
        if (rows.Length != 1) throw RpcException.Protocol($"Expected 1 row in the request batch, got {rows.Length}");
        return rows[0];
    }

    /// <summary>A one-element binary array.</summary>
    public static IArrowArray Bytes(byte[]? value)
    {
        var builder = new BinaryArray.Builder();
        if (value is null) builder.AppendNull();
        else builder.Append(value.AsSpan());
        return builder.Build();
    }
}
