using Vgi;
using Vgi.Conformance.Fixtures;

// The main fixture worker of the DuckDB vgi extension's test suite (fixtures.md §2): catalog
// `example`. stdio by default; `--unix PATH --idle-timeout SEC` under the launcher.
Console.Error.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss,fff} vgi.fixtures INFO worker_starting");
return await VgiWorker.RunAsync(args, ExampleCatalog.Options);
