using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Testing;

namespace Vgi.Worker.Tests;

/// <summary>All-constant calls (vgi-functions §5.1 item 4): input batches have no columns; (0 columns, 0 rows) means one row.</summary>
public sealed class ZeroColumnTests
{
    [Fact]
    public async Task NoArguments_OneValuePerRow()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Calls.Scalar("answer", Calls.Input());
        var bind = await w.BindAsync(request);
        Assert.IsType<Int64Type>(Assert.Single(bind.Value.OutputSchema.FieldsList).DataType);

        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        foreach (var (rows, expected) in new[] { (1, 1), (5, 5), (0, 1), (2048, 2048) })
        {
            using var result = await session.ExchangeAsync(Calls.NoColumns(rows)).Timed();
            Assert.Equal(expected, result.Length);
            var column = (Int64Array)result.Batch.Column(0);
            Assert.All(Enumerable.Range(0, expected), i => Assert.Equal(42L, column.GetValue(i)));
        }
        await session.CloseAsync().Timed();
    }

    [Fact]
    public async Task ConstantsOnly_UseTheBoundConstant()
    {
        await using var w = WorkerProcess.TestWorker.Start();
        var request = Calls.Scalar("hash_seed", Calls.Input(), [Calls.I64(42)]);
        var bind = await w.BindAsync(request);
        await using var session = await w.InitAsync(request, bind.Value.OutputSchema);
        using (var one = await session.ExchangeAsync(Calls.NoColumns(0)).Timed())
            Assert.Equal(42L * 31 + 7, Assert.Single(((Int64Array)one.Batch.Column(0)).Values.ToArray()));
        using (var three = await session.ExchangeAsync(Calls.NoColumns(3)).Timed())
            Assert.Equal(3, three.Length);
        await session.CloseAsync().Timed();
    }
}
