using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>Field and schema metadata, nullability, nested field names and dictionary encodings survive the schema codec.</summary>
public class SchemaMetadataTests
{
    private static readonly Dictionary<string, string> ArgMetadata = new() { ["vgi_arg"] = "0", ["vgi_type"] = "VARCHAR" };

    private static Schema RichSchema() => new(
        [
            new Field("name", StringType.Default, false, ArgMetadata),
            new Field("tags", new ListType(new Field("item", StringType.Default, false, new Dictionary<string, string> { ["child"] = "yes" })), true),
            new Field("renamed_list", new ListType(new Field("element", Int64Type.Default, true)), false),
            new Field("attrs", new MapType(new Field("key", StringType.Default, false), new Field("value", Int32Type.Default, true), false), true),
            new Field("sorted", new MapType(Int32Type.Default, StringType.Default, false, true), false),
            new Field("point", new StructType([new Field("x", DoubleType.Default, false), new Field("y", DoubleType.Default, true, new Dictionary<string, string> { ["unit"] = "m" })]), true),
            new Field("state", new DictionaryType(Int16Type.Default, StringType.Default, false), true, new Dictionary<string, string> { ["vgi_type"] = "ENUM" }),
            new Field("rank", new DictionaryType(Int32Type.Default, StringType.Default, true), false),
            new Field("is_row_id", Int64Type.Default, false, new Dictionary<string, string> { ["is_row_id"] = "", ["empty"] = "" }),
        ],
        new Dictionary<string, string> { ["vgi_schema"] = "v1", ["unicode"] = "ünïcødé ✓" });

    private static void AssertSameSchema(Schema expected, Schema actual)
    {
        Assert.Equal(DescribeSchema(expected), DescribeSchema(actual));
        Assert.Equal(Sorted(expected.Metadata), Sorted(actual.Metadata));
        Assert.Equal(FieldMetadata(expected.FieldsList), FieldMetadata(actual.FieldsList));
    }

    private static List<KeyValuePair<string, string>> Sorted(IReadOnlyDictionary<string, string>? metadata) =>
        metadata is null ? [] : [.. metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)];

    // Every field's metadata, depth first, keyed by its path.
    private static List<string> FieldMetadata(IEnumerable<Field> fields, string prefix = "")
    {
        var result = new List<string>();
        foreach (var f in fields)
        {
            string path = prefix + f.Name;
            result.Add(path + "=" + string.Join(",", Sorted(f.Metadata).Select(kv => kv.Key + ":" + kv.Value)));
            var type = f.DataType is DictionaryType d ? d.ValueType : f.DataType;
            if (type is NestedType n) result.AddRange(FieldMetadata(n.Fields, path + "."));
        }
        return result;
    }

    [Fact]
    public async Task OurRoundTripPreservesEverything()
    {
        var schema = RichSchema();
        var reader = new ArrowIpcReader(new MemoryStream(Stream(schema)));
        var read = await reader.ReadSchemaAsync();
        AssertSameSchema(schema, read!);
        Assert.Null(await reader.ReadBatchAsync());
    }

    [Fact]
    public void ApacheReaderSeesOurSchema()
    {
        var schema = RichSchema();
        var (read, batches) = ReadApache(Stream(schema));
        Assert.Empty(batches);
        AssertSameSchema(schema, read);
    }

    [Fact]
    public async Task OurReaderSeesApacheSchema()
    {
        var schema = RichSchema();
        var reader = new ArrowIpcReader(new MemoryStream(WriteApache(schema)));
        AssertSameSchema(schema, (await reader.ReadSchemaAsync())!);
    }

    [Fact]
    public async Task NestedNamesAndNullabilityAreExplicit()
    {
        var read = (await new ArrowIpcReader(new MemoryStream(Stream(RichSchema()))).ReadSchemaAsync())!;
        Assert.False(read.GetFieldByName("name").IsNullable);
        Assert.True(read.GetFieldByName("tags").IsNullable);

        var item = ((ListType)read.GetFieldByName("tags").DataType).ValueField;
        Assert.Equal("item", item.Name);
        Assert.False(item.IsNullable);
        Assert.Equal("yes", item.Metadata["child"]);
        Assert.Equal("element", ((ListType)read.GetFieldByName("renamed_list").DataType).ValueField.Name);

        var map = (MapType)read.GetFieldByName("attrs").DataType;
        var entries = map.Fields[0];
        Assert.Equal("entries", entries.Name);
        Assert.False(entries.IsNullable);
        Assert.Equal("key", map.KeyField.Name);
        Assert.False(map.KeyField.IsNullable);
        Assert.Equal("value", map.ValueField.Name);
        Assert.True(map.ValueField.IsNullable);
        Assert.False(map.KeySorted);
        var sorted = (MapType)read.GetFieldByName("sorted").DataType;
        Assert.True(sorted.KeySorted);
        Assert.False(sorted.ValueField.IsNullable);
        // Apache.Arrow's MapType always names its children entries/key/value (it renames others),
        // so non-standard names from other writers cannot survive decoding either.

        var point = (StructType)read.GetFieldByName("point").DataType;
        Assert.Equal(["x", "y"], point.Fields.Select(f => f.Name));
        Assert.Equal([false, true], point.Fields.Select(f => f.IsNullable));
    }

    [Fact]
    public async Task DictionaryEncodingIsPreserved()
    {
        var read = (await new ArrowIpcReader(new MemoryStream(Stream(RichSchema()))).ReadSchemaAsync())!;
        var state = read.GetFieldByName("state");
        var dt = Assert.IsType<DictionaryType>(state.DataType);
        Assert.IsType<Int16Type>(dt.IndexType);
        Assert.IsType<StringType>(dt.ValueType);
        Assert.False(dt.Ordered);
        Assert.True(state.IsNullable);
        Assert.Equal("ENUM", state.Metadata["vgi_type"]);

        var rank = (DictionaryType)read.GetFieldByName("rank").DataType;
        Assert.IsType<Int32Type>(rank.IndexType);
        Assert.True(rank.Ordered);
    }

    [Theory]
    [InlineData(8, true)]
    [InlineData(16, true)]
    [InlineData(32, true)]
    [InlineData(64, true)]
    [InlineData(8, false)]
    [InlineData(16, false)]
    [InlineData(32, false)]
    [InlineData(64, false)]
    public async Task DictionaryIndexWidthsRoundTrip(int bits, bool signed)
    {
        IArrowType index = (bits, signed) switch
        {
            (8, true) => Int8Type.Default,
            (16, true) => Int16Type.Default,
            (32, true) => Int32Type.Default,
            (64, true) => Int64Type.Default,
            (8, false) => UInt8Type.Default,
            (16, false) => UInt16Type.Default,
            (32, false) => UInt32Type.Default,
            _ => UInt64Type.Default,
        };
        var schema = SchemaOf(new Field("d", new DictionaryType(index, StringType.Default, false), true));
        var read = await new ArrowIpcReader(new MemoryStream(Stream(schema))).ReadSchemaAsync();
        Assert.Equal(DescribeSchema(schema), DescribeSchema(read!));
        Assert.Equal(DescribeSchema(schema), DescribeSchema(ReadApache(Stream(schema)).Schema));
    }

    [Fact]
    public async Task FieldWithoutMetadataHasNone()
    {
        var schema = SchemaOf(new Field("a", Int32Type.Default, true));
        var read = (await new ArrowIpcReader(new MemoryStream(Stream(schema))).ReadSchemaAsync())!;
        Assert.False(read.HasMetadata);
        Assert.False(read.FieldsList[0].HasMetadata);
    }

    /// <summary>SerializeSchema is pyarrow's Schema.serialize(): one schema message, no EOS.</summary>
    [Fact]
    public async Task SerializeSchemaIsOneMessage()
    {
        var schema = RichSchema();
        var bytes = ArrowIpcWriter.SerializeSchema(schema);
        Assert.Equal([RawIpc.Schema], MessageTypes(bytes));
        Assert.Equal(Stream(schema)[..^8], bytes);
        var reader = new ArrowIpcReader(new MemoryStream(bytes));
        AssertSameSchema(schema, (await reader.ReadSchemaAsync())!);
        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadBatchAsync());
        Assert.Equal(56, ArrowIpcWriter.SerializeSchema(new Schema([], null)).Length);
    }

    private static byte[] Stream(Schema schema)
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(schema);
        writer.WriteEos();
        writer.Flush();
        return ms.ToArray();
    }
}
