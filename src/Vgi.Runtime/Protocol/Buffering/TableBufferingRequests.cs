namespace Vgi.Protocol;

// Table-buffering (sink + source) requests (vgi-functions §3.7), as the extension sends them.

/// <summary>Request of <c>table_buffering_process</c>: one sink chunk, on the sink thread's own connection.</summary>
[ArrowRecord]
public sealed partial record TableBufferingProcessRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    /// <summary>IPC stream of the input chunk.</summary>
    public byte[] InputBatch { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Always null today.</summary>
    public byte[]? TransactionId { get; init; }

    /// <summary>Batch index of the chunk, when the function requires input batch indices.</summary>
    public long? BatchIndex { get; init; }
}

/// <summary>Request of <c>table_buffering_combine</c>: once, after all sinks, with every sink's state id.</summary>
[ArrowRecord]
public sealed partial record TableBufferingCombineRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public IReadOnlyList<byte[]> StateIds { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Always null today.</summary>
    public byte[]? TransactionId { get; init; }
}

/// <summary>Request of <c>table_buffering_destructor</c>: end of query (best effort).</summary>
[ArrowRecord]
public sealed partial record TableBufferingDestructorRequest
{
    public string FunctionName { get; init; } = "";

    public byte[] ExecutionId { get; init; } = [];

    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Always null today.</summary>
    public byte[]? TransactionId { get; init; }
}
