using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>
/// Request of <c>bind</c> (vgi-functions §3.1), also embedded as <c>bind_call</c> in init,
/// cardinality, statistics and dynamic_to_string requests. Fields follow what the extension sends:
/// Python declares <c>input_schema</c>, <c>settings</c> and <c>secrets</c> NOT NULL, but the C++ client
/// sends them nullable and null when empty.
/// </summary>
[ArrowRecord]
public sealed partial record BindRequest
{
    /// <summary>Worker-side function name.</summary>
    public string FunctionName { get; init; } = "";

    /// <summary>IPC stream of the call's <see cref="global::Vgi.Protocol.Arguments"/> batch (§4.1).</summary>
    public byte[] Arguments { get; init; } = [];

    /// <summary><c>SCALAR</c> or <c>TABLE</c> (table-in-out and buffering functions bind as <c>TABLE</c>).</summary>
    public FunctionType FunctionType { get; init; }

    /// <summary>Input columns: scalar <c>col_0..</c>, or the input table of a table-in-out / buffering function; null for table functions.</summary>
    public Schema? InputSchema { get; init; }

    /// <summary>IPC stream of the settings batch (§4.4); null when there are none.</summary>
    public byte[]? Settings { get; init; }

    /// <summary>IPC stream of the secrets batch (§4.5); null when there are none.</summary>
    public byte[]? Secrets { get; init; }

    /// <summary>Bytes returned by <c>catalog_attach</c>; null for <c>vgi_table_function()</c>.</summary>
    public byte[]? AttachOpaqueData { get; init; }

    /// <summary>Bytes returned by <c>catalog_transaction_begin</c>, if any.</summary>
    public byte[]? TransactionOpaqueData { get; init; }

    /// <summary>True on the re-bind after a secret-scope request (§4.6).</summary>
    public bool ResolvedSecretsProvided { get; init; }

    /// <summary>AT clause unit (e.g. <c>VERSION</c>, <c>TIMESTAMP</c>).</summary>
    public string? AtUnit { get; init; }

    /// <summary>AT clause value as text.</summary>
    public string? AtValue { get; init; }

    /// <summary>Decodes <see cref="Arguments"/>.</summary>
    public Arguments ReadArguments() => global::Vgi.Protocol.Arguments.FromIpcBytes(Arguments);
}
