using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Echo group: scalars, void, enum, containers and optionals. Each echo takes one parameter
/// (<c>value</c>, or <c>status</c> for the enum) and returns it unchanged as <c>result</c>.
/// </summary>
public static class EchoMethods
{
    /// <summary>Upper bound for the oversized payload methods, so a typo cannot exhaust memory.</summary>
    public const long MaxPayloadBytes = 256L << 20;

    public static IEnumerable<RpcMethod> Create()
    {
        yield return Echo("echo_string", Utf8);
        yield return Echo("echo_bytes", Binary);
        yield return Echo("echo_int", I64);
        yield return Echo("echo_float", F64);
        yield return Echo("echo_bool", Bool);

        // oversized_unary(size_bytes: int) -> bytes
        yield return RpcMethod.CreateUnary("oversized_unary", Of(F("size_bytes", I64)), Result(Binary),
            (request, _) => Args.Return(Arrays.Binary(Payload(Args.Int64(request, "size_bytes")))));

        // void_noop() -> None; void_with_param(value: int) -> None
        yield return RpcMethod.CreateUnary("void_noop", RpcSchemas.Empty, RpcSchemas.Empty, (_, _) => Args.Return(null));
        yield return RpcMethod.CreateUnary("void_with_param", Value(I64), RpcSchemas.Empty, (request, _) =>
        {
            Args.Int64(request, "value");
            return Args.Return(null);
        });

        // echo_enum(status: Status) -> Status
        yield return RpcMethod.CreateUnary("echo_enum", Of(F("status", Status.Type)), Result(Status.Type),
            (request, _) => Args.Return(Status.Array(Status.Read(request.Column("status")!))));

        yield return Echo("echo_list", ListOf(Utf8));                 // list[str]
        yield return Echo("echo_dict", MapOf(Utf8, I64));           // dict[str, int]
        yield return Echo("echo_nested_list", ListOf(ListOf(I64))); // list[list[int]]
        yield return Echo("echo_optional_string", Utf8, nullable: true);
        yield return Echo("echo_optional_int", I64, nullable: true);
    }

    /// <summary><c>name(value: T) -> T</c>: the parameter column goes back as the result column.</summary>
    public static RpcMethod Echo(string name, IArrowType type, bool nullable = false) =>
        RpcMethod.CreateUnary(name, Value(type, nullable), Result(type, nullable),
            (request, _) => Args.Return(Args.Column(request, "value", type)));

    /// <summary>A deterministic payload of <paramref name="size"/> bytes: byte i is i mod 251.</summary>
    public static byte[] Payload(long size)
    {
        if (size < 0 || size > MaxPayloadBytes)
            throw new RpcException("ValueError", $"size_bytes must be between 0 and {MaxPayloadBytes}, got {size}");
        var bytes = new byte[size];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(i % 251);
        return bytes;
    }
}
