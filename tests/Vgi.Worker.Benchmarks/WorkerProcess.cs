using System.Diagnostics;
using System.Globalization;

namespace Vgi.Worker.Benchmarks;

/// <summary>CPU time and page faults of a process, from <c>/proc/&lt;pid&gt;/stat</c>.</summary>
internal readonly record struct ProcStat(TimeSpan Cpu, long MinorFaults, long RssBytes)
{
    /// <summary>Linux reports utime/stime in clock ticks: USER_HZ, 100 on every Linux ABI .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static ProcStat Read(int pid)
    {
        string text = File.ReadAllText($"/proc/{pid}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: split after the last ')'.
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state): field k is fields[k - 3].
        long Field(int k) => long.Parse(fields[k - 3], CultureInfo.InvariantCulture);
        long ticks = Field(14) + Field(15); // utime + stime
        return new ProcStat(TimeSpan.FromSeconds(ticks / TicksPerSecond), Field(10), Field(24) * Environment.SystemPageSize);
    }

    public static ProcStat operator -(ProcStat a, ProcStat b) => new(a.Cpu - b.Cpu, a.MinorFaults - b.MinorFaults, a.RssBytes);
}

/// <summary>
/// A child process with binary stdin/stdout pipes (stderr inherited): a VGI worker or the raw
/// baseline. Reads and writes block, the way the DuckDB extension reads, so a measurement shows the
/// child's cost rather than the driver's async machinery.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly CountingStream _to;
    private readonly CountingStream _from;

    private WorkerProcess(Process process, string description)
    {
        _process = process;
        Description = description;
        _to = new CountingStream(process.StandardInput.BaseStream);
        _from = new CountingStream(process.StandardOutput.BaseStream);
    }

    public string Description { get; }

    public int Pid => _process.Id;

    /// <summary>Driver → worker (the worker's stdin).</summary>
    public CountingStream ToWorker => _to;

    /// <summary>Worker → driver (the worker's stdout).</summary>
    public CountingStream FromWorker => _from;

    public ProcStat Stat() => ProcStat.Read(_process.Id);

    /// <summary>Starts <paramref name="command"/>; a <c>.dll</c> runs under the dotnet host that runs this driver (JIT).</summary>
    public static WorkerProcess Start(string command, params string[] arguments)
    {
        string file = command;
        var prefix = new List<string>();
        if (command.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            file = DotnetHost;
            prefix.Add(command);
        }
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        foreach (var a in prefix) info.ArgumentList.Add(a);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        if (PipeSize > 0)
        {
            SetPipeSize(process.StandardInput.BaseStream);
            SetPipeSize(process.StandardOutput.BaseStream);
        }
        return new WorkerProcess(process, string.Join(' ', [file, .. prefix, .. arguments]));
    }

    /// <summary>Capacity to give both pipes of every child (<c>--pipe-size</c>); 0 keeps the kernel default (64 KiB).</summary>
    public static int PipeSize { get; set; }

    private const int FSetPipeSize = 1031; // F_SETPIPE_SZ (Linux)

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    [System.Runtime.InteropServices.DefaultDllImportSearchPaths(System.Runtime.InteropServices.DllImportSearchPath.SafeDirectories)]
    private static extern int Fcntl(int fd, int command, int argument);

    /// <summary>
    /// F_SETPIPE_SZ on the pipe behind <paramref name="stream"/>: a pipe is one kernel object, so
    /// setting it from the driver's end sets it for the worker's end too.
    /// </summary>
    private static void SetPipeSize(Stream stream)
    {
        if (stream is not System.IO.Pipes.PipeStream pipe) throw new InvalidOperationException($"the child's stdio is a {stream.GetType().Name}, not a pipe");
        int fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        if (Fcntl(fd, FSetPipeSize, PipeSize) < 0)
            throw new InvalidOperationException($"fcntl(F_SETPIPE_SZ, {PipeSize}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>The dotnet host: the one running this driver, else DOTNET_HOST_PATH, else <c>dotnet</c> on PATH.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
            return "dotnet";
        }
    }

    /// <summary>Closes the child's stdin (its EOF) and waits for it to exit.</summary>
    public void Dispose()
    {
        try
        {
            _to.Dispose();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Console.Error.WriteLine($"worker {_process.Id} did not exit; killing it");
                _process.Kill();
                _process.WaitForExit();
            }
            else if (_process.ExitCode != 0)
            {
                Console.Error.WriteLine($"worker {_process.Id} ({Description}) exited with {_process.ExitCode}");
            }
        }
        finally
        {
            _from.Dispose();
            _process.Dispose();
        }
    }
}

/// <summary>
/// A pipe end whose async reads and writes are synchronous, blocking ones (completed ValueTasks),
/// counting the bytes that pass.
/// </summary>
internal sealed class CountingStream(Stream inner) : Stream
{
    public long BytesRead { get; private set; }

    public long BytesWritten { get; private set; }

    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Count(inner.Read(buffer.Span)));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Count(inner.Read(buffer, offset, count)));

    private int Count(int read)
    {
        BytesRead += read;
        return read;
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        inner.Write(buffer, offset, count);
        BytesWritten += count;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken)
    {
        inner.Flush();
        return Task.CompletedTask;
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
