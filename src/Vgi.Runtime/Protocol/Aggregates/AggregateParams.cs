namespace Vgi.Protocol;

/// <summary>Params of <c>aggregate_bind</c>: the nested <see cref="AggregateBindRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateBindParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateBindRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_update</c>: the nested <see cref="AggregateUpdateRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateUpdateParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateUpdateRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_combine</c>: the nested <see cref="AggregateCombineRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateCombineParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateCombineRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_finalize</c>: the nested <see cref="AggregateFinalizeRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateFinalizeParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateFinalizeRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_destructor</c>: the nested <see cref="AggregateDestructorRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateDestructorParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateDestructorRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_window_init</c>: the nested <see cref="AggregateWindowInitRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowInitParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateWindowInitRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_window</c>: the nested <see cref="AggregateWindowRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateWindowRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_window_batch</c>: the nested <see cref="AggregateWindowBatchRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowBatchParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateWindowBatchRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_window_destructor</c>: the nested <see cref="AggregateWindowDestructorRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowDestructorParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateWindowDestructorRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_streaming_open</c>: the nested <see cref="AggregateStreamingOpenRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingOpenParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateStreamingOpenRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_streaming_chunk</c>: the nested <see cref="AggregateStreamingChunkRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingChunkParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateStreamingChunkRequest Request { get; init; } = new();
}

/// <summary>Params of <c>aggregate_streaming_close</c>: the nested <see cref="AggregateStreamingCloseRequest"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingCloseParams
{
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public AggregateStreamingCloseRequest Request { get; init; } = new();
}
