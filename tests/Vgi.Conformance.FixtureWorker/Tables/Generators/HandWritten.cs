using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Conformance.Fixtures.Tables;

/// <summary>
/// Building blocks of the hand-written table function definitions (those whose output schema is
/// decided at bind, or that need hooks attributes cannot express): ArgumentSpec fields, output
/// fields declared the way pyarrow declares them (nullable), argument readers with the framework's
/// messages, and scans over prepared batches.
/// </summary>
internal static class HandWritten
{
    private static readonly KeyValuePair<string, string>[] NamedMetadata = [new("vgi_arg", "named")];
    private static readonly KeyValuePair<string, string>[] VarArgsMetadata = [new("vgi_varargs", "true")];
    private static readonly KeyValuePair<string, string>[] AnyVarArgsMetadata = [new("vgi_type", "any"), new("vgi_varargs", "true")];

    /// <summary>A positional argument of <c>FunctionInfo.arguments</c>.</summary>
    public static Field Positional(string name, IArrowType type) => new(name, type, true);

    /// <summary>A named argument (<c>name := value</c>); named fields come after the positional ones, sorted by name.</summary>
    public static Field Named(string name, IArrowType type) => new(name, type, true, NamedMetadata);

    /// <summary>A variadic tail of <paramref name="type"/> (<c>values BIGINT ...</c>).</summary>
    public static Field VarArgs(string name, IArrowType type) => new(name, type, true, VarArgsMetadata);

    /// <summary>A variadic tail accepting any type (<c>values ANY ...</c>): null type with <c>vgi_type = any</c>.</summary>
    public static Field AnyVarArgs(string name) => new(name, NullType.Default, true, AnyVarArgsMetadata);

    public static Schema Schema(params Field[] fields) => new(fields, null);

    /// <summary>An output column as pyarrow declares it: nullable, no metadata.</summary>
    public static Field Column(string name, IArrowType type) => new(name, type, true);

    /// <summary>Catalog tags from alternating keys and values.</summary>
    public static IReadOnlyDictionary<string, string> Tags(params string[] keysAndValues)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < keysAndValues.Length; i += 2) tags[keysAndValues[i]] = keysAndValues[i + 1];
        return tags;
    }

    /// <summary>A <c>ValueError</c> as Python's fixtures raise it (<c>log_message = "ValueError: …"</c>).</summary>
    public static RpcException ValueError(string message) => new("ValueError", message);

    /// <summary>Required integer argument; NULL fails the bind with the framework's message.</summary>
    public static long Int64(ArgumentValue value, string name, ref int score)
    {
        score += TableArguments.Check(value, name, Int64Type.Default, nullable: false);
        return value.AsInt64()!.Value;
    }

    /// <summary>Required string argument.</summary>
    public static string Utf8(ArgumentValue value, string name, ref int score)
    {
        score += TableArguments.Check(value, name, StringType.Default, nullable: false);
        return value.AsString()!;
    }

    /// <summary>Required floating-point argument.</summary>
    public static double Float64(ArgumentValue value, string name, ref int score)
    {
        score += TableArguments.Check(value, name, DoubleType.Default, nullable: false);
        return value.AsDouble()!.Value;
    }

    /// <summary>Named integer argument, <paramref name="fallback"/> when omitted.</summary>
    public static long NamedInt64(Arguments arguments, string name, long fallback, ref int score) =>
        arguments.Named.TryGetValue(name, out var value) ? Int64(value, name, ref score) : fallback;

    /// <summary>Named string argument, <paramref name="fallback"/> when omitted.</summary>
    public static string NamedUtf8(Arguments arguments, string name, string fallback, ref int score) =>
        arguments.Named.TryGetValue(name, out var value) ? Utf8(value, name, ref score) : fallback;

    /// <summary>Named floating-point argument, <paramref name="fallback"/> when omitted.</summary>
    public static double NamedFloat64(Arguments arguments, string name, double fallback, ref int score) =>
        arguments.Named.TryGetValue(name, out var value) ? Float64(value, name, ref score) : fallback;

    /// <summary>
    /// The projected batch of <paramref name="length"/> rows: <paramref name="column"/> builds output
    /// column <c>i</c>, and is asked only for the projected ones, in projection order.
    /// </summary>
    public static RecordBatch Project(TableScanContext scan, int length, Func<int, IArrowArray> column)
    {
        var schema = scan.ProjectedSchema;
        var columns = new IArrowArray[schema.FieldsList.Count];
        for (int c = 0; c < columns.Length; c++) columns[c] = column(scan.ProjectionIds is { } ids ? ids[c] : c);
        return new RecordBatch(schema, columns, length);
    }

    /// <summary>A whole batch of the output schema (the worker narrows it to the projection by column name).</summary>
    public static RecordBatch Batch(Schema output, int length, params IArrowArray[] columns) => new(output, columns, length);

    /// <summary>Values of a <c>utf8</c> column.</summary>
    public static IArrowArray Strings(IEnumerable<string?> values) => ArrowWrite.Utf8(values.ToArray());

    /// <summary>Values of an <c>int64</c> column.</summary>
    public static IArrowArray Longs(IEnumerable<long> values) => ArrowWrite.Int64(values.ToArray());

    /// <summary>Values of a <c>float64</c> column.</summary>
    public static IArrowArray Doubles(IEnumerable<double> values) => ArrowWrite.Float64(values.ToArray());

    /// <summary>A struct column (no nulls) of <paramref name="type"/> from its child arrays.</summary>
    public static StructArray Struct(StructType type, int length, params IArrowArray[] children) =>
        new(type, length, children, ArrowBuffer.Empty, nullCount: 0);
}

/// <summary>A scan over batches produced on demand (one per tick); an empty sequence ends the scan at once.</summary>
internal sealed class BatchesScan(IEnumerable<RecordBatch> batches) : TableScan
{
    private readonly IEnumerator<RecordBatch> _batches = batches.GetEnumerator();

    public override ValueTask<RecordBatch?> NextAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<RecordBatch?>(_batches.MoveNext() ? _batches.Current : null);
    }

    public override ValueTask DisposeAsync()
    {
        _batches.Dispose();
        return base.DisposeAsync();
    }
}
