using Apache.Arrow;
using Apache.Arrow.Arrays;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Ipc;

namespace Vgi.Protocol;

/// <summary>
/// The call-time argument values of a function (vgi-functions §4.1): an IPC stream with one column
/// <c>args: struct&lt;positional_0, positional_1, …, named_&lt;key&gt;, …&gt;</c> and one row.
/// </summary>
/// <remarks>
/// Hand-written rather than an <see cref="ArrowRecordAttribute"/> record: the struct's fields are not
/// known at compile time. Their number, names and Arrow types come from each call (DuckDB's Arrow
/// export of the bound values: <c>[5]</c> arrives as int32, a SQL NULL as a null child, an omitted
/// named argument is absent), and a call without arguments sends a zero-field <c>struct&lt;&gt;</c>,
/// which only <see cref="EmptyStructType"/> can hold. A zero-row batch also means "no arguments".
/// </remarks>
public sealed class Arguments
{
    private const string ColumnName = "args";
    private const string PositionalPrefix = "positional_";
    private const string NamedPrefix = "named_";

    /// <summary>No positional and no named arguments.</summary>
    public static readonly Arguments Empty = new([], new Dictionary<string, ArgumentValue>());

    public Arguments(IReadOnlyList<ArgumentValue> positional, IReadOnlyDictionary<string, ArgumentValue> named)
    {
        Positional = positional;
        Named = named;
    }

    /// <summary>Positional arguments in call order (<c>positional_0</c>, <c>positional_1</c>, …).</summary>
    public IReadOnlyList<ArgumentValue> Positional { get; }

    /// <summary>Named arguments by SQL key (the field name without its <c>named_</c> prefix), in wire order.</summary>
    public IReadOnlyDictionary<string, ArgumentValue> Named { get; }

    /// <summary>True when there are neither positional nor named arguments.</summary>
    public bool IsEmpty => Positional.Count == 0 && Named.Count == 0;

    /// <summary>Reads an Arguments IPC stream (schema, optional dictionaries, one batch, EOS).</summary>
    public static Arguments FromIpcBytes(ReadOnlyMemory<byte> bytes) => FromRecordBatch(IpcBytes.ReadBatch(bytes));

    /// <summary>Reads the first row of the <c>args</c> column (or the only column) of <paramref name="batch"/>.</summary>
    public static Arguments FromRecordBatch(RecordBatch batch)
    {
        if (batch.Length == 0 || batch.ColumnCount == 0) return Empty;
        int column = batch.Schema.GetFieldIndex(ColumnName);
        if (column < 0)
        {
            if (batch.ColumnCount != 1) throw new ArrowRecordException($"Arguments batch has no '{ColumnName}' column");
            column = 0;
        }
        var args = batch.Column(column);
        if (args is EmptyStructArray) return Empty;
        if (args is not StructArray structArray)
            throw new ArrowRecordException($"Arguments column '{batch.Schema.GetFieldByIndex(column).Name}' is {args.Data.DataType.Name}, expected a struct");

        var fields = ((StructType)structArray.Data.DataType).Fields;
        const int row = 0;                         // StructArray.Fields are already sliced to the struct's offset
        bool parentNull = structArray.IsNull(row); // a null struct masks its children
        var positional = new SortedDictionary<int, ArgumentValue>();
        var named = new Dictionary<string, ArgumentValue>();
        for (int i = 0; i < fields.Count; i++)
        {
            var value = new ArgumentValue(structArray.Fields[i], row, parentNull, fields[i]);
            string name = fields[i].Name;
            if (name.StartsWith(PositionalPrefix, StringComparison.Ordinal)
                && int.TryParse(name.AsSpan(PositionalPrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int position))
            {
                if (!positional.TryAdd(position, value)) throw new ArrowRecordException($"Arguments has two '{name}' fields");
            }
            else if (name.StartsWith(NamedPrefix, StringComparison.Ordinal))
            {
                if (!named.TryAdd(name[NamedPrefix.Length..], value)) throw new ArrowRecordException($"Arguments has two '{name}' fields");
            }
            // Any other field is not an argument (tolerant, like the reference).
        }

        var list = new ArgumentValue[positional.Count];
        foreach (var (position, value) in positional)
        {
            if (position >= list.Length) throw new ArrowRecordException($"Arguments positional fields are not contiguous: '{PositionalPrefix}{position}' without all earlier positions");
            list[position] = value;
        }
        return new Arguments(list, named);
    }

    /// <summary>The one-row <c>args</c> batch: positional fields first, then named ones; a zero-field struct when empty.</summary>
    public RecordBatch ToRecordBatch()
    {
        IArrowArray args;
        IArrowType type;
        if (IsEmpty)
        {
            args = EmptyStructType.CreateValid(1);
            type = EmptyStructType.Default;
        }
        else
        {
            var fields = new List<Field>(Positional.Count + Named.Count);
            var children = new List<IArrowArray>(fields.Capacity);
            for (int i = 0; i < Positional.Count; i++)
            {
                fields.Add(new Field(PositionalPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), Positional[i].Type, nullable: true));
                children.Add(Positional[i].ToSingleValueArray());
            }
            foreach (var (key, value) in Named)
            {
                fields.Add(new Field(NamedPrefix + key, value.Type, nullable: true));
                children.Add(value.ToSingleValueArray());
            }
            var structType = new StructType(fields);
            args = new StructArray(structType, 1, children, ArrowBuffer.Empty, nullCount: 0);
            type = structType;
        }
        var schema = new Schema.Builder().Field(new Field(ColumnName, type, nullable: true)).Build();
        return new RecordBatch(schema, [args], 1);
    }

    /// <summary>The Arguments IPC stream.</summary>
    public byte[] ToIpcBytes() => IpcBytes.WriteBatch(ToRecordBatch());
}

/// <summary>
/// One argument value: a view of row <see cref="Index"/> of an Arrow array (no copy), with typed
/// accessors that accept the narrower or wider Arrow types DuckDB may send.
/// </summary>
public readonly struct ArgumentValue
{
    private readonly bool _maskedNull;

    /// <param name="array">Array holding the value.</param>
    /// <param name="index">Logical index of the value in <paramref name="array"/>.</param>
    public ArgumentValue(IArrowArray array, int index = 0)
        : this(array, index, maskedNull: false)
    {
    }

    internal ArgumentValue(IArrowArray array, int index, bool maskedNull, Field? field = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, array.Length);
        Array = array;
        Index = index;
        _maskedNull = maskedNull;
        Field = field;
    }

    /// <summary>
    /// The argument's field as DuckDB sent it (name, type, metadata such as <c>ARROW:extension:name</c>);
    /// null for a value built in code.
    /// </summary>
    public Field? Field { get; }

    public IArrowArray Array { get; }

    public int Index { get; }

    /// <summary>The value's Arrow type, as DuckDB exported it.</summary>
    public IArrowType Type => Array.Data.DataType;

    /// <summary>SQL NULL (an omitted named argument is absent instead).</summary>
    public bool IsNull => _maskedNull || Array.IsNull(Index);

    /// <summary>Integer value of any int/uint width; null for SQL NULL.</summary>
    /// <exception cref="InvalidCastException">Not an integer type.</exception>
    /// <exception cref="OverflowException">A uint64 above <see cref="long.MaxValue"/>.</exception>
    public long? AsInt64()
    {
        if (IsNull) return null;
        return Array switch
        {
            Int64Array a => a.GetValue(Index),
            Int32Array a => a.GetValue(Index),
            Int16Array a => a.GetValue(Index),
            Int8Array a => a.GetValue(Index),
            UInt8Array a => a.GetValue(Index),
            UInt16Array a => a.GetValue(Index),
            UInt32Array a => a.GetValue(Index),
            UInt64Array a => checked((long)a.GetValue(Index)!.Value),
            _ => throw Mismatch("an integer"),
        };
    }

    /// <summary>Floating-point value of a float, double, decimal or integer argument; null for SQL NULL.</summary>
    public double? AsDouble()
    {
        if (IsNull) return null;
        return Array switch
        {
            DoubleArray a => a.GetValue(Index),
            FloatArray a => a.GetValue(Index),
            HalfFloatArray a => (double?)a.GetValue(Index),
            Decimal128Array a => (double?)a.GetValue(Index),
            _ => AsInt64(),
        };
    }

    /// <summary>String value of a utf8, large_utf8 or utf8_view argument; null for SQL NULL.</summary>
    public string? AsString()
    {
        if (IsNull) return null;
        return Array switch
        {
            StringArray a => a.GetString(Index),
            LargeStringArray a => a.GetString(Index),
            StringViewArray a => a.GetString(Index),
            _ => throw Mismatch("a string"),
        };
    }

    /// <summary>Boolean value; null for SQL NULL.</summary>
    public bool? AsBoolean()
    {
        if (IsNull) return null;
        return Array is BooleanArray a ? a.GetValue(Index) : throw Mismatch("a boolean");
    }

    /// <summary>Bytes of a binary, large_binary, binary_view or fixed_size_binary argument; null for SQL NULL.</summary>
    public byte[]? AsBytes()
    {
        if (IsNull) return null;
        return Array switch
        {
            BinaryArray a => a.GetBytes(Index).ToArray(),
            LargeBinaryArray a => a.GetBytes(Index).ToArray(),
            BinaryViewArray a => a.GetBytes(Index).ToArray(),
            FixedSizeBinaryArray a => a.GetBytes(Index).ToArray(),
            _ => throw Mismatch("binary"),
        };
    }

    /// <summary>The value as an array of length 1 (a slice; null when <see cref="IsNull"/>).</summary>
    public IArrowArray ToSingleValueArray()
    {
        var slice = Array.Length == 1 && Index == 0 ? Array : ArrowArrayFactory.Slice(Array, Index, 1);
        if (!_maskedNull || slice.IsNull(0)) return slice;
        // Masked by a null parent struct: same buffers, validity cleared.
        var data = slice.Data;
        var buffers = data.Buffers.ToArray();
        buffers[0] = new ArrowBuffer(new byte[data.Offset / 8 + 1]);
        return ArrowArrayFactory.BuildArray(new ArrayData(data.DataType, 1, 1, data.Offset, buffers, data.Children, data.Dictionary));
    }

    private InvalidCastException Mismatch(string expected) => new($"argument of type {Type.Name} is not {expected}");
}
