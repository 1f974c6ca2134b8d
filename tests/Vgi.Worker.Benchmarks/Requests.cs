using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Worker.Benchmarks;

/// <summary>
/// Builds the records the extension sends, the way tests/Vgi.Hello.Tests/Infrastructure/Calls.cs
/// does (vgi-functions §3.1, §3.3, §4.1): scalar binds with the non-constant arguments as
/// <c>col_0..</c> input columns and the constants renumbered <c>positional_0..</c>, table binds with
/// every argument positional, the attach token of the default catalog echoed.
/// </summary>
internal static class Requests
{
    /// <summary>What <c>catalog_attach</c> of a .NET worker returns for <c>ATTACH 'bench'</c>.</summary>
    public static readonly byte[] Attach = [.. "vgi-dotnet.functions.v1\0"u8, .. "bench"u8];

    /// <summary>The scalar input schema: <c>col_0, col_1, …</c>, nullable.</summary>
    public static Schema Input(params IArrowType[] types) =>
        new(types.Select((t, i) => new Field($"col_{i}", t, true)), null);

    public static BindRequest Scalar(string name, Schema input, params IArrowArray[] constants) => new()
    {
        FunctionName = name,
        Arguments = new Arguments([.. constants.Select(c => new ArgumentValue(c))], new Dictionary<string, ArgumentValue>()).ToIpcBytes(),
        FunctionType = FunctionType.Scalar,
        InputSchema = input,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = Attach,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
        AtUnit = null,
        AtValue = null,
    };

    public static BindRequest Table(string name, params IArrowArray[] positional) => new()
    {
        FunctionName = name,
        Arguments = new Arguments([.. positional.Select(p => new ArgumentValue(p))], new Dictionary<string, ArgumentValue>()).ToIpcBytes(),
        FunctionType = FunctionType.Table,
        InputSchema = null,
        Settings = null,
        Secrets = null,
        AttachOpaqueData = Attach,
        TransactionOpaqueData = null,
        ResolvedSecretsProvided = false,
        AtUnit = null,
        AtValue = null,
    };

    /// <summary>The init of a scalar execution thread: bind_call, the bind's output schema and opaque data, nothing else.</summary>
    public static InitRequest ScalarInit(BindRequest bindCall, BindResult bound) =>
        new() { BindCall = bindCall, OutputSchema = bound.OutputSchema, BindOpaqueData = bound.OpaqueData };

    /// <summary>The init of a table scan with projection pushdown: <paramref name="projection"/> indexes the bind's output schema.</summary>
    public static InitRequest TableInit(BindRequest bindCall, BindResult bound, IReadOnlyList<long>? projection, byte[]? filters = null) =>
        new() { BindCall = bindCall, OutputSchema = bound.OutputSchema, BindOpaqueData = bound.OpaqueData, ProjectionIds = projection, PushdownFilters = filters };

    public static Int64Array I64(params long[] values)
    {
        var b = new Int64Array.Builder().Reserve(values.Length);
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    /// <summary>
    /// A filter stream as DuckDB sends it for <c>WHERE id &gt; 3 AND tag = 'x'</c> (validation-2 §7.3):
    /// <c>{filter_spec: utf8 {vgi_filter_version=1}; _val_0: int64; _val_1: utf8}</c>, one row.
    /// </summary>
    public static byte[] FilterStream()
    {
        const string spec = """[{"column_name":"id","column_index":0,"type":"constant","op":"gt","value_ref":0},{"column_name":"tag","column_index":2,"type":"constant","op":"eq","value_ref":1}]""";
        var schema = new Schema(
        [
            new Field("filter_spec", StringType.Default, true, [new KeyValuePair<string, string>("vgi_filter_version", "1")]),
            new Field("_val_0", Int64Type.Default, true),
            new Field("_val_1", StringType.Default, true),
        ], null);
        var batch = new RecordBatch(schema,
        [
            new StringArray.Builder().Append(spec).Build(),
            I64(3),
            new StringArray.Builder().Append("x").Build(),
        ], 1);
        return IpcBytes.WriteBatch(batch);
    }

    /// <summary>2048 (or <paramref name="rows"/>) int64 values spread over ±500,000.</summary>
    public static RecordBatch Int64Batch(int rows)
    {
        var builder = new Int64Array.Builder().Reserve(rows);
        for (int i = 0; i < rows; i++) builder.Append((i * 2654435761L) % 1_000_003 - 500_000);
        return new RecordBatch(Input(Int64Type.Default), [builder.Build()], rows);
    }

    /// <summary><paramref name="rows"/> lower- and mixed-case ASCII strings of <paramref name="length"/> bytes, no nulls.</summary>
    public static RecordBatch StringBatch(int rows, int length)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 ,.-ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var builder = new StringArray.Builder();
        var chars = new char[length];
        var random = new Random(42);
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < length; j++) chars[j] = alphabet[random.Next(alphabet.Length)];
            builder.Append(new string(chars));
        }
        var array = builder.Build();
        if (array.ValueBuffer.Length != rows * length || Encoding.UTF8.GetByteCount(array.GetString(0)) != length)
            throw new InvalidOperationException("string input is not plain ASCII");
        return new RecordBatch(Input(StringType.Default), [array], rows);
    }

    /// <summary>The exact bytes one batch takes on the wire as a message of an open stream (the raw baseline's payload).</summary>
    public static byte[] BatchMessage(RecordBatch batch)
    {
        var buffer = new MemoryStream();
        var writer = new Ipc.ArrowIpcWriter(buffer);
        writer.WriteSchema(batch.Schema);
        writer.Flush();
        long start = buffer.Length;
        writer.WriteBatch(batch);
        writer.Flush();
        return buffer.ToArray()[(int)start..];
    }
}
