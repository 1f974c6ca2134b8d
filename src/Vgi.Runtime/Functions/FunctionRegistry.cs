namespace Vgi.Functions;

/// <summary>
/// The functions a worker serves. Generated code adds every annotated function from a module
/// initializer, so the registry is complete before <c>Main</c> runs and nothing is discovered by
/// reflection.
/// </summary>
public static class FunctionRegistry
{
    private static readonly List<ScalarFunctionDefinition> ScalarList = [];
    private static readonly List<TableFunctionDefinition> TableList = [];
    private static readonly Lock Gate = new();

    public static void Add(ScalarFunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        lock (Gate) ScalarList.Add(function);
    }

    public static void AddTable(TableFunctionDefinition function)
    {
        ArgumentNullException.ThrowIfNull(function);
        lock (Gate) TableList.Add(function);
    }

    /// <summary>Every registered scalar overload, in registration order.</summary>
    public static IReadOnlyList<ScalarFunctionDefinition> Scalars
    {
        get
        {
            lock (Gate) return [.. ScalarList];
        }
    }

    /// <summary>Every registered table function overload, in registration order.</summary>
    public static IReadOnlyList<TableFunctionDefinition> Tables
    {
        get
        {
            lock (Gate) return [.. TableList];
        }
    }
}
