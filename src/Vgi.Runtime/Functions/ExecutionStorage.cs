using System.Collections.Concurrent;

namespace Vgi.Functions;

/// <summary>
/// State shared by the streams of one table-function execution (keyed by its execution id): a
/// primary stream pushes work items at init and every stream, primary or secondary, pops them;
/// values and append-only logs carry anything else. Values are bytes so that a store shared
/// between processes can hold them unchanged.
/// </summary>
/// <remarks>
/// This store lives in the worker process. Secondary streams DuckDB opens on another worker process
/// find its queues empty and finish at once, so queue-distributed work is still produced exactly
/// once (by this process). Executions idle for an hour are dropped.
/// </remarks>
public sealed class ExecutionStorage
{
    private static readonly ConcurrentDictionary<string, ExecutionStorage> Executions = new(StringComparer.Ordinal);
    private static readonly TimeSpan IdleLifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, ConcurrentQueue<byte[]>> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, List<byte[]>> _logs = new(StringComparer.Ordinal);
    private long _lastUse = Environment.TickCount64;

    private ExecutionStorage()
    {
    }

    /// <summary>The storage of execution <paramref name="executionId"/>, created on first use.</summary>
    public static ExecutionStorage For(ReadOnlySpan<byte> executionId)
    {
        string key = Convert.ToHexString(executionId);
        if (Executions.TryGetValue(key, out var existing))
        {
            existing.Touch();
            return existing;
        }
        DropIdle();
        return Executions.GetOrAdd(key, _ => new ExecutionStorage());
    }

    /// <summary>Appends work items to queue <paramref name="queue"/>, in order.</summary>
    public void Enqueue(string queue, IEnumerable<byte[]> items)
    {
        var q = _queues.GetOrAdd(queue, _ => new ConcurrentQueue<byte[]>());
        foreach (var item in items) q.Enqueue(item);
        Touch();
    }

    /// <summary>Takes the oldest item of queue <paramref name="queue"/>; false when it is empty or was never filled.</summary>
    public bool TryDequeue(string queue, out byte[] item)
    {
        Touch();
        if (_queues.TryGetValue(queue, out var q) && q.TryDequeue(out var taken))
        {
            item = taken;
            return true;
        }
        item = [];
        return false;
    }

    public void Set(string key, byte[] value)
    {
        _values[key] = value;
        Touch();
    }

    public byte[]? Get(string key)
    {
        Touch();
        return _values.TryGetValue(key, out var value) ? value : null;
    }

    /// <summary>Appends <paramref name="entry"/> to log <paramref name="log"/>; returns the log's length after it.</summary>
    public int Append(string log, byte[] entry)
    {
        var list = _logs.GetOrAdd(log, _ => []);
        Touch();
        lock (list)
        {
            list.Add(entry);
            return list.Count;
        }
    }

    /// <summary>The entries of log <paramref name="log"/> in append order.</summary>
    public IReadOnlyList<byte[]> ReadLog(string log)
    {
        Touch();
        if (!_logs.TryGetValue(log, out var list)) return [];
        lock (list) return [.. list];
    }

    /// <summary>Removes value <paramref name="key"/>; false when it was not set.</summary>
    public bool Remove(string key)
    {
        Touch();
        return _values.TryRemove(key, out _);
    }

    /// <summary>The keys of the values set so far that start with <paramref name="prefix"/>, in ordinal order.</summary>
    public IReadOnlyList<string> Keys(string prefix = "")
    {
        Touch();
        return [.. _values.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
    }

    /// <summary>Removes and returns the entries of log <paramref name="log"/> in append order (empty when there are none).</summary>
    public IReadOnlyList<byte[]> DrainLog(string log)
    {
        Touch();
        if (!_logs.TryGetValue(log, out var list)) return [];
        lock (list)
        {
            byte[][] entries = [.. list];
            list.Clear();
            return entries;
        }
    }

    private void Touch() => Volatile.Write(ref _lastUse, Environment.TickCount64);

    private static void DropIdle()
    {
        long now = Environment.TickCount64;
        foreach (var (key, storage) in Executions)
        {
            if (now - Volatile.Read(ref storage._lastUse) > IdleLifetime.TotalMilliseconds) Executions.TryRemove(key, out _);
        }
    }
}
