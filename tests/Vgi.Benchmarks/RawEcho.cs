using System.Globalization;

namespace Vgi.Benchmarks;

/// <summary>
/// The raw baseline child: the same stdin/stdout pipes as a worker, no Arrow. It reads messages of
/// a fixed size and writes each one straight back before reading the next (lockstep).
/// </summary>
internal static class RawEcho
{
    public static int Run(string[] args)
    {
        if (args.Length != 1 || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int size) || size <= 0)
        {
            Console.Error.WriteLine("usage: --raw-echo MESSAGE_BYTES");
            return 2;
        }
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        var buffer = new byte[size];
        long messages = 0;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        while (true)
        {
            int n = stdin.ReadAtLeast(buffer, size, throwOnEndOfStream: false);
            if (n == 0) break;
            if (n != size)
            {
                Console.Error.WriteLine($"[raw echo] truncated message: {n} of {size} bytes");
                return 1;
            }
            stdout.Write(buffer, 0, size);
            stdout.Flush();
            messages++;
        }
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Console.Error.WriteLine($"[raw echo] exit: {messages:N0} messages of {size} B, allocated {allocated:N0} B in the loop");
        return 0;
    }
}
