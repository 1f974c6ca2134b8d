using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Functions;

/// <summary>One output column of a table function: a member of its row type.</summary>
/// <param name="Access">How to read it from a row, e.g. <c>.N</c>; empty for a single-value row.</param>
/// <param name="Metadata">Arrow field metadata as alternating keys and values.</param>
internal sealed record RowColumnModel(string Name, string Access, TypeModel Type, EquatableArray<string> Metadata = default);

/// <summary>One [TableFunction] method.</summary>
internal sealed record TableFunctionModel(
    string Method,
    string ClassName,
    string SqlName,
    string Schema,
    string Description,
    bool FilterPushdown,
    bool ApplyFilters,
    int MaxWorkers,
    int BatchSize,
    bool IsAsync,
    string RowType,
    EquatableArray<ParameterModel> Parameters,
    EquatableArray<RowColumnModel> Columns,
    LocationInfo Location,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Catalog and planner options beyond the basics; defaults when the attribute leaves them unset.</summary>
    public TableOptions Options { get; init; } = TableOptions.Default;

    /// <summary>Call target of the [TableFunction(Statistics = ...)] method, or null.</summary>
    public string? Statistics { get; init; }

    /// <summary>Call target of the [TableFunction(Validate = ...)] method, or null.</summary>
    public string? Validate { get; init; }

    /// <summary>[TableFunction(Cardinality = N)]: the fixed row count of every call, or -1 when unknown.</summary>
    public long Cardinality { get; init; } = -1;

    /// <summary>The method yields <c>RowBatch&lt;RowType&gt;</c> values, each sent as one Arrow batch, rather than rows.</summary>
    public bool YieldsBatches { get; init; }
}

/// <summary>The [TableFunction] properties that map one to one onto <c>TableFunctionDefinition</c>.</summary>
/// <param name="Order"><c>ScanOrder</c>: 0 preserves order, 1 no guarantee, 2 fixed.</param>
/// <param name="Partitioning"><c>ScanPartitioning</c>: 0 none, 1 single value, 2 disjoint.</param>
/// <param name="Tags">Alternating keys and values.</param>
/// <param name="RequiredSecrets">Secret types.</param>
internal sealed record TableOptions(
    bool ProjectionPushdown,
    bool SamplingPushdown,
    bool LateMaterialization,
    bool SupportsBatchIndex,
    int Order,
    int Partitioning,
    EquatableArray<string> ExpressionFilters,
    EquatableArray<string> Categories,
    EquatableArray<string> Tags,
    EquatableArray<string> RequiredSettings,
    EquatableArray<string> RequiredSecrets)
{
    public static readonly TableOptions Default = new(true, false, false, false, 0, 0,
        EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty);
}
