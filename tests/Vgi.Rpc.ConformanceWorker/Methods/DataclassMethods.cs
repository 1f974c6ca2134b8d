using System.Globalization;
using Apache.Arrow;
using Vgi.Rpc.Conformance.Support;
using static Vgi.Rpc.Conformance.Support.Schemas;

namespace Vgi.Rpc.Conformance.Methods;

/// <summary>
/// Dataclass group. A dataclass parameter or result travels as <c>binary</c> holding an IPC stream
/// of the dataclass (schema + one row + EOS); the result field is nullable (pyarrow's default).
/// </summary>
public static class DataclassMethods
{
    public static IEnumerable<RpcMethod> Create()
    {
        // echo_point(point: Point) -> Point
        yield return RpcMethod.CreateUnary("echo_point", Of(F("point", Binary)), DataclassResult, async (request, _) =>
        {
            var (x, y) = await ReadPointAsync(request).ConfigureAwait(false);
            return Dataclass.Result(Point, Arrays.Float64(x), Arrays.Float64(y));
        });

        // echo_bounding_box(box: BoundingBox) -> BoundingBox
        yield return RpcMethod.CreateUnary("echo_bounding_box", Of(F("box", Binary)), DataclassResult, async (request, _) =>
        {
            var box = await Args.DataclassAsync(request, "box", BoundingBox, "BoundingBox").ConfigureAwait(false);
            return Arrays.Binary(Dataclass.Encode(box));
        });

        // echo_all_types(data: AllTypes) -> AllTypes
        yield return RpcMethod.CreateUnary("echo_all_types", Of(F("data", Binary)), DataclassResult, async (request, _) =>
        {
            var data = await Args.DataclassAsync(request, "data", AllTypes, "AllTypes").ConfigureAwait(false);
            Status.Read(data.Column("enum_field")); // an unknown member is a ValueError, as on decode in Python
            return Arrays.Binary(Dataclass.Encode(data));
        });

        // inspect_point(point: Point) -> str: the dataclass repr
        yield return RpcMethod.CreateUnary("inspect_point", Of(F("point", Binary)), Result(Utf8), async (request, _) =>
        {
            var (x, y) = await ReadPointAsync(request).ConfigureAwait(false);
            return Arrays.Utf8($"Point(x={PythonFloat(x)}, y={PythonFloat(y)})");
        });
    }

    private static async ValueTask<(double X, double Y)> ReadPointAsync(RpcRequest request)
    {
        var point = await Args.DataclassAsync(request, "point", Point, "Point").ConfigureAwait(false);
        return (((DoubleArray)point.Column(0)).GetValue(0)!.Value, ((DoubleArray)point.Column(1)).GetValue(0)!.Value);
    }

    /// <summary>Python's <c>repr(float)</c>: shortest round-trip digits, always with a fraction or exponent.</summary>
    public static string PythonFloat(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E', StringComparison.Ordinal))
        {
            // 1E+20 → 1e+20, 1E-07 → 1e-07
            var parts = text.Split('E');
            string exponent = parts[1];
            string sign = exponent.StartsWith('-') ? "-" : "+";
            string digits = exponent.TrimStart('+', '-').PadLeft(2, '0');
            return $"{parts[0]}e{sign}{digits}";
        }
        return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
    }
}
