using System.Diagnostics;

namespace Vgi.Benchmarks;

/// <summary>This executable started again as a child, with binary stdin/stdout pipes and stderr inherited.</summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process)
    {
        _process = process;
        // The driver blocks on its reads the way the DuckDB extension does, so the measurement shows
        // the child's cost, not the driver's async machinery. The same wrapper serves every mode.
        ToChild = new BlockingStream(process.StandardInput.BaseStream);
        FromChild = new BlockingStream(process.StandardOutput.BaseStream);
    }

    public Stream ToChild { get; }

    public Stream FromChild { get; }

    /// <summary>CPU time (user + system) the child has used so far.</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static ChildProcess Start(params string[] arguments)
    {
        var (file, prefix) = SelfCommand();
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
        return new ChildProcess(process);
    }

    /// <summary>The command that runs this program: the apphost or AOT binary itself, or <c>dotnet X.dll</c>.</summary>
    private static (string File, string[] Prefix) SelfCommand()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("no process path");
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Equals("dotnet", StringComparison.OrdinalIgnoreCase))
            return (path, [Path.Combine(AppContext.BaseDirectory, "Vgi.Benchmarks.dll")]);
        return (path, []);
    }

    /// <summary>Closes the child's stdin (its EOF) and waits for it to exit.</summary>
    public void Dispose()
    {
        try
        {
            ToChild.Dispose();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                Console.Error.WriteLine($"child {_process.Id} did not exit; killing it");
                _process.Kill();
                _process.WaitForExit();
            }
            else if (_process.ExitCode != 0)
            {
                Console.Error.WriteLine($"child {_process.Id} exited with {_process.ExitCode}");
            }
        }
        finally
        {
            FromChild.Dispose();
            _process.Dispose();
        }
    }
}

/// <summary>Makes every async read and write of a pipe a synchronous, blocking one (completed ValueTasks).</summary>
internal sealed class BlockingStream(Stream inner) : Stream
{
    public override bool CanRead => inner.CanRead;
    public override bool CanSeek => false;
    public override bool CanWrite => inner.CanWrite;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(inner.Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(inner.Read(buffer, offset, count));

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        inner.Write(buffer.Span);
        return default;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        inner.Write(buffer, offset, count);
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
