using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Workers;

namespace Vgi.Functions;

/// <summary>
/// A constant of a pushed filter (the <c>_val_N</c> column a <c>value_ref</c> names, or one
/// <c>join_keys</c> value): a view of one row of an Arrow array, typed as DuckDB exported it. An
/// extension type (<c>arrow.bool8</c>, <c>duckdb.hugeint</c>, <c>arrow.uuid</c>, …) arrives as its
/// storage type with <see cref="ExtensionName"/> set; the accessors read through it.
/// </summary>
public sealed class FilterValue
{
    private const string ExtensionKey = "ARROW:extension:name";
    private FilterConstant? _constant;

    /// <param name="array">The array holding the value.</param>
    /// <param name="index">Row of the value in <paramref name="array"/>.</param>
    /// <param name="extensionName">The Arrow extension type name, when the array is its storage.</param>
    public FilterValue(IArrowArray array, int index = 0, string? extensionName = null)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, array.Length);
        Array = array;
        Index = index;
        ExtensionName = extensionName;
    }

    /// <summary>Row <paramref name="index"/> of <paramref name="array"/>, with the extension name taken from <paramref name="field"/>'s metadata.</summary>
    public static FilterValue FromField(Field field, IArrowArray array, int index = 0) =>
        new(array, index, field.HasMetadata && field.Metadata.TryGetValue(ExtensionKey, out var name) ? name : null);

    public IArrowArray Array { get; }

    public int Index { get; }

    /// <summary>The Arrow (storage) type of the value.</summary>
    public IArrowType Type => Array.Data.DataType;

    /// <summary><c>ARROW:extension:name</c> of the constant's field (e.g. <c>arrow.bool8</c>), or null.</summary>
    public string? ExtensionName { get; }

    /// <summary>SQL NULL: a comparison with it matches no row.</summary>
    public bool IsNull => Array.IsNull(Index);

    /// <summary>The value in the comparable form the evaluator uses (decoded once).</summary>
    internal FilterConstant Constant => _constant ??= FilterConstant.From(this);

    /// <summary>Integer value of any integer width; null for NULL.</summary>
    /// <exception cref="InvalidCastException">Not an integer.</exception>
    /// <exception cref="OverflowException">A uint64 above <see cref="long.MaxValue"/>.</exception>
    public long? AsInt64() => Read(ArrowRead.Int64, "an integer");

    /// <summary>Value of a float, double, decimal or integer constant; null for NULL.</summary>
    public double? AsDouble()
    {
        if (IsNull) return null;
        return Constant.Kind is ConstantKind.Float or ConstantKind.Integer ? Constant.ToDouble() : throw Mismatch("a number");
    }

    /// <summary>Value of a decimal or integer constant; null for NULL.</summary>
    /// <exception cref="OverflowException">Outside <see cref="decimal"/>'s range (28–29 digits).</exception>
    public decimal? AsDecimal()
    {
        if (IsNull) return null;
        return Constant.Kind == ConstantKind.Integer ? Constant.ToDecimal() : throw Mismatch("a decimal");
    }

    /// <summary>Value of a boolean (or <c>arrow.bool8</c>) constant; null for NULL.</summary>
    public bool? AsBoolean()
    {
        if (IsNull) return null;
        return Constant.Kind == ConstantKind.Boolean ? Constant.Boolean : throw Mismatch("a boolean");
    }

    /// <summary>Value of a utf8, large_utf8 or utf8_view constant; null for NULL.</summary>
    public string? AsString()
    {
        if (IsNull) return null;
        return Constant.Kind == ConstantKind.Utf8 ? ArrowRead.String(Array, Index) : throw Mismatch("a string");
    }

    /// <summary>Bytes of a binary, string or fixed-size binary constant (UTF-8 for strings); null for NULL.</summary>
    public byte[]? AsBytes()
    {
        if (IsNull) return null;
        return Constant.Kind is ConstantKind.Utf8 or ConstantKind.Binary ? (byte[])Constant.Bytes!.Clone() : throw Mismatch("binary");
    }

    /// <summary>Value of a date32 or date64 constant; null for NULL.</summary>
    public DateOnly? AsDate() => Array is Date32Array or Date64Array ? Read(ArrowRead.Date32, "a date") : IsNull ? null : throw Mismatch("a date");

    /// <summary>Value of a timestamp constant as an instant (UTC offset); null for NULL.</summary>
    public DateTimeOffset? AsTimestamp() => Array is TimestampArray ? Read(ArrowRead.TimestampUtc, "a timestamp") : IsNull ? null : throw Mismatch("a timestamp");

    private T? Read<T>(Func<IArrowArray, int, T?> read, string expected) where T : struct
    {
        try
        {
            return read(Array, Index);
        }
        catch (ArrowRecordException)
        {
            throw Mismatch(expected);
        }
    }

    /// <summary>SQL-style text: <c>NULL</c>, <c>42</c>, <c>'x'</c>, <c>true</c>, ISO dates and timestamps, hex for binary.</summary>
    public override string ToString()
    {
        if (IsNull) return "NULL";
        if (Constant.Kind == ConstantKind.Boolean) return Constant.Boolean ? "true" : "false";
        string text = ArrowValueText.Format(Array, Index) ?? "NULL";
        return Constant.Kind is ConstantKind.Utf8 or ConstantKind.Instant or ConstantKind.Time ? "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'" : text;
    }

    private InvalidCastException Mismatch(string expected) =>
        new($"filter constant of type {(ExtensionName ?? Type.Name)} is not {expected}");
}
