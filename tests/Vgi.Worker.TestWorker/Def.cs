using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;

namespace Vgi.Worker.TestWorker;

/// <summary>Small helpers for writing definitions by hand, the way generated code will.</summary>
internal static class Def
{
    /// <summary>An argument field; constants carry <c>vgi_const=true</c>.</summary>
    public static Field Arg(string name, IArrowType type, bool isConst = false) =>
        new(name, type, true, isConst ? [new KeyValuePair<string, string>("vgi_const", "true")] : null);

    public static Schema Args(params Field[] fields) => new(fields, null);

    public static Field Result(IArrowType type) => new("result", type, true);

    /// <summary>Checks the input has exactly <paramref name="count"/> columns.</summary>
    public static void ExpectColumns(ScalarBindContext context, int count)
    {
        int actual = context.InputSchema.FieldsList.Count;
        if (actual != count) throw new ScalarBindException($"expects {count} column argument(s), got {actual}");
    }

    /// <summary>Checks the call has exactly the named constants and returns them as int64 (never NULL).</summary>
    public static long ConstInt64(ScalarBindContext context, int position, string name)
    {
        if (context.Constants.Positional.Count <= position) throw new ScalarBindException($"constant argument '{name}' is missing");
        var value = context.Constants.Positional[position];
        if (value.IsNull) throw new ScalarBindException($"constant argument '{name}' must not be NULL");
        try
        {
            return value.AsInt64()!.Value;
        }
        catch (InvalidCastException)
        {
            throw new ScalarBindException($"constant argument '{name}' must be BIGINT (int64), got {value.Type.Name}");
        }
    }

    public static string? ConstString(ScalarBindContext context, int position, string name)
    {
        if (context.Constants.Positional.Count <= position) throw new ScalarBindException($"constant argument '{name}' is missing");
        var value = context.Constants.Positional[position];
        try
        {
            return value.AsString();
        }
        catch (InvalidCastException)
        {
            throw new ScalarBindException($"constant argument '{name}' must be VARCHAR (utf8), got {value.Type.Name}");
        }
    }

    /// <summary>Reads any signed integer column as int64 (int8..int64 promotion).</summary>
    public static long? Int64At(IArrowArray array, int row) => array switch
    {
        Int64Array a => a.GetValue(row),
        Int32Array a => a.GetValue(row),
        Int16Array a => a.GetValue(row),
        Int8Array a => a.GetValue(row),
        _ => throw new InvalidCastException($"not an integer column: {array.Data.DataType.Name}"),
    };
}
