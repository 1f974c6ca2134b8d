using Vgi.Functions;

namespace Vgi.Workers;

/// <summary>
/// The functions one worker serves, indexed for the catalog (by schema) and for bind (by name).
/// Names follow DuckDB: case-insensitive, with an exact-case match preferred.
/// </summary>
internal sealed class FunctionSet
{
    /// <summary>The schema every worker has, and the default schema of its catalog.</summary>
    public const string MainSchema = "main";

    private readonly ScalarFunctionDefinition[] _scalars;
    private readonly TableFunctionDefinition[] _tables;
    private readonly string[] _schemas;

    private FunctionSet(ScalarFunctionDefinition[] scalars, TableFunctionDefinition[] tables, string[] schemas)
    {
        _scalars = scalars;
        _tables = tables;
        _schemas = schemas;
    }

    /// <summary>Every scalar overload, in registration order.</summary>
    public IReadOnlyList<ScalarFunctionDefinition> Scalars => _scalars;

    /// <summary>Every table function overload, in registration order.</summary>
    public IReadOnlyList<TableFunctionDefinition> Tables => _tables;

    /// <summary>Schema names: <c>main</c> first (always present), then the others in ordinal order.</summary>
    public IReadOnlyList<string> Schemas => _schemas;

    /// <exception cref="ArgumentException">A definition is incomplete.</exception>
    public static FunctionSet Create(IEnumerable<ScalarFunctionDefinition> scalars, IEnumerable<TableFunctionDefinition>? tables = null)
    {
        var scalarList = new List<ScalarFunctionDefinition>();
        foreach (var definition in scalars)
        {
            Validate(definition);
            scalarList.Add(definition);
        }
        var tableList = new List<TableFunctionDefinition>();
        foreach (var definition in tables ?? [])
        {
            Validate(definition);
            tableList.Add(definition);
        }
        var others = scalarList.Select(d => d.Schema).Concat(tableList.Select(d => d.Schema))
            .Where(s => !string.Equals(s, MainSchema, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(s => s, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.Ordinal);
        return new FunctionSet([.. scalarList], [.. tableList], [MainSchema, .. others]);
    }

    private static void Validate(ScalarFunctionDefinition? definition)
    {
        if (definition is null) throw new ArgumentException("a scalar function definition is null");
        if (string.IsNullOrWhiteSpace(definition.Name)) throw new ArgumentException("a scalar function definition has no name");
        string what = $"scalar function '{definition.Name}'";
        if (string.IsNullOrWhiteSpace(definition.Schema)) throw new ArgumentException($"{what} has no schema");
        if (definition.Arguments is null) throw new ArgumentException($"{what} has no argument schema");
        if (definition.Result is null) throw new ArgumentException($"{what} has no result field");
        if (definition.Bind is null) throw new ArgumentException($"{what} has no binder");
        if (definition.Description is null) throw new ArgumentException($"{what} has a null description");
    }

    private static void Validate(TableFunctionDefinition? definition)
    {
        if (definition is null) throw new ArgumentException("a table function definition is null");
        if (string.IsNullOrWhiteSpace(definition.Name)) throw new ArgumentException("a table function definition has no name");
        string what = $"table function '{definition.Name}'";
        if (string.IsNullOrWhiteSpace(definition.Schema)) throw new ArgumentException($"{what} has no schema");
        if (definition.Arguments is null) throw new ArgumentException($"{what} has no argument schema");
        if (definition.Bind is null) throw new ArgumentException($"{what} has no binder");
        if (definition.Description is null) throw new ArgumentException($"{what} has a null description");
        if (definition.MaxWorkers < 1) throw new ArgumentException($"{what} has MaxWorkers {definition.MaxWorkers}; it must be at least 1");
        if (definition.BatchSize < 1) throw new ArgumentException($"{what} has BatchSize {definition.BatchSize}; it must be at least 1");
    }

    /// <summary>The schema's canonical spelling, matched case-insensitively.</summary>
    public bool TryGetSchema(string name, out string schema)
    {
        foreach (var s in _schemas)
        {
            if (string.Equals(s, name, StringComparison.OrdinalIgnoreCase))
            {
                schema = s;
                return true;
            }
        }
        schema = "";
        return false;
    }

    /// <summary>The scalar overloads listed in <paramref name="schema"/> (matched case-insensitively).</summary>
    public IReadOnlyList<ScalarFunctionDefinition> ScalarsIn(string schema) =>
        [.. _scalars.Where(d => string.Equals(d.Schema, schema, StringComparison.OrdinalIgnoreCase))];

    /// <summary>The table function overloads listed in <paramref name="schema"/> (matched case-insensitively).</summary>
    public IReadOnlyList<TableFunctionDefinition> TablesIn(string schema) =>
        [.. _tables.Where(d => string.Equals(d.Schema, schema, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// The scalar overloads called <paramref name="name"/>: exact-case matches, or when there are
    /// none, case-insensitive ones (DuckDB sends the name as written in SQL).
    /// </summary>
    public IReadOnlyList<ScalarFunctionDefinition> FindScalars(string name) => Find(_scalars, d => d.Name, name);

    /// <summary>The table function overloads called <paramref name="name"/>, matched like <see cref="FindScalars"/>.</summary>
    public IReadOnlyList<TableFunctionDefinition> FindTables(string name) => Find(_tables, d => d.Name, name);

    private static T[] Find<T>(T[] definitions, Func<T, string> nameOf, string name)
    {
        T[] exact = [.. definitions.Where(d => string.Equals(nameOf(d), name, StringComparison.Ordinal))];
        if (exact.Length > 0) return exact;
        return [.. definitions.Where(d => string.Equals(nameOf(d), name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>Distinct scalar names in ordinal order, for "unknown function" messages.</summary>
    public IReadOnlyList<string> ScalarNames => [.. _scalars.Select(d => d.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>Distinct table function names in ordinal order, for "unknown function" messages.</summary>
    public IReadOnlyList<string> TableNames => [.. _tables.Select(d => d.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
