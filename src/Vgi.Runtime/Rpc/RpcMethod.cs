using Apache.Arrow;

namespace Vgi.Rpc;

/// <summary>Handles a unary call: returns the 1-element <c>result</c> array, or null for a void method.</summary>
public delegate ValueTask<IArrowArray?> UnaryHandler(RpcRequest request, RpcCallContext context);

/// <summary>Handles a stream method's init: returns the stream state that serves the data phase.</summary>
public delegate ValueTask<RpcStream> StreamInitHandler(RpcRequest request, RpcCallContext context);

/// <summary>
/// One method of a vgi_rpc service. Registration is explicit (hand-written or generated), so the
/// server never discovers methods by reflection.
/// </summary>
public sealed class RpcMethod
{
    private RpcMethod(string name, Schema parameters, Schema result, Schema? header, bool? isExchange, UnaryHandler? unary, StreamInitHandler? stream)
    {
        Name = name;
        ParametersSchema = parameters;
        ResultSchema = result;
        HeaderSchema = header;
        IsExchange = isExchange;
        Unary = unary;
        StreamInit = stream;
    }

    public string Name { get; }

    /// <summary>One field per parameter, named after it; nullable exactly when the parameter is optional-typed.</summary>
    public Schema ParametersSchema { get; }

    /// <summary><c>{result: T}</c>, or no fields for a void method; the empty schema for streams.</summary>
    public Schema ResultSchema { get; }

    /// <summary>Header schema of a stream method that declares one (at least one field).</summary>
    public Schema? HeaderSchema { get; }

    /// <summary>For <c>__describe__</c>: whether the stream is an exchange; null for unary methods or when it is decided at run time.</summary>
    public bool? IsExchange { get; }

    public UnaryHandler? Unary { get; }

    public StreamInitHandler? StreamInit { get; }

    public bool IsStream => StreamInit is not null;

    /// <summary>Parameters the caller may leave out (they have defaults the handler applies).</summary>
    public IReadOnlySet<string> OptionalParameters { get; private init; } = new HashSet<string>();

    /// <param name="optionalParameters">Parameters with defaults: the caller may leave their columns out.</param>
    public static RpcMethod CreateUnary(string name, Schema parameters, Schema result, UnaryHandler handler, IEnumerable<string>? optionalParameters = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new RpcMethod(name, parameters, result, null, null, handler, null) { OptionalParameters = OptionalSet(optionalParameters) };
    }

    /// <param name="optionalParameters">Parameters with defaults: the caller may leave their columns out.</param>
    public static RpcMethod CreateStream(string name, Schema parameters, Schema? header, StreamInitHandler init, bool? isExchange = null, IEnumerable<string>? optionalParameters = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        if (header is { FieldsList.Count: 0 })
            throw new ArgumentException("a stream header needs at least one field: the client reads a 0-field header as an init error", nameof(header));
        return new RpcMethod(name, parameters, RpcSchemas.Empty, header, isExchange, null, init) { OptionalParameters = OptionalSet(optionalParameters) };
    }

    private static HashSet<string> OptionalSet(IEnumerable<string>? names) => new(names ?? [], StringComparer.Ordinal);
}
