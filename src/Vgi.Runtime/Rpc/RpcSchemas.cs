using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Rpc;

/// <summary>Schemas the protocol itself uses.</summary>
public static class RpcSchemas
{
    /// <summary>The schema with no fields: zero-parameter requests, void results, ticks, error streams.</summary>
    public static readonly Schema Empty = new([], null);

    /// <summary><c>{result: T}</c> with the nullability vgi-rpc gives a scalar result.</summary>
    public static Schema Result(IArrowType type, bool nullable) => new([new Field("result", type, nullable)], null);
}
