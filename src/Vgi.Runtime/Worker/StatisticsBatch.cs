using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Rpc;

namespace Vgi.Workers;

/// <summary>
/// The <c>table_function_statistics</c> result (vgi-functions §3.5): an IPC stream of one row per
/// column, with <c>min</c>/<c>max</c> as sparse unions holding one child per distinct value type
/// (children <c>"0"</c>, <c>"1"</c>, …, type codes 0, 1, …) so columns of different types share a batch.
/// </summary>
internal static class StatisticsBatch
{
    public static byte[] Encode(IReadOnlyList<ColumnStatistics> statistics, Schema output)
    {
        foreach (var s in statistics)
        {
            if (output.GetFieldIndex(s.ColumnName) < 0)
                throw new ArgumentException($"statistics name column '{s.ColumnName}', which is not an output column");
        }
        var types = new List<IArrowType>();
        foreach (var s in statistics)
        {
            foreach (var value in new[] { s.Min, s.Max })
            {
                if (value is null) continue;
                if (value.Length != 1) throw new ArgumentException($"statistics of '{s.ColumnName}': min and max must be one-value arrays");
                if (!types.Any(t => BatchCoercion.TypesEqual(t, value.Data.DataType))) types.Add(value.Data.DataType);
            }
        }
        if (types.Count == 0) types.Add(NullType.Default);
        var unionType = new UnionType([.. types.Select((t, i) => new Field(i.ToString(System.Globalization.CultureInfo.InvariantCulture), t, true))],
            [.. Enumerable.Range(0, types.Count)], UnionMode.Sparse);

        var names = new StringArray.Builder();
        var hasNull = new BooleanArray.Builder();
        var hasNotNull = new BooleanArray.Builder();
        var distinct = new Int64Array.Builder();
        var unicode = new BooleanArray.Builder();
        var maxLength = new UInt64Array.Builder();
        foreach (var s in statistics)
        {
            names.Append(s.ColumnName);
            hasNull.Append(s.HasNull);
            hasNotNull.Append(s.HasNotNull);
            distinct.Append(s.DistinctCount);
            if (s.ContainsUnicode is { } u) unicode.Append(u);
            else unicode.AppendNull();
            maxLength.Append(s.MaxStringLength);
        }
        var schema = new Schema(
        [
            new Field("column_name", StringType.Default, false),
            new Field("min", unionType, true),
            new Field("max", unionType, true),
            new Field("has_null", BooleanType.Default, false),
            new Field("has_not_null", BooleanType.Default, false),
            new Field("distinct_count", Int64Type.Default, true),
            new Field("contains_unicode", BooleanType.Default, true),
            new Field("max_string_length", UInt64Type.Default, true),
        ], null);
        IArrowArray[] columns =
        [
            names.Build(),
            Union(unionType, types, [.. statistics.Select(s => s.Min)]),
            Union(unionType, types, [.. statistics.Select(s => s.Max)]),
            hasNull.Build(),
            hasNotNull.Build(),
            distinct.Build(),
            unicode.Build(),
            maxLength.Build(),
        ];
        return IpcBytes.WriteBatch(new RecordBatch(schema, columns, statistics.Count));
    }

    /// <summary>
    /// A sparse union of the rows' values: row r selects the child of its value's type. Slots a row
    /// does not select hold a filler value of the child's type; an unknown value is a null in child 0.
    /// </summary>
    private static SparseUnionArray Union(UnionType unionType, List<IArrowType> types, IArrowArray?[] values)
    {
        int n = values.Length;
        var typeIds = new byte[n];
        var children = new IArrowArray[types.Count];
        for (int k = 0; k < types.Count; k++)
        {
            var type = types[k];
            var filler = values.FirstOrDefault(v => v is not null && BatchCoercion.TypesEqual(v.Data.DataType, type));
            if (filler is null)
            {
                children[k] = new NullArray(n);
                continue;
            }
            var parts = new IArrowArray[n];
            var nulls = new bool[n];
            for (int r = 0; r < n; r++)
            {
                var value = values[r];
                bool mine = value is not null && BatchCoercion.TypesEqual(value.Data.DataType, type);
                parts[r] = mine ? value! : filler;
                if (mine) typeIds[r] = (byte)k;
                nulls[r] = value is null && k == 0;
            }
            var child = n == 0 ? ArrowArrayFactory.Slice(filler, 0, 0) : ArrowArrayConcatenator.Concatenate(parts);
            children[k] = nulls.Contains(true) ? WithNulls(child, nulls) : child;
        }
        return new SparseUnionArray(unionType, n, children, new ArrowBuffer(typeIds));
    }

    /// <summary>The array with the flagged rows null (a new validity bitmap; values and children shared).</summary>
    private static IArrowArray WithNulls(IArrowArray array, bool[] nulls)
    {
        var data = array.Data;
        var bitmap = new byte[(data.Length + 7) / 8];
        int nullCount = 0;
        for (int i = 0; i < data.Length; i++)
        {
            if (nulls[i] || array.IsNull(i)) nullCount++;
            else bitmap[i >> 3] |= (byte)(1 << (i & 7));
        }
        var buffers = data.Buffers.ToArray();
        buffers[0] = new ArrowBuffer(bitmap);
        return ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, data.Length, nullCount, 0, buffers, data.Children, data.Dictionary));
    }
}
