using Apache.Arrow;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>
/// Every Arrow type of the flatbuffer Type union (plus dictionary&lt;int16, utf8&gt;), with nulls, in
/// both directions against Apache.Arrow's own IPC reader and writer, and through our own pair.
/// </summary>
public class TypeMatrixTests
{
    public static IEnumerable<object[]> AllCases => CaseNames();

    private static (Schema Schema, RecordBatch Batch, List<string?> Expected) Make(TypeCase c)
    {
        var array = c.Build();
        var schema = SchemaOf(c.Field, new Field("tail", Apache.Arrow.Types.Int32Type.Default, false));
        var tail = new Int32Array.Builder().AppendRange(Enumerable.Range(100, array.Length)).Build();
        return (schema, new RecordBatch(schema, [array, tail], array.Length), Values(array));
    }

    /// <summary>The canonical values the matrix compares really are the logical values (fixed-width ones as little-endian hex).</summary>
    [Theory]
    [InlineData("null", new[] { "NULL", "NULL", "NULL", "NULL", "NULL" })]
    [InlineData("int32", new[] { "00000080", "NULL", "2A000000", "FFFFFF7F", "NULL" })]
    [InlineData("utf8", new[] { "héllo", "NULL", "", "wörld ✓" })]
    [InlineData("bool", new[] { "true", "NULL", "false", "true", "true", "false", "NULL", "true", "false", "true" })]
    [InlineData("list<int32>", new[] { "[01000000,02000000]", "NULL", "[]", "[null,05000000,06000000]" })]
    [InlineData("struct", new[] { "{01000000,x}", "NULL", "{null,z}", "{04000000,null}", "{05000000,five}", "{06000000,six}" })]
    [InlineData("sparse_union", new[] { "5:01000000", "7:two", "5:null", "7:null", "7:five" })]
    [InlineData("dense_union", new[] { "5:01000000", "7:two", "5:null", "7:null", "7:five" })]
    [InlineData("fixed_size_list<int32>[2]", new[] { "[01000000,02000000]", "NULL", "[null,04000000]", "[05000000,06000000]" })]
    [InlineData("map<utf8,int32>", new[] { "[{a,01000000},{b,null}]", "NULL", "[]", "[{c,03000000}]" })]
    [InlineData("run_end_encoded<int32,utf8>", new[] { "x", "x", "NULL", "NULL", "NULL", "yy", "yy" })]
    [InlineData("utf8_view", new[] { "short", "NULL", "a string that does not fit inline", "" })]
    [InlineData("list_view<int32>", new[] { "[01000000,02000000]", "NULL", "[]", "[null,05000000,06000000]" })]
    [InlineData("dictionary<int16,utf8>", new[] { "FAILED", "NULL", "PENDING", "FAILED", "DONE" })]
    [InlineData("fixed_size_binary[3]", new[] { "010203", "NULL", "040506", "000000" })]
    public void CanonicalValuesAreTheLogicalValues(string name, string[] expected) =>
        Assert.Equal(expected, Values(Case(name).Build()).Select(v => v ?? "NULL"));

    [Theory]
    [MemberData(nameof(AllCases))]
    public void OurWriterApacheReader(string name)
    {
        var (schema, batch, expected) = Make(Case(name));
        var (readSchema, batches) = ReadApache(WriteOurs(schema, batch));
        Assert.Equal(DescribeSchema(schema), DescribeSchema(readSchema));
        var read = Assert.Single(batches);
        Assert.Equal(batch.Length, read.Length);
        Assert.Equal(expected, Values(read.Column(0)));
        Assert.Equal(Values(batch.Column(1)), Values(read.Column(1)));
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task ApacheWriterOurReader(string name)
    {
        var (schema, batch, expected) = Make(Case(name));
        var (readSchema, batches) = await ReadOurs(new MemoryStream(WriteApache(schema, batch)));
        Assert.Equal(DescribeSchema(schema), DescribeSchema(readSchema));
        var read = Assert.Single(batches);
        Assert.Equal(batch.Length, read.Length);
        Assert.Equal(expected, read.Columns[0]);
        Assert.Equal(Values(batch.Column(1)), read.Columns[1]);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task OurWriterOurReader(string name)
    {
        var (schema, batch, expected) = Make(Case(name));
        var (readSchema, batches) = await ReadOurs(new MemoryStream(WriteOurs(schema, batch, batch)));
        Assert.Equal(DescribeSchema(schema), DescribeSchema(readSchema));
        Assert.Equal(2, batches.Count);
        foreach (var read in batches)
        {
            Assert.Equal(batch.Length, read.Length);
            Assert.Equal(expected, read.Columns[0]);
            Assert.Equal([new("vgi_rpc.test", "1")], read.Metadata);
        }
    }

    /// <summary>
    /// Decoded from the same bytes, our arrays have the buffer and child layout that Apache.Arrow's
    /// reader gives, so every Apache.Arrow accessor works on them.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task DecodedLayoutMatchesApacheReader(string name)
    {
        var (schema, batch, _) = Make(Case(name));
        foreach (var bytes in new[] { WriteOurs(schema, batch), WriteApache(schema, batch) })
        {
            var apache = Assert.Single(ReadApache(bytes).Batches);
            var reader = new ArrowIpcReader(new MemoryStream(bytes));
            await reader.ReadSchemaAsync();
            using var ours = await reader.ReadBatchAsync();
            for (int i = 0; i < schema.FieldsList.Count; i++)
            {
                Assert.Equal(Shape(apache.Column(i).Data), Shape(ours!.Batch.Column(i).Data));
                Assert.Equal(apache.Column(i).GetType(), ours.Batch.Column(i).GetType());
            }
        }
    }

    /// <summary>Zero-row batches (log and error batches carry every column with length 0).</summary>
    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task EmptyBatchIsReadableByBoth(string name)
    {
        var (schema, batch, expected) = Make(Case(name));
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(schema);
        writer.WriteEmptyBatch([new("vgi_rpc.log_level", "INFO")]);
        // A data batch after the empty one must still decode (the empty batch may have sent a dictionary).
        writer.WriteBatch(batch, null);
        writer.WriteEos();
        writer.Flush();
        var bytes = ms.ToArray();

        var ours = await ReadOurs(new MemoryStream(bytes));
        Assert.Equal(2, ours.Batches.Count);
        Assert.Equal(0, ours.Batches[0].Length);
        Assert.All(ours.Batches[0].Columns, Assert.Empty);
        Assert.Equal("INFO", ours.Batches[0].Metadata.Get("vgi_rpc.log_level"));
        Assert.Equal(expected, ours.Batches[1].Columns[0]);

        var (_, batches) = ReadApache(bytes);
        Assert.Equal(2, batches.Count);
        Assert.Equal(0, batches[0].Length);
        Assert.All(batches[0].Arrays, a => Assert.Equal(0, a.Length));
        Assert.All(batches[0].Arrays, a => Assert.Empty(Values(a)));
        Assert.Equal(expected, Values(batches[1].Column(0)));
    }

    /// <summary>All types side by side in one batch, so buffer and node walking must stay in step.</summary>
    [Fact]
    public async Task AllTypesInOneBatch()
    {
        var arrays = Cases.Select(c => c.Build()).ToList();
        int length = arrays.Min(a => a.Length);
        var columns = arrays.Select(a => ArrowArrayFactory.Slice(a, 0, length)).ToList();
        var fields = Cases.Select((c, i) => new Field($"c{i}", c.Field.DataType, true)).ToArray();
        var schema = SchemaOf(fields);
        var batch = new RecordBatch(schema, columns, length);
        var expected = columns.Select(Values).ToList();

        var ours = await ReadOurs(new MemoryStream(WriteOurs(schema, batch)));
        Assert.Equal(DescribeSchema(schema), DescribeSchema(ours.Schema));
        Assert.Equal(expected, Assert.Single(ours.Batches).Columns);

        var (_, apacheRead) = ReadApache(WriteOurs(schema, batch));
        Assert.Equal(expected, Assert.Single(apacheRead).Arrays.Select(Values).ToList());

        var fromApache = await ReadOurs(new MemoryStream(WriteApache(schema, batch)));
        Assert.Equal(expected, Assert.Single(fromApache.Batches).Columns);
    }
}
