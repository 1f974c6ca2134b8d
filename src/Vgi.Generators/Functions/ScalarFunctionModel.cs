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
internal sealed record ParameterModel(
    string Name,
    string SqlName,
    ParameterRole Role,
    TypeModel? Type,
    bool Utf8Bytes,
    string? ArrayType,
    string? DefaultValue);

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
    EquatableArray<DiagnosticInfo> Diagnostics);
