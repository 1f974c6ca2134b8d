using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Testing;

namespace Vgi.Conformance.FixtureTests.Probes;

/// <summary>
/// Drives one table-function call of the fixture worker the way the extension does: bind, init
/// (header), input schema {} and tick 1, one batch per tick answered with the next tick, output EOS,
/// input EOS.
/// </summary>
internal static class FixtureScan
{
    public static async Task<(BindResult Bound, TableStream Stream, List<TableBatch> Batches)> RunAsync(WorkerClient w, BindRequest request,
        IReadOnlyList<long>? projection = null, byte[]? filters = null, Func<InitRequest, InitRequest>? init = null,
        Func<int, IReadOnlyList<KeyValuePair<string, string>>?>? ticks = null)
    {
        var bound = (await w.BindAsync(request)).Value;
        var initRequest = Tables.Init(request, bound, projection, filters);
        if (init is not null) initRequest = init(initRequest);
        var stream = await TableStream.OpenAsync(w.Rpc, initRequest);
        await stream.BeginAsync();
        var batches = await stream.ReadAllAsync(ticks);
        await stream.EndInputAsync();
        return (bound, stream, batches);
    }

    /// <summary>A named BIGINT argument (<c>name := value</c>).</summary>
    public static (string, IArrowArray) Named(string name, long value) => (name, Calls.I64(value));

    /// <summary>The <c>join_keys</c> stream of an IN filter on <paramref name="column"/> (vgi-functions §6.3).</summary>
    public static byte[] JoinKeys(string column, IArrowArray keys) =>
        IpcBytes.WriteBatch(new RecordBatch(
            new Schema([new Field(column, keys.Data.DataType, true)], [new KeyValuePair<string, string>("vgi_join_keys_version", "2")]),
            [keys], keys.Length));

    /// <summary><c>{type: join_keys, keys_column}</c>.</summary>
    public static string InKeys(string column, int columnIndex) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"join_keys","keys_column":"{{column}}"}""";

    /// <summary><c>{type: and|or, children}</c> on one column.</summary>
    public static string Conjunction(string type, string column, int columnIndex, params string[] children) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"{{type}}","children":[{{string.Join(",", children)}}]}""";

    /// <summary><c>{type: expression, expr}</c> on one column.</summary>
    public static string Expression(string column, int columnIndex, string expr) =>
        $$"""{"column_name":"{{column}}","column_index":{{columnIndex}},"type":"expression","expr":{{expr}}}""";

    /// <summary><c>name(column, constant value_ref)</c> as an expression tree.</summary>
    public static string Call(string function, int valueRef) =>
        $$"""{"expr_type":"function","function_name":"{{function}}","children":[{"expr_type":"column_ref","index":0},{"expr_type":"constant","value_ref":{{valueRef}}}]}""";

    public static string? Meta(TableBatch batch, string key) =>
        batch.Metadata.FirstOrDefault(kv => kv.Key == key) is { Key: not null } kv ? kv.Value : null;

    public static string? Meta(Field field, string key) =>
        field.HasMetadata && field.Metadata.TryGetValue(key, out var v) ? v : null;

    public static bool?[] Booleans(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b =>
        {
            var array = (BooleanArray)b.Batch.Column(b.Batch.Schema.GetFieldIndex(column));
            return Enumerable.Range(0, array.Length).Select(i => array.GetValue(i));
        })];

    public static double?[] Doubles(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Doubles(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))))];

    public static long?[] NullableLongs(IEnumerable<TableBatch> batches, string column) =>
        [.. batches.SelectMany(b => Calls.Longs(b.Batch.Column(b.Batch.Schema.GetFieldIndex(column))))];

    /// <summary>The distinct values of a string column over all batches, in first-seen order.</summary>
    public static string[] DistinctStrings(IEnumerable<TableBatch> batches, string column) => [.. Tables.Strings(batches, column).Distinct()];
}
