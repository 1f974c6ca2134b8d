using Apache.Arrow;
using Vgi.Protocol;

namespace Vgi.Functions;

/// <summary>
/// One scalar function overload as the worker serves it: what <c>FunctionInfo</c> advertises and
/// how to bind a call. Generated code creates these for <see cref="ScalarFunctionAttribute"/>
/// methods; hand-written ones are equally valid.
/// </summary>
public sealed class ScalarFunctionDefinition
{
    /// <summary>SQL name; overloads share it.</summary>
    public required string Name { get; init; }

    /// <summary>Catalog schema the function is listed in.</summary>
    public string Schema { get; init; } = "main";

    public string Description { get; init; } = "";

    /// <summary>
    /// <c>FunctionInfo.arguments</c>: one field per SQL parameter, in order, with the vgi metadata
    /// (<c>vgi_const</c>, <c>vgi_varargs</c>, <c>vgi_type</c>).
    /// </summary>
    public required Schema Arguments { get; init; }

    /// <summary>The declared result field (named <c>result</c>).</summary>
    public required Field Result { get; init; }

    public FunctionStability Stability { get; init; } = FunctionStability.Consistent;

    public NullHandling NullHandling { get; init; } = NullHandling.Default;

    /// <summary>Catalog settings the function reads (<see cref="VgiContext.Settings"/>); DuckDB refuses to bind while one is unset.</summary>
    public IReadOnlyList<string> RequiredSettings { get; init; } = [];

    /// <summary>Secrets DuckDB resolves before bind (<see cref="VgiContext.Secrets"/>).</summary>
    public IReadOnlyList<RequiredSecret> RequiredSecrets { get; init; } = [];

    /// <summary>Checks a call's input columns and constants; throws <see cref="ScalarBindException"/> when they do not fit.</summary>
    public required ScalarBinder Bind { get; init; }
}

/// <summary>Binds one call of a scalar overload, or throws <see cref="ScalarBindException"/> saying why it does not fit.</summary>
public delegate ScalarBinding ScalarBinder(ScalarBindContext context);

/// <summary>Evaluates a bound scalar function over one input batch; returns one value per input row.</summary>
public delegate IArrowArray ScalarKernel(RecordBatch input, VgiContext context);

/// <summary>What DuckDB sends at bind: the non-constant input columns and the constant arguments.</summary>
public sealed class ScalarBindContext(Schema inputSchema, Arguments constants)
{
    /// <summary>Input columns <c>col_0..</c> with the caller's Arrow types.</summary>
    public Schema InputSchema { get; } = inputSchema;

    /// <summary>Constant (<c>vgi_const</c>) argument values, renumbered <c>positional_0..</c>.</summary>
    public Arguments Constants { get; } = constants;
}

/// <summary>A successful bind: the output field, the kernel, and how well the call matched.</summary>
/// <param name="Score">Higher is a better match (exact types score above promotions); used to pick among overloads.</param>
public sealed record ScalarBinding(Field Output, ScalarKernel Kernel, int Score);

/// <summary>The call does not fit this overload; the message names the argument and the expected type.</summary>
public sealed class ScalarBindException(string message) : Exception(message);
