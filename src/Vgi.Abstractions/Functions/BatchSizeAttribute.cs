namespace Vgi;

/// <summary>
/// Marks the integer table function argument that sets the rows per emitted batch of the call: a
/// value of at least 1 replaces <see cref="TableFunctionAttribute.BatchSize"/> for that call (it is
/// what <c>TableScanContext.BatchSize</c> reads, and the generated scan cuts the method's rows into
/// batches of that many); a smaller or NULL value keeps the attribute's. The method still receives
/// the value, e.g. <c>Sequence(long count, [BatchSize, Min(1)] long batchSize = 1000)</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class BatchSizeAttribute : Attribute
{
}
