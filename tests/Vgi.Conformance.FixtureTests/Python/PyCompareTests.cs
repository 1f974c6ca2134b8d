using System.Numerics;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>Python's natural ordering and equality of values (fixtures.md §6.8).</summary>
public sealed class PyCompareTests
{
    private static List<object?> Sorted(params object?[] values)
    {
        var list = values.ToList();
        list.Sort(PyCompare.Compare);
        return list;
    }

    [Fact]
    public void Numbers_CompareExactlyAcrossTypes()
    {
        Assert.Equal(new object?[] { -1.5, 0L, true, 2.5m, 3UL, 1e20 }, Sorted(3UL, true, 1e20, -1.5, 2.5m, 0L));
        Assert.Equal(0, PyCompare.Compare(1L, 1.0));
        Assert.Equal(0, PyCompare.Compare(true, 1UL));
        Assert.Equal(0, PyCompare.Compare(1.5m, 1.5));
        // 2^53 + 1 is not a double: the integer is larger than the nearest double.
        Assert.True(PyCompare.Compare(9007199254740993L, 9007199254740992.0) > 0);
        Assert.True(PyCompare.Compare(0.1, 0.1m) > 0); // 0.1 as a double is 0.1000000000000000055…
        Assert.True(PyCompare.Compare(ulong.MaxValue, long.MaxValue) > 0);
        Assert.True(PyCompare.Compare(BigInteger.Pow(10, 40), double.PositiveInfinity) < 0);
        Assert.True(PyCompare.Compare(double.NegativeInfinity, long.MinValue) < 0);
        Assert.True(PyCompare.Compare(0.1f, 0.1) > 0);
    }

    [Fact]
    public void Strings_ByCodePoint()
    {
        // UTF-16 order would put U+1F600 (a surrogate pair) before U+FF21; code point order puts it after.
        Assert.Equal(new object?[] { "B", "a", "b", "é", "\uFF21", "\U0001F600" }, Sorted("\U0001F600", "b", "\uFF21", "a", "é", "B"));
        Assert.True(PyCompare.Compare("ab", "abc") < 0);
    }

    [Fact]
    public void BytesDatesTimes()
    {
        Assert.Equal(new object?[] { Array.Empty<byte>(), new byte[] { 1 }, new byte[] { 1, 0 }, new byte[] { 0xFF } },
            Sorted(new byte[] { 0xFF }, new byte[] { 1, 0 }, Array.Empty<byte>(), new byte[] { 1 }));
        Assert.Equal(new object?[] { new DateOnly(1999, 12, 31), new DateOnly(2024, 1, 1) }, Sorted(new DateOnly(2024, 1, 1), new DateOnly(1999, 12, 31)));
        Assert.True(PyCompare.Compare(new DateTimeOffset(2024, 1, 1, 5, 0, 0, TimeSpan.FromHours(5)), new DateTimeOffset(2024, 1, 1, 1, 0, 0, TimeSpan.Zero)) < 0);
        Assert.True(PyCompare.Compare(TimeSpan.FromSeconds(-1), TimeSpan.Zero) < 0);
        Assert.True(PyCompare.Compare(new TimeOnly(1, 0), new TimeOnly(0, 59)) > 0);
    }

    [Fact]
    public void Lists_Lexicographic()
    {
        Assert.True(PyCompare.Compare(new List<object?> { 1L, 2L }, new List<object?> { 1L, 3L }) < 0);
        Assert.True(PyCompare.Compare(new List<object?> { 1L }, new List<object?> { 1L, 0L }) < 0);
    }

    [Fact]
    public void MixedKinds_HaveAFixedOrder() =>
        Assert.Equal(new object?[] { null, 1L, "a", new byte[] { 0 } }, Sorted("a", new byte[] { 0 }, 1L, null));

    [Fact]
    public void Equality_IsPythons()
    {
        Assert.True(PyCompare.Equal(1L, 1.0));
        Assert.True(PyCompare.Equal(true, 1L));
        Assert.False(PyCompare.Equal("1", 1L));
        Assert.False(PyCompare.Equal(double.NaN, double.NaN));
        Assert.True(PyCompare.Equal(new byte[] { 1, 2 }, new byte[] { 1, 2 }));
        Assert.True(PyCompare.Equal(new List<object?> { 1L, "a" }, new List<object?> { 1.0, "a" }));
        Assert.False(PyCompare.Equal(new DateTime(2024, 1, 1), new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }
}
