using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;

namespace Vgi.Codecs;

/// <summary>Finds a record's columns by name, the tolerant way vgi-rpc reads dataclasses.</summary>
public static class ArrowColumns
{
    /// <summary>
    /// Returns one entry per name in <paramref name="names"/>: the column of that name, or null when the
    /// batch lacks it. Throws when a column flagged in <paramref name="required"/> is missing.
    /// </summary>
    public static IArrowArray?[] Resolve(IReadOnlyList<Field> fields, IReadOnlyList<IArrowArray> arrays, string[] names, bool[] required, string typeName)
    {
        var result = new IArrowArray?[names.Length];
        List<string>? missing = null;
        for (int n = 0; n < names.Length; n++)
        {
            for (int f = 0; f < fields.Count; f++)
            {
                if (fields[f].Name == names[n])
                {
                    result[n] = arrays[f];
                    break;
                }
            }
            if (result[n] is null && required[n]) (missing ??= []).Add(names[n]);
        }
        if (missing is not null) throw new ArrowRecordException($"Missing fields for {typeName}: {string.Join(", ", missing)}");
        return result;
    }

    /// <summary>The columns of a record batch, by name.</summary>
    public static IArrowArray?[] Resolve(RecordBatch batch, string[] names, bool[] required, string typeName)
    {
        var columns = new IArrowArray[batch.ColumnCount];
        for (int i = 0; i < columns.Length; i++) columns[i] = batch.Column(i);
        return Resolve(batch.Schema.FieldsList, columns, names, required, typeName);
    }

    /// <summary>The children of a struct column, by name.</summary>
    public static IArrowArray?[] ResolveStruct(IArrowArray array, string[] names, bool[] required, string typeName) => array switch
    {
        StructArray s => Resolve(((StructType)s.Data.DataType).Fields, s.Fields, names, required, typeName),
        EmptyStructArray => Resolve([], [], names, required, typeName),
        _ => throw new ArrowRecordException($"{typeName} expects a struct column, got {array.Data.DataType.Name}"),
    };
}
