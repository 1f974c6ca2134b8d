using Vgi.Benchmarks;

// One executable, three roles:
//   (default)          the driver: spawns itself as the child and measures;
//   --worker [...]     a vgi_rpc stdio worker serving the bench_* methods (RpcHost);
//   --raw-echo BYTES   the raw baseline child: reads BYTES, writes the same BYTES back, in lockstep.
if (args.Length > 0 && args[0] == "--worker") return await BenchWorker.RunAsync(args[1..]);
if (args.Length > 0 && args[0] == "--raw-echo") return RawEcho.Run(args[1..]);
return await Driver.RunAsync(args);
