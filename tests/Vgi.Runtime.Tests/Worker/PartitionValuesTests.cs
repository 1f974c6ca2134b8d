using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Workers;

namespace Vgi.Tests.Worker;

public class PartitionValuesTests
{
    private static readonly Field Country = new("country", StringType.Default, true, [new("vgi.partition_column", "true")]);
    private static readonly Field Key = new("key", Int64Type.Default, true, [new("vgi.partition_column", "true")]);
    private static readonly Field Sales = new("sales", Int64Type.Default, true);

    private static TableFunctionDefinition Definition(PartitionKind kind) => new()
    {
        Name = "f",
        Arguments = new Schema([], null),
        PartitionKind = kind,
        Bind = _ => throw new NotSupportedException(),
    };

    private static StringArray Str(params string[] values)
    {
        var b = new StringArray.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    private static Int64Array I64(params long?[] values)
    {
        var b = new Int64Array.Builder();
        foreach (var v in values) b.Append(v);
        return b.Build();
    }

    [Fact]
    public void Single_value_partitions_carry_the_value_as_min_and_max_with_the_bind_fields()
    {
        var output = new Schema([Country, Sales], null);
        var batch = new RecordBatch(output, [Str("US", "US", "US"), I64(1, 2, 3)], 3);
        var values = PartitionValues.Extract(Definition(PartitionKind.SingleValuePartitions), output, batch);
        var decoded = IpcBytes.ReadBatch(PartitionValues.Encode("f", output, values));
        Assert.Equal(2, decoded.Length);
        var field = Assert.Single(decoded.Schema.FieldsList);
        Assert.Equal("country", field.Name);
        Assert.Equal("true", field.Metadata["vgi.partition_column"]);
        var column = (StringArray)decoded.Column(0);
        Assert.Equal(["US", "US"], new[] { column.GetString(0), column.GetString(1) });
    }

    [Fact]
    public void Disjoint_partitions_carry_the_smallest_and_largest_non_null_value()
    {
        var output = new Schema([Key, Sales], null);
        var batch = new RecordBatch(output, [I64(1005, null, 1000, 1009), I64(1, 2, 3, 4)], 4);
        var values = PartitionValues.Extract(Definition(PartitionKind.DisjointPartitions), output, batch);
        var column = (Int64Array)values.Column(0);
        Assert.Equal([1000L, 1009L], new[] { column.GetValue(0), column.GetValue(1) });
    }

    [Fact]
    public void A_single_value_batch_with_two_values_fails_naming_the_column()
    {
        var output = new Schema([Country, Sales], null);
        var batch = new RecordBatch(output, [Str("US", "BR"), I64(1, 2)], 2);
        var e = Assert.Throws<RpcException>(() => PartitionValues.Extract(Definition(PartitionKind.SingleValuePartitions), output, batch));
        Assert.Contains("column 'country' has more than one distinct value", e.Message);
    }

    [Fact]
    public void A_partition_column_missing_from_the_batch_fails_with_the_reference_text()
    {
        var output = new Schema([Country, Sales], null);
        var batch = new RecordBatch(new Schema([Sales], null), [I64(1)], 1);
        var e = Assert.Throws<RpcException>(() => PartitionValues.Extract(Definition(PartitionKind.SingleValuePartitions), output, batch));
        Assert.Contains("column 'country' is partition-annotated but absent from emitted batch", e.Message);
    }

    [Fact]
    public void Partition_values_without_annotated_fields_fail_before_the_wire()
    {
        var output = new Schema([new Field("country", StringType.Default, true), Sales], null);
        var values = new RecordBatch(new Schema([new Field("country", StringType.Default, true)], null), [Str("US", "US")], 2);
        var e = Assert.Throws<RpcException>(() => PartitionValues.Encode("f", output, values));
        Assert.Contains("requires partition-annotated fields", e.Message);
    }
}
