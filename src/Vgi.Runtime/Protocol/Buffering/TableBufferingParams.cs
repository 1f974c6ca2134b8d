namespace Vgi.Protocol;

/// <summary>Params of <c>table_buffering_process</c>.</summary>
[ArrowRecord]
public sealed partial record TableBufferingProcessParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableBufferingProcessRequest Request { get; init; } = new();
}

/// <summary>Params of <c>table_buffering_combine</c>.</summary>
[ArrowRecord]
public sealed partial record TableBufferingCombineParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableBufferingCombineRequest Request { get; init; } = new();
}

/// <summary>Params of <c>table_buffering_destructor</c>.</summary>
[ArrowRecord]
public sealed partial record TableBufferingDestructorParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public TableBufferingDestructorRequest Request { get; init; } = new();
}
