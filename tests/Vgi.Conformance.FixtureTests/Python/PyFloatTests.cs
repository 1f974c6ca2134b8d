using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>Python <c>repr(float)</c> and <c>format(v, ".Nf")</c> (fixtures.md §6.2, §6.3); expected texts come from CPython 3.11.</summary>
public sealed class PyFloatTests
{
    [Theory]
    [InlineData(10.0, "10.0")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(1e16, "1e+16")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(1.5e-5, "1.5e-05")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1e22, "1e+22")]
    [InlineData(123.0, "123.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e100, "1e+100")]
    [InlineData(0.0, "0.0")]
    public void Float_SpecExamples(double value, string expected) => Assert.Equal(expected, PyText.Float(value));

    [Fact]
    public void Float_SpecialValues()
    {
        Assert.Equal("-0.0", PyText.Float(-0.0));
        Assert.Equal("nan", PyText.Float(double.NaN));
        Assert.Equal("inf", PyText.Float(double.PositiveInfinity));
        Assert.Equal("-inf", PyText.Float(double.NegativeInfinity));
    }

    /// <summary>Bit patterns (boundaries around 1e16 and 1e-4, subnormals, random values) and CPython's repr.</summary>
    [Theory]
    [InlineData(0x4341C37937E08000UL, "1e+16")]
    [InlineData(0x4341C37937E07FFFUL, "9999999999999998.0")]
    [InlineData(0x430C6BF526340000UL, "1000000000000000.0")]
    [InlineData(0x42DC12218377DE66UL, "123456789012345.6")]
    [InlineData(0x3F1A36E2EB1C432DUL, "0.0001")]
    [InlineData(0x3F1CD5F99C38B04BUL, "0.00011")]
    [InlineData(0x3F1A36E2EB1C432CUL, "9.999999999999999e-05")]
    [InlineData(0x3EE4F8B588E368F1UL, "1e-05")]
    [InlineData(0x3EEF75104D551D69UL, "1.5e-05")]
    [InlineData(0x0000000000000001UL, "5e-324")]
    [InlineData(0x0010000000000000UL, "2.2250738585072014e-308")]
    [InlineData(0x7FEFFFFFFFFFFFFFUL, "1.7976931348623157e+308")]
    [InlineData(0x3FB999999999999AUL, "0.1")]
    [InlineData(0x3FD3333333333334UL, "0.30000000000000004")]
    [InlineData(0x3FD5555555555555UL, "0.3333333333333333")]
    [InlineData(0x3FE5555555555555UL, "0.6666666666666666")]
    [InlineData(0x4059000000000000UL, "100.0")]
    [InlineData(0x54B249AD2594C37DUL, "1e+100")]
    [InlineData(0x2B3137D151AE61E9UL, "1.23e-100")]
    [InlineData(0x405EDD2F1A9FBE77UL, "123.456")]
    [InlineData(0xC004000000000000UL, "-2.5")]
    [InlineData(0x4480F0CF064DD592UL, "1e+22")]
    [InlineData(0x444B1AE4D6E2EF50UL, "1e+21")]
    [InlineData(0x4011666666666666UL, "4.35")]
    [InlineData(0x3FD3333333333333UL, "0.3")]
    [InlineData(0x3FF0000000000001UL, "1.0000000000000002")]
    [InlineData(0x3F33A92A30553261UL, "0.0003")]
    [InlineData(0x40EFFC0000000000UL, "65504.0")]
    [InlineData(0x4340000000000000UL, "9007199254740992.0")]
    [InlineData(0x4340000000000001UL, "9007199254740994.0")]
    [InlineData(0x43E0000000000000UL, "9.223372036854776e+18")]
    [InlineData(0x7E41EB2D66005835UL, "1.5e+300")]
    [InlineData(0xF2A74DE452E6B438UL, "-1.989032661366619e+244")]
    [InlineData(0x6513270E269E0D37UL, "7.761117632285041e+178")]
    [InlineData(0x0C5C7FD0A6A3A450UL, "3.980498358697587e-249")]
    [InlineData(0xD23F0824128B2F33UL, "-1.5432835417340557e+88")]
    [InlineData(0x1818E811892F902BUL, "1.3647584518757569e-192")]
    [InlineData(0x9531985D5D9DC9F8UL, "-1.3701135617873088e-206")]
    [InlineData(0xE8E25D940ED90475UL, "-1.7160537630466207e+197")]
    [InlineData(0x36F675CC81E74EF5UL, "6.294675241195386e-44")]
    [InlineData(0x1600A35A099950D8UL, "1.0613447212142254e-202")]
    [InlineData(0x6B0D549B6F03675AUL, "4.708325160387546e+207")]
    [InlineData(0x3D9C172411E20B8FUL, "6.387016158513563e-12")]
    [InlineData(0x8D116ECE1738F7D9UL, "-9.973130378568733e-246")]
    [InlineData(0x0F21DDB66CAD4A26UL, "8.779753225680271e-236")]
    [InlineData(0x90C192CFD3AC94AFUL, "-5.795503248498993e-228")]
    [InlineData(0xF28C105D1FB17C23UL, "-5.988180159386011e+243")]
    [InlineData(0xA170B33839263059UL, "-1.306052388527796e-147")]
    [InlineData(0x953F48F1A09F76B5UL, "-2.436117699484841e-206")]
    [InlineData(0x0FD630F1F29D0DA9UL, "2.233386999150174e-232")]
    [InlineData(0x95E60AF593BD04CFUL, "-3.51527970626667e-203")]
    [InlineData(0x0CB1E29C658CDA14UL, "1.5987381841032883e-247")]
    [InlineData(0x3898D190F9EBDACCUL, "4.6678633181812096e-36")]
    [InlineData(0x8E81973E0BECD7B0UL, "-8.441872792105456e-239")]
    [InlineData(0x2217BEADDBC496CBUL, "1.9015657400796622e-144")]
    [InlineData(0x6B4CB2424A23D596UL, "7.370437700706684e+208")]
    [InlineData(0x8A6A63EC24EDE6A4UL, "-1.7163996725272777e-258")]
    public void Float_MatchesCPython(ulong bits, string expected)
    {
        double value = BitConverter.UInt64BitsToDouble(bits);
        Assert.Equal(expected, PyText.Float(value));
        Assert.Equal(expected.StartsWith('-') ? expected[1..] : "-" + expected, PyText.Float(-value));
    }

    [Theory]
    [InlineData(0.1f, "0.10000000149011612")]
    [InlineData(1.1f, "1.100000023841858")]
    [InlineData(0.3f, "0.30000001192092896")]
    [InlineData(16777217f, "16777216.0")]
    [InlineData(3.4028235e38f, "3.4028234663852886e+38")]
    [InlineData(1e-45f, "1.401298464324817e-45")]
    [InlineData(2.5f, "2.5")]
    public void Float32_IsWidenedToDouble(float value, string expected) => Assert.Equal(expected, PyText.Float(value));

    [Theory]
    [InlineData(0x3FC0000000000000UL, 2, "0.12")]
    [InlineData(0x3FD8000000000000UL, 2, "0.38")]
    [InlineData(0x4004000000000000UL, 0, "2")]
    [InlineData(0x400C000000000000UL, 0, "4")]
    [InlineData(0x3FE0000000000000UL, 0, "0")]
    [InlineData(0x3FF8000000000000UL, 0, "2")]
    [InlineData(0xBFE0000000000000UL, 0, "-0")]
    [InlineData(0xBF50624DD2F1A9FCUL, 2, "-0.00")]
    [InlineData(0x8000000000000000UL, 0, "-0")]
    [InlineData(0x8000000000000000UL, 3, "-0.000")]
    [InlineData(0x4480F0CF064DD592UL, 2, "10000000000000000000000.00")]
    [InlineData(0x419D6F3454800000UL, 2, "123456789.12")]
    [InlineData(0x3FB999999999999AUL, 20, "0.10000000000000000555")]
    [InlineData(0x3FF0147AE147AE14UL, 2, "1.00")]
    [InlineData(0x4005666666666666UL, 2, "2.67")]
    [InlineData(0x0000000000000001UL, 3, "0.000")]
    [InlineData(0x0000000000000001UL, 330, "0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004940656")]
    [InlineData(0x7FEFFFFFFFFFFFFFUL, 0, "179769313486231570814527423731704356798070567525844996598917476803157260780028538760589558632766878171540458953514382464234321326889464182768467546703537516986049910576551282076245490090389328944075868508455133942304583236903222948165808559332123348274797826204144723168738177180919299881250404026184124858368")]
    [InlineData(0xC0934A456D5CFAADUL, 1, "-1234.6")]
    [InlineData(0x3FA70A3D70A3D70AUL, 2, "0.04")]
    [InlineData(0x3E7AD7F29ABCAF48UL, 8, "0.00000010")]
    [InlineData(0x4058FFAE147AE148UL, 2, "100.00")]
    [InlineData(0x40C81CD6E631F8A1UL, 0, "12346")]
    [InlineData(0x0000000000000000UL, 0, "0")]
    [InlineData(0x3FF4000000000000UL, 1, "1.2")]
    [InlineData(0x3FF599999999999AUL, 1, "1.4")]
    public void FormatFixed_MatchesCPython(ulong bits, int decimals, string expected) =>
        Assert.Equal(expected, PyText.FormatFixed(BitConverter.UInt64BitsToDouble(bits), decimals));

    [Fact]
    public void FormatFixed_TiesToEvenOnExactTies()
    {
        // 0.125, 2.5 and 0.375 are exact binary values, so these are true ties.
        Assert.Equal("0.12", PyText.FormatFixed(0.125, 2));
        Assert.Equal("0.38", PyText.FormatFixed(0.375, 2));
        Assert.Equal("2", PyText.FormatFixed(2.5, 0));
        Assert.Equal("4", PyText.FormatFixed(3.5, 0));
        // 2.675 is really 2.67499999…, so it rounds down although it looks like a tie.
        Assert.Equal("2.67", PyText.FormatFixed(2.675, 2));
    }

    [Fact]
    public void FormatFixed_NegativeZeroKeepsSign()
    {
        Assert.Equal("-0", PyText.FormatFixed(-0.4, 0));
        Assert.Equal("-0.00", PyText.FormatFixed(-0.001, 2));
        Assert.Equal("-0", PyText.FormatFixed(-0.0, 0));
        Assert.Equal("0.00", PyText.FormatFixed(0.0, 2));
    }

    [Fact]
    public void FormatFixed_SpecialValues()
    {
        Assert.Equal("nan", PyText.FormatFixed(double.NaN, 2));
        Assert.Equal("inf", PyText.FormatFixed(double.PositiveInfinity, 0));
        Assert.Equal("-inf", PyText.FormatFixed(double.NegativeInfinity, 3));
    }

    [Fact]
    public void FormatFixed_NegativeDecimals_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PyText.FormatFixed(1.0, -1));

    [Fact]
    public void FormatFixed_AgreesWithDotNetForFiniteValues()
    {
        // fixtures.md §6.2: .NET "F<n>" is exact for finite doubles; cross-check over a spread of values.
        var random = new Random(42);
        for (int i = 0; i < 2000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64()) is var d && double.IsFinite(d) && Math.Abs(d) < 1e30 ? d : random.NextDouble() * 1000 - 500;
            int decimals = random.Next(0, 12);
            Assert.Equal(value.ToString("F" + decimals, System.Globalization.CultureInfo.InvariantCulture), PyText.FormatFixed(value, decimals));
        }
    }
}
