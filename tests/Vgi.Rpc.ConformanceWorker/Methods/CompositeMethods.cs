using Apache.Arrow;
using Vgi.Ipc;
using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Composite types: dataclasses made of the annotated types, containers of them, embedded Arrow
/// values (<c>pa.Schema</c>, <c>pa.RecordBatch</c>), deep nesting, and a dictionary-encoded string.
/// Each echoes its one parameter.
/// </summary>
public static class CompositeMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        yield return EchoDataclass("echo_wide_types", WideTypes, "WideTypes");
        yield return EchoDataclass("echo_container_wide_types", ContainerWideTypes, "ContainerWideTypes");
        yield return EchoDataclass("echo_deep_nested", DeepNested, "DeepNested");

        // echo_embedded_arrow(data: EmbeddedArrow) -> EmbeddedArrow: both values are decoded and written anew.
        yield return RpcMethod.CreateUnary("echo_embedded_arrow", Of(F("data", Binary)), DataclassResult, async (request, _) =>
        {
            var data = await Args.DataclassAsync(request, "data", EmbeddedArrow, "EmbeddedArrow").ConfigureAwait(false);
            var schema = await Dataclass.ReadSchemaAsync(((BinaryArray)data.Column(0)).GetBytes(0).ToArray(), "EmbeddedArrow.schema").ConfigureAwait(false);
            var batch = await Dataclass.ReadSingleBatchAsync(((BinaryArray)data.Column(1)).GetBytes(0).ToArray(), "EmbeddedArrow.batch").ConfigureAwait(false);
            return Dataclass.Result(EmbeddedArrow,
                Arrays.Binary(ArrowIpcWriter.SerializeSchema(schema)),
                Arrays.Binary(Dataclass.EncodeBatch(batch)));
        });

        // echo_dict_encoded_string(value: Annotated[str, ArrowType(pa.dictionary(pa.int32(), pa.utf8()))])
        yield return EchoMethods.Echo("echo_dict_encoded_string", DictEncodedString);
    }

    /// <summary><c>name(data: D) -> D</c> for a dataclass <c>D</c>: decoded (validated), then encoded again.</summary>
    private static RpcMethod EchoDataclass(string name, Schema schema, string typeName) =>
        RpcMethod.CreateUnary(name, Of(F("data", Binary)), DataclassResult, async (request, _) =>
        {
            var data = await Args.DataclassAsync(request, "data", schema, typeName).ConfigureAwait(false);
            return Arrays.Binary(Dataclass.Encode(data));
        });
}
