using System.Globalization;

namespace Vgi.Hosting;

/// <summary>
/// The worker command line shared by every vgi_rpc worker (vgi-rpc-wire.md §2.3): no flags → stdio;
/// <c>--unix PATH [--idle-timeout SEC]</c>; <c>--describe</c>; <c>--access-log PATH</c>. Flags may
/// follow user arguments because the launcher appends its own; anything unrecognised is left to
/// the user in <see cref="UserArguments"/>. Hand-parsed: it is five flags, and a parser library
/// would add start-up cost to every worker launch.
/// </summary>
public sealed class WorkerArguments
{
    public string? UnixPath { get; private set; }

    /// <summary>Seconds without an active connection before a unix worker exits; 0 = never (default 300).</summary>
    public TimeSpan IdleTimeout { get; private set; } = TimeSpan.FromSeconds(300);

    public bool Describe { get; private set; }

    public string? AccessLogPath { get; private set; }

    public bool Http { get; private set; }

    public IReadOnlyList<string> UserArguments { get; private set; } = [];

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with a usage-grade message.</summary>
    public static WorkerArguments Parse(IReadOnlyList<string> args)
    {
        var result = new WorkerArguments();
        var user = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? inline = null;
            int eq = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }
            string Value()
            {
                if (inline is not null) return inline;
                if (i + 1 >= args.Count) throw new ArgumentException($"{arg} needs a value");
                return args[++i];
            }
            switch (arg)
            {
                case "--unix":
                    result.UnixPath = Value();
                    break;
                case "--idle-timeout":
                {
                    string text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || double.IsNaN(seconds) || double.IsInfinity(seconds))
                        throw new ArgumentException($"--idle-timeout expects seconds (e.g. 300 or 1.5), got '{text}'");
                    result.IdleTimeout = TimeSpan.FromSeconds(Math.Max(0, seconds));
                    break;
                }
                case "--describe":
                    result.Describe = true;
                    break;
                case "--access-log":
                    result.AccessLogPath = Value();
                    break;
                case "--http":
                    result.Http = true;
                    break;
                default:
                    user.Add(args[i]);
                    break;
            }
        }
        result.UserArguments = user;
        return result;
    }
}
