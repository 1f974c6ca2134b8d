using Vgi.Generators.Common;
using Vgi.Generators.Diagnostics;
using Vgi.Generators.Types;

namespace Vgi.Generators.Functions;

/// <summary>One output column of a table function: a member of its row type.</summary>
/// <param name="Access">How to read it from a row, e.g. <c>.N</c>; empty for a single-value row.</param>
internal sealed record RowColumnModel(string Name, string Access, TypeModel Type);

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
    EquatableArray<DiagnosticInfo> Diagnostics);
