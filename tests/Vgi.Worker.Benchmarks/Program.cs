using Vgi;
using Vgi.Worker.Benchmarks;

// One executable, three roles:
//   (default)        the driver: runs the suites and prints the tables (see README.md);
//   --worker [...]   a VGI worker serving BenchFunctions (VgiWorker.RunAsync, stdio by default);
//   --raw IN OUT     the raw pipe baseline child: reads IN bytes, writes OUT bytes, in lockstep, until EOF.
if (args.Length > 0 && args[0] == "--worker") return await VgiWorker.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--raw") return RawPipe.Run(args[1..]);
return await Driver.RunAsync(args);
