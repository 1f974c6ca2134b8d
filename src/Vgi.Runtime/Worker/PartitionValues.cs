using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Workers;

/// <summary>
/// <c>vgi_partition_values#b64</c> (vgi-functions §6.5): base64 of an IPC stream holding a two-row
/// batch, row 0 the minimum and row 1 the maximum of each partition column of the emitted batch,
/// with the partition fields exactly as in the bind schema.
/// </summary>
internal static class PartitionValues
{
    public const string MetadataKey = "vgi_partition_values#b64";

    private const string PartitionColumnKey = "vgi.partition_column";

    /// <summary>The output fields marked <c>vgi.partition_column = true</c>, in output order.</summary>
    public static IReadOnlyList<Field> Fields(Schema output) => [.. output.FieldsList.Where(IsPartitionField)];

    private static bool IsPartitionField(Field field) =>
        field.HasMetadata && field.Metadata.TryGetValue(PartitionColumnKey, out var v) && v == "true";

    /// <summary>
    /// The projection plus the partition columns it leaves out, for a partitioned function whose
    /// projection drops one: the values are read from the scan's batch before it is narrowed to
    /// the projection. Null when the projection already has them (or the function is not partitioned).
    /// </summary>
    public static (IReadOnlyList<int> Ids, Schema Schema)? WithPartitionColumns(TableFunctionDefinition definition, Schema output, IReadOnlyList<int>? projection)
    {
        if (projection is null || definition.PartitionKind == PartitionKind.NotPartitioned) return null;
        var missing = new List<int>();
        for (int i = 0; i < output.FieldsList.Count; i++)
        {
            if (IsPartitionField(output.FieldsList[i]) && !projection.Contains(i)) missing.Add(i);
        }
        if (missing.Count == 0) return null;
        int[] ids = [.. projection, .. missing];
        return (ids, new Schema(ids.Select(i => output.FieldsList[i]), output.Metadata));
    }

    /// <summary>Min and max of each partition column of <paramref name="batch"/>, found by name.</summary>
    public static RecordBatch Extract(TableFunctionDefinition definition, Schema output, RecordBatch batch)
    {
        var fields = Fields(output);
        if (fields.Count == 0)
            throw WorkerErrors.ValueError($"{definition.Name}: declares partition kind {definition.PartitionKind} but no output field carries {PartitionColumnKey} metadata");
        var columns = new IArrowArray[fields.Count];
        for (int f = 0; f < fields.Count; f++)
        {
            int index = batch.Schema.GetFieldIndex(fields[f].Name);
            if (index < 0)
                throw WorkerErrors.ValueError($"{definition.Name}: column '{fields[f].Name}' is partition-annotated but absent from emitted batch; " +
                    "return its values from TableScan.PartitionValues");
            var column = batch.Column(index);
            var (min, max) = MinMax(column);
            if (definition.PartitionKind == PartitionKind.SingleValuePartitions && Compare(column, min, max) != 0)
                throw WorkerErrors.ValueError($"{definition.Name}: column '{fields[f].Name}' has more than one distinct value; partition kind SINGLE_VALUE_PARTITIONS requires 1");
            columns[f] = Functions.ArrayTake.Take(column, [min, max]);
        }
        return new RecordBatch(new Schema(fields, null), columns, 2);
    }

    /// <summary>The IPC stream of the partition-values batch, with the bind schema's partition fields.</summary>
    public static byte[] Encode(string function, Schema output, RecordBatch values)
    {
        var fields = Fields(output);
        if (fields.Count == 0)
            throw WorkerErrors.ValueError($"{function}: TableScan.PartitionValues requires partition-annotated fields in the bind schema; " +
                "mark the column(s) with [PartitionColumn] (field metadata vgi.partition_column = true) and declare a partition kind");
        if (values.Length != 2)
            throw WorkerErrors.ValueError($"{function}: partition values must be a two-row batch (minimum, maximum), got {values.Length} rows");
        var columns = new IArrowArray[values.ColumnCount];
        for (int i = 0; i < columns.Length; i++) columns[i] = values.Column(i);
        // The fields as bound (partition metadata included); the scan may have built its own.
        var schema = fields.Count == columns.Length ? new Schema(fields, null) : values.Schema;
        return IpcBytes.WriteBatch(new RecordBatch(schema, columns, 2));
    }

    /// <summary>Row indices of the smallest and largest non-null value (row 0 when all are null).</summary>
    private static (int Min, int Max) MinMax(IArrowArray column)
    {
        int min = -1, max = -1;
        for (int i = 0; i < column.Length; i++)
        {
            if (column.IsNull(i)) continue;
            if (min < 0 || Compare(column, i, min) < 0) min = i;
            if (max < 0 || Compare(column, i, max) > 0) max = i;
        }
        return min < 0 ? (0, 0) : (min, max);
    }

    private static int Compare(IArrowArray column, int a, int b) => column switch
    {
        Int8Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        Int16Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        Int32Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        Int64Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        UInt8Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        UInt16Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        UInt32Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        UInt64Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        FloatArray x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        DoubleArray x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        Date32Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        Date64Array x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        TimestampArray x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        BooleanArray x => x.GetValue(a)!.Value.CompareTo(x.GetValue(b)!.Value),
        StringArray x => x.GetBytes(a).SequenceCompareTo(x.GetBytes(b)),
        BinaryArray x => x.GetBytes(a).SequenceCompareTo(x.GetBytes(b)),
        _ => throw WorkerErrors.ValueError($"partition column of type {Rpc.BatchCoercion.TypeText(column.Data.DataType)} cannot be ordered; return TableScan.PartitionValues"),
    };
}
