namespace Vgi.Protocol;

/// <summary>
/// Which table function scans (or writes) a catalog table (vgi-catalog §3.10): the result of
/// <c>catalog_table_scan_function_get</c> and of the insert/update/delete function gets (Python's
/// <c>WriteFunctionResult</c> has the same layout), also inlined in <see cref="TableInfo"/>.
/// </summary>
[ArrowRecord]
public sealed partial record ScanFunctionResult
{
    public string FunctionName { get; init; } = "";

    /// <summary>IPC stream of a one-row batch: <c>arg_0, arg_1, …</c> positional, any other column named.</summary>
    public byte[] Arguments { get; init; } = [];

    /// <summary>DuckDB extensions loaded before binding.</summary>
    public IReadOnlyList<string> RequiredExtensions { get; init; } = [];
}

/// <summary>Result of <c>catalog_table_scan_branches_get</c>: the arms of a multi-branch table (vgi-catalog §3.10).</summary>
[ArrowRecord]
public sealed partial record ScanBranchesResult
{
    /// <summary>Non-empty; each branch as nested IPC bytes.</summary>
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public IReadOnlyList<ScanBranch> Branches { get; init; } = [];

    public IReadOnlyList<string> RequiredExtensions { get; init; } = [];
}

/// <summary>One arm of a multi-branch table scan.</summary>
[ArrowRecord]
public sealed partial record ScanBranch
{
    public string FunctionName { get; init; } = "";

    /// <summary>Same nested argument format as <see cref="ScanFunctionResult.Arguments"/>.</summary>
    public byte[] Arguments { get; init; } = [];

    /// <summary>SQL predicate ANDed into this arm.</summary>
    public string? BranchFilter { get; init; }

    /// <summary>At most one branch is writable.</summary>
    public bool Writable { get; init; }
}
