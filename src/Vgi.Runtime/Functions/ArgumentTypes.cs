using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Rpc;

namespace Vgi.Functions;

/// <summary>
/// Bind-time checks generated binders call: does the caller's Arrow type fit the declared one, and
/// how well: exact beats a widening within a family (INTEGER → BIGINT, FLOAT → DOUBLE), which beats
/// a conversion across families (INTEGER → DOUBLE), so overloads resolve the way DuckDB users expect.
/// Anything else is a <see cref="ScalarBindException"/> naming the argument and the expected SQL type.
/// </summary>
public static class ArgumentTypes
{
    /// <summary>The caller's type is the declared one.</summary>
    public const int Exact = 3;

    /// <summary>A lossless widening inside one type family (INTEGER → BIGINT, FLOAT → DOUBLE, large_utf8 → VARCHAR).</summary>
    public const int Promoted = 2;

    /// <summary>A conversion across families (an integer read as DOUBLE or FLOAT): accepted, but any same-family overload wins.</summary>
    public const int Converted = 1;

    /// <summary>Checks that the call has exactly <paramref name="count"/> input columns (at least, with varargs).</summary>
    public static void ExpectColumns(Schema input, int count, bool varargs, string signature)
    {
        int actual = input.FieldsList.Count;
        if (varargs ? actual >= count : actual == count) return;
        throw new ScalarBindException($"{signature} takes {(varargs ? "at least " : "")}{count} column argument{(count == 1 ? "" : "s")}, got {actual}");
    }

    /// <summary>Checks that the call has exactly <paramref name="count"/> constant arguments.</summary>
    public static void ExpectConstants(Arguments constants, int count, string signature)
    {
        if (constants.Positional.Count == count) return;
        throw new ScalarBindException($"{signature} takes {count} constant argument{(count == 1 ? "" : "s")}, got {constants.Positional.Count}");
    }

    /// <summary>Scores input column <paramref name="index"/> against <paramref name="declared"/>.</summary>
    public static int Column(Schema input, int index, string name, IArrowType declared)
    {
        var actual = input.FieldsList[index].DataType;
        return Score(actual, declared) is int score and > 0 ? score
            : throw new ScalarBindException($"argument {index + 1} ('{name}') expects {SqlName(declared)}, got {SqlName(actual)}");
    }

    /// <summary>Scores constant <paramref name="index"/> against <paramref name="declared"/>; a NULL constant fits any type.</summary>
    public static int Constant(Arguments constants, int index, string name, IArrowType declared)
    {
        var value = constants.Positional[index];
        if (value.IsNull || value.Type is NullType) return Exact;
        return Score(value.Type, declared) is int score and > 0 ? score
            : throw new ScalarBindException($"constant argument '{name}' expects {SqlName(declared)}, got {SqlName(value.Type)}");
    }

    /// <summary>Fails the bind when a constant is NULL but the parameter type cannot hold null.</summary>
    public static void NotNullConstant(Arguments constants, int index, string name)
    {
        if (constants.Positional[index].IsNull)
            throw new ScalarBindException($"constant argument '{name}' cannot be NULL; declare the parameter nullable to accept NULL");
    }

    public static int Score(IArrowType actual, IArrowType declared)
    {
        if (BatchCoercion.TypesEqual(actual, declared)) return Exact;
        return (declared.TypeId, actual.TypeId) switch
        {
            (ArrowTypeId.Int64, ArrowTypeId.Int32 or ArrowTypeId.Int16 or ArrowTypeId.Int8 or ArrowTypeId.UInt32 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.Int32, ArrowTypeId.Int16 or ArrowTypeId.Int8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.Int16, ArrowTypeId.Int8 or ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.UInt64, ArrowTypeId.UInt32 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.UInt32, ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.UInt16, ArrowTypeId.UInt8) => Promoted,
            (ArrowTypeId.Double, ArrowTypeId.Float) => Promoted,
            (ArrowTypeId.Double, ArrowTypeId.Int64 or ArrowTypeId.Int32 or ArrowTypeId.Int16 or ArrowTypeId.Int8
                or ArrowTypeId.UInt64 or ArrowTypeId.UInt32 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Converted,
            (ArrowTypeId.Float, ArrowTypeId.Int16 or ArrowTypeId.Int8 or ArrowTypeId.UInt16 or ArrowTypeId.UInt8) => Converted,
            // Reading a string from large_utf8 or a dictionary, and a timestamp in another unit, is lossless.
            (ArrowTypeId.String, ArrowTypeId.LargeString or ArrowTypeId.StringView) => Promoted,
            (ArrowTypeId.String, ArrowTypeId.Dictionary) when ((DictionaryType)actual).ValueType.TypeId == ArrowTypeId.String => Promoted,
            (ArrowTypeId.Binary, ArrowTypeId.LargeBinary or ArrowTypeId.BinaryView) => Promoted,
            (ArrowTypeId.Timestamp, ArrowTypeId.Timestamp) => Promoted,
            (ArrowTypeId.Dictionary, ArrowTypeId.Dictionary or ArrowTypeId.String) => Promoted,
            (ArrowTypeId.List, ArrowTypeId.List or ArrowTypeId.LargeList) => ListScore((NestedType)actual, (NestedType)declared),
            (ArrowTypeId.FixedSizeList, ArrowTypeId.FixedSizeList) when ((FixedSizeListType)actual).ListSize == ((FixedSizeListType)declared).ListSize
                => ListScore((NestedType)actual, (NestedType)declared),
            (ArrowTypeId.Struct, ArrowTypeId.Struct) => StructScore((StructType)actual, (StructType)declared),
            _ => 0,
        };
    }

    private static int ListScore(NestedType actual, NestedType declared) =>
        Score(actual.Fields[0].DataType, declared.Fields[0].DataType) > 0 ? Promoted : 0;

    /// <summary>A struct whose fields have the declared names, in order, each of a type that fits; generated readers match fields by name and widen values.</summary>
    private static int StructScore(StructType actual, StructType declared)
    {
        if (actual.Fields.Count != declared.Fields.Count) return 0;
        for (int i = 0; i < declared.Fields.Count; i++)
        {
            if (actual.Fields[i].Name != declared.Fields[i].Name || Score(actual.Fields[i].DataType, declared.Fields[i].DataType) == 0) return 0;
        }
        return Promoted;
    }

    /// <summary>The DuckDB name of an Arrow type, for messages users read.</summary>
    public static string SqlName(IArrowType type) => type switch
    {
        BooleanType => "BOOLEAN",
        Int8Type => "TINYINT",
        Int16Type => "SMALLINT",
        Int32Type => "INTEGER",
        Int64Type => "BIGINT",
        UInt8Type => "UTINYINT",
        UInt16Type => "USMALLINT",
        UInt32Type => "UINTEGER",
        UInt64Type => "UBIGINT",
        FloatType => "FLOAT",
        DoubleType => "DOUBLE",
        StringType or LargeStringType or StringViewType => "VARCHAR",
        BinaryType or LargeBinaryType or BinaryViewType => "BLOB",
        Date32Type or Date64Type => "DATE",
        Time32Type or Time64Type => "TIME",
        TimestampType ts => ts.Timezone is null ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE",
        DurationType or IntervalType => "INTERVAL",
        Decimal128Type d => $"DECIMAL({d.Precision},{d.Scale})",
        ListType l => SqlName(l.ValueDataType) + "[]",
        LargeListType l => SqlName(l.ValueDataType) + "[]",
        FixedSizeListType l => $"{SqlName(l.ValueDataType)}[{l.ListSize}]",
        MapType m => $"MAP({SqlName(m.KeyField.DataType)}, {SqlName(m.ValueField.DataType)})",
        StructType s => "STRUCT(" + string.Join(", ", s.Fields.Select(f => $"{f.Name} {SqlName(f.DataType)}")) + ")",
        DictionaryType => "ENUM",
        NullType => "NULL",
        _ => type.Name.ToUpperInvariant(),
    };
}
