// vgi-call: try a VGI worker without DuckDB. It starts the worker and sends the RPCs DuckDB's vgi
// extension would send for ATTACH plus one statement:
//
//   vgi-call [options] <worker> [worker args...] -- list
//   vgi-call [options] <worker> [worker args...] -- call <function> <arg>...
//   vgi-call [options] <worker> [worker args...] -- call <table_function> <arg>... [name:=value]...
//
// A worker ending in .dll runs under `dotnet`. Arguments of `call` read like SQL literals: 42, 2.5,
// true, NULL, 'text' (or any other word); a leading @ marks a constant argument (multiply 21 @2).
using System.Globalization;
using Vgi.Protocol;
using Vgi.Rpc;
using VgiCall;

const string Usage = """
    usage: vgi-call [--catalog NAME] [--timeout SEC] [--verbose] <worker> [worker args...] -- list
           vgi-call [--catalog NAME] [--timeout SEC] [--verbose] <worker> [worker args...] -- call <function> [arg...]

      list      the attached catalog's schemas and every function: arguments, return type, description
      call      binds and runs <function> on one row; each arg is a literal: 42 (BIGINT), 2.5 (DOUBLE),
                true/false (BOOLEAN), NULL, 'text' or any other word (VARCHAR); @arg marks a constant
                argument (multiply 21 @2). Like DuckDB, literals are cast to the declared types of the
                overload the catalog lists that fits them best.
                A table function (listed under TABLE_FUNCTION) runs like SELECT * FROM <function>(...):
                named arguments are written name:=value, and the rows print as a table (at most 20).

      --catalog NAME   catalog to attach (default: the single one catalog_catalogs reports)
      --timeout SEC    longest wait for any answer of the worker (default 30)
      --verbose        trace every RPC on stderr

    Exit status: 0 success, 1 the worker answered an error (printed as "error: <Type>: <message>")
    or broke the protocol, 2 a usage error.
    """;

string? catalog = null;
double timeoutSeconds = 30;
bool verbose = false;
int i = 0;
for (; i < args.Length && args[i].StartsWith("--", StringComparison.Ordinal) && args[i] != "--"; i++)
{
    switch (args[i])
    {
        case "--catalog" when i + 1 < args.Length: catalog = args[++i]; break;
        case "--timeout" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out timeoutSeconds) && timeoutSeconds > 0: i++; break;
        case "--verbose": verbose = true; break;
        case "--help": Console.WriteLine(Usage); return 0;
        default: return Fail(2, $"unknown or incomplete option {args[i]}\n{Usage}");
    }
}
int separator = Array.IndexOf(args, "--", i);
if (separator <= i || separator + 1 >= args.Length) return Fail(2, Usage);
string worker = args[i];
string[] workerArgs = args[(i + 1)..separator];
string command = args[separator + 1];
string[] rest = args[(separator + 2)..];
if (command is not ("list" or "call") || (command == "call" && rest.Length == 0) || (command == "list" && rest.Length > 0))
    return Fail(2, Usage);

ExtensionSession session;
try
{
    session = ExtensionSession.Start(worker, workerArgs, TimeSpan.FromSeconds(timeoutSeconds), verbose);
}
catch (System.ComponentModel.Win32Exception e)
{
    return Fail(2, $"cannot start {worker}: {e.Message}");
}

await using (session)
{
    try
    {
        // ATTACH 'x' AS x (TYPE vgi, LOCATION '<worker>'), then the statement.
        await session.AttachAsync(catalog);
        await session.BeginStatementAsync();
        if (command == "list") await ListAsync(session);
        else await CallAsync(session, rest[0], rest[1..]);
        await session.CommitAsync();
        return 0;
    }
    catch (RpcException e)
    {
        return Fail(1, e.Message); // the worker's "<Type>: <message>"
    }
    catch (UsageException e)
    {
        return Fail(2, e.Message);
    }
    catch (Exception e) when (e is IOException or InvalidDataException or TimeoutException or Vgi.Ipc.IpcFormatException or Vgi.Codecs.ArrowRecordException)
    {
        // A broken channel: what the worker said on stderr usually tells why.
        await session.DisposeAsync(); // the worker's exit, and the end of its stderr
        IReadOnlyList<string> stderr = verbose ? [] : session.WorkerStderr;
        return Fail(1, $"{e.Message} (is {worker} a VGI worker?){string.Concat(stderr.Select(l => $"\n[worker] {l}"))}");
    }
}

static int Fail(int code, string message)
{
    Console.Error.WriteLine(code == 2 && message.StartsWith("usage", StringComparison.Ordinal) ? message : $"error: {message}");
    return code;
}

// SHOW / duckdb_functions(): catalog_schemas, then each function kind the schema does not report as empty.
static async Task ListAsync(ExtensionSession session)
{
    var attached = session.Attached;
    Console.WriteLine($"catalog {session.CatalogName}: default schema {(attached.DefaultSchema is { Length: > 0 } s ? s : "main")}, " +
        $"version {attached.CatalogVersion}{(attached.CatalogVersionFrozen ? " (frozen)" : "")}{(attached.Comment is { } c ? $", comment \"{c}\"" : "")}");
    foreach (var schema in await session.SchemasAsync())
    {
        var counts = schema.EstimatedObjectCount;
        string countText = counts is null ? "object counts not reported" : string.Join(", ", counts.Where(kv => kv.Value != 0).Select(kv => $"{kv.Key} {kv.Value}"));
        Console.WriteLine();
        Console.WriteLine($"schema {schema.Name} ({(countText.Length == 0 ? "empty" : countText)})");
        foreach (var (kind, key) in new[] { (CatalogObjectType.ScalarFunction, "scalar_function"), (CatalogObjectType.AggregateFunction, "aggregate_function"), (CatalogObjectType.TableFunction, "table_function") })
        {
            if (counts is not null && counts.TryGetValue(key, out long n) && n == 0) continue; // 0 is a promise: no RPC, like the extension
            foreach (var function in (await session.FunctionsAsync(schema.Name, kind)).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                var notes = new List<string>();
                if (function.FunctionType == FunctionType.Aggregate) notes.Add("aggregate");
                if (function.NullHandling == NullHandling.Special) notes.Add("sees NULLs");
                if (function.Stability is FunctionStability.Volatile) notes.Add("volatile");
                Console.WriteLine($"  {Names.Signature(function)}{(notes.Count > 0 ? $"   [{string.Join(", ", notes)}]" : "")}");
                if (function.Description.Length > 0) Console.WriteLine($"      {function.Description}");
            }
        }
    }
}

// SELECT x.<function>(<args>): catalog_schemas → catalog_schema_contents_functions(SCALAR_FUNCTION) →
// bind (plan) → bind (execution connection) → init → one exchange → close. A table function goes to
// TableCallAsync instead.
static async Task CallAsync(ExtensionSession session, string function, IReadOnlyList<string> rawArgs)
{
    string schemaName = session.Attached.DefaultSchema is { Length: > 0 } d ? d : "main";
    if (function.IndexOf('.') is > 0 and var dot && dot < function.Length - 1)
        (schemaName, function) = (function[..dot], function[(dot + 1)..]);

    var overloads = new List<FunctionInfo>();
    var schema = (await session.SchemasAsync()).FirstOrDefault(s => string.Equals(s.Name, schemaName, StringComparison.OrdinalIgnoreCase));
    if (schema is not null && !(schema.EstimatedObjectCount?.TryGetValue("scalar_function", out long n) == true && n == 0))
    {
        var listed = await session.FunctionsAsync(schema.Name, CatalogObjectType.ScalarFunction);
        overloads.AddRange(listed.Where(f => f.Name == function));
        if (overloads.Count == 0) overloads.AddRange(listed.Where(f => string.Equals(f.Name, function, StringComparison.OrdinalIgnoreCase)));
    }
    if (overloads.Count == 0 && schema is not null && !(schema.EstimatedObjectCount?.TryGetValue("table_function", out long t) == true && t == 0))
    {
        var tables = (await session.FunctionsAsync(schema.Name, CatalogObjectType.TableFunction))
            .Where(f => string.Equals(f.Name, function, StringComparison.OrdinalIgnoreCase)).ToList();
        if (tables.Count > 0)
        {
            await TableCallAsync(session, tables, rawArgs);
            return;
        }
    }
    if (rawArgs.FirstOrDefault(a => TableCall.IsNamed(a)) is { } namedArg)
        throw new UsageException($"{namedArg}: named arguments (name:=value) are for table functions; {function} is not listed as one");
    var literals = rawArgs.Select(Literal.Parse).ToList();
    // Not listed: DuckDB would stop here; we bind anyway so the worker says what it serves.
    var call = ScalarCall.Build(literals, overloads);
    var request = session.ScalarBindRequest(call.Overload?.Name ?? function, call.Input, call.Constants);

    await session.BindAsync(request);                 // plan-time bind
    var bound = await session.BindAsync(request);     // the execution connection binds again
    if (bound.LookupSecretTypes.Count > 0)
        throw new UsageException($"{function} needs secrets ({string.Join(", ", bound.LookupSecretTypes)}); vgi-call does not provide any");
    if (bound.OutputSchema.FieldsList.Count != 1)
        throw new InvalidDataException($"bind answered {bound.OutputSchema.FieldsList.Count} output fields; a scalar function has exactly one");

    var column = await session.RunScalarAsync(request, bound, call.InputBatch());
    Console.WriteLine(Names.Value(column, 0));
}

// SELECT * FROM x.<function>(<args>) (validation-2 §3.1, C21): bind → table_function_cardinality →
// table_function_statistics → init (projection = every column when the function takes projections)
// → one tick per batch until the output's EOS → input EOS.
static async Task TableCallAsync(ExtensionSession session, IReadOnlyList<FunctionInfo> overloads, IReadOnlyList<string> rawArgs)
{
    var call = TableCall.Build(rawArgs, overloads);
    var request = session.TableBindRequest(call.Overload?.Name ?? overloads[0].Name, call.Arguments);
    var bound = await session.BindAsync(request);
    if (bound.LookupSecretTypes.Count > 0)
        throw new UsageException($"{request.FunctionName} needs secrets ({string.Join(", ", bound.LookupSecretTypes)}); vgi-call does not provide any");
    await session.CardinalityAsync(request, bound);
    await session.StatisticsAsync(request, bound);
    IReadOnlyList<long>? projection = call.Overload?.ProjectionPushdown == true
        ? [.. Enumerable.Range(0, bound.OutputSchema.FieldsList.Count).Select(i => (long)i)]
        : null;
    var batches = await session.RunTableAsync(request, bound, projection);
    Names.PrintTable(bound.OutputSchema, batches, maxRows: 20);
}
