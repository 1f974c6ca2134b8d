using System.Collections;
using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;

namespace Vgi.Tests.Protocol;

/// <summary>
/// Reflection helpers for the round-trip tests: fills every property of a record with a non-default
/// value, and compares two records deeply (byte arrays, lists, maps, schemas, nested records).
/// </summary>
public static class RecordValues
{
    public static IEnumerable<PropertyInfo> Columns(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.SetMethod is not null);

    /// <summary>A record of <paramref name="type"/> with a non-default value in every property; <paramref name="seed"/> varies them.</summary>
    public static object Fill(Type type, int seed)
    {
        var value = Activator.CreateInstance(type)!;
        int i = 0;
        foreach (var p in Columns(type))
        {
            var nullability = new NullabilityInfoContext().Create(p);
            p.SetValue(value, Sample(p.PropertyType, nullability, seed * 100 + i++, p.Name));
        }
        return value;
    }

    private static object Sample(Type type, NullabilityInfo? nullability, int seed, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null) return Sample(underlying, null, seed, name);
        if (type == typeof(string)) return $"{name}-{seed}-é✓";
        if (type == typeof(byte[])) return new byte[] { (byte)seed, 0, 0xFF, (byte)(seed >> 8), 7 };
        if (type == typeof(bool)) return true;
        if (type == typeof(long)) return 1_000_000_000_000L + seed;
        if (type == typeof(int)) return 100_000 + seed;
        if (type == typeof(double)) return 12.5 + seed;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2026, 6, 15, 12, 34, 56, TimeSpan.Zero).AddTicks(10 * (123_456 + seed));
        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.GetValue(values.Length - 1 - seed % Math.Max(1, values.Length - 1))!;
        }
        if (type == typeof(Schema)) return SampleSchema(seed);
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var element = type.GetGenericArguments()[0];
            var elementNullability = nullability?.GenericTypeArguments.FirstOrDefault();
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            for (int k = 0; k < 2; k++) list.Add(Sample(element, elementNullability, seed + k + 1, name));
            return list;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var (k, v) = (type.GetGenericArguments()[0], type.GetGenericArguments()[1]);
            var dict = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(k, v))!;
            for (int j = 0; j < 2; j++) dict.Add(Sample(k, null, seed + j + 1, "key"), Sample(v, null, seed + j + 11, "value"));
            return dict;
        }
        if (type.GetCustomAttribute<ArrowRecordAttribute>() is not null) return Fill(type, seed);
        throw new NotSupportedException($"no sample value for {type} ({name})");
    }

    public static Schema SampleSchema(int seed) => new Schema.Builder()
        .Field(new Field("a", Int64Type.Default, true, [new("vgi_type", "any"), new("n", seed.ToString(System.Globalization.CultureInfo.InvariantCulture))]))
        .Field(new Field("b", new ListType(new Field("item", StringType.Default, true)), false))
        .Metadata("schema_key", "schema_value")
        .Build();

    /// <summary>Every property of <paramref name="type"/> whose value in <paramref name="value"/> equals its value in a default instance.</summary>
    public static List<string> PropertiesAtDefault(Type type, object value)
    {
        var fresh = Activator.CreateInstance(type)!;
        return Columns(type).Where(p => Differences(p.GetValue(fresh), p.GetValue(value), p.Name).Count == 0).Select(p => p.Name).ToList();
    }

    /// <summary>Every difference between two values, one line each (empty when deeply equal).</summary>
    public static List<string> Differences(object? expected, object? actual, string path = "")
    {
        var errors = new List<string>();
        Compare(expected, actual, path, errors);
        return errors;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> errors)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null) errors.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
            return;
        }
        switch (expected)
        {
            case string or bool or long or int or double or DateTimeOffset or Enum:
                if (!expected.Equals(actual)) errors.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case byte[] bytes:
                if (actual is not byte[] other || !bytes.AsSpan().SequenceEqual(other)) errors.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                return;
            case Schema schema:
                if (actual is not Schema actualSchema) errors.Add($"{path}: expected a schema, got {actual.GetType()}");
                else if (!IpcBytes.SerializeSchema(schema).AsSpan().SequenceEqual(IpcBytes.SerializeSchema(actualSchema)))
                    errors.Add($"{path}: schemas differ: expected {ShowSchema(schema)}, got {ShowSchema(actualSchema)}");
                return;
        }
        var type = expected.GetType();
        if (type.GetCustomAttribute<ArrowRecordAttribute>() is not null)
        {
            if (actual.GetType() != type) { errors.Add($"{path}: expected {type.Name}, got {actual.GetType().Name}"); return; }
            foreach (var p in Columns(type)) Compare(p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}", errors);
            return;
        }
        if (expected is IEnumerable sequence && actual is IEnumerable actualSequence)
        {
            var a = sequence.Cast<object?>().ToList();
            var b = actualSequence.Cast<object?>().ToList();
            if (a.Count != b.Count) { errors.Add($"{path}: expected {a.Count} elements, got {b.Count}"); return; }
            for (int i = 0; i < a.Count; i++) Compare(a[i], b[i], $"{path}[{i}]", errors);
            return;
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            Compare(type.GetProperty("Key")!.GetValue(expected), actual.GetType().GetProperty("Key")?.GetValue(actual), path + ".Key", errors);
            Compare(type.GetProperty("Value")!.GetValue(expected), actual.GetType().GetProperty("Value")?.GetValue(actual), path + ".Value", errors);
            return;
        }
        if (!expected.Equals(actual)) errors.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] b => $"bytes[{Convert.ToHexString(b)}]",
        string s => $"\"{s}\"",
        _ => value.ToString() ?? "?",
    };

    private static string ShowSchema(Schema schema) =>
        $"[{string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {SchemaSpecs.Describe(f.DataType)}{(f.IsNullable ? "" : " not null")}{(f.HasMetadata ? " {" + string.Join(",", f.Metadata.Select(kv => kv.Key + "=" + kv.Value)) + "}" : "")}"))}]"
        + (schema.HasMetadata ? " {" + string.Join(",", schema.Metadata.Select(kv => kv.Key + "=" + kv.Value)) + "}" : "");
}
