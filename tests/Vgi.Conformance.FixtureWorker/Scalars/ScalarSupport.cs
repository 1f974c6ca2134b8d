using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// Building blocks of the hand-written scalar definitions: ArgumentSpec fields with their vgi
/// metadata (<c>vgi_type=any</c>, <c>vgi_varargs</c>), result fields, Python-named errors and output
/// validity bitmaps.
/// </summary>
internal static class ScalarSupport
{
    private static readonly KeyValuePair<string, string> AnyType = new("vgi_type", "any");
    private static readonly KeyValuePair<string, string> Varargs = new("vgi_varargs", "true");

    /// <summary>A column argument of a fixed type.</summary>
    public static Field Arg(string name, IArrowType type) => new(name, type, true);

    /// <summary>An <c>ANY</c> argument: null type with <c>vgi_type=any</c>.</summary>
    public static Field Any(string name) => new(name, NullType.Default, true, [AnyType]);

    /// <summary>A variadic <c>ANY</c> tail.</summary>
    public static Field AnyVarargs(string name) => new(name, NullType.Default, true, [AnyType, Varargs]);

    public static Schema Arguments(params Field[] fields) => new(fields, null);

    /// <summary>The declared result of a fixed return type.</summary>
    public static Field Result(IArrowType type) => new("result", type, true);

    /// <summary>The declared result of an <c>ANY</c> return: resolved at bind.</summary>
    public static Field AnyResult { get; } = new("result", NullType.Default, true, [AnyType]);

    /// <summary><c>ValueError: message</c>, Python's class for plain fixture errors.</summary>
    public static RpcException ValueError(string message) => new("ValueError", message);

    /// <summary><c>ArrowInvalid: message</c>, what pyarrow raises for a failed safe cast or an invalid decimal.</summary>
    public static RpcException ArrowInvalid(string message) => new("ArrowInvalid", message);

    /// <summary>Fails the bind unless the call has exactly these many columns and constants.</summary>
    public static void Expect(ScalarBindContext context, string signature, int columns, int constants, bool varargs = false)
    {
        ArgumentTypes.ExpectColumns(context.InputSchema, columns, varargs, signature);
        ArgumentTypes.ExpectConstants(context.Constants, constants, signature);
    }

    /// <summary>The input column type <paramref name="index"/>.</summary>
    public static IArrowType ColumnType(ScalarBindContext context, int index) => context.InputSchema.FieldsList[index].DataType;

    /// <summary>A validity bitmap from per-row null flags; <see cref="ArrowBuffer.Empty"/> when nothing is null.</summary>
    public static ArrowBuffer Validity(bool[] nulls, out int nullCount)
    {
        nullCount = 0;
        foreach (bool n in nulls) if (n) nullCount++;
        if (nullCount == 0) return ArrowBuffer.Empty;
        var bits = new byte[(nulls.Length + 7) / 8];
        for (int i = 0; i < nulls.Length; i++) if (!nulls[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
        return new ArrowBuffer(bits);
    }
}
