using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>numpy <c>arange</c> (fixtures.md §6.5); expected values from numpy 1.24.</summary>
public sealed class NumpyArangeTests
{
    [Fact]
    public void Double_NonDyadicStep_GivesTheExtraElement()
    {
        // §6.5: increment 0.1, batch size 3: stop = 3 * 0.1 = 0.30000000000000004, so ceil(3.0000000000000004) = 4.
        double[] values = NumpyArange.Arange(0.0, 3 * 0.1, 0.1);
        Assert.Equal([0.0, 0.1, 0.2, 0.30000000000000004], values);
        Assert.Equal(4, values.Length);
    }

    [Fact]
    public void Double_ElementsCarryTheFillRounding()
    {
        Assert.Equal([0.30000000000000004, 0.4, 0.5, 0.6], NumpyArange.Arange(0.30000000000000004, 0.6000000000000001, 0.1));
        Assert.Equal([1.0, 1.3, 1.6, 1.9000000000000001], NumpyArange.Arange(1.0, 2.0, 0.3));
        Assert.Equal([0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001, 0.7000000000000001, 0.8, 0.9], NumpyArange.Arange(0.0, 1.0, 0.1));
        Assert.Equal([0.7, 0.7999999999999999, 0.8999999999999999, 0.9999999999999999, 1.0999999999999999, 1.1999999999999997, 1.2999999999999998],
            NumpyArange.Arange(0.7, 1.4, 0.1));
        Assert.Equal([10.0, 7.0, 4.0, 1.0], NumpyArange.Arange(10.0, 0.0, -3.0));
    }

    [Fact]
    public void Double_EmptyAndSingle()
    {
        Assert.Empty(NumpyArange.Arange(1.0, 1.0, 1.0));
        Assert.Empty(NumpyArange.Arange(5.0, 1.0, 1.0));
        Assert.Equal([2.5], NumpyArange.Arange(2.5, 3.0, 1.0));
    }

    [Fact]
    public void Double_Errors()
    {
        Assert.Throws<DivideByZeroException>(() => NumpyArange.Arange(0.0, 1.0, 0.0));
        Assert.Throws<ArgumentException>(() => NumpyArange.Arange(0.0, double.NaN, 1.0));
        Assert.Throws<ArgumentException>(() => NumpyArange.Arange(0.0, double.PositiveInfinity, 1.0));
    }

    [Fact]
    public void Int64_IsMultiplesOfTheStep()
    {
        Assert.Equal([-5L, -2, 1, 4], NumpyArange.Arange(-5L, 5L, 3L));
        Assert.Equal([5L, 2, -1, -4], NumpyArange.Arange(5L, -5L, -3L));
        Assert.Equal([0L, 1, 2], NumpyArange.Arange(0L, 3L, 1L));
        Assert.Equal([7L], NumpyArange.Arange(7L, 8L, 5L));
        Assert.Empty(NumpyArange.Arange(3L, 3L, 1L));
        Assert.Empty(NumpyArange.Arange(5L, 2L, 1L));
        Assert.Throws<DivideByZeroException>(() => NumpyArange.Arange(0L, 1L, 0L));
    }

    [Fact]
    public void Int64_Wraps()
    {
        Assert.Equal([9223372036854775806L, long.MaxValue, long.MinValue], NumpyArange.Arange(9223372036854775806L, -9223372036854775807L, 1L));
        Assert.Equal([9223372036854775800L, 9223372036854775805L], NumpyArange.Arange(9223372036854775800L, long.MaxValue, 5L));
    }
}
