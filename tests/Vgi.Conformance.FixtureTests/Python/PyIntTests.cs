using System.Numerics;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>Python <c>int(text)</c> base 10 (fixtures.md §6.7); outcomes and messages from CPython 3.11.</summary>
public sealed class PyIntTests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("42", "42")]
    [InlineData(" 5 ", "5")]
    [InlineData("+1", "1")]
    [InlineData("-0", "0")]
    [InlineData("-17", "-17")]
    [InlineData("007", "7")]
    [InlineData("1_000", "1000")]
    [InlineData("1_2_3", "123")]
    [InlineData("\t\n\v\f\r 8 \r\n", "8")]
    [InlineData("\u00a05\u2003", "5")]
    [InlineData("1\u0085", "1")]
    [InlineData("\u3000-3\u2029", "-3")]
    [InlineData("\u0665\u0661", "51")]
    [InlineData("\u0661\u0662", "12")]
    [InlineData("\uff15", "5")]
    [InlineData("1_\u0665", "15")]
    [InlineData("99999999999999999999999999999", "99999999999999999999999999999")]
    [InlineData("-9223372036854775809", "-9223372036854775809")]
    public void Valid(string text, string expected) => Assert.Equal(BigInteger.Parse(expected), PyText.ParseInt(text));

    [Fact]
    public void AstralDigits_AreDecimal()
    {
        // MATHEMATICAL BOLD DIGIT ONE/TWO (U+1D7CF, U+1D7D0) and DIGIT ZERO (U+1D7CE).
        Assert.Equal(12, PyText.ParseInt("\U0001D7CF\U0001D7D0"));
        Assert.Equal(0, PyText.ParseInt("\U0001D7CE"));
    }

    [Theory]
    [InlineData("", "''")]
    [InlineData(" ", "' '")]
    [InlineData("1__0", "'1__0'")]
    [InlineData("_1", "'_1'")]
    [InlineData("1_", "'1_'")]
    [InlineData("+-1", "'+-1'")]
    [InlineData("- 1", "'- 1'")]
    [InlineData("1.0", "'1.0'")]
    [InlineData("1 2", "'1 2'")]
    [InlineData("abc", "'abc'")]
    [InlineData("0x10", "'0x10'")]
    [InlineData("1e3", "'1e3'")]
    [InlineData("\u00b2", "'²'")]
    [InlineData("12a\u00e9", "'12aé'")]
    [InlineData("\u200b1", "'\\u200b1'")]
    [InlineData("\u001c5", "'\\x1c5'")]
    [InlineData("5\u001c", "'5\\x1c'")]
    [InlineData("it's", "\"it's\"")]
    public void Invalid_RaisesValueErrorText(string text, string repr)
    {
        var e = Assert.Throws<FormatException>(() => PyText.ParseInt(text));
        Assert.Equal("invalid literal for int() with base 10: " + repr, e.Message);
    }

    [Fact]
    public void Invalid_LongInput_ReprIsCutAt200Characters()
    {
        var e = Assert.Throws<FormatException>(() => PyText.ParseInt(new string('x', 300)));
        Assert.Equal("invalid literal for int() with base 10: '" + new string('x', 199), e.Message);
        Assert.Equal(240, e.Message.Length);
    }

    [Fact]
    public void DigitLimit_MatchesCPython()
    {
        Assert.Equal(BigInteger.Parse(new string('1', 4300)), PyText.ParseInt(new string('1', 4300)));
        var e = Assert.Throws<FormatException>(() => PyText.ParseInt(" " + new string('1', 4301)));
        Assert.Equal("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits; use sys.set_int_max_str_digits() to increase the limit", e.Message);
        // Underscores do not count as digits.
        Assert.Equal(2201, PyText.ParseInt(string.Concat(Enumerable.Repeat("1_", 2200)) + "1").ToString().Length);
    }
}
