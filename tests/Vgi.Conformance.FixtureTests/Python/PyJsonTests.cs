using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>Python <c>json.dumps</c> defaults (fixtures.md §6.4); expected texts from CPython 3.11.</summary>
public sealed class PyJsonTests
{
    private static KeyValuePair<string, object?> P(string key, object? value) => new(key, value);

    [Fact]
    public void Scalars_SeparatorsAndOrder()
    {
        string json = PyJson.Dumps([P("name", "x"), P("n", null), P("t", true), P("f", false), P("i", -3L), P("u", ulong.MaxValue), P("d", 1.5), P("big", 1e16), P("small", 1e-05), P("whole", 2.0)]);
        Assert.Equal("{\"name\": \"x\", \"n\": null, \"t\": true, \"f\": false, \"i\": -3, \"u\": 18446744073709551615, \"d\": 1.5, \"big\": 1e+16, \"small\": 1e-05, \"whole\": 2.0}", json);
    }

    [Fact]
    public void NonFiniteFloats()
    {
        Assert.Equal("{\"nan\": NaN, \"inf\": Infinity, \"ninf\": -Infinity, \"f32\": 0.10000000149011612}",
            PyJson.Dumps([P("nan", double.NaN), P("inf", double.PositiveInfinity), P("ninf", double.NegativeInfinity), P("f32", 0.1f)]));
    }

    [Fact]
    public void Strings_EnsureAscii()
    {
        string json = PyJson.Dumps([P("a", "é\U0001F600\u0000\u001f\u007f\"\\\n\b\f/\r\t\u2028")]);
        Assert.Equal("{\"a\": \"\\u00e9\\ud83d\\ude00\\u0000\\u001f\\u007f\\\"\\\\\\n\\b\\f/\\r\\t\\u2028\"}", json);
        Assert.Equal("{\"\\u00e9\\\"\": \"\"}", PyJson.Dumps([P("é\"", "")]));
    }

    [Fact]
    public void Nested()
    {
        object nested = new List<KeyValuePair<string, object?>> { P("x", new List<KeyValuePair<string, object?>> { P("y", 1e16) }) };
        string json = PyJson.Dumps([P("l", new List<object?> { 1L, new List<object?> { 2.0, new List<KeyValuePair<string, object?>>() }, new List<object?>() }), P("d", nested), P("t", (1L, "a"))]);
        Assert.Equal("{\"l\": [1, [2.0, {}], []], \"d\": {\"x\": {\"y\": 1e+16}}, \"t\": [1, \"a\"]}", json);
        Assert.Equal("{}", PyJson.Dumps([]));
    }

    [Fact]
    public void UnserializableValues_AreTypeErrors()
    {
        Assert.Equal("Object of type bytes is not JSON serializable", Assert.Throws<TypeError>(() => PyJson.Dumps([P("b", new byte[] { 1 })])).Message);
        Assert.Equal("Object of type date is not JSON serializable", Assert.Throws<TypeError>(() => PyJson.Dumps([P("d", new DateOnly(2024, 1, 1))])).Message);
        Assert.Equal("Object of type Decimal is not JSON serializable", Assert.Throws<TypeError>(() => PyJson.Dumps([P("m", 1.5m)])).Message);
    }
}
