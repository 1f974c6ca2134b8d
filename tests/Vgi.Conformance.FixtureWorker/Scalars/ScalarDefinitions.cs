using Vgi.Conformance.Fixtures.Scalars;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures;

/// <summary>
/// The hand-written scalar fixtures of catalog <c>example</c> (fixtures.md §2.2): those with
/// <c>ANY</c> arguments or results, whose types are settled at bind. They are served besides the
/// [ScalarFunction] methods the generator registers (Scalars/*Scalars.cs). Together: 41 overloads.
/// </summary>
internal static class ScalarDefinitions
{
    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        .. ArithmeticDefinitions.All,
        .. AnyMixedDefinitions.All,
        UnnestTensorDefinition.Definition,
    ];
}
