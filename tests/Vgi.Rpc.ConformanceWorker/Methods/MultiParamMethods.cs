using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Multi-parameter group. Parameters with defaults are non-null on the wire (the Python client
/// merges defaults before sending); the server also accepts them left out and applies the default.
/// </summary>
public static class MultiParamMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        // add_floats(a: float, b: float) -> float
        yield return RpcMethod.CreateUnary("add_floats", Of(F("a", F64), F("b", F64)), Result(F64),
            (request, _) => Args.Return(Arrays.Float64(Args.Float64(request, "a") + Args.Float64(request, "b"))));

        // concatenate(prefix: str, suffix: str, separator: str = "-") -> str
        yield return RpcMethod.CreateUnary("concatenate", Of(F("prefix", Utf8), F("suffix", Utf8), F("separator", Utf8)), Result(Utf8),
            (request, _) => Args.Return(Arrays.Utf8(
                Args.Utf8(request, "prefix") + Args.Utf8(request, "separator", "-") + Args.Utf8(request, "suffix"))),
            optionalParameters: ["separator"]);

        // with_defaults(required: int, optional_str: str = "default", optional_int: int = 42) -> str
        yield return RpcMethod.CreateUnary("with_defaults",
            Of(F("required", I64), F("optional_str", Utf8), F("optional_int", I64)), Result(Utf8),
            (request, _) => Args.Return(Arrays.Utf8(
                $"required={Args.Int64(request, "required")}, optional_str={Args.Utf8(request, "optional_str", "default")}, optional_int={Args.Int64(request, "optional_int", 42)}")),
            optionalParameters: ["optional_str", "optional_int"]);
    }
}
