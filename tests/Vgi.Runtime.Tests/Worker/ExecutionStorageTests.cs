using Vgi.Functions;

namespace Vgi.Tests.Worker;

public class ExecutionStorageTests
{
    [Fact]
    public void Streams_of_one_execution_share_queues_values_and_logs()
    {
        byte[] id = Guid.NewGuid().ToByteArray();
        var primary = ExecutionStorage.For(id);
        primary.Enqueue("work", [[1], [2], [3]]);
        primary.Set("k", [9]);
        Assert.Equal(1, primary.Append("log", [7]));

        var secondary = ExecutionStorage.For((byte[])id.Clone());
        Assert.Same(primary, secondary);
        Assert.True(secondary.TryDequeue("work", out var first));
        Assert.Equal([1], first);
        Assert.Equal([9], secondary.Get("k"));
        Assert.Equal(2, secondary.Append("log", [8]));
        Assert.Equal([[7], [8]], primary.ReadLog("log"));
        Assert.True(primary.TryDequeue("work", out var second));
        Assert.Equal([2], second);
    }

    [Fact]
    public void Another_execution_sees_nothing_and_an_unknown_queue_is_empty()
    {
        var a = ExecutionStorage.For(Guid.NewGuid().ToByteArray());
        a.Enqueue("work", [[1]]);
        var b = ExecutionStorage.For(Guid.NewGuid().ToByteArray());
        Assert.False(b.TryDequeue("work", out _));
        Assert.Null(b.Get("k"));
        Assert.Empty(b.ReadLog("log"));
    }

    [Fact]
    public async Task Concurrent_streams_pop_every_item_exactly_once()
    {
        var storage = ExecutionStorage.For(Guid.NewGuid().ToByteArray());
        storage.Enqueue("work", Enumerable.Range(0, 1000).Select(i => BitConverter.GetBytes(i)));
        var taken = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var mine = new List<int>();
            while (storage.TryDequeue("work", out var item)) mine.Add(BitConverter.ToInt32(item));
            return mine;
        })));
        Assert.Equal(Enumerable.Range(0, 1000), taken.SelectMany(t => t).Order());
    }

    [Fact]
    public void Values_can_be_listed_by_prefix_and_removed_and_a_log_drained()
    {
        var storage = ExecutionStorage.For(Guid.NewGuid().ToByteArray());
        storage.Set("profile:2", [2]);
        storage.Set("profile:1", [1]);
        storage.Set("other", [0]);
        Assert.Equal(["profile:1", "profile:2"], storage.Keys("profile:"));
        Assert.True(storage.Remove("profile:1"));
        Assert.False(storage.Remove("profile:1"));
        Assert.Equal(["other", "profile:2"], storage.Keys());

        storage.Append("log", [1]);
        storage.Append("log", [2]);
        Assert.Equal([[1], [2]], storage.DrainLog("log"));
        Assert.Empty(storage.DrainLog("log"));
        Assert.Equal(1, storage.Append("log", [3]));
    }

    [Fact]
    public void Transaction_storage_lives_until_the_transaction_ends()
    {
        byte[] id = Guid.NewGuid().ToByteArray();
        TransactionStorage.For(id).Set("k", [1]);
        Assert.Equal([1], TransactionStorage.For((byte[])id.Clone()).Get("k"));
        Assert.Null(TransactionStorage.For(Guid.NewGuid().ToByteArray()).Get("k"));
        TransactionStorage.End(id);
        Assert.Null(TransactionStorage.For(id).Get("k"));
        Assert.Equal([5], TransactionStorage.For(id).GetOrAdd("k", () => [5]));
        Assert.Equal([5], TransactionStorage.For(id).GetOrAdd("k", () => [6]));
        TransactionStorage.End(id);
    }
}
