namespace Vgi.Protocol;

/// <summary>Header of the <c>init</c> stream (vgi-functions §3.4); parsed by name by the client, not schema-validated.</summary>
[ArrowRecord]
public sealed partial record GlobalInitResponse
{
    /// <summary>Identifies this execution in secondary inits and follow-up RPCs (16 random bytes in Python).</summary>
    public byte[] ExecutionId { get; init; } = [];

    /// <summary>Forwarded to secondaries as <c>init_opaque_data</c>; declared NOT NULL, null when none (quirk).</summary>
    [ArrowField(Nullability = ArrowNullability.NotNull)]
    public byte[]? OpaqueData { get; init; }

    /// <summary>Parallelism grant: DuckDB opens up to this many secondary streams. Defaults to 1 (Python's default is 99999).</summary>
    public long MaxWorkers { get; init; } = 1;
}
