using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// <c>rowid_sequence(count, layout := 'first', row_id_type := 'int64')</c> (fixtures.md §2.4.1):
/// <c>row_id</c> (field metadata <c>is_row_id</c>) placed first, in the middle or last, typed
/// BIGINT, VARCHAR or STRUCT(a BIGINT, b VARCHAR). The schema depends on the arguments, so the
/// definition is hand-written.
/// </summary>
internal static class RowIdSequence
{
    private static readonly string[] Layouts = ["first", "middle", "last"];
    private static readonly string[] RowIdTypes = ["int64", "string", "struct"];
    private static readonly KeyValuePair<string, string>[] RowIdMetadata = [new("is_row_id", "")];

    private static readonly StructType StructRowId = new([HandWritten.Column("a", Int64Type.Default), HandWritten.Column("b", StringType.Default)]);

    private const int BatchRows = 1000;

    public static TableFunctionDefinition Definition { get; } = new()
    {
        Name = "rowid_sequence",
        Description = "Sequence with row_id column",
        Arguments = HandWritten.Schema(
            HandWritten.Positional("count", Int64Type.Default),
            HandWritten.Named("layout", StringType.Default),
            HandWritten.Named("row_id_type", StringType.Default)),
        BatchSize = BatchRows,
        Bind = Bind,
    };

    private static TableBinding Bind(TableBindContext context)
    {
        const string signature = "rowid_sequence(count BIGINT, layout := VARCHAR, row_id_type := VARCHAR)";
        var arguments = context.Arguments;
        TableArguments.ExpectPositional(arguments, 1, signature);
        TableArguments.ExpectNamed(arguments, ["layout", "row_id_type"], signature);
        int score = 0;
        long count = HandWritten.Int64(arguments.Positional[0], "count", ref score);
        TableArguments.Min(count, "count", 0);
        string layout = HandWritten.NamedUtf8(arguments, "layout", "first", ref score);
        TableArguments.OneOf(layout, "layout", Layouts);
        string rowIdType = HandWritten.NamedUtf8(arguments, "row_id_type", "int64", ref score);
        TableArguments.OneOf(rowIdType, "row_id_type", RowIdTypes);

        IArrowType idType = rowIdType switch
        {
            "string" => StringType.Default,
            "struct" => StructRowId,
            _ => Int64Type.Default,
        };
        var rowId = new Field("row_id", idType, true, RowIdMetadata);
        var name = HandWritten.Column("name", StringType.Default);
        var value = HandWritten.Column("value", StringType.Default);
        Field[] fields = layout switch
        {
            "middle" => [name, rowId, value],
            "last" => [name, value, rowId],
            _ => [rowId, name, value],
        };
        var output = new Schema(fields, null);
        return new TableBinding(output, scan => new BatchesScan(Batches(scan, output, count, rowIdType)), score);
    }

    private static IEnumerable<RecordBatch> Batches(TableScanContext scan, Schema output, long count, string rowIdType)
    {
        for (long start = 0; start < count; start += BatchRows)
        {
            int rows = (int)Math.Min(BatchRows, count - start);
            long first = start;
            var range = Enumerable.Range(0, rows).Select(i => first + i);
            yield return HandWritten.Project(scan, rows, index => output.FieldsList[index].Name switch
            {
                "row_id" => rowIdType switch
                {
                    "string" => HandWritten.Strings(range.Select(i => "rid_" + i)),
                    "struct" => HandWritten.Struct(StructRowId, rows, HandWritten.Longs(range), HandWritten.Strings(range.Select(i => "s_" + i))),
                    _ => HandWritten.Longs(range),
                },
                "name" => HandWritten.Strings(range.Select(i => "item_" + i)),
                _ => HandWritten.Strings(range.Select(i => "val_" + i)),
            });
        }
    }
}
