using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Functions;

/// <summary>How a C# method parameter is fed.</summary>
internal enum ParameterRole
{
    /// <summary>An input column (<c>col_i</c>).</summary>
    Column,

    /// <summary>A <c>[Const]</c> bind-time constant from <c>Arguments</c>.</summary>
    Constant,

    /// <summary>A <c>params T[]</c> tail: every remaining input column.</summary>
    Varargs,

    /// <summary>The injected <c>VgiContext</c>.</summary>
    Context,

    /// <summary>The injected <c>CancellationToken</c>.</summary>
    Cancellation,

    /// <summary>A <c>[RowIndex]</c> parameter: the row's index within the input batch.</summary>
    RowIndex,

    /// <summary>A <c>ReadOnlySpan&lt;T&gt;</c> column of the span-vectorized form.</summary>
    SpanColumn,

    /// <summary>The <c>Span&lt;T&gt;</c> result of the span-vectorized form.</summary>
    SpanResult,

    /// <summary>An Apache.Arrow array column of the array-vectorized form.</summary>
    ArrayColumn,

    /// <summary>A table function's required parameter: a positional SQL argument.</summary>
    PositionalArgument,

    /// <summary>A table function's optional parameter: a named SQL argument (<c>name := value</c>).</summary>
    NamedArgument,

    /// <summary>The injected <c>Vgi.Functions.TableScanContext</c>.</summary>
    ScanContext,
}

/// <summary>The shape of the method: per row, over spans, or over whole Arrow arrays.</summary>
internal enum KernelShape
{
    RowWise,
    Spans,
    Arrays,
}

/// <param name="Type">Value type (for varargs: the element; for span/array forms: the element Arrow mapping).</param>
/// <param name="Utf8Bytes">A <c>ReadOnlySpan&lt;byte&gt;</c> row parameter reading a utf8 column as UTF-8 bytes.</param>
/// <param name="ArrayType">For the array form: the fully qualified Apache.Arrow array class.</param>
/// <param name="DefaultValue">C# expression of an optional parameter's default, or null.</param>
/// <param name="Checks">A table function argument's bind-time checks ([Min], [GreaterThan], [OneOf], [RowCount], [BatchSize]).</param>
internal sealed record ParameterModel(
    string Name,
    string SqlName,
    ParameterRole Role,
    TypeModel? Type,
    bool Utf8Bytes,
    string? ArrayType,
    string? DefaultValue,
    ArgumentChecks? Checks = null);

/// <summary>What a table function's bind checks about one argument.</summary>
/// <param name="Min">C# literal of the [Min] bound (<c>0L</c> or <c>0.5</c>), or null.</param>
/// <param name="GreaterThan">C# literal of the [GreaterThan] bound, or null.</param>
/// <param name="OneOf">The [OneOf] choices; empty for none.</param>
/// <param name="RowCount">The argument is the exact row count ([RowCount]).</param>
/// <param name="BatchSize">The argument sets the rows per emitted batch ([BatchSize]).</param>
internal sealed record ArgumentChecks(string? Min, string? GreaterThan, EquatableArray<string> OneOf, bool RowCount, bool BatchSize = false);

/// <summary>One [ScalarFunction] method.</summary>
/// <param name="Method">Fully qualified call target, e.g. <c>global::Text.UpperCase</c>.</param>
/// <param name="ClassName">Name of the generated class serving it (unique in the assembly).</param>
/// <param name="ResultArrayType">For the array form: the Apache.Arrow array class returned.</param>
internal sealed record ScalarFunctionModel(
    string Method,
    string ClassName,
    string SqlName,
    string Schema,
    string Description,
    int Stability,
    KernelShape Shape,
    EquatableArray<ParameterModel> Parameters,
    TypeModel? Result,
    string? ResultArrayType,
    LocationInfo Location,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary><c>NullHandlingMode</c>: 0 inferred from the parameters, 1 DEFAULT, 2 SPECIAL.</summary>
    public int NullHandling { get; init; }

    public EquatableArray<string> RequiredSettings { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Secret types.</summary>
    public EquatableArray<string> RequiredSecrets { get; init; } = EquatableArray<string>.Empty;
}
