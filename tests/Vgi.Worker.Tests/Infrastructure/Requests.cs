using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Worker.Tests.Infrastructure;

/// <summary>Builds the requests and batches the extension sends.</summary>
public static class Requests
{
    /// <summary>What a successful <c>catalog_attach</c> of the test worker returns: <c>vgi-dotnet.functions.v1\0</c> + name.</summary>
    public static readonly byte[] AttachPrefix = "vgi-dotnet.functions.v1\0"u8.ToArray();

    /// <summary>The scalar input schema: <c>col_0, col_1, …</c> of the declared types, nullable.</summary>
    public static Schema Input(params IArrowType[] types) =>
        new(types.Select((t, i) => new Field($"col_{i}", t, true)), null);

    /// <summary>
    /// A scalar <c>BindRequest</c>: constants renumbered <c>positional_0..</c> in the Arguments IPC,
    /// non-constant arguments as input columns, null settings/secrets unless given.
    /// </summary>
    public static BindRequest Scalar(string name, Schema input, IReadOnlyList<IArrowArray>? constants = null,
        byte[]? attach = null, byte[]? settings = null, byte[]? secrets = null) => new()
    {
        FunctionName = name,
        Arguments = new Arguments([.. (constants ?? []).Select(c => new ArgumentValue(c))], new Dictionary<string, ArgumentValue>()).ToIpcBytes(),
        FunctionType = FunctionType.Scalar,
        InputSchema = input,
        Settings = settings,
        Secrets = secrets,
        AttachOpaqueData = attach,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
    };

    /// <summary>
    /// A table function <c>BindRequest</c> (function_type TABLE, no input schema): positional values
    /// <c>positional_0..</c>, then named ones <c>named_&lt;key&gt;</c>, each a one-value array.
    /// </summary>
    public static BindRequest Table(string name, IReadOnlyList<IArrowArray> positional, IReadOnlyList<(string Key, IArrowArray Value)>? named = null, byte[]? attach = null) => new()
    {
        FunctionName = name,
        Arguments = new Arguments([.. positional.Select(p => new ArgumentValue(p))],
            (named ?? []).ToDictionary(n => n.Key, n => new ArgumentValue(n.Value))).ToIpcBytes(),
        FunctionType = FunctionType.Table,
        InputSchema = null,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = attach,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
    };

    /// <summary>A one-row IPC stream of <paramref name="columns"/> (settings and secrets batches).</summary>
    public static byte[] OneRow(params (string Name, IArrowArray Value)[] columns) =>
        IpcBytes.WriteBatch(new RecordBatch(new Schema(columns.Select(c => new Field(c.Name, c.Value.Data.DataType, true)), null), columns.Select(c => c.Value), 1));

    public static Int64Array I64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static Int32Array I32(params int?[] values)
    {
        var b = new Int32Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static DoubleArray F64(params double?[] values)
    {
        var b = new DoubleArray.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static StringArray Str(params string?[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }

    /// <summary>An input batch on <paramref name="schema"/> (one column per array).</summary>
    public static RecordBatch Batch(Schema schema, params IArrowArray[] columns) => new(schema, columns, columns[0].Length);

    /// <summary>A batch with no columns and <paramref name="rows"/> rows (all-constant calls).</summary>
    public static RecordBatch NoColumns(int rows) => new(new Schema([], null), [], rows);
}
