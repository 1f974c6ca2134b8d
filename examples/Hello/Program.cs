using Vgi;

// stdio by default; `--unix PATH --idle-timeout SEC` when started by a launch:/unix:// location.
return await VgiWorker.RunAsync(args);
