using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;

namespace Vgi.Rpc;

/// <summary>
/// Matches a batch to a declared schema the way vgi-rpc does: columns by name (order free),
/// compatible numeric types cast (e.g. int32 → float64), nothing else converted.
/// </summary>
public static class BatchCoercion
{
    /// <summary>
    /// Returns <paramref name="batch"/> on <paramref name="target"/>. With <paramref name="dropExtra"/>
    /// columns the target does not name are dropped (output batches); otherwise they are an error
    /// (input batches must carry exactly the declared field set).
    /// </summary>
    public static RecordBatch Coerce(RecordBatch batch, Schema target, bool dropExtra)
    {
        var schema = batch.Schema;
        if (ReferenceEquals(schema, target) || Matches(schema, target)) return batch;
        if (!dropExtra && schema.FieldsList.Count != target.FieldsList.Count)
            throw Mismatch(schema, target);
        var columns = new IArrowArray[target.FieldsList.Count];
        bool same = schema.FieldsList.Count == target.FieldsList.Count;
        for (int i = 0; i < columns.Length; i++)
        {
            var field = target.FieldsList[i];
            int index = schema.GetFieldIndex(field.Name);
            if (index < 0) throw Mismatch(schema, target);
            var column = batch.Column(index);
            if (!TypesEqual(column.Data.DataType, field.DataType))
            {
                column = Cast(column, field.DataType) ?? throw Mismatch(schema, target);
                same = false;
            }
            same &= index == i;
            columns[i] = column;
        }
        if (same && SchemasEqual(schema, target)) return batch;
        return new RecordBatch(target, columns, batch.Length);
    }

    /// <summary>Same names, order, types and nullability: the batch serves as it is (the per-batch common case).</summary>
    private static bool Matches(Schema actual, Schema target)
    {
        if (!SchemasEqual(actual, target)) return false;
        for (int i = 0; i < target.FieldsList.Count; i++)
        {
            if (!TypesEqual(actual.FieldsList[i].DataType, target.FieldsList[i].DataType)) return false;
        }
        return true;
    }

    private static RpcException Mismatch(Schema actual, Schema expected) =>
        RpcException.Type($"Input schema mismatch: expected {Describe(expected)}, got {Describe(actual)}");

    internal static string Describe(Schema schema) =>
        "{" + string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {TypeText(f.DataType)}")) + "}";

    internal static string TypeText(IArrowType type) => type switch
    {
        TimestampType ts => ts.Timezone is null ? $"timestamp[{ts.Unit}]" : $"timestamp[{ts.Unit}, {ts.Timezone}]",
        ListType l => $"list<{TypeText(l.ValueDataType)}>",
        DictionaryType d => $"dictionary<{TypeText(d.ValueType)}, {TypeText(d.IndexType)}>",
        _ => type.Name,
    };

    private static bool SchemasEqual(Schema a, Schema b)
    {
        if (a.FieldsList.Count != b.FieldsList.Count) return false;
        for (int i = 0; i < a.FieldsList.Count; i++)
        {
            if (a.FieldsList[i].Name != b.FieldsList[i].Name || a.FieldsList[i].IsNullable != b.FieldsList[i].IsNullable) return false;
        }
        return true;
    }

    /// <summary>Structural type equality (Apache.Arrow types do not all implement it).</summary>
    public static bool TypesEqual(IArrowType a, IArrowType b)
    {
        if (a.TypeId != b.TypeId) return false;
        switch (a)
        {
            case TimestampType ta: var tb = (TimestampType)b; return ta.Unit == tb.Unit && ta.Timezone == tb.Timezone;
            case Time32Type t32: return t32.Unit == ((Time32Type)b).Unit;
            case Time64Type t64: return t64.Unit == ((Time64Type)b).Unit;
            case DurationType da: return da.Unit == ((DurationType)b).Unit;
            case IntervalType ia: return ia.Unit == ((IntervalType)b).Unit;
            case Decimal128Type d: var d2 = (Decimal128Type)b; return d.Precision == d2.Precision && d.Scale == d2.Scale;
            case Decimal256Type e: var e2 = (Decimal256Type)b; return e.Precision == e2.Precision && e.Scale == e2.Scale;
            case FixedSizeBinaryType f: return f.ByteWidth == ((FixedSizeBinaryType)b).ByteWidth;
            case DictionaryType da2: var db = (DictionaryType)b; return TypesEqual(da2.IndexType, db.IndexType) && TypesEqual(da2.ValueType, db.ValueType);
            case FixedSizeListType fl when fl.ListSize != ((FixedSizeListType)b).ListSize: return false;
            case UnionType ua when ua.Mode != ((UnionType)b).Mode: return false;
            case NestedType na:
                var nb = (NestedType)b;
                if (na.Fields.Count != nb.Fields.Count) return false;
                for (int i = 0; i < na.Fields.Count; i++)
                {
                    // List and map child names vary between Arrow writers ("item", "element", "l"); struct names matter.
                    bool namesMatter = na is StructType or UnionType;
                    if (namesMatter && na.Fields[i].Name != nb.Fields[i].Name) return false;
                    if (!TypesEqual(na.Fields[i].DataType, nb.Fields[i].DataType)) return false;
                }
                return true;
            default: return true;
        }
    }

    /// <summary>Numeric widening casts (and int → float); null when the cast is not supported.</summary>
    public static IArrowArray? Cast(IArrowArray column, IArrowType target)
    {
        if (!IsNumeric(column.Data.DataType) || !IsNumeric(target)) return null;
        int n = column.Length;
        switch (target)
        {
            case DoubleType:
            {
                var b = new DoubleArray.Builder().Reserve(n);
                for (int i = 0; i < n; i++) b.Append(ArrowRead.Float64(column, i));
                return b.Build();
            }
            case FloatType:
            {
                var b = new FloatArray.Builder().Reserve(n);
                for (int i = 0; i < n; i++) b.Append((float?)ArrowRead.Float64(column, i));
                return b.Build();
            }
            case Int64Type when IsInteger(column.Data.DataType):
            {
                var b = new Int64Array.Builder().Reserve(n);
                for (int i = 0; i < n; i++) b.Append(ArrowRead.Int64(column, i));
                return b.Build();
            }
            case Int32Type when IsInteger(column.Data.DataType):
            {
                var b = new Int32Array.Builder().Reserve(n);
                for (int i = 0; i < n; i++) b.Append(ArrowRead.Int32(column, i));
                return b.Build();
            }
            default:
                return null;
        }
    }

    private static bool IsNumeric(IArrowType type) => IsInteger(type) || type is FloatType or DoubleType or HalfFloatType;

    private static bool IsInteger(IArrowType type) => type.TypeId is ArrowTypeId.Int8 or ArrowTypeId.Int16 or ArrowTypeId.Int32 or ArrowTypeId.Int64
        or ArrowTypeId.UInt8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt32 or ArrowTypeId.UInt64;
}
