using Apache.Arrow.Types;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Annotated scalars: <c>Annotated[T, ArrowType(t)]</c> puts exactly <c>t</c> on the wire, for the
/// parameter <c>value</c> and the result alike.
/// </summary>
public static class AnnotatedMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        yield return EchoMethods.Echo("echo_int32", Int32Type.Default);
        yield return EchoMethods.Echo("echo_float32", FloatType.Default);
        yield return EchoMethods.Echo("echo_int8", Int8Type.Default);
        yield return EchoMethods.Echo("echo_int16", Int16Type.Default);
        yield return EchoMethods.Echo("echo_uint8", UInt8Type.Default);
        yield return EchoMethods.Echo("echo_uint16", UInt16Type.Default);
        yield return EchoMethods.Echo("echo_uint32", UInt32Type.Default);
        yield return EchoMethods.Echo("echo_uint64", UInt64Type.Default);
        yield return EchoMethods.Echo("echo_date", Date32Type.Default);         // datetime.date → date32
        yield return EchoMethods.Echo("echo_timestamp", TimestampUs);           // timestamp("us")
        yield return EchoMethods.Echo("echo_timestamp_utc", TimestampUsUtc);    // timestamp("us", tz="UTC")
        yield return EchoMethods.Echo("echo_time", TimeUs);                     // time64("us")
        yield return EchoMethods.Echo("echo_duration", DurationUs);             // duration("us")
        yield return EchoMethods.Echo("echo_decimal", Decimal20x4);                 // decimal128(20, 4)
        yield return EchoMethods.Echo("echo_large_string", LargeStringType.Default);
        yield return EchoMethods.Echo("echo_large_binary", LargeBinaryType.Default);
        yield return EchoMethods.Echo("echo_fixed_binary", FixedBinary);        // binary(8)
    }
}
