using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Hello.Tests.Infrastructure;
using Vgi.Testing;
using Vgi.Protocol;
using Xunit.Abstractions;
using static Vgi.Testing.Calls;

namespace Vgi.Hello.Tests;

/// <summary>
/// One pooled worker process through a whole DuckDB session, in the order validation.md §3.1 and
/// C6 observed: ATTACH → <c>catalog_attach</c>; the first statement → <c>catalog_schemas</c> →
/// <c>catalog_schema_contents_functions(SCALAR_FUNCTION)</c> → <c>bind</c> → <c>bind</c> → <c>init</c>;
/// later statements → <c>bind</c> → <c>bind</c> → <c>init</c> only (no <c>catalog_version</c>: the
/// catalog is frozen). Every call is built from the listed FunctionInfo alone, as the extension
/// builds it: input columns of the declared types, <c>vgi_const</c> arguments in Arguments,
/// three columns for the variadic tail.
/// </summary>
public sealed class ExtensionSessionTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WorkerUnderTest_IsTheConfiguredOne()
    {
        // CI sets VGI_HELLO_WORKER to the native AOT executable; locally it is dotnet Hello.dll.
        var (file, args) = HelloWorker.Command;
        output.WriteLine($"worker under test: {file} {string.Join(' ', args)}");
        await using var w = HelloWorker.Start();
        await w.AttachAsync("hello");
        string running = w.Rpc.Process!.MainModule!.FileName;
        if (Environment.GetEnvironmentVariable(HelloWorker.EnvironmentVariable) is { Length: > 0 } configured && !configured.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            Assert.Equal(Path.GetFullPath(configured), running);
        else
            Assert.Equal("Hello.dll", Path.GetFileName(Assert.Single(args)));
    }

    [Fact]
    public async Task EveryListedOverload_CalledFromItsFunctionInfo_OnOneWorker()
    {
        await using var w = HelloWorker.Start();
        int pid = w.Rpc.Process!.Id;

        var attach = (await w.AttachAsync("hello")).Value;
        Assert.True(attach.CatalogVersionFrozen);
        var main = Assert.Single((await w.SchemasAsync(attach.AttachOpaqueData)).Value.Items);
        Assert.NotEqual(0, main.EstimatedObjectCount!["scalar_function"]);
        var listed = (await w.FunctionsAsync(attach.AttachOpaqueData, CatalogObjectType.ScalarFunction)).Value.Items;
        Assert.Equal(7, listed.Count);

        for (int statement = 0; statement < 2; statement++)
        {
            foreach (var info in listed)
            {
                var (request, batches, expected) = Build(info, attach.AttachOpaqueData);
                var (bound, results) = await w.CallScalarAsync(request, batches);
                var output = Assert.Single(bound.OutputSchema.FieldsList);
                Assert.Equal(info.OutputSchema.FieldsList[0].DataType.TypeId, output.DataType.TypeId);
                for (int b = 0; b < batches.Count; b++)
                    Assert.True(expected[b].SequenceEqual(Values(results[b])), $"{info.Name}: batch {b} differs");
            }
        }
        Assert.Equal(pid, w.Rpc.Process.Id);
        Assert.False(w.Rpc.Process.HasExited);
    }

    [Fact]
    public async Task Worker_ExitsAtStdinEof()
    {
        // The pool drops a worker by closing its pipes (C10); it must exit promptly and cleanly.
        var w = HelloWorker.Start();
        await w.AttachAsync("hello");
        await w.DisposeAsync();
        Assert.Equal(0, w.Rpc.ExitCode);
        Assert.DoesNotContain(w.Stderr.Lines, l => l.Contains("Unhandled", StringComparison.Ordinal));
    }

    /// <summary>
    /// The call of <paramref name="info"/> over three 2048-row batches with NULLs, and the values the
    /// Hello method must give for each row (computed here from the same inputs).
    /// </summary>
    private static (BindRequest Request, IReadOnlyList<RecordBatch> Batches, IReadOnlyList<object?[]> Expected) Build(FunctionInfo info, byte[] attach)
    {
        var columnTypes = new List<IArrowType>();
        var constants = new List<IArrowArray>();
        foreach (var field in info.Arguments.FieldsList)
        {
            bool isConst = field.HasMetadata && field.Metadata.TryGetValue("vgi_const", out var c) && c == "true";
            bool isVarargs = field.HasMetadata && field.Metadata.TryGetValue("vgi_varargs", out var v) && v == "true";
            if (isConst) constants.Add(I64(5));
            else if (isVarargs) columnTypes.AddRange([field.DataType, field.DataType, field.DataType]);
            else columnTypes.Add(field.DataType);
        }
        var input = Input([.. columnTypes]);
        var request = Scalar(info.Name, input, constants, attach);

        var batches = new List<RecordBatch>();
        var expected = new List<object?[]>();
        for (int b = 0; b < 3; b++)
        {
            var columns = columnTypes.Select((type, arg) => Enumerable.Range(0, BatchRows).Select(i => Value(type, b, arg, i)).ToArray()).ToArray();
            batches.Add(new RecordBatch(input, columns.Select((values, arg) => ToArray(columnTypes[arg], values)), BatchRows));
            expected.Add([.. Enumerable.Range(0, BatchRows).Select(i => Expected(info, [.. columns.Select(c => c[i])]))]);
        }
        return (request, batches, expected);
    }

    /// <summary>Row values with NULLs in different rows per argument; integers never 0 (checked_divide).</summary>
    private static object? Value(IArrowType type, int batch, int arg, int row) => type switch
    {
        Int64Type => row % (5 + arg) == 0 ? null : (long)(batch * 10_000 + row * 3 + arg + 1),
        DoubleType => row % (7 + arg) == 0 ? null : batch + row * 0.5 + arg,
        StringType => row % (6 + arg) == 0 ? null : arg == 0 && row % 2 == 0 ? "/" : $"s{arg}-{batch}-{row}",
        _ => throw new NotSupportedException(type.Name),
    };

    private static IArrowArray ToArray(IArrowType type, object?[] values) => type switch
    {
        Int64Type => I64(values.Select(v => (long?)v)),
        DoubleType => F64(values.Select(v => (double?)v)),
        StringType => Str(values.Select(v => (string?)v)),
        _ => throw new NotSupportedException(type.Name),
    };

    /// <summary>What each Hello function returns for one row (the C# methods in examples/Hello).</summary>
    private static object? Expected(FunctionInfo info, object?[] a) => info.Name switch
    {
        "upper_case" => ((string?)a[0])?.ToUpperInvariant(),
        "concat_with" => a[0] is string separator ? string.Join(separator, a.Skip(1).Where(v => v is not null)) : null,
        "describe" => a[0] is long n ? $"the number {n}" : "no number",
        "multiply" => a[0] is long x ? x * 5 : null,
        "add_values" when a[0] is long l && a[1] is long r => l + r,
        "add_values" when a[0] is double l && a[1] is double r => l + r,
        "add_values" => null,
        "checked_divide" => a[0] is long dividend && a[1] is long divisor ? dividend / divisor : null,
        _ => throw new NotSupportedException(info.Name),
    };

    private static object?[] Values(IArrowArray array) => array switch
    {
        Int64Array a => [.. Enumerable.Range(0, a.Length).Select(i => (object?)a.GetValue(i))],
        DoubleArray a => [.. Enumerable.Range(0, a.Length).Select(i => (object?)a.GetValue(i))],
        StringArray a => [.. Enumerable.Range(0, a.Length).Select(i => a.IsNull(i) ? null : (object?)a.GetString(i))],
        _ => throw new NotSupportedException(array.Data.DataType.Name),
    };
}
