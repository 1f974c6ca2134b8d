using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// The hand-written generator definitions of fixtures.md §2.4.1 (the others are [TableFunction]
/// methods registered by the source generator): their output schema is decided at bind, or they
/// need what attributes do not express (bind opaque data, non-constant defaults, a
/// dynamic_to_string hook).
/// </summary>
internal static class GeneratorDefinitions
{
    public static IReadOnlyList<TableFunctionDefinition> All { get; } =
    [
        Constants.RepeatIntegers,
        Constants.RepeatStrings,
        Constants.ConstantColumns,
        RowIdSequence.Definition,
        TypedProbe.Definition,
        Stateful.TxCachedValue,
        Stateful.ProfilingDemo,
    ];
}
