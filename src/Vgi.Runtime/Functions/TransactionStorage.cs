using System.Collections.Concurrent;

namespace Vgi.Functions;

/// <summary>
/// Values scoped to one DuckDB transaction of a catalog with
/// <see cref="VgiWorkerOptions.SupportsTransactions"/>: created by the first write, dropped when the
/// transaction commits or rolls back. Binds inside the transaction see it through
/// <see cref="TableBindContext.Transaction"/>.
/// </summary>
/// <remarks>Held in the worker process (see <see cref="ExecutionStorage"/> for what that means for a pool of processes).</remarks>
public sealed class TransactionStorage
{
    private static readonly ConcurrentDictionary<string, TransactionStorage> Transactions = new(StringComparer.Ordinal);

    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    private TransactionStorage()
    {
    }

    /// <summary>The storage of transaction <paramref name="transactionId"/> (its <c>transaction_opaque_data</c>).</summary>
    public static TransactionStorage For(ReadOnlySpan<byte> transactionId) =>
        Transactions.GetOrAdd(Convert.ToHexString(transactionId), _ => new TransactionStorage());

    /// <summary>Drops everything stored for the transaction (commit or rollback).</summary>
    public static void End(ReadOnlySpan<byte> transactionId) => Transactions.TryRemove(Convert.ToHexString(transactionId), out _);

    public byte[]? Get(string key) => _values.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, byte[] value) => _values[key] = value;
}
