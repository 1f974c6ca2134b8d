namespace Vgi.Protocol;

/// <summary>Params of <c>bind</c>: the nested <see cref="BindRequest"/>.</summary>
[ArrowRecord]
public sealed partial record BindParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public BindRequest Request { get; init; } = new();
}

/// <summary>Params of <c>init</c>: the nested <see cref="InitRequest"/>.</summary>
[ArrowRecord]
public sealed partial record InitParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public InitRequest Request { get; init; } = new();
}

/// <summary>Params of <c>table_function_cardinality</c>.</summary>
[ArrowRecord]
public sealed partial record TableFunctionCardinalityParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableFunctionCardinalityRequest Request { get; init; } = new();
}

/// <summary>Params of <c>table_function_statistics</c>.</summary>
[ArrowRecord]
public sealed partial record TableFunctionStatisticsParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableFunctionStatisticsRequest Request { get; init; } = new();
}

/// <summary>Params of <c>table_function_dynamic_to_string</c>.</summary>
[ArrowRecord]
public sealed partial record TableFunctionDynamicToStringParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableFunctionDynamicToStringRequest Request { get; init; } = new();
}
