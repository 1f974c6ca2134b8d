using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;

namespace Vgi.Tests.Functions;

/// <summary>
/// <see cref="BinaryResult"/>: values, nulls and offsets come out right whatever the buffer does
/// (no growth, one projected resize, repeated resizes when values get longer).
/// </summary>
public class BinaryResultTests
{
    public static TheoryData<int, int> Shapes => new()
    {
        { 2048, 16 },  // exactly the initial 16 bytes per value: must not grow at all
        { 2048, 256 }, // one projected resize
        { 100, 1 },
        { 1, 5000 },
        { 0, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Strings_of_one_length(int rows, int length)
    {
        var values = Enumerable.Range(0, rows).Select(i => (string?)new string((char)('a' + i % 26), length)).ToArray();
        AssertBuilds(values);
    }

    [Fact]
    public void Values_that_get_longer_nulls_and_non_ascii()
    {
        // Lengths grow with the row, so every projection from the rows so far is too small.
        var values = Enumerable.Range(0, 3000)
            .Select(i => i % 7 == 0 ? null : i % 5 == 0 ? new string('é', i / 10) + "€𝄞" : new string('x', i))
            .ToArray();
        AssertBuilds(values);
    }

    [Fact]
    public void Bytes_spans_and_reserved_values_mix_with_strings()
    {
        var result = new BinaryResult(5, bytesPerValue: 1);
        result.Append("ab");
        result.Append([1, 2, 3]);
        result.AppendNull();
        var span = result.Reserve(100);
        span[0] = 9;
        result.Commit(1);
        result.Append(new byte[40]);
        var array = (BinaryArray)result.Build(BinaryType.Default);

        Assert.Equal(5, array.Length);
        Assert.Equal(1, array.NullCount);
        Assert.Equal("ab"u8.ToArray(), array.GetBytes(0).ToArray());
        Assert.Equal(new byte[] { 1, 2, 3 }, array.GetBytes(1).ToArray());
        Assert.True(array.IsNull(2));
        Assert.Equal(new byte[] { 9 }, array.GetBytes(3).ToArray());
        Assert.Equal(new byte[40], array.GetBytes(4).ToArray());
    }

    private static void AssertBuilds(string?[] values)
    {
        var result = new BinaryResult(values.Length);
        foreach (var v in values) result.Append(v);
        var array = (StringArray)result.Build(StringType.Default);

        Assert.Equal(values.Length, array.Length);
        Assert.Equal(values.Count(v => v is null), array.NullCount);
        Assert.Equal(values.Length + 1, array.ValueOffsets.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is null) Assert.True(array.IsNull(i), $"row {i} should be null");
            else Assert.Equal(values[i], array.GetString(i));
        }
    }
}
