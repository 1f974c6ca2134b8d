using Vgi.Functions;
using Vgi.Hosting;
using Vgi.Rpc;
using Vgi.Workers;

namespace Vgi;

/// <summary>
/// The entry point of a VGI worker: <c>return await VgiWorker.RunAsync(args);</c> serves every
/// registered function, plus a read-only default catalog that lists them, over the transport the
/// command line picks (stdio by default; <c>--unix PATH --idle-timeout SEC</c>; <c>--describe</c>;
/// <c>--access-log PATH</c>).
/// </summary>
/// <remarks>
/// Deviation from vgi-python: a function-only worker accepts <c>catalog_attach</c> for ANY catalog
/// name. Python answers <c>ValueError: Unknown catalog</c> unless the name is its
/// <c>catalog_name</c> (<c>functions</c>), which makes <c>ATTACH 'anything' AS w (TYPE vgi,
/// LOCATION …)</c> fail for no benefit: there is only one catalog to attach.
/// </remarks>
public static class VgiWorker
{
    /// <summary>The vgi_rpc protocol name of a VGI worker (<c>__describe__</c>).</summary>
    public const string ProtocolName = "VgiProtocol";

    /// <summary>The VGI application protocol version served; requests must match its major.minor.</summary>
    public const string ProtocolVersion = "1.0.0";

    /// <summary>Serves until the channel closes (stdio) or the idle timeout ends it (unix); returns the exit code.</summary>
    public static Task<int> RunAsync(string[] args, VgiWorkerOptions? options = null)
    {
        IReadOnlyList<RpcMethod> methods;
        try
        {
            methods = CreateMethods(options);
        }
        catch (ArgumentException e)
        {
            // A broken definition is a build problem of the worker: say so on stderr, never on stdout.
            Console.Error.WriteLine($"error: {e.Message}");
            return Task.FromResult(1);
        }
        return RpcHost.RunAsync(args, methods, new RpcServerOptions { ProtocolName = ProtocolName, ProtocolVersion = ProtocolVersion });
    }

    /// <summary>
    /// The vgi_rpc methods of a worker serving <see cref="FunctionRegistry"/> plus
    /// <see cref="VgiWorkerOptions.ScalarFunctions"/> and <see cref="VgiWorkerOptions.TableFunctions"/>:
    /// the default catalog, <c>bind</c>, <c>init</c> and the table-function planner methods
    /// (<c>table_function_cardinality</c>, <c>_statistics</c>, <c>_dynamic_to_string</c>). For
    /// hosting the worker on a custom <see cref="RpcServer"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A function definition is incomplete.</exception>
    public static IReadOnlyList<RpcMethod> CreateMethods(VgiWorkerOptions? options = null)
    {
        options ??= new VgiWorkerOptions();
        var functions = FunctionSet.Create([.. FunctionRegistry.Scalars, .. options.ScalarFunctions], [.. FunctionRegistry.Tables, .. options.TableFunctions]);
        return
        [
            .. DefaultCatalog.CreateMethods(functions, options),
            BindMethod.Create(functions),
            InitMethod.Create(functions),
            .. TableFunctionMethods.Create(functions),
        ];
    }
}
