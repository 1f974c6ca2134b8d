using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using static Vgi.Testing.Arrays;
using static Vgi.Testing.FilterPayloads;

namespace Vgi.Tests.Filters;

/// <summary>
/// The data batches the filter tests apply filters to (the probe's <c>tri</c> function, id-tagged
/// columns); the filter payloads themselves come from <see cref="Vgi.Testing.FilterPayloads"/>.
/// </summary>
internal static class FilterData
{
    /// <summary>
    /// The probe's <c>tri(count)</c> rows (validation-2 §2) in the given column order:
    /// <c>a = i</c> (NULL when i % 7 = 6), <c>b = 'b' || i</c>, <c>c = 'x'</c> for even i, else <c>'y'</c>.
    /// </summary>
    public static RecordBatch Tri(int count, params string[] order)
    {
        if (order.Length == 0) order = ["a", "b", "c"];
        var columns = new Dictionary<string, (Field, IArrowArray)>
        {
            ["a"] = (new Field("a", Int64Type.Default, true), I64([.. Enumerable.Range(0, count).Select(i => i % 7 == 6 ? (long?)null : i)])),
            ["b"] = (new Field("b", StringType.Default, true), Str([.. Enumerable.Range(0, count).Select(i => "b" + i)])),
            ["c"] = (new Field("c", StringType.Default, true), Str([.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? "x" : "y")])),
        };
        return new RecordBatch(new Schema(order.Select(o => columns[o].Item1), null), order.Select(o => columns[o].Item2), count);
    }

    /// <summary>The <c>a</c> values left in a filtered <c>tri</c> batch (by name).</summary>
    public static long?[] A(RecordBatch batch)
    {
        var a = (Int64Array)batch.Column(batch.Schema.GetFieldIndex("a"));
        return [.. Enumerable.Range(0, a.Length).Select(a.GetValue)];
    }

    /// <summary>A batch <c>{id: int32 (0..n-1), v: column}</c> for per-type tests.</summary>
    public static RecordBatch WithIds(IArrowArray column, string name = "v") => new(
        new Schema([new Field("id", Int32Type.Default, false), new Field(name, column.Data.DataType, true)], null),
        [I32([.. Enumerable.Range(0, column.Length).Select(i => (int?)i)]), column], column.Length);

    /// <summary>The ids of the rows of a <see cref="WithIds"/> batch that pass <paramref name="filters"/>.</summary>
    public static int[] Ids(TableFilters filters, RecordBatch batch)
    {
        var result = filters.Apply(batch);
        var ids = (Int32Array)result.Column(result.Schema.GetFieldIndex("id"));
        return [.. Enumerable.Range(0, ids.Length).Select(i => ids.GetValue(i)!.Value)];
    }

    /// <summary>Applies <c>v op constant</c> to <paramref name="column"/> and returns the passing row numbers.</summary>
    public static int[] Where(IArrowArray column, string op, IArrowArray constant, string? extension = null) =>
        Ids(TableFilters.Decode(FilterExt(Compare("v", op), (constant, extension))), WithIds(column));
}
