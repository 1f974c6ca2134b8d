namespace Vgi.Protocol;

/// <summary>Result of <c>table_buffering_process</c>.</summary>
[ArrowRecord]
public sealed partial record TableBufferingProcessResult
{
    /// <summary>Identifies the state this sink accumulated.</summary>
    public byte[] StateId { get; init; } = [];
}

/// <summary>Result of <c>table_buffering_combine</c>: one <c>finalize_state_id</c> per source stream to open.</summary>
[ArrowRecord]
public sealed partial record TableBufferingCombineResult
{
    public IReadOnlyList<byte[]> FinalizeStateIds { get; init; } = [];
}

/// <summary>Result of <c>table_buffering_destructor</c> (no fields).</summary>
[ArrowRecord]
public sealed partial record TableBufferingDestructorResult;
