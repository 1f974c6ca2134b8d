using Apache.Arrow;

namespace Vgi.Protocol;

// Aggregate requests (vgi-functions §3.6), in the order and with the flags the extension sends.
// Every *_batch blob is a complete IPC stream; execution ids come from aggregate_bind (or
// aggregate_streaming_open for the streaming calls).

/// <summary>Request of <c>aggregate_bind</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateBindRequest
{
    public string FunctionName { get; init; } = "";

    /// <summary>IPC stream of the constant arguments (<see cref="global::Vgi.Protocol.Arguments"/>).</summary>
    public byte[] Arguments { get; init; } = [];

    /// <summary>The non-constant input columns, <c>col_0..</c> (always set by the client).</summary>
    public Schema? InputSchema { get; init; }

    public byte[]? Settings { get; init; }

    public byte[]? Secrets { get; init; }

    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Decodes <see cref="Arguments"/>.</summary>
    public Arguments ReadArguments() => global::Vgi.Protocol.Arguments.FromIpcBytes(Arguments);
}

/// <summary>Request of <c>aggregate_update</c>: one chunk of input rows with their group ids.</summary>
[ArrowRecord]
public sealed partial record AggregateUpdateRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    /// <summary>IPC stream: <c>__vgi_group_id: int64</c>, then the argument columns <c>col_0..</c>.</summary>
    public byte[] InputBatch { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_combine</c>: merge source groups into target groups.</summary>
[ArrowRecord]
public sealed partial record AggregateCombineRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    /// <summary>IPC stream: <c>source_group_id: int64</c>, <c>target_group_id: int64</c>.</summary>
    public byte[] MergeBatch { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_finalize</c>: produce one result per group id.</summary>
[ArrowRecord]
public sealed partial record AggregateFinalizeRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    /// <summary>IPC stream: <c>group_id: int64</c>.</summary>
    public byte[] GroupIdsBatch { get; init; } = [];

    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_destructor</c>: the execution is over (the group ids batch is a dummy <c>[0]</c>).</summary>
[ArrowRecord]
public sealed partial record AggregateDestructorRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public byte[] GroupIdsBatch { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_window_init</c>: one OVER partition's data and frame statistics.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowInitRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public long PartitionId { get; init; }

    public long RowCount { get; init; }

    /// <summary>IPC stream of the partition's argument columns <c>col_&lt;id&gt;</c>.</summary>
    public byte[] PartitionBatch { get; init; } = [];

    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Packed LSB-first selection bits (empty = all selected).</summary>
    public byte[] FilterMask { get; init; } = [];

    /// <summary>4 little-endian int64: stats[0].begin, stats[0].end, stats[1].begin, stats[1].end.</summary>
    public byte[] FrameStats { get; init; } = [];

    /// <summary>One byte per input column, 1 = no nulls.</summary>
    public byte[] AllValid { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_window</c>: evaluate one output row over its frames.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public long PartitionId { get; init; }

    public long Rid { get; init; }

    public IReadOnlyList<long> FrameStarts { get; init; } = [];

    public IReadOnlyList<long> FrameEnds { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_window_batch</c>: evaluate <see cref="Count"/> rows from <see cref="RowIdx"/>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowBatchRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public long PartitionId { get; init; }

    public long RowIdx { get; init; }

    public long Count { get; init; }

    /// <summary>Number of subframes of each row (1, up to 3 with EXCLUDE).</summary>
    public IReadOnlyList<long> FramesPerRow { get; init; } = [];

    public IReadOnlyList<long> FrameStarts { get; init; } = [];

    public IReadOnlyList<long> FrameEnds { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_window_destructor</c>: one partition is torn down.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowDestructorRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public long PartitionId { get; init; }

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_streaming_open</c>: start a streaming window session.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingOpenRequest
{
    public string FunctionName { get; init; } = "";

    /// <summary>IPC stream of the arguments (the client always sends a one-row empty struct).</summary>
    public byte[] Arguments { get; init; } = [];

    public Schema InputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    public long PartitionKeyCount { get; init; }

    public long OrderKeyCount { get; init; }

    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Always null today.</summary>
    public byte[]? Settings { get; init; }

    /// <summary>Always null today.</summary>
    public byte[]? Secrets { get; init; }

    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Decodes <see cref="Arguments"/>.</summary>
    public Arguments ReadArguments() => global::Vgi.Protocol.Arguments.FromIpcBytes(Arguments);
}

/// <summary>Request of <c>aggregate_streaming_chunk</c>: one input chunk (<c>__pk_*</c>, <c>__ok_*</c>, <c>__val_*</c> columns).</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingChunkRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public byte[] InputBatch { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}

/// <summary>Request of <c>aggregate_streaming_close</c>: end of a streaming session.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingCloseRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }
}
