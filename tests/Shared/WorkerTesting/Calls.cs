using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Testing;

/// <summary>Builds scalar calls the way the extension does (vgi-functions §4.1, §5.1) and the input batches of a query.</summary>
public static class Calls
{
    /// <summary>DuckDB's vector size: the extension sends input batches of up to this many rows.</summary>
    public const int BatchRows = 2048;

    /// <summary>What <c>catalog_attach</c> returns for this worker: a fixed prefix, then the attached name.</summary>
    public static readonly byte[] AttachPrefix = "vgi-dotnet.functions.v1\0"u8.ToArray();

    /// <summary>The scalar input schema: <c>col_0, col_1, …</c> with the given types, nullable.</summary>
    public static Schema Input(params IArrowType[] types) =>
        new(types.Select((t, i) => new Field($"col_{i}", t, true)), null);

    /// <summary>
    /// A scalar <c>BindRequest</c> as the extension builds it: non-constant arguments as input columns,
    /// the constant ones renumbered <c>positional_0..</c> in <see cref="Arguments"/>, the attach token
    /// echoed; <paramref name="settings"/> and <paramref name="secrets"/> are the IPC streams of the
    /// settings and secrets batches (vgi-functions §4.4, §4.5), null (as the extension sends) when none.
    /// </summary>
    public static BindRequest Scalar(string name, Schema input, IReadOnlyList<IArrowArray>? constants = null, byte[]? attach = null,
        byte[]? settings = null, byte[]? secrets = null) =>
        Bind(name, FunctionType.Scalar, new Arguments([.. (constants ?? []).Select(c => new ArgumentValue(c))], new Dictionary<string, ArgumentValue>()),
            input, attach, settings, secrets);

    /// <summary>
    /// A <c>BindRequest</c> of either kind (<see cref="Scalar"/>, <see cref="Tables.Table"/>): the
    /// arguments as their IPC stream, no transaction, not a secrets re-bind, no AT clause.
    /// </summary>
    public static BindRequest Bind(string name, FunctionType type, Arguments arguments, Schema? input, byte[]? attach = null,
        byte[]? settings = null, byte[]? secrets = null) => new()
    {
        FunctionName = name,
        Arguments = arguments.ToIpcBytes(),
        FunctionType = type,
        InputSchema = input,
        Settings = settings,
        Secrets = secrets,
        AttachOpaqueData = attach,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
        AtUnit = null,
        AtValue = null,
    };

    public static RecordBatch Batch(Schema schema, params IArrowArray[] columns) => new(schema, columns, columns[0].Length);

    /// <summary><paramref name="count"/> input batches of <see cref="BatchRows"/> rows, each made by <paramref name="make"/>(batch index).</summary>
    public static IReadOnlyList<T> Batches<T>(int count, Func<int, T> make) => [.. Enumerable.Range(0, count).Select(make)];

    /// <summary>A batch with no columns and <paramref name="rows"/> rows (all-constant calls).</summary>
    public static RecordBatch NoColumns(int rows) => new(new Schema([], null), [], rows);

    /// <summary>A one-row IPC stream of <paramref name="columns"/> (the settings and secrets batches).</summary>
    public static byte[] OneRow(params (string Name, IArrowArray Value)[] columns) =>
        IpcBytes.WriteBatch(new RecordBatch(new Schema(columns.Select(c => new Field(c.Name, c.Value.Data.DataType, true)), null), columns.Select(c => c.Value), 1));

    // The array builders of Arrays, here too so that `using static Vgi.Testing.Calls` brings them along.
    public static Int64Array I64(IEnumerable<long?> values) => Arrays.I64(values);

    public static Int64Array I64(params long?[] values) => Arrays.I64(values);

    public static Int32Array I32(IEnumerable<int?> values) => Arrays.I32(values);

    public static Int32Array I32(params int?[] values) => Arrays.I32(values);

    public static Int16Array I16(IEnumerable<short?> values) => Arrays.I16(values);

    public static DoubleArray F64(IEnumerable<double?> values) => Arrays.F64(values);

    public static DoubleArray F64(params double?[] values) => Arrays.F64(values);

    public static FloatArray F32(IEnumerable<float?> values) => Arrays.F32(values);

    public static StringArray Str(IEnumerable<string?> values) => Arrays.Str(values);

    public static StringArray Str(params string?[] values) => Arrays.Str(values);

    public static LargeStringArray LargeStr(IEnumerable<string?> values) => Arrays.LargeStr(values);

    /// <summary>The values of a result column, nulls as null.</summary>
    public static long?[] Longs(IArrowArray array)
    {
        var a = Assert.IsType<Int64Array>(array);
        return [.. Enumerable.Range(0, a.Length).Select(i => a.GetValue(i))];
    }

    public static double?[] Doubles(IArrowArray array)
    {
        var a = Assert.IsType<DoubleArray>(array);
        return [.. Enumerable.Range(0, a.Length).Select(i => a.GetValue(i))];
    }

    /// <remarks>Typed as a sequence so that <c>Assert.Equal([..], Strings(x))</c> compares sequences.</remarks>
    public static IEnumerable<string?> Strings(IArrowArray array)
    {
        var a = Assert.IsType<StringArray>(array);
        return Enumerable.Range(0, a.Length).Select(i => a.IsNull(i) ? null : a.GetString(i)).ToArray();
    }
}
