using Apache.Arrow;

namespace Vgi.Testing;

/// <summary>Small Arrow arrays for test inputs, arguments and filter constants: a null value appends a null.</summary>
public static class Arrays
{
    public static Int64Array I64(IEnumerable<long?> values) => Primitive<long, Int64Array, Int64Array.Builder>(values);

    public static Int64Array I64(params long?[] values) => I64(values.AsEnumerable());

    public static Int32Array I32(IEnumerable<int?> values) => Primitive<int, Int32Array, Int32Array.Builder>(values);

    public static Int32Array I32(params int?[] values) => I32(values.AsEnumerable());

    public static Int16Array I16(IEnumerable<short?> values) => Primitive<short, Int16Array, Int16Array.Builder>(values);

    public static DoubleArray F64(IEnumerable<double?> values) => Primitive<double, DoubleArray, DoubleArray.Builder>(values);

    public static DoubleArray F64(params double?[] values) => F64(values.AsEnumerable());

    public static FloatArray F32(IEnumerable<float?> values) => Primitive<float, FloatArray, FloatArray.Builder>(values);

    private static TArray Primitive<T, TArray, TBuilder>(IEnumerable<T?> values)
        where T : struct
        where TArray : IArrowArray
        where TBuilder : PrimitiveArrayBuilder<T, TArray, TBuilder>, new()
    {
        var b = new TBuilder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    public static StringArray Str(IEnumerable<string?> values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }

    public static StringArray Str(params string?[] values) => Str(values.AsEnumerable());

    public static LargeStringArray LargeStr(IEnumerable<string?> values)
    {
        var b = new LargeStringArray.Builder();
        foreach (var v in values)
        {
            if (v is null) b.AppendNull();
            else b.Append(v);
        }
        return b.Build();
    }
}
