namespace Vgi.Protocol;

/// <summary>Request of <c>table_function_cardinality</c> (vgi-functions §3.5).</summary>
[ArrowRecord]
public sealed partial record TableFunctionCardinalityRequest
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public BindRequest BindCall { get; init; } = new();

    public byte[]? BindOpaqueData { get; init; }
}

/// <summary>Result of <c>table_function_cardinality</c> (Python <c>TableCardinality</c>); null = unknown.</summary>
[ArrowRecord]
public sealed partial record TableFunctionCardinalityResult
{
    public long? Estimate { get; init; }

    public long? Max { get; init; }
}

/// <summary>Request of <c>table_function_statistics</c>, whose result is the raw statistics IPC stream (no record).</summary>
[ArrowRecord]
public sealed partial record TableFunctionStatisticsRequest
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public BindRequest BindCall { get; init; } = new();

    public byte[]? BindOpaqueData { get; init; }
}

/// <summary>Request of <c>table_function_dynamic_to_string</c> (EXPLAIN ANALYZE).</summary>
[ArrowRecord]
public sealed partial record TableFunctionDynamicToStringRequest
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public BindRequest BindCall { get; init; } = new();

    public byte[]? BindOpaqueData { get; init; }

    /// <summary>The primary init's execution id.</summary>
    public byte[] GlobalExecutionId { get; init; } = [];
}

/// <summary>Result of <c>table_function_dynamic_to_string</c>: parallel key/value lists in insertion order.</summary>
[ArrowRecord]
public sealed partial record TableFunctionDynamicToStringResult
{
    public IReadOnlyList<string> Keys { get; init; } = [];

    public IReadOnlyList<string> Values { get; init; } = [];
}
