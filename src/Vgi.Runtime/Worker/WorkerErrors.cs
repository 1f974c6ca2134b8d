using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// Errors the worker itself raises, named like vgi-python's exception classes: the client shows
/// <c>VGI Worker Exception: &lt;Type&gt;: &lt;message&gt;</c>, and tests match these names.
/// </summary>
internal static class WorkerErrors
{
    public static RpcException ValueError(string message) => new("ValueError", message);

    public static RpcException TypeError(string message) => new("TypeError", message);

    public static RpcException NotImplemented(string message) => new("NotImplementedError", message);

    /// <summary><c>CatalogReadOnlyError: Cannot &lt;operation&gt;: catalog is read-only</c> (vgi-catalog §6.1, §10).</summary>
    public static RpcException ReadOnly(string operation) => new("CatalogReadOnlyError", $"Cannot {operation}: catalog is read-only");

    public static RpcException UnknownFunction(string name, IReadOnlyList<string> available) =>
        ValueError($"Unknown function '{name}'. Available: {(available.Count == 0 ? "(none)" : string.Join(", ", available))}");
}
