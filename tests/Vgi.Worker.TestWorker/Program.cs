using Vgi;
using Vgi.Worker.TestWorker;

// A worker serving hand-written ScalarFunctionDefinitions and TableFunctionDefinitions (no
// generator involved), for the end-to-end tests of the worker runtime: stdio by default,
// --unix PATH --idle-timeout SEC.
return await VgiWorker.RunAsync(args, new VgiWorkerOptions
{
    ImplementationVersion = "0.0.1-test",
    ScalarFunctions = TestFunctions.All,
    TableFunctions = TestTableFunctions.All,
});
