using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using static Vgi.Conformance.Fixtures.Scalars.ScalarSupport;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// <c>any_mixed(a ANY, b BIGINT | VARCHAR)</c> (fixtures.md §2.2): overload dispatch on the second
/// argument while the first accepts anything and is ignored. Hand-written because of the
/// <c>ANY</c> argument; NULL in <c>b</c> gives NULL, NULL in <c>a</c> does not.
/// </summary>
internal static class AnyMixedDefinitions
{
    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        new()
        {
            Name = "any_mixed",
            Description = "Any+int dispatch",
            Arguments = Arguments(Any("a"), Arg("b", Int64Type.Default)),
            Result = Result(StringType.Default),
            Bind = context => Bind(context, Int64Type.Default, "any_mixed(a ANY, b BIGINT)", (column, i) => "any+int: " + Vgi.Codecs.ArrowRead.Int64(column, i)),
        },
        new()
        {
            Name = "any_mixed",
            Description = "Any+str dispatch",
            Arguments = Arguments(Any("a"), Arg("b", StringType.Default)),
            Result = Result(StringType.Default),
            Bind = context => Bind(context, StringType.Default, "any_mixed(a ANY, b VARCHAR)", (column, i) => "any+str: " + Vgi.Codecs.ArrowRead.String(column, i)),
        },
    ];

    private static ScalarBinding Bind(ScalarBindContext context, IArrowType declared, string signature, Func<IArrowArray, int, string> render)
    {
        Expect(context, signature, columns: 2, constants: 0);
        int score = ArgumentTypes.Column(context.InputSchema, 1, "b", declared);
        return new ScalarBinding(Result(StringType.Default), (batch, _) =>
        {
            var b = batch.Column(1);
            var result = new BinaryResult(batch.Length);
            for (int i = 0; i < batch.Length; i++)
            {
                if (b.IsNull(i)) result.AppendNull();
                else result.Append(render(b, i));
            }
            return result.Build(StringType.Default);
        }, score);
    }
}
