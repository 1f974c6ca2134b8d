using System.Numerics;
using Apache.Arrow.Scalars;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.FixtureTests.Python;

/// <summary>Python <c>str()</c>/<c>repr()</c> of strings, bytes and the other value kinds (fixtures.md §6.3); expected texts from CPython 3.11.</summary>
public sealed class PyReprTests
{
    [Theory]
    [InlineData("abc", "'abc'")]
    [InlineData("", "''")]
    [InlineData("it's", "\"it's\"")]
    [InlineData("say \"hi\"", "'say \"hi\"'")]
    [InlineData("both ' and \"", "'both \\' and \"'")]
    [InlineData("\\", "'\\\\'")]
    [InlineData("a\nb\rc\td", "'a\\nb\\rc\\td'")]
    [InlineData("\u0001\u001f\u007f", "'\\x01\\x1f\\x7f'")]
    [InlineData("\u0080\u0085\u00a0\u00ad", "'\\x80\\x85\\xa0\\xad'")]
    [InlineData("é€日本", "'é€日本'")]
    [InlineData("\u2028\u200b\ufeff", "'\\u2028\\u200b\\ufeff'")]
    [InlineData("\u3000 x", "'\\u3000 x'")]
    [InlineData("\u0378", "'\\u0378'")]
    [InlineData("\U0001F600", "'\U0001F600'")]
    [InlineData("\U000E0001", "'\\U000e0001'")]
    [InlineData("\U000F0000", "'\\U000f0000'")]
    public void Repr_String(string value, string expected)
    {
        Assert.Equal(expected, PyText.Repr(value));
        Assert.Equal(expected, PyText.Repr((object)value));
    }

    [Fact]
    public void Repr_LoneSurrogate_IsEscaped()
    {
        Assert.Equal("'\\ud800'", PyText.Repr("\ud800"));
        Assert.Equal("'a\\udc00b'", PyText.Repr("a\udc00b"));
    }

    [Fact]
    public void Str_String_IsItself() => Assert.Equal("it's \"x\"\n", PyText.Str("it's \"x\"\n"));

    [Fact]
    public void Bytes_ReprAndStr()
    {
        byte[] bytes = [(byte)'a', (byte)'\'', (byte)'b', 0x00, 0xFF, (byte)'"', (byte)'\\', (byte)'\n'];
        Assert.Equal("b'a\\'b\\x00\\xff\"\\\\\\n'", PyText.Str(bytes));
        Assert.Equal("b'\"'", PyText.Repr(new byte[] { (byte)'"' }));
        Assert.Equal("b\"it's\"", PyText.Repr("it's"u8.ToArray()));
        Assert.Equal("b'\\t\\r\\x7f~ '", PyText.Str(new ReadOnlyMemory<byte>([9, 13, 0x7F, (byte)'~', (byte)' '])));
        Assert.Equal("b''", PyText.Str(Array.Empty<byte>()));
    }

    [Fact]
    public void Scalars()
    {
        Assert.Equal("None", PyText.Str(null));
        Assert.Equal("True", PyText.Str(true));
        Assert.Equal("False", PyText.Repr(false));
        Assert.Equal("-42", PyText.Str(-42));
        Assert.Equal("255", PyText.Str((byte)255));
        Assert.Equal("-128", PyText.Str((sbyte)-128));
        Assert.Equal("18446744073709551615", PyText.Str(ulong.MaxValue));
        Assert.Equal("-9223372036854775808", PyText.Str(long.MinValue));
        Assert.Equal("-170141183460469231731687303715884105728", PyText.Str(Int128.MinValue));
        Assert.Equal("340282366920938463463374607431768211455", PyText.Str(UInt128.MaxValue));
        Assert.Equal("123456789012345678901234567890", PyText.Str(BigInteger.Parse("123456789012345678901234567890")));
        Assert.Equal("1.5", PyText.Str(1.5));
        Assert.Equal("0.10000000149011612", PyText.Str(0.1f));
        Assert.Equal("1e+16", PyText.Repr(1e16));
        Assert.Equal("x", PyText.Str('x'));
        Assert.Equal("'x'", PyText.Repr('x'));
    }

    [Theory]
    [InlineData("1.50", "1.50")]
    [InlineData("0.00", "0.00")]
    [InlineData("-5.5", "-5.5")]
    [InlineData("123", "123")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000010", "0.0000010")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("-0.0000001", "-1E-7")]
    [InlineData("0.0000000000", "0E-10")]
    [InlineData("0.0000000", "0E-7")]
    [InlineData("0.000000", "0.000000")]
    public void Decimal_StrKeepsScale(string text, string expected)
    {
        decimal value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, PyText.Str(value));
        Assert.Equal($"Decimal('{expected}')", PyText.Repr(value));
    }

    [Fact]
    public void PyDecimal_BeyondSystemDecimal()
    {
        var big = new PyDecimal(BigInteger.Parse("12345678901234567890123456789012345678"), 0);
        Assert.Equal("12345678901234567890123456789012345678", PyText.Str(big));
        Assert.Equal("-1234567890123456789012345678.9012345678", new PyDecimal(BigInteger.Parse("-12345678901234567890123456789012345678"), 10).ToString());
        Assert.Equal("1E+2", new PyDecimal(1, -2).ToString());
        Assert.Equal("Decimal('1E+2')", PyText.Repr(new PyDecimal(1, -2)));
        Assert.False(big.TryToDecimal(out _));
        Assert.True(new PyDecimal(-150, 2).TryToDecimal(out var small));
        Assert.Equal(-1.50m, small);
        Assert.Equal("-1.50", PyText.Str(small));
    }

    [Fact]
    public void Dates_StrAndRepr()
    {
        Assert.Equal("2024-01-02", PyText.Str(new DateOnly(2024, 1, 2)));
        Assert.Equal("0005-01-02", PyText.Str(new DateOnly(5, 1, 2)));
        Assert.Equal("datetime.date(2024, 1, 2)", PyText.Repr(new DateOnly(2024, 1, 2)));

        var withMicros = new DateTime(2024, 1, 2, 3, 4, 5).AddTicks(60);
        Assert.Equal("2024-01-02 03:04:05.000006", PyText.Str(withMicros));
        Assert.Equal("datetime.datetime(2024, 1, 2, 3, 4, 5, 6)", PyText.Repr(withMicros));
        Assert.Equal("2024-01-02 00:00:00", PyText.Str(new DateTime(2024, 1, 2)));
        Assert.Equal("datetime.datetime(2024, 1, 2, 0, 0)", PyText.Repr(new DateTime(2024, 1, 2)));
        Assert.Equal("datetime.datetime(2024, 1, 2, 3, 0, 5)", PyText.Repr(new DateTime(2024, 1, 2, 3, 0, 5)));
        // Sub-microsecond ticks are dropped, as Python keeps microseconds.
        Assert.Equal("2024-01-02 00:00:00", PyText.Str(new DateTime(2024, 1, 2).AddTicks(9)));

        var utc = new DateTimeOffset(2024, 1, 2, 0, 0, 0, TimeSpan.Zero).AddTicks(10);
        Assert.Equal("2024-01-02 00:00:00.000001+00:00", PyText.Str(utc));
        Assert.Equal("datetime.datetime(2024, 1, 2, 0, 0, 0, 1, tzinfo=datetime.timezone.utc)", PyText.Repr(utc));
        var india = new DateTimeOffset(2024, 1, 2, 0, 0, 0, new TimeSpan(5, 30, 0));
        Assert.Equal("2024-01-02 00:00:00+05:30", PyText.Str(india));
        Assert.Equal("datetime.datetime(2024, 1, 2, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(seconds=19800)))", PyText.Repr(india));
        Assert.Equal("2024-01-02 03:04:05-05:00", PyText.Str(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5))));
    }

    [Fact]
    public void Times_StrAndRepr()
    {
        Assert.Equal("01:02:03.000040", PyText.Str(new TimeOnly(1, 2, 3).Add(TimeSpan.FromTicks(400))));
        Assert.Equal("23:59:59", PyText.Str(new TimeOnly(23, 59, 59)));
        Assert.Equal("datetime.time(1, 2)", PyText.Repr(new TimeOnly(1, 2)));
        Assert.Equal("datetime.time(1, 2, 3)", PyText.Repr(new TimeOnly(1, 2, 3)));
        Assert.Equal("datetime.time(1, 2, 0, 4)", PyText.Repr(new TimeOnly(1, 2).Add(TimeSpan.FromTicks(40))));
    }

    [Fact]
    public void Timedelta_StrAndRepr()
    {
        Assert.Equal("0:00:00", PyText.Str(TimeSpan.Zero));
        Assert.Equal("datetime.timedelta(0)", PyText.Repr(TimeSpan.Zero));
        Assert.Equal("1 day, 0:00:00", PyText.Str(TimeSpan.FromDays(1)));
        Assert.Equal("-1 day, 0:00:00", PyText.Str(TimeSpan.FromDays(-1)));
        Assert.Equal("-1 day, 23:59:59", PyText.Str(TimeSpan.FromSeconds(-1)));
        Assert.Equal("datetime.timedelta(days=-1, seconds=86399)", PyText.Repr(TimeSpan.FromSeconds(-1)));
        var mixed = new TimeSpan(2, 1, 2, 3) + TimeSpan.FromTicks(50);
        Assert.Equal("2 days, 1:02:03.000005", PyText.Str(mixed));
        Assert.Equal("datetime.timedelta(days=2, seconds=3723, microseconds=5)", PyText.Repr(mixed));
        Assert.Equal("-1 day, 23:59:59.999999", PyText.Str(TimeSpan.FromTicks(-10)));
        Assert.Equal("0:00:01.500000", PyText.Str(TimeSpan.FromMilliseconds(1500)));
    }

    [Fact]
    public void Containers_NestElementReprs()
    {
        Assert.Equal("[1.0, 'x', \"it's\", None, True]", PyText.Str(new List<object?> { 1.0, "x", "it's", null, true }));
        Assert.Equal("[]", PyText.Repr(new List<object?>()));
        Assert.Equal("[1, 2, 3]", PyText.Repr(new long[] { 1, 2, 3 }));
        Assert.Equal("[datetime.date(2024, 1, 2)]", PyText.Str(new List<object?> { new DateOnly(2024, 1, 2) }));
        Assert.Equal("{'a': [1, None, True], 'b': b'x'}", PyText.Str(new List<KeyValuePair<string, object?>>
        {
            new("a", new List<object?> { 1L, null, true }),
            new("b", new byte[] { (byte)'x' }),
        }));
        Assert.Equal("{}", PyText.Repr(new List<KeyValuePair<string, object?>>()));
        Assert.Equal("{1: 'one'}", PyText.Repr(new Dictionary<int, string> { [1] = "one" }));
        Assert.Equal("[(1, 'a'), (2,)]", PyText.Repr(new List<object?> { (1L, "a"), Tuple.Create(2L) }));
        Assert.Equal("[[1.5], [[]]]", PyText.Repr(new List<object?> { new List<object?> { 1.5 }, new List<object?> { new List<object?>() } }));
    }

    [Fact]
    public void UuidAndInterval()
    {
        var uuid = Guid.Parse("12345678-1234-5678-9abc-def012345678");
        Assert.Equal("12345678-1234-5678-9abc-def012345678", PyText.Str(uuid));
        Assert.Equal("UUID('12345678-1234-5678-9abc-def012345678')", PyText.Repr(uuid));
        Assert.Equal("[UUID('12345678-1234-5678-9abc-def012345678')]", PyText.Str(new List<object?> { uuid }));
        Assert.Equal("MonthDayNano(months=1, days=-2, nanoseconds=3)", PyText.Str(new MonthDayNanosecondInterval(1, -2, 3)));
    }
}
