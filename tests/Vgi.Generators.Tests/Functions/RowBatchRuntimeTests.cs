using System.IO.Pipelines;
using System.Reflection;
using Apache.Arrow;
using Microsoft.CodeAnalysis;
using Vgi.Client;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Generators.Functions;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;

namespace Vgi.Generators.Tests.Functions;

/// <summary>
/// Compiles <see cref="RowBatchTests.Source"/> with the generator, loads it, and runs the generated scans:
/// directly (one batch per RowBatch, projection, the facts the scan exposes), and end to end through a
/// worker served in process, where the facts become <c>vgi_batch_index</c> and
/// <c>vgi_partition_values#b64</c> (extracted, overridden, or left out).
/// </summary>
public class RowBatchRuntimeTests
{
    private const string BatchIndexKey = "vgi_batch_index";
    private const string PartitionValuesKey = "vgi_partition_values#b64";

    private static readonly Lazy<Assembly> Compiled = new(() =>
    {
        var compilation = GeneratorHarness.Compile(RowBatchTests.Source);
        GeneratorHarness.Driver(new FunctionGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        using var image = new MemoryStream();
        var result = output.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return Assembly.Load(image.ToArray());
    });

    /// <summary>The generated definition; loading the assembly also runs its module initializer, which registers it for the worker.</summary>
    private static TableFunctionDefinition Definition(string className) =>
        ((TableFunctionDefinition[])Compiled.Value.GetType("Vgi.Generated." + className, throwOnError: true)!
            .GetField("Definitions", BindingFlags.Static | BindingFlags.NonPublic)!.GetValue(null)!)[0];

    private static TableFunctionDefinition Chunks => Definition("Sample_Batches_Chunks");

    private static TableFunctionDefinition Sales => Definition("Sample_Batches_Sales");

    private static TableFunctionDefinition Values => Definition("Sample_Batches_Values");

    private static TableBinding Bind(TableFunctionDefinition definition, long[] positional, params (string Name, IArrowArray Value)[] named) =>
        definition.Bind(new TableBindContext(new Arguments([.. positional.Select(p => new ArgumentValue(Calls.I64(p)))],
            named.ToDictionary(n => n.Name, n => new ArgumentValue(n.Value)))));

    /// <summary>Opens the bound scan as the worker does, with a batch size that the batches must ignore.</summary>
    private static TableScan Open(TableBinding binding, IReadOnlyList<int>? projection = null) => binding.OpenScan(new TableScanContext
    {
        ProjectionIds = projection,
        ProjectedSchema = projection is null ? binding.OutputSchema : new Schema(projection.Select(i => binding.OutputSchema.FieldsList[i]), null),
        Filters = TableFilters.None,
        BatchSize = 1,
        ExecutionId = new byte[16],
        Context = null!,
        Storage = ExecutionStorage.For(new byte[16]),
    });

    [Fact]
    public async Task EachRowBatchIsOneArrowBatchWithItsIndex()
    {
        await using var scan = Open(Bind(Chunks, [5], ("size", Calls.I64(3))));
        var seen = new List<(int Rows, long? Index, bool Contract)>();
        var n = new List<long?>();
        while (await scan.NextAsync(CancellationToken.None) is { } batch)
        {
            seen.Add((batch.Length, scan.BatchIndex, scan.WriteContractMetadata));
            n.AddRange(Calls.Longs(batch.Column(0)));
            Assert.Null(scan.PartitionValues);
            Assert.Null(scan.BatchMetadata);
        }
        Assert.Equal<(int, long?, bool)>([(3, 0L, true), (0, 5L, true), (2, 10L, true)], seen);
        Assert.Equal([0L, 1, 2, 3, 4], n);
        Assert.Null(scan.BatchIndex);
    }

    [Fact]
    public async Task ProjectionWritesOnlyTheProjectedColumns()
    {
        await using var scan = Open(Bind(Chunks, [3]), projection: [1]);
        var batch = Assert.IsType<RecordBatch>(await scan.NextAsync(CancellationToken.None));
        Assert.Equal(["label"], batch.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(["#0", "#1"], Calls.Strings(batch.Column(0)));
    }

    [Fact]
    public async Task AnyReadOnlyListIsRead_AndDefaultIsAnEmptyBatch()
    {
        await using var scan = Open(Bind(Values, [4]));
        var batches = new List<long?[]>();
        while (await scan.NextAsync(CancellationToken.None) is { } batch) batches.Add(Calls.Longs(batch.Column(0)));
        Assert.Equal(new long?[][] { [0, 1, 4, 9], [0, 1, 4, 9], [] }, batches);
    }

    [Fact]
    public void TheRowTypeGivesTheColumns()
    {
        var output = Bind(Sales, [1]).OutputSchema;
        Assert.Equal(["country", "amount"], output.FieldsList.Select(f => f.Name));
        Assert.Equal("true", output.FieldsList[0].Metadata["vgi.partition_column"]);
        Assert.All(output.FieldsList, f => Assert.True(f.IsNullable));
        Assert.Equal(["n", "label"], Bind(Chunks, [1]).OutputSchema.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public void DefaultRowBatch()
    {
        RowBatch<long> empty = default;
        Assert.Empty(empty.Rows);
        Assert.True(empty.WriteContractMetadata);
        Assert.Null(empty.BatchIndex);
        Assert.False(new RowBatch<long>([1]) { WriteContractMetadata = false }.WriteContractMetadata);
        Assert.Throws<ArgumentNullException>(() => new RowBatch<long>(null!));
    }

    // ---- End to end: the worker served in process over pipes, driven as the extension drives it.

    private static (WorkerClient Worker, Func<Task> Stop) Serve()
    {
        _ = Compiled.Value.GetType("Vgi.Generated.Sample_Batches_Chunks", throwOnError: true); // registers the definitions
        var server = new RpcServer(VgiWorker.CreateMethods(), new RpcServerOptions { ProtocolName = VgiWorker.ProtocolName, ProtocolVersion = VgiWorker.ProtocolVersion });
        var toServer = new Pipe();
        var fromServer = new Pipe();
        var serverOutput = fromServer.Writer.AsStream();
        var served = Task.Run(async () =>
        {
            try
            {
                await server.ServeAsync(toServer.Reader.AsStream(), serverOutput);
            }
            finally
            {
                await serverOutput.DisposeAsync();
            }
        });
        var worker = new WorkerClient(new RpcClient(toServer.Writer.AsStream(), fromServer.Reader.AsStream()), new StderrLog());
        return (worker, async () =>
        {
            await worker.DisposeAsync();
            await served.WaitAsync(TimeSpan.FromSeconds(10));
        });
    }

    private static Task<List<TableBatch>> ScanAsync(WorkerClient worker, string function, long[] positional, params (string Key, IArrowArray Value)[] named) =>
        ScanAsync(worker, function, positional, null, named);

    private static async Task<List<TableBatch>> ScanAsync(WorkerClient worker, string function, long[] positional, IReadOnlyList<long>? projection, params (string Key, IArrowArray Value)[] named)
    {
        var request = Tables.Table(function, [.. positional.Select(p => (IArrowArray)Calls.I64(p))], named);
        var bound = (await worker.BindAsync(request)).Value;
        var stream = await TableStream.OpenAsync(worker.Rpc, Tables.Init(request, bound, projection));
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync();
        await stream.EndInputAsync();
        return batches;
    }

    private static string? Meta(TableBatch batch, string key) => batch.Metadata.FirstOrDefault(kv => kv.Key == key).Value;

    private static string?[] PartitionValues(TableBatch batch) =>
        [.. Calls.Strings(IpcBytes.ReadBatch(Convert.FromBase64String(Meta(batch, PartitionValuesKey)!)).Column(0))];

    [Fact]
    public async Task TheWorkerSendsEachBatchWithItsIndex_AndSkipsTheEmptyOne()
    {
        var (worker, stop) = Serve();
        try
        {
            var batches = await ScanAsync(worker, "rb_chunks", [5], ("size", Calls.I64(2)));
            Assert.Equal([2, 2, 1], batches.Select(b => b.Batch.Length));
            Assert.Equal(["0", "10", "20"], batches.Select(b => Meta(b, BatchIndexKey)));
            Assert.Equal([0L, 1, 2, 3, 4], Tables.Longs(batches, "n"));
            Assert.All(batches, b => Assert.Null(Meta(b, PartitionValuesKey)));
        }
        finally
        {
            await stop();
        }
    }

    [Fact]
    public async Task TheWorkerExtractsPartitionValues_OrSendsTheOverride_OrLeavesTheContractOut()
    {
        var (worker, stop) = Serve();
        try
        {
            var extracted = await ScanAsync(worker, "rb_sales", [2]);
            Assert.Equal(new string?[][] { ["AU", "AU"], ["BR", "BR"], ["US", "US"] }, extracted.Select(PartitionValues));
            Assert.Equal([0L, 1, 100, 101, 200, 201], Tables.Longs(extracted, "amount"));
            Assert.All(extracted, b => Assert.Null(Meta(b, BatchIndexKey)));

            var overridden = await ScanAsync(worker, "rb_sales", [2], ("mode", Calls.Str("override")));
            Assert.Equal(new string?[][] { ["au", "au"], ["br", "br"], ["us", "us"] }, overridden.Select(PartitionValues));
            Assert.Equal(["AU", "AU", "BR", "BR", "US", "US"], Tables.Strings(overridden, "country"));

            // SELECT amount: the partition column is projected away, yet each batch still carries its values.
            var amounts = await ScanAsync(worker, "rb_sales", [2], projection: [1]);
            Assert.All(amounts, b => Assert.Equal(["amount"], b.Batch.Schema.FieldsList.Select(f => f.Name)));
            Assert.Equal(new string?[][] { ["AU", "AU"], ["BR", "BR"], ["US", "US"] }, amounts.Select(PartitionValues));
            Assert.Equal([0L, 1, 100, 101, 200, 201], Tables.Longs(amounts, "amount"));

            var broken = await ScanAsync(worker, "rb_sales", [2], ("mode", Calls.Str("broken")));
            Assert.Equal(3, broken.Count);
            Assert.All(broken, b => Assert.Null(Meta(b, PartitionValuesKey)));
            Assert.Equal(["AU", "BR", "US"], broken.Select(b => Meta(b, "note")));
        }
        finally
        {
            await stop();
        }
    }
}
