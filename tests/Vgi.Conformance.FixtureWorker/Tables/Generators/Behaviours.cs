using System.Runtime.CompilerServices;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// Generators that test the stream's life cycle (fixtures.md §2.4.1): a failure after N batches,
/// client log records during generation, and a slow producer that records its cancellation. Each
/// emits one single-row batch per tick (batch size 1).
/// </summary>
internal static class Behaviours
{
    [TableFunction("generator_exception", Description = "Raises an exception after N batches for testing",
        ProjectionPushdown = false, BatchSize = 1,
        Categories = ["testing"], Tags = ["category", "testing", "type", "error-handling"])]
    public static IEnumerable<IntegerRow> GeneratorException([Min(0)] long failAfter)
    {
        for (long n = 0; n < failAfter; n++) yield return new IntegerRow(n);
        throw HandWritten.ValueError($"Intentional failure after {failAfter} batches");
    }

    [TableFunction("logging_generator", Description = "Emits log messages during generation",
        ProjectionPushdown = false, BatchSize = 1, Categories = ["testing"])]
    public static IEnumerable<IntegerRow> LoggingGenerator([Min(0)] long count, VgiContext context)
    {
        context.Log(VgiLogLevel.Info, $"Starting generation of {count} values");
        for (long n = 0; n < count; n++) yield return new IntegerRow(n);
        context.Log(VgiLogLevel.Info, "Generation complete");
    }

    /// <summary>
    /// Sleeps <paramref name="sleepMs"/> before each row. When the stream is cancelled before it
    /// finished (the worker cancels the token, then disposes the scan), appends
    /// <c>pid=&lt;pid&gt; emitted=&lt;k&gt;</c> to <paramref name="probePath"/>.
    /// </summary>
    [TableFunction("slow_cancellable", Description = "Slow producer with an on_cancel file-writing probe (test fixture)",
        ProjectionPushdown = false, BatchSize = 1, Categories = ["test"])]
    public static async IAsyncEnumerable<IntegerRow> SlowCancellable(string probePath, [EnumeratorCancellation] CancellationToken cancellationToken,
        [Min(0)] long count = 1_000_000, [Min(0)] long sleepMs = 50)
    {
        long emitted = 0;
        // Registered for the stream's lifetime; disposed (unregistered) when the rows run out normally.
        using var probe = cancellationToken.UnsafeRegister(_ => AppendProbe(probePath, Interlocked.Read(ref emitted)), null);
        for (long n = 0; n < count; n++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(sleepMs), cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref emitted);
            yield return new IntegerRow(n);
        }
    }

    private static void AppendProbe(string path, long emitted)
    {
        try
        {
            File.AppendAllText(path, $"pid={Environment.ProcessId} emitted={emitted}\n");
        }
        catch (IOException)
        {
            // A probe that cannot be written must not break the cancellation.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
