using System.Reflection;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;

namespace Vgi.Tests.Protocol;

/// <summary>The schemas our records write match protocol-1.0.0-schemas.md field by field.</summary>
public class SchemaConformanceTests
{
    public static IEnumerable<object[]> SpecNames() => SchemaSpecs.All.Select(s => new object[] { s.Name });

    [Fact]
    public void The_spec_file_holds_114_schemas_with_unique_names()
    {
        Assert.Equal(114, SchemaSpecs.All.Count);
        Assert.Equal(114, SchemaSpecs.All.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Every_spec_schema_has_a_record_and_matches_it()
    {
        var failures = new List<string>();
        int checkedCount = 0;
        foreach (var spec in SchemaSpecs.All)
        {
            if (!ProtocolRecords.TryGet(spec.Name, out var record))
            {
                failures.Add($"{spec.Name}: no record");
                continue;
            }
            failures.AddRange(SchemaSpecs.Compare(spec, record.Schema()).Select(e => $"{spec.Name}{e}"));
            checkedCount++;
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(114, checkedCount);
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Schema_matches_the_spec(string name)
    {
        var errors = SchemaSpecs.Compare(SchemaSpecs.Get(name), ProtocolRecords.Get(name).Schema());
        Assert.True(errors.Count == 0, $"{name}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_ArrowRecord_type_of_the_protocol_is_registered()
    {
        var declared = typeof(BindRequest).Assembly.GetTypes()
            .Where(t => t.Namespace == "Vgi.Protocol" && t.GetCustomAttribute<ArrowRecordAttribute>() is not null)
            .Select(t => t.Name)
            .Order()
            .ToArray();
        Assert.Equal(declared, ProtocolRecords.All.Select(c => c.Name).Order().ToArray());
        Assert.Equal(148, declared.Length);
    }

    // ---- The parser itself -------------------------------------------------------------------

    [Fact]
    public void Parser_reads_headings_nested_types_and_no_fields()
    {
        var specs = SchemaSpecs.Parse("""
            # title

            ## CatalogInfo  (CatalogInfo)
              0. name: utf8 not null
              1. releases: list<struct<version: utf8 not null, released_at: timestamp<micro, UTC> not null, notes_url: utf8 nullable>> not null
              2. tags: map<utf8, int64> nullable
              3. kind: dictionary<int16, utf8> not null

            ## method 'aggregate_update' result  (AggregateUpdateResult)
              (no fields)
            """);
        Assert.Equal(["CatalogInfo", "AggregateUpdateResult"], specs.Select(s => s.Name));
        Assert.Equal("method 'aggregate_update' result", specs[1].Heading);
        Assert.Empty(specs[1].Fields);
        var f = specs[0].Fields;
        Assert.Equal(4, f.Count);
        Assert.Equal("releases", f[1].Name);
        Assert.False(f[1].Nullable);
        var st = f[1].Type.Args[0];
        Assert.Equal("struct", st.Name);
        Assert.Equal(["version", "released_at", "notes_url"], st.Fields.Select(x => x.Name));
        Assert.Equal(["micro", "UTC"], st.Fields[1].Type.Words);
        Assert.True(st.Fields[2].Nullable);
        Assert.Equal("map<utf8, int64>", f[2].Type.ToString());
        Assert.True(f[2].Nullable);
        Assert.Equal("dictionary<int16, utf8>", f[3].Type.ToString());
    }

    [Fact]
    public void Compare_reports_each_kind_of_difference()
    {
        var spec = SchemaSpecs.Parse("""
            ## X  (X)
              0. a: list<utf8> not null
              1. b: map<utf8, utf8> not null
              2. c: dictionary<int16, utf8> nullable
              3. d: struct<s: utf8 not null> not null
              4. e: timestamp<micro, UTC> not null
            """)[0];

        var good = new Schema.Builder()
            .Field(new Field("a", new ListType(new Field("item", StringType.Default, true)), false))
            .Field(new Field("b", new MapType(new Field("key", StringType.Default, false), new Field("value", StringType.Default, true)), false))
            .Field(new Field("c", new DictionaryType(Int16Type.Default, StringType.Default, false), true))
            .Field(new Field("d", new StructType([new Field("s", StringType.Default, false)]), false))
            .Field(new Field("e", new TimestampType(TimeUnit.Microsecond, "UTC"), false))
            .Build();
        Assert.Empty(SchemaSpecs.Compare(spec, good));

        var bad = new Schema.Builder()
            .Field(new Field("a", new ListType(new Field("item", StringType.Default, false)), false))
            .Field(new Field("b", new MapType(new Field("key", StringType.Default, false), new Field("value", StringType.Default, false)), false))
            .Field(new Field("c", new DictionaryType(Int32Type.Default, StringType.Default, false), true))
            .Field(new Field("d", new StructType([new Field("s", StringType.Default, true)]), false))
            .Field(new Field("e", new TimestampType(TimeUnit.Microsecond, (string?)null), true))
            .Build();
        var errors = SchemaSpecs.Compare(spec, bad);
        Assert.Contains(errors, e => e.Contains("list child must be nullable", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("value must be nullable", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("c.indices", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("d.0 s: nullable is True", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("timezone", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("[4] e: nullable is True", StringComparison.Ordinal));
    }
}
