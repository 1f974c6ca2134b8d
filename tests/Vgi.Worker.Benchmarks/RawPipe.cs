using System.Globalization;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// The raw baseline child (<c>--raw IN OUT</c>): reads IN bytes, writes OUT bytes, repeatedly, over
/// the same stdio pipes a worker uses, with no Arrow. For a scalar exchange IN = OUT = one encoded
/// batch message; for a producer IN is one tick (72 B) and OUT one output batch message.
/// </summary>
internal static class RawPipe
{
    public static int Run(string[] args)
    {
        if (args.Length != 2
            || !int.TryParse(args[0], NumberStyles.None, CultureInfo.InvariantCulture, out int inBytes)
            || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out int outBytes)
            || inBytes <= 0 || outBytes <= 0)
        {
            Console.Error.WriteLine("usage: --raw IN_BYTES OUT_BYTES");
            return 2;
        }
        using var stdin = Console.OpenStandardInput();
        using var stdout = Console.OpenStandardOutput();
        var received = new byte[inBytes];
        var reply = new byte[outBytes];
        reply.AsSpan().Fill(0x5A);
        while (true)
        {
            int got = 0;
            while (got < inBytes)
            {
                int n = stdin.Read(received, got, inBytes - got);
                if (n == 0)
                {
                    if (got == 0) return 0; // clean EOF between messages
                    Console.Error.WriteLine($"raw: EOF after {got} of {inBytes} bytes");
                    return 1;
                }
                got += n;
            }
            stdout.Write(reply, 0, outBytes);
            stdout.Flush();
        }
    }
}
