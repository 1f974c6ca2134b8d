using System.Collections.Concurrent;

namespace Vgi.Functions;

/// <summary>
/// Values scoped to one DuckDB transaction of a catalog with
/// <see cref="VgiWorkerOptions.SupportsTransactions"/>: kept from the first write until the
/// transaction commits or rolls back. Binds inside the transaction see it through
/// <see cref="TableBindContext.Transaction"/>.
/// </summary>
/// <remarks>Held in the worker process (see <see cref="ExecutionStorage"/> for what that means for a pool of processes).</remarks>
public sealed class TransactionStorage
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte[]>> Transactions = new(StringComparer.Ordinal);

    private readonly string _id;

    private TransactionStorage(string id) => _id = id;

    /// <summary>The storage of transaction <paramref name="transactionId"/> (its <c>transaction_opaque_data</c>); nothing is kept until a write.</summary>
    public static TransactionStorage For(ReadOnlySpan<byte> transactionId) => new(Convert.ToHexString(transactionId));

    /// <summary>Drops everything stored for the transaction (commit or rollback).</summary>
    public static void End(ReadOnlySpan<byte> transactionId) => Transactions.TryRemove(Convert.ToHexString(transactionId), out _);

    public byte[]? Get(string key) =>
        Transactions.TryGetValue(_id, out var values) && values.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, byte[] value) => Values()[key] = value;

    /// <summary>The value of <paramref name="key"/>, storing <paramref name="create"/>'s result first when there is none (atomic per key).</summary>
    public byte[] GetOrAdd(string key, Func<byte[]> create) => Values().GetOrAdd(key, _ => create());

    private ConcurrentDictionary<string, byte[]> Values() =>
        Transactions.GetOrAdd(_id, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
}
