using Apache.Arrow;

namespace Vgi.Protocol;

// Aggregate results (vgi-functions §3.6), validated strictly by the client. Results without
// fields are still written as a non-null one-row, zero-column IPC stream.

/// <summary>Result of <c>aggregate_bind</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateBindResult
{
    /// <summary>Exactly one field: the aggregate's return type.</summary>
    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>Identifies this bound aggregate in every later aggregate call.</summary>
    public byte[] ExecutionId { get; init; } = [];
}

/// <summary>Result of <c>aggregate_update</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateUpdateResult;

/// <summary>Result of <c>aggregate_combine</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateCombineResult;

/// <summary>Result of <c>aggregate_finalize</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateFinalizeResult
{
    /// <summary>IPC stream: one column, one row per requested group id.</summary>
    public byte[] ResultBatch { get; init; } = [];
}

/// <summary>Result of <c>aggregate_destructor</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateDestructorResult;

/// <summary>Result of <c>aggregate_window_init</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateWindowInitResult;

/// <summary>Result of <c>aggregate_window</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowResult
{
    /// <summary>IPC stream: one column, one row.</summary>
    public byte[] ResultBatch { get; init; } = [];
}

/// <summary>Result of <c>aggregate_window_batch</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateWindowBatchResult
{
    /// <summary>IPC stream: one column, <c>count</c> rows.</summary>
    public byte[] ResultBatch { get; init; } = [];
}

/// <summary>Result of <c>aggregate_window_destructor</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateWindowDestructorResult;

/// <summary>Result of <c>aggregate_streaming_open</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingOpenResult
{
    public byte[] ExecutionId { get; init; } = [];
}

/// <summary>Result of <c>aggregate_streaming_chunk</c>.</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingChunkResult
{
    /// <summary>IPC stream: one column, one value per input row.</summary>
    public byte[] ResultBatch { get; init; } = [];
}

/// <summary>Result of <c>aggregate_streaming_close</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record AggregateStreamingCloseResult;
