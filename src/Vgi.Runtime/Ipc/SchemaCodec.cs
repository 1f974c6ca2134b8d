using Apache.Arrow;
using Apache.Arrow.Types;
using Google.FlatBuffers;

namespace Vgi.Ipc;

/// <summary>Arrow Schema flatbuffer (Schema.fbs) to and from Apache.Arrow's <see cref="Schema"/>.</summary>
internal static class SchemaCodec
{
    // Type union tags of Schema.fbs.
    private const byte TNull = 1, TInt = 2, TFloat = 3, TBinary = 4, TUtf8 = 5, TBool = 6, TDecimal = 7, TDate = 8,
        TTime = 9, TTimestamp = 10, TInterval = 11, TList = 12, TStruct = 13, TUnion = 14, TFixedSizeBinary = 15,
        TFixedSizeList = 16, TMap = 17, TDuration = 18, TLargeBinary = 19, TLargeUtf8 = 20, TLargeList = 21,
        TRunEndEncoded = 22, TBinaryView = 23, TUtf8View = 24, TListView = 25, TLargeListView = 26;

    // ---------------------------------------------------------------- reading

    /// <summary>
    /// Reads a Schema table. Dictionary-encoded fields are appended to <paramref name="dictionaryFields"/>
    /// in pre-order (id, value field): the order in which record batches lay out their columns.
    /// </summary>
    public static Schema Read(FlatTable schema, List<(long Id, Field ValueField)> dictionaryFields)
    {
        if (schema.GetShort(0) != 0) throw new IpcFormatException("big-endian Arrow data is not supported");
        var (start, count) = schema.GetVector(1, 4);
        var fields = new List<Field>(count);
        for (int i = 0; i < count; i++) fields.Add(ReadField(schema.GetVectorTable(start, i), dictionaryFields, 0));
        return new Schema(fields, ReadMetadata(schema, 2));
    }

    // Arrow C++'s default IPC nesting limit; it keeps a hostile schema from overflowing the stack.
    private const int MaxNestingDepth = 64;

    private static Field ReadField(FlatTable field, List<(long Id, Field ValueField)> dictionaryFields, int depth)
    {
        if (depth > MaxNestingDepth) throw new IpcFormatException($"schema is nested deeper than {MaxNestingDepth} levels");
        string name = field.GetString(0) ?? "";
        bool nullable = field.GetBool(1);
        byte typeTag = field.GetByte(2);
        var dict = field.GetTable(4);
        int slot = dictionaryFields.Count;
        if (dict is not null) dictionaryFields.Add((0, null!));

        var (cStart, cCount) = field.GetVector(5, 4);
        var children = new List<Field>(cCount);
        for (int i = 0; i < cCount; i++) children.Add(ReadField(field.GetVectorTable(cStart, i), dictionaryFields, depth + 1));
        IArrowType type = ReadType(typeTag, field.GetTable(3), children, name);
        var metadata = ReadMetadata(field, 6);
        if (dict is not { } d) return new Field(name, type, nullable, metadata);

        if (dictionaryFields.Count != slot + 1)
            throw new IpcFormatException($"field '{name}': dictionaries nested inside dictionary values are not supported");
        IArrowType indexType = Int32Type.Default;
        if (d.GetTable(1) is { } idx) indexType = IntType(idx.GetInt(0), idx.GetBool(1));
        dictionaryFields[slot] = (d.GetLong(0), new Field(name, type, nullable, metadata));
        return new Field(name, new DictionaryType(indexType, type, d.GetBool(2)), nullable, metadata);
    }

    private static IReadOnlyDictionary<string, string>? ReadMetadata(FlatTable table, int id)
    {
        var (start, count) = table.GetVector(id, 4);
        if (count == 0) return null;
        var md = new Dictionary<string, string>(count);
        for (int i = 0; i < count; i++)
        {
            var kv = table.GetVectorTable(start, i);
            md[kv.GetString(0) ?? ""] = kv.GetString(1) ?? "";
        }
        return md;
    }

    private static IArrowType IntType(int bitWidth, bool signed) => (bitWidth, signed) switch
    {
        (8, true) => Int8Type.Default,
        (16, true) => Int16Type.Default,
        (32, true) => Int32Type.Default,
        (64, true) => Int64Type.Default,
        (8, false) => UInt8Type.Default,
        (16, false) => UInt16Type.Default,
        (32, false) => UInt32Type.Default,
        (64, false) => UInt64Type.Default,
        _ => throw new IpcFormatException($"unsupported integer width {bitWidth}"),
    };

    private static FlatTable Need(FlatTable? t, string what) =>
        t ?? throw new IpcFormatException($"field type {what} has no type table");

    private static IArrowType ReadType(byte tag, FlatTable? table, List<Field> children, string fieldName)
    {
        switch (tag)
        {
            case TNull: return NullType.Default;
            case TInt:
            {
                var t = Need(table, "Int");
                return IntType(t.GetInt(0), t.GetBool(1));
            }
            case TFloat:
                return Need(table, "FloatingPoint").GetShort(0) switch
                {
                    0 => HalfFloatType.Default,
                    1 => FloatType.Default,
                    2 => DoubleType.Default,
                    var p => throw new IpcFormatException($"unknown floating point precision {p}"),
                };
            case TBinary: return BinaryType.Default;
            case TUtf8: return StringType.Default;
            case TBool: return BooleanType.Default;
            case TDecimal:
            {
                var t = Need(table, "Decimal");
                int precision = t.GetInt(0), scale = t.GetInt(1), bits = t.GetInt(2, 128);
                return bits switch
                {
                    32 => new Decimal32Type(precision, scale),
                    64 => new Decimal64Type(precision, scale),
                    128 => new Decimal128Type(precision, scale),
                    256 => new Decimal256Type(precision, scale),
                    _ => throw new IpcFormatException($"unsupported decimal bit width {bits}"),
                };
            }
            case TDate:
                return (table?.GetShort(0, 1) ?? 1) == 0 ? Date32Type.Default : Date64Type.Default;
            case TTime:
            {
                var unit = (TimeUnit)(table?.GetShort(0, 1) ?? 1);
                int bits = table?.GetInt(1, 32) ?? 32;
                return bits == 32 ? new Time32Type(unit) : new Time64Type(unit);
            }
            case TTimestamp:
            {
                var t = Need(table, "Timestamp");
                return new TimestampType((TimeUnit)t.GetShort(0), t.GetString(1));
            }
            case TInterval:
                return new IntervalType((IntervalUnit)(table?.GetShort(0) ?? 0));
            case TDuration:
                return DurationType.FromTimeUnit((TimeUnit)(table?.GetShort(0, 1) ?? 1));
            case TList: return new ListType(Single(children, "List"));
            case TLargeList: return new LargeListType(Single(children, "LargeList"));
            case TListView: return new ListViewType(Single(children, "ListView"));
            case TLargeListView: return new LargeListViewType(Single(children, "LargeListView"));
            case TFixedSizeList: return new FixedSizeListType(Single(children, "FixedSizeList"), Need(table, "FixedSizeList").GetInt(0));
            case TStruct: return children.Count == 0 ? EmptyStructType.Default : new StructType(children);
            case TMap:
            {
                var entries = Single(children, "Map");
                if (entries.DataType is not StructType st || st.Fields.Count != 2)
                    throw new IpcFormatException($"map field '{fieldName}' must have a two-field struct child");
                return new MapType(entries, table?.GetBool(0) ?? false);
            }
            case TUnion:
            {
                var t = Need(table, "Union");
                var mode = t.GetShort(0) == 1 ? UnionMode.Dense : UnionMode.Sparse;
                var (start, count) = t.GetVector(1, 4);
                var ids = new int[count == 0 ? children.Count : count];
                for (int i = 0; i < ids.Length; i++) ids[i] = count == 0 ? i : t.ReadIntAt(start + 4 * i);
                return new UnionType(children, ids, mode);
            }
            case TFixedSizeBinary: return new FixedSizeBinaryType(Need(table, "FixedSizeBinary").GetInt(0));
            case TLargeBinary: return LargeBinaryType.Default;
            case TLargeUtf8: return LargeStringType.Default;
            case TRunEndEncoded:
                if (children.Count != 2) throw new IpcFormatException("run-end encoded field needs two children");
                return new RunEndEncodedType(children[0], children[1]);
            case TBinaryView: return BinaryViewType.Default;
            case TUtf8View: return StringViewType.Default;
            default: throw new IpcFormatException($"unknown Arrow type tag {tag} on field '{fieldName}'");
        }
    }

    private static Field Single(List<Field> children, string what) =>
        children.Count == 1 ? children[0] : throw new IpcFormatException($"{what} field needs exactly one child, got {children.Count}");

    // ---------------------------------------------------------------- writing

    /// <summary>
    /// Writes a Schema table. Dictionary ids are assigned depth-first from 0, the order in which
    /// <see cref="ArrayEncoder"/> walks dictionary columns.
    /// </summary>
    public static int Write(FlatBufferBuilder b, Schema schema)
    {
        int dictionaryId = 0;
        var fields = new int[schema.FieldsList.Count];
        for (int i = 0; i < fields.Length; i++) fields[i] = WriteField(b, schema.FieldsList[i], ref dictionaryId);
        int fieldsVector = CreateOffsetVector(b, fields);
        int metadata = WriteMetadata(b, schema.Metadata);
        b.StartTable(4);
        if (metadata != 0) b.AddOffset(metadata);
        if (metadata != 0) b.Slot(2);
        b.AddOffset(fieldsVector);
        b.Slot(1);
        // endianness Little = 0 is the default and is not written (matches pyarrow byte for byte).
        return b.EndTable();
    }

    private static int CreateOffsetVector(FlatBufferBuilder b, int[] offsets)
    {
        b.StartVector(4, offsets.Length, 4);
        for (int i = offsets.Length - 1; i >= 0; i--) b.AddOffset(offsets[i]);
        return b.EndVector().Value;
    }

    private static int WriteMetadata(FlatBufferBuilder b, IReadOnlyDictionary<string, string>? metadata)
    {
        if (metadata is null || metadata.Count == 0) return 0;
        var pairs = new int[metadata.Count];
        int i = 0;
        foreach (var (key, value) in metadata) pairs[i++] = WriteKeyValue(b, key, value);
        return CreateOffsetVector(b, pairs);
    }

    internal static int WriteKeyValue(FlatBufferBuilder b, string key, string value)
    {
        var k = b.CreateString(key);
        var v = b.CreateString(value);
        b.StartTable(2);
        b.AddOffset(v.Value);
        b.Slot(1);
        b.AddOffset(k.Value);
        b.Slot(0);
        return b.EndTable();
    }

    private static int WriteField(FlatBufferBuilder b, Field field, ref int dictionaryId)
    {
        IArrowType type = field.DataType;
        int dictionary = 0;
        if (type is DictionaryType dt)
        {
            // Reserve the id before the value type's children so ids follow pre-order.
            long id = dictionaryId++;
            var (bits, signed) = IntegerShape(dt.IndexType);
            b.StartTable(2);
            b.AddInt(bits);
            b.Slot(0);
            if (signed) { b.AddBool(true); b.Slot(1); }
            int indexType = b.EndTable();
            b.StartTable(4);
            b.AddLong(id);
            b.Slot(0);
            b.AddOffset(indexType);
            b.Slot(1);
            if (dt.Ordered) { b.AddBool(true); b.Slot(2); }
            dictionary = b.EndTable();
            type = dt.ValueType;
        }

        var childFields = ChildFields(type);
        var children = new int[childFields.Count];
        for (int i = 0; i < children.Length; i++) children[i] = WriteField(b, childFields[i], ref dictionaryId);
        int childrenVector = CreateOffsetVector(b, children);
        var (tag, typeTable) = WriteType(b, type);
        int name = b.CreateString(field.Name).Value;
        int metadata = WriteMetadata(b, field.Metadata);

        b.StartTable(7);
        if (metadata != 0) { b.AddOffset(metadata); b.Slot(6); }
        b.AddOffset(childrenVector);
        b.Slot(5);
        if (dictionary != 0) { b.AddOffset(dictionary); b.Slot(4); }
        b.AddOffset(typeTable);
        b.Slot(3);
        b.AddOffset(name);
        b.Slot(0);
        b.AddByte(tag);
        b.Slot(2);
        if (field.IsNullable) { b.AddBool(true); b.Slot(1); }
        return b.EndTable();
    }

    internal static IReadOnlyList<Field> ChildFields(IArrowType type) => type switch
    {
        EmptyStructType => [],
        NestedType nested => nested.Fields,
        _ => [],
    };

    private static (int Bits, bool Signed) IntegerShape(IArrowType type) => type.TypeId switch
    {
        ArrowTypeId.Int8 => (8, true),
        ArrowTypeId.Int16 => (16, true),
        ArrowTypeId.Int32 => (32, true),
        ArrowTypeId.Int64 => (64, true),
        ArrowTypeId.UInt8 => (8, false),
        ArrowTypeId.UInt16 => (16, false),
        ArrowTypeId.UInt32 => (32, false),
        ArrowTypeId.UInt64 => (64, false),
        _ => throw new NotSupportedException($"Arrow type {type.Name} is not an integer type"),
    };

    private static int EmptyTable(FlatBufferBuilder b)
    {
        b.StartTable(0);
        return b.EndTable();
    }

    private static int ShortTable(FlatBufferBuilder b, short value, short defaultValue)
    {
        b.StartTable(1);
        if (value != defaultValue) { b.AddShort(value); b.Slot(0); }
        return b.EndTable();
    }

    private static (byte Tag, int Table) WriteType(FlatBufferBuilder b, IArrowType type)
    {
        switch (type)
        {
            case EmptyStructType: return (TStruct, EmptyTable(b));
            case NullType: return (TNull, EmptyTable(b));
            case BooleanType: return (TBool, EmptyTable(b));
            case HalfFloatType: return (TFloat, ShortTable(b, 0, 0));
            case FloatType: return (TFloat, ShortTable(b, 1, 0));
            case DoubleType: return (TFloat, ShortTable(b, 2, 0));
            case StringType: return (TUtf8, EmptyTable(b));
            case BinaryType: return (TBinary, EmptyTable(b));
            case LargeStringType: return (TLargeUtf8, EmptyTable(b));
            case LargeBinaryType: return (TLargeBinary, EmptyTable(b));
            case StringViewType: return (TUtf8View, EmptyTable(b));
            case BinaryViewType: return (TBinaryView, EmptyTable(b));
            case Date32Type: return (TDate, ShortTable(b, 0, 1));
            case Date64Type: return (TDate, ShortTable(b, 1, 1));
            case Time32Type t32: return (TTime, TimeTable(b, t32.Unit, 32));
            case Time64Type t64: return (TTime, TimeTable(b, t64.Unit, 64));
            case TimestampType ts:
            {
                int tz = ts.Timezone is null ? 0 : b.CreateString(ts.Timezone).Value;
                b.StartTable(2);
                if (tz != 0) { b.AddOffset(tz); b.Slot(1); }
                if (ts.Unit != TimeUnit.Second) { b.AddShort((short)ts.Unit); b.Slot(0); }
                return (TTimestamp, b.EndTable());
            }
            case DurationType d: return (TDuration, ShortTable(b, (short)d.Unit, 1));
            case IntervalType iv: return (TInterval, ShortTable(b, (short)iv.Unit, 0));
            case FixedSizeBinaryType fsb when type.TypeId == ArrowTypeId.FixedSizedBinary:
            {
                b.StartTable(1);
                b.AddInt(fsb.ByteWidth);
                b.Slot(0);
                return (TFixedSizeBinary, b.EndTable());
            }
            case Decimal32Type d32: return (TDecimal, DecimalTable(b, d32.Precision, d32.Scale, 32));
            case Decimal64Type d64: return (TDecimal, DecimalTable(b, d64.Precision, d64.Scale, 64));
            case Decimal128Type d128: return (TDecimal, DecimalTable(b, d128.Precision, d128.Scale, 128));
            case Decimal256Type d256: return (TDecimal, DecimalTable(b, d256.Precision, d256.Scale, 256));
            case IntegerType:
            {
                var (bits, signed) = IntegerShape(type);
                b.StartTable(2);
                b.AddInt(bits);
                b.Slot(0);
                if (signed) { b.AddBool(true); b.Slot(1); }
                return (TInt, b.EndTable());
            }
            case ListType: return (TList, EmptyTable(b));
            case LargeListType: return (TLargeList, EmptyTable(b));
            case ListViewType: return (TListView, EmptyTable(b));
            case LargeListViewType: return (TLargeListView, EmptyTable(b));
            case FixedSizeListType fsl:
            {
                b.StartTable(1);
                b.AddInt(fsl.ListSize);
                b.Slot(0);
                return (TFixedSizeList, b.EndTable());
            }
            case MapType map:
            {
                b.StartTable(1);
                if (map.KeySorted) { b.AddBool(true); b.Slot(0); }
                return (TMap, b.EndTable());
            }
            case StructType: return (TStruct, EmptyTable(b));
            case UnionType union:
            {
                b.StartVector(4, union.TypeIds.Length, 4);
                for (int i = union.TypeIds.Length - 1; i >= 0; i--) b.AddInt(union.TypeIds[i]);
                int ids = b.EndVector().Value;
                b.StartTable(2);
                b.AddOffset(ids);
                b.Slot(1);
                if (union.Mode == UnionMode.Dense) { b.AddShort(1); b.Slot(0); }
                return (TUnion, b.EndTable());
            }
            case RunEndEncodedType: return (TRunEndEncoded, EmptyTable(b));
            default: throw new NotSupportedException($"Arrow type {type.Name} cannot be written to IPC");
        }
    }

    private static int DecimalTable(FlatBufferBuilder b, int precision, int scale, int bitWidth)
    {
        b.StartTable(3);
        b.AddInt(bitWidth);
        b.Slot(2);
        b.AddInt(scale);
        b.Slot(1);
        b.AddInt(precision);
        b.Slot(0);
        return b.EndTable();
    }

    private static int TimeTable(FlatBufferBuilder b, TimeUnit unit, int bits)
    {
        b.StartTable(2);
        if (bits != 32) { b.AddInt(bits); b.Slot(1); }
        if (unit != TimeUnit.Millisecond) { b.AddShort((short)unit); b.Slot(0); }
        return b.EndTable();
    }
}
