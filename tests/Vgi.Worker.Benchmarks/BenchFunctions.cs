using System.Buffers;
using System.Text;
using Apache.Arrow;
using Vgi;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// What the benchmark executable serves in <c>--worker</c> mode. <c>multiply</c> and <c>upper_case</c>
/// are verbatim copies of examples/Hello (same source, so the generator emits the same kernels): the
/// driver runs them in-process to profile the kernels, and against this worker to read the worker's
/// allocations through <c>bench_allocated</c>, which examples/Hello cannot report.
/// </summary>
public static class BenchFunctions
{
    /// <summary>The cached 16-character value of <see cref="BenchRows"/>'s <c>tag</c> column.</summary>
    public const string Tag = "bench-tag-0123ab";

    /// <summary>Copy of Hello's <c>multiply</c>.</summary>
    [ScalarFunction]
    public static long Multiply(long value, [Const] long factor) => value * factor;

    /// <summary>Copy of Hello's <c>upper_case</c>: decodes each value, ToUpperInvariant, encodes it back.</summary>
    [ScalarFunction]
    public static string? UpperCase(string? value) => value?.ToUpperInvariant();

    /// <summary>
    /// <c>upper_case</c> in the array-vectorized form: works on the UTF-8 bytes of the whole column.
    /// ASCII bytes are upper-cased with <see cref="Ascii.ToUpper(ReadOnlySpan{byte}, Span{byte}, out int)"/>
    /// (vectorized); the offsets and validity buffers are shared with the input. A column holding
    /// non-ASCII text falls back, value by value, to ToUpperInvariant, so the result is always the
    /// same as <see cref="UpperCase"/>.
    /// </summary>
    [ScalarFunction]
    public static StringArray UpperCaseAscii(StringArray values)
    {
        int n = values.Length;
        var offsets = values.ValueOffsets; // n + 1 entries, already at the array's offset
        int start = offsets[0], end = offsets[n];
        var source = values.ValueBuffer.Span;
        var upper = new byte[source.Length];
        if (Ascii.ToUpper(source[start..end], upper.AsSpan(start, end - start), out _) == OperationStatus.Done)
            return new StringArray(n, values.ValueOffsetsBuffer, new ArrowBuffer(upper), values.NullBitmapBuffer, values.NullCount, values.Offset);
        return UpperCaseSlow(values);
    }

    private static StringArray UpperCaseSlow(StringArray values)
    {
        var builder = new StringArray.Builder().Reserve(values.Length);
        byte[] scratch = [];
        for (int i = 0; i < values.Length; i++)
        {
            if (values.IsNull(i))
            {
                builder.AppendNull();
                continue;
            }
            var bytes = values.GetBytes(i);
            if (Ascii.IsValid(bytes))
            {
                if (scratch.Length < bytes.Length) scratch = new byte[bytes.Length];
                Ascii.ToUpper(bytes, scratch, out int written);
                builder.Append(scratch.AsSpan(0, written));
            }
            else
            {
                builder.Append(Encoding.UTF8.GetString(bytes).ToUpperInvariant());
            }
        }
        return builder.Build();
    }

    /// <summary>The worker's total allocated bytes (every thread), read by the driver around each run.</summary>
    [ScalarFunction]
    public static long BenchAllocated() => GC.GetTotalAllocatedBytes(precise: true);

    /// <summary><paramref name="count"/> rows of (id, id / 2, a cached 16-character tag).</summary>
    [TableFunction]
    public static IEnumerable<(long Id, double Value, string Tag)> BenchRows(long count)
    {
        for (long i = 0; i < count; i++) yield return (i, i * 0.5, Tag);
    }
}
