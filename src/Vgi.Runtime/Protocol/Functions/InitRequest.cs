using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>
/// Request of the <c>init</c> stream (vgi-functions §3.3), in the order and with the flags the
/// extension sends (Python orders <c>finalize_state_id</c> after <c>phase</c> and flags some fields
/// NOT NULL; read by name either way).
/// </summary>
[ArrowRecord]
public sealed partial record InitRequest
{
    /// <summary>The exact <see cref="BindRequest"/> of the final <c>bind</c>, as nested IPC bytes.</summary>
    [ArrowField(Storage = ArrowStorage.IpcBytes)]
    public BindRequest BindCall { get; init; } = new();

    /// <summary>The bind output schema, re-serialized by the client.</summary>
    public Schema OutputSchema { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary><see cref="BindResult.OpaqueData"/>.</summary>
    public byte[]? BindOpaqueData { get; init; }

    /// <summary>Indices into <see cref="OutputSchema"/>; null = all columns.</summary>
    public IReadOnlyList<long>? ProjectionIds { get; init; }

    /// <summary>IPC stream of the pushed-down filter batch (§6.2); null = none.</summary>
    [ArrowField(Storage = ArrowStorage.LargeBinary)]
    public byte[]? PushdownFilters { get; init; }

    /// <summary>One IPC stream per IN filter (§6.3); null = none.</summary>
    [ArrowField(Storage = ArrowStorage.LargeBinary)]
    public IReadOnlyList<byte[]>? JoinKeys { get; init; }

    /// <summary>Table-in-out / buffering phase; null for scalar and plain table functions.</summary>
    public TableInOutFunctionInitPhase? Phase { get; init; }

    /// <summary>Set on a secondary init (echo it, do not run the primary init).</summary>
    public byte[]? ExecutionId { get; init; }

    /// <summary>The primary's <see cref="GlobalInitResponse.OpaqueData"/>, forwarded to secondaries.</summary>
    public byte[]? InitOpaqueData { get; init; }

    /// <summary>ORDER BY hint column (§6.6).</summary>
    public string? OrderByColumnName { get; init; }

    public OrderByDirection? OrderByDirection { get; init; }

    public OrderByNullOrder? OrderByNullOrder { get; init; }

    /// <summary>LIMIT + OFFSET of the ORDER BY hint.</summary>
    public long? OrderByLimit { get; init; }

    /// <summary>TABLESAMPLE SYSTEM percentage, e.g. 10.0.</summary>
    public double? TablesamplePercentage { get; init; }

    /// <summary>TABLESAMPLE REPEATABLE seed.</summary>
    public long? TablesampleSeed { get; init; }

    /// <summary>Required for <c>TABLE_BUFFERING_FINALIZE</c>: the state id the source phase reads.</summary>
    public byte[]? FinalizeStateId { get; init; }
}
