using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>
/// Typed access to request parameters. The server has already checked that required parameters
/// are present and non-null; a parameter of the wrong Arrow type is a TypeError here, except for
/// numbers, which are cast the way vgi-rpc casts compatible types.
/// </summary>
public static class Args
{
    /// <summary>The column of <paramref name="name"/> as <paramref name="type"/> (cast if numeric), else TypeError.</summary>
    public static IArrowArray Column(RpcRequest request, string name, IArrowType type)
    {
        var column = request.Column(name) ?? throw new RpcException("TypeError", $"{request.Method.Name}() missing required argument: '{name}'");
        if (BatchCoercion.TypesEqual(column.Data.DataType, type)) return column;
        return BatchCoercion.Cast(column, type)
            ?? throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' must be {type.Name}, got {column.Data.DataType.Name}");
    }

    public static bool Has(RpcRequest request, string name) => request.Column(name) is not null;

    public static long Int64(RpcRequest request, string name) =>
        ((Int64Array)Column(request, name, Int64Type.Default)).GetValue(0)!.Value;

    public static long Int64(RpcRequest request, string name, long defaultValue) =>
        Has(request, name) ? Int64(request, name) : defaultValue;

    public static double Float64(RpcRequest request, string name) =>
        ((DoubleArray)Column(request, name, DoubleType.Default)).GetValue(0)!.Value;

    public static string Utf8(RpcRequest request, string name) =>
        OptionalUtf8(request, name) ?? throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' is not optional but got None");

    public static string Utf8(RpcRequest request, string name, string defaultValue) =>
        Has(request, name) ? Utf8(request, name) : defaultValue;

    public static string? OptionalUtf8(RpcRequest request, string name) => request.Column(name) switch
    {
        null => null,
        StringArray s => s.GetString(0),
        LargeStringArray s => s.GetString(0),
        var other => throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' must be utf8, got {other.Data.DataType.Name}"),
    };

    public static byte[] Binary(RpcRequest request, string name) => request.Column(name) switch
    {
        BinaryArray b when !b.IsNull(0) => b.GetBytes(0).ToArray(),
        LargeBinaryArray b when !b.IsNull(0) => b.GetBytes(0).ToArray(),
        var other => throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' must be binary, got {other?.Data.DataType.Name ?? "nothing"}"),
    };

    /// <summary>A <c>list[str]</c> parameter.</summary>
    public static List<string> Utf8List(RpcRequest request, string name)
    {
        if (request.Column(name) is not ListArray { Values: StringArray values } list)
            throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' must be list<utf8>");
        var result = new List<string>();
        int start = list.ValueOffsets[0], end = list.ValueOffsets[1];
        for (int i = start; i < end; i++)
            result.Add(values.GetString(i) ?? throw new RpcException("TypeError", $"{request.Method.Name}() parameter '{name}' has a null element"));
        return result;
    }

    /// <summary>The one-row dataclass carried in binary parameter <paramref name="name"/>.</summary>
    public static async ValueTask<RecordBatch> DataclassAsync(RpcRequest request, string name, Schema schema, string typeName) =>
        await Dataclass.DecodeAsync(Binary(request, name), schema, $"{typeName} parameter '{name}'").ConfigureAwait(false);

    /// <summary>The completed result of a synchronous unary handler (null for a void method).</summary>
    public static ValueTask<IArrowArray?> Return(IArrowArray? value) => ValueTask.FromResult(value);
}
