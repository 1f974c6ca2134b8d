using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Tests.Protocol;

/// <summary>Every protocol record survives ToIpcBytes → FromIpcBytes with a non-default value in every field.</summary>
public class RoundTripTests
{
    public static IEnumerable<object[]> Names() => ProtocolRecords.Names();

    [Theory]
    [MemberData(nameof(Names))]
    public void Sample_values_are_not_defaults(string name)
    {
        var record = ProtocolRecords.Get(name);
        var value = RecordValues.Fill(record.Type, 1);
        Assert.Empty(RecordValues.PropertiesAtDefault(record.Type, value));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void One_row_round_trips_through_ipc_bytes(string name)
    {
        var record = ProtocolRecords.Get(name);
        var value = RecordValues.Fill(record.Type, 1);
        var bytes = record.ToIpcBytes(value);
        var back = record.FromIpcBytes(bytes);
        var errors = RecordValues.Differences(value, back, name);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        // The batch carries exactly the record's schema.
        var batch = IpcBytes.ReadBatch(bytes);
        Assert.Equal(1, batch.Length);
        Assert.Empty(SchemaSpecsDiff(record, batch.Schema));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Several_rows_with_defaults_and_nulls_round_trip(string name)
    {
        var record = ProtocolRecords.Get(name);
        object[] rows = [RecordValues.Fill(record.Type, 1), record.CreateDefault(), RecordValues.Fill(record.Type, 2)];
        var batch = record.ToRecordBatch(rows);
        Assert.Equal(3, batch.Length);
        var back = record.FromRecordBatch(IpcBytes.ReadBatch(IpcBytes.WriteBatch(batch)));
        var errors = RecordValues.Differences(rows, back, name);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Records_without_fields_write_one_zero_column_row()
    {
        var bytes = ArrowRecord.ToIpcBytes(new AggregateUpdateResult());
        var batch = IpcBytes.ReadBatch(bytes);
        Assert.Equal(0, batch.ColumnCount);
        Assert.Equal(1, batch.Length);
        Assert.IsType<AggregateUpdateResult>(ArrowRecord.FromIpcBytes<AggregateUpdateResult>(bytes));
        Assert.Empty(ArrowRecord.FromIpcBytesAll<CatalogCatalogsParams>(IpcBytes.WriteBatch(CatalogCatalogsParams.ToRecordBatch([]))));
    }

    [Fact]
    public void Quirk_fields_write_null_under_a_not_null_flag()
    {
        var bytes = ArrowRecord.ToIpcBytes(new BindResult { OutputSchema = ProtocolDefaults.EmptySchema, OpaqueData = null });
        var batch = IpcBytes.ReadBatch(bytes);
        var field = batch.Schema.GetFieldByName("opaque_data");
        Assert.False(field.IsNullable);
        Assert.True(batch.Column("opaque_data").IsNull(0));
        Assert.Null(ArrowRecord.FromIpcBytes<BindResult>(bytes).OpaqueData);

        var table = ArrowRecord.FromIpcBytes<TableInfo>(ArrowRecord.ToIpcBytes(new TableInfo { Name = "t" }));
        Assert.Null(table.ScanFunction);
        Assert.Null(table.BindResult);
        Assert.Null(table.CardinalityEstimate);
        Assert.Null(table.ColumnStatistics);
    }

    [Fact]
    public void Nested_ipc_items_are_independent_streams()
    {
        var result = new CatalogSchemasResult { Items = [new SchemaInfo { Name = "main" }, new SchemaInfo { Name = "other", Comment = "c" }] };
        var batch = IpcBytes.ReadBatch(ArrowRecord.ToIpcBytes(result));
        var items = (Apache.Arrow.ListArray)batch.Column("items");
        var values = (Apache.Arrow.BinaryArray)items.Values;
        Assert.Equal(2, values.Length);
        var second = ArrowRecord.FromIpcBytes<SchemaInfo>(values.GetBytes(1).ToArray());
        Assert.Equal("other", second.Name);
        Assert.Equal("c", second.Comment);
    }

    [Fact]
    public void Enum_members_travel_as_upper_snake_case_names()
    {
        var batch = FunctionInfo.ToRecordBatch([new FunctionInfo { FunctionType = FunctionType.TableBuffering, PartitionKind = PartitionKind.SingleValuePartitions, OrderPreservation = OrderPreservation.NoOrderGuarantee }]);
        Assert.Equal("TABLE_BUFFERING", DictionaryValue(batch.Column("function_type"), 0));
        Assert.Equal("SINGLE_VALUE_PARTITIONS", DictionaryValue(batch.Column("partition_kind"), 0));
        Assert.Equal("NO_ORDER_GUARANTEE", DictionaryValue(batch.Column("order_preservation"), 0));
        Assert.True(batch.Column("stability").IsNull(0));
    }

    private static string? DictionaryValue(Apache.Arrow.IArrowArray array, int index)
    {
        var dict = Assert.IsType<Apache.Arrow.DictionaryArray>(array);
        var indices = (Apache.Arrow.Int16Array)dict.Indices;
        return ((Apache.Arrow.StringArray)dict.Dictionary).GetString(indices.GetValue(index)!.Value);
    }

    private static List<string> SchemaSpecsDiff(RecordCase record, Apache.Arrow.Schema read)
    {
        var expected = record.Schema();
        var errors = new List<string>();
        if (expected.FieldsList.Count != read.FieldsList.Count) errors.Add("field count");
        for (int i = 0; i < Math.Min(expected.FieldsList.Count, read.FieldsList.Count); i++)
        {
            var (e, a) = (expected.FieldsList[i], read.FieldsList[i]);
            if (e.Name != a.Name || e.IsNullable != a.IsNullable || SchemaSpecs.Describe(e.DataType) != SchemaSpecs.Describe(a.DataType))
                errors.Add($"{e.Name}: written {SchemaSpecs.Describe(a.DataType)} {a.IsNullable}, declared {SchemaSpecs.Describe(e.DataType)} {e.IsNullable}");
        }
        return errors;
    }
}
