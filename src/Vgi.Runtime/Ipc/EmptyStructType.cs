using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Ipc;

/// <summary>
/// A struct with no fields (<c>struct&lt;&gt;</c>). DuckDB sends one as the <c>args</c> column of a call
/// without arguments, and Apache.Arrow's <see cref="StructType"/> cannot hold an empty field list.
/// On the wire it is a plain Struct_ with no children; in memory it is an extension array whose
/// boolean storage carries the struct's validity (true = valid row).
/// </summary>
public sealed class EmptyStructType : ExtensionType
{
    public static readonly EmptyStructType Default = new();

    private EmptyStructType() : base(BooleanType.Default) { }

    public override string Name => "vgi.empty_struct";

    public override string ExtensionMetadata => "";

    public override ExtensionArray CreateArray(IArrowArray storage) => new EmptyStructArray(storage);

    /// <summary>Builds an array of <paramref name="length"/> valid rows.</summary>
    public static EmptyStructArray CreateValid(int length)
    {
        var bits = new byte[(length + 7) / 8];
        for (int i = 0; i < length; i++) bits[i >> 3] |= (byte)(1 << (i & 7));
        var storage = new BooleanArray(new ArrowBuffer(bits), ArrowBuffer.Empty, length, 0, 0);
        return new EmptyStructArray(storage);
    }
}

/// <summary>Array of <see cref="EmptyStructType"/>.</summary>
public sealed class EmptyStructArray : ExtensionArray
{
    public EmptyStructArray(IArrowArray storage) : base(EmptyStructType.Default, storage) { }
}
