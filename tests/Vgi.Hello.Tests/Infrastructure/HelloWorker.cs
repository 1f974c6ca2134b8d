using Vgi.Client;
using Vgi.Protocol;
using Vgi.Testing;

namespace Vgi.Hello.Tests.Infrastructure;

/// <summary>
/// The Hello example worker as a real child process (<see cref="WorkerProcess.Hello"/>): the
/// executable named by <c>VGI_HELLO_WORKER</c> (CI: the native AOT publish), else
/// <c>dotnet Hello.dll</c> built next to these tests by the project reference.
/// </summary>
public static class HelloWorker
{
    public static string EnvironmentVariable => WorkerProcess.Hello.EnvironmentVariable;

    /// <summary>The command that starts the worker (a <c>.dll</c> in the variable also runs under dotnet).</summary>
    public static (string File, string[] Args) Command => WorkerProcess.Hello.Command;

    /// <summary>A client over a fresh worker process.</summary>
    public static WorkerClient Start() => WorkerProcess.Hello.Start();
}

/// <summary>Hello's table functions called the way the extension calls them.</summary>
public static class HelloTables
{
    public static BindRequest Sequence(long start, long stop, long? step = null) =>
        Tables.Table("sequence", [Calls.I64(start), Calls.I64(stop)], step is { } s ? [("step", Calls.I64(s))] : null);
}
