using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Tables.Probes;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Conformance.Fixtures.Tables.Partitions;

/// <summary>
/// The batch-index and partition fixture (fixtures.md §2.4.3) that stays hand-written; the other twelve
/// are [TableFunction] methods in <see cref="PartitionFunctions"/>. A generated scan always writes every
/// projected column of its row type, and this fixture must send a batch without one of them.
/// </summary>
internal static class PartitionDefinitions
{
    public static IReadOnlyList<TableFunctionDefinition> All { get; } = [BrokenPartitionColumnAbsentFromBatch()];

    /// <summary>
    /// Emits a batch with only <c>revenue</c> and no explicit partition values; the worker, extracting the
    /// partition values from the scan's own batch, fails with "column 'category' is partition-annotated but
    /// absent from emitted batch; …" as Python's auto-extract does.
    /// </summary>
    private static TableFunctionDefinition BrokenPartitionColumnAbsentFromBatch() => new()
    {
        Name = "broken_partition_column_absent_from_batch",
        Description = "DELIBERATELY BROKEN: declares partition_kind on 'category' but emits a batch without 'category' AND doesn't supply an explicit partition_values override. The framework's auto-extract fails with RuntimeError before the wire.",
        Arguments = Hand.Arguments(HandWritten.Positional("count", Int64Type.Default)),
        PartitionKind = PartitionKind.SingleValuePartitions,
        ProjectionPushdown = false,
        Categories = ["testing", "broken"],
        Bind = context =>
        {
            var args = new BindArgs(context, "broken_partition_column_absent_from_batch(count BIGINT)", 1);
            long count = args.Int64(0, "count", min: 1);
            var output = HandWritten.Schema(Hand.PartitionColumn("category", StringType.Default), HandWritten.Column("revenue", Int64Type.Default));
            return new TableBinding(output, _ => new IteratorScan([new Emitted(Revenue(count))]), args.Score) { CardinalityEstimate = count, CardinalityMax = count };
        },
    };

    /// <summary>A batch of <c>revenue</c> 0..count-1 only (no <c>category</c> column).</summary>
    private static RecordBatch Revenue(long count) =>
        HandWritten.Batch(HandWritten.Schema(HandWritten.Column("revenue", Int64Type.Default)), (int)count, Col.Int64((int)count, i => i));
}
