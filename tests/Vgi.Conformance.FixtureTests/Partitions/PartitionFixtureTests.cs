using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Protocol;
using Vgi.Rpc;
using Vgi.Testing;
using static Vgi.Conformance.FixtureTests.Probes.FixtureScan;
using static Vgi.Testing.Tables;

namespace Vgi.Conformance.FixtureTests.Partitions;

/// <summary>
/// Batch-index and partition fixtures (fixtures.md §2.4.3) end to end: <c>vgi_batch_index</c> and
/// <c>vgi_partition_values#b64</c> on each batch (vgi-functions §6.5), decoded; the deliberately broken
/// fixtures send their broken batches (or fail the way Python's framework does).
/// </summary>
public sealed class PartitionFixtureTests
{
    private const string BatchIndexKey = "vgi_batch_index";
    private const string PartitionValuesKey = "vgi_partition_values#b64";

    /// <summary>The decoded partition values of a batch: the two-row (min, max) batch.</summary>
    private static RecordBatch PartitionValues(TableBatch batch) =>
        IpcBytes.ReadBatch(Convert.FromBase64String(Assert.IsType<string>(Meta(batch, PartitionValuesKey))));

    [Fact]
    public async Task PartitionedBatchIndex_EachChunkTaggedWithItsPartitionId()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, stream, batches) = await RunAsync(w, Table("partitioned_batch_index", [Calls.I64(2500)]), projection: [0]);
        Assert.Equal(99999, stream.Header.MaxWorkers);
        Assert.Equal(["0", "1", "2"], batches.Select(b => Meta(b, BatchIndexKey)));
        Assert.Equal([1000, 1000, 500], batches.Select(b => b.Batch.Length));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), Longs(batches, "n"));
    }

    [Fact]
    public async Task PartitionedBatchIndexMarked_BatchesOfAtMost256_TaggedByPartition()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, batches) = await RunAsync(w, Table("partitioned_batch_index_marked", [Calls.I64(600)], [Named("chunk_size", 300)]));
        Assert.Equal([256, 44, 256, 44], batches.Select(b => b.Batch.Length));
        Assert.Equal(["0", "0", "1", "1"], batches.Select(b => Meta(b, BatchIndexKey)));
        Assert.Equal(Enumerable.Repeat(0L, 300).Concat(Enumerable.Repeat(1L, 300)), Longs(batches, "partition_id"));
        Assert.Equal(Enumerable.Range(0, 300).Concat(Enumerable.Range(0, 300)).Select(i => (long)i), Longs(batches, "seq"));
    }

    [Fact]
    public async Task CountryPartitionedSales_OneBatchPerCountry_PartitionValuesDecoded()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (bound, _, batches) = await RunAsync(w, Table("country_partitioned_sales", [Calls.I64(3)]));
        var country = bound.OutputSchema.FieldsList[0];
        Assert.Equal("true", Meta(country, "vgi.partition_column"));
        Assert.Null(Meta(bound.OutputSchema.FieldsList[1], "vgi.partition_column"));
        Assert.Equal(["AU", "BR", "CA", "FR", "US"], batches.Select(b => Strings([b], "country")[0]));
        for (int idx = 0; idx < batches.Count; idx++)
        {
            var batch = batches[idx];
            Assert.Equal(3, batch.Batch.Length);
            Assert.Equal([idx * 1_000_000L, idx * 1_000_000L + 1, idx * 1_000_000L + 2], Longs([batch], "sales"));
            var values = PartitionValues(batch);
            Assert.Equal(2, values.Length);
            Assert.Equal(["country"], values.Schema.FieldsList.Select(f => f.Name));
            string name = Strings([batch], "country")[0];
            Assert.Equal([name, name], Calls.Strings(values.Column(0)));
        }
    }

    [Fact]
    public async Task RegionYearPartitioned_TwoPartitionColumns()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, batches) = await RunAsync(w, Table("region_year_partitioned", [Calls.I64(2)]));
        Assert.Equal(6, batches.Count);
        var values = PartitionValues(batches[3]);
        Assert.Equal(["region", "year"], values.Schema.FieldsList.Select(f => f.Name));
        Assert.Equal(["EMEA", "EMEA"], Calls.Strings(values.Column(0)));
        Assert.Equal([2024L, 2024L], Calls.Longs(values.Column(1)));
        Assert.Equal([3000.0, 3001.0], Doubles([batches[3]], "value"));
    }

    [Fact]
    public async Task PartitionedWithExplicitOverride_AndDisjointRanges()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, categories) = await RunAsync(w, Table("partitioned_with_explicit_override", [Calls.I64(2)]));
        Assert.Equal(["books", "music", "video"], categories.Select(b => Strings([b], "category")[0]));
        Assert.Equal(["music", "music"], Calls.Strings(PartitionValues(categories[1]).Column(0)));
        Assert.Equal([200L, 201L], Longs([categories[1]], "revenue"));

        var (_, _, ranges) = await RunAsync(w, Table("disjoint_range_partitioned", [Calls.I64(3)], [Named("rows_per_partition", 4)]));
        Assert.Equal(3, ranges.Count);
        var keys = PartitionValues(ranges[2]);
        Assert.Equal([2000L, 2003L], Calls.Longs(keys.Column(0)));
        Assert.Equal([20L, 21, 22, 23], Longs([ranges[2]], "value"));
    }

    [Fact]
    public async Task BrokenBatchIndexFixtures_SendTheirBrokenTags()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, decreasing) = await RunAsync(w, Table("broken_non_monotone_batch_index", [Calls.I64(5)]));
        Assert.Equal(["10", "3"], decreasing.Select(b => Meta(b, BatchIndexKey)));
        Assert.Equal([0L, 1, 2, 3, 4, 42], Longs(decreasing, "n"));

        var (_, _, overflow) = await RunAsync(w, Table("broken_batch_index_overflow", [Calls.I64(3)]));
        Assert.Equal(["1152921504606846976"], overflow.Select(b => Meta(b, BatchIndexKey)));
    }

    [Fact]
    public async Task BrokenPartitionMinNeqMax_SendsMinUsMaxBr()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, _, batches) = await RunAsync(w, Table("broken_partition_min_neq_max", [Calls.I64(4)]));
        var batch = Assert.Single(batches);
        Assert.Equal(["US", "US", "US", "US"], Strings(batches, "country"));
        Assert.Equal(["US", "BR"], Calls.Strings(PartitionValues(batch).Column(0)));
    }

    [Theory]
    [InlineData("broken_partition_values_no_annotation", "requires partition-annotated fields")]
    [InlineData("broken_partition_column_absent_from_batch", "is partition-annotated but absent from emitted batch")]
    public async Task BrokenPartitionFixtures_FailInTheWorker(string function, string message)
    {
        await using var w = WorkerProcess.Fixture.Start();
        var request = Table(function, [Calls.I64(3)]);
        var bound = (await w.BindAsync(request)).Value;
        var stream = await TableStream.OpenAsync(w.Rpc, Init(request, bound));
        await stream.BeginAsync();
        // The init succeeded; the failure comes on the data stream as an EXCEPTION batch instead of the first batch.
        var error = await Assert.ThrowsAsync<RpcException>(() => stream.ReadAllAsync());
        Assert.Equal("EXCEPTION", error.TypeName);
        Assert.Contains(message, error.Message);
        Assert.Contains(function, error.Message);
        Assert.NotNull(stream.OutputSchema);
        await stream.EndInputAsync();

        // The worker goes on serving on the same connection.
        var (_, _, batches) = await RunAsync(w, Table("broken_partition_min_neq_max", [Calls.I64(2)]));
        Assert.Equal(["US", "US"], Strings(batches, "country"));
    }

    [Fact]
    public async Task BrokenMissingBatchIndexTag_SendsABatchWithoutTheTag()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (_, stream, batches) = await RunAsync(w, Table("broken_missing_batch_index_tag", [Calls.I64(3)]));
        Assert.Equal(99999, stream.Header.MaxWorkers);
        var batch = Assert.Single(batches);
        Assert.Equal([0L, 1, 2], Longs(batches, "n"));
        Assert.DoesNotContain(batch.Metadata, kv => kv.Key == BatchIndexKey);
        Assert.DoesNotContain(batch.Metadata, kv => kv.Key == PartitionValuesKey);

        // Its well-formed sibling tags the same kind of batch.
        var (_, _, tagged) = await RunAsync(w, Table("broken_non_monotone_batch_index", [Calls.I64(3)]));
        Assert.All(tagged, b => Assert.Contains(b.Metadata, kv => kv.Key == BatchIndexKey));
    }

    [Fact]
    public async Task BrokenMissingPartitionValues_SendsABatchWithoutThem()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var (bound, _, batches) = await RunAsync(w, Table("broken_missing_partition_values", [Calls.I64(3)]));
        Assert.Equal("true", Meta(bound.OutputSchema.FieldsList[0], "vgi.partition_column"));
        var batch = Assert.Single(batches);
        Assert.Equal(["US", "US", "US"], Strings(batches, "country"));
        Assert.Equal([0L, 1, 2], Longs(batches, "sales"));
        Assert.DoesNotContain(batch.Metadata, kv => kv.Key == PartitionValuesKey);
        Assert.DoesNotContain(batch.Metadata, kv => kv.Key == BatchIndexKey);

        // The same batch from a well-formed partitioned fixture carries them.
        var (_, _, sales) = await RunAsync(w, Table("country_partitioned_sales", [Calls.I64(1)]));
        Assert.All(sales, b => Assert.Contains(b.Metadata, kv => kv.Key == PartitionValuesKey));
    }

    [Fact]
    public async Task Catalog_ListsPartitionAndBatchIndexFlags()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var functions = (await w.FunctionsAsync(attach, CatalogObjectType.TableFunction)).Value.Items.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.First());
        var indexed = functions["partitioned_batch_index"];
        Assert.True(indexed.SupportsBatchIndex);
        Assert.Equal(OrderPreservation.FixedOrder, indexed.OrderPreservation);
        Assert.Equal(["generator", "utility"], indexed.Categories);
        Assert.Equal(PartitionKind.SingleValuePartitions, functions["country_partitioned_sales"].PartitionKind);
        Assert.Equal(PartitionKind.DisjointPartitions, functions["disjoint_range_partitioned"].PartitionKind);
        Assert.False(functions["partitioned_batch_index_marked"].ProjectionPushdown);
        Assert.Equal(["testing", "broken"], functions["broken_batch_index_overflow"].Categories);
        Assert.Equal(
            "Partition column ``category`` is in the bind schema and the emitted batches; worker uses the explicit ``partition_values=`` override on ``out.emit`` to exercise the override code path.",
            functions["partitioned_with_explicit_override"].Description);
        Assert.Equal(["partitions", "rows_per_partition"], functions["disjoint_range_partitioned"].Arguments.FieldsList.Select(f => f.Name));
    }
}
