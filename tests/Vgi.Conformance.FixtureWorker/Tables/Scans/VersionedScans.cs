using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;

namespace Vgi.Conformance.Fixtures.Tables.Scans;

/// <summary>
/// The scans behind the time-travel tables <c>versioned_data</c> and <c>versioned_constraints</c>
/// (fixtures.md §2.4.5, §2.6.3): the version argument picks the schema, so both are hand-written.
/// Each answers its whole table in one batch.
/// </summary>
internal static class VersionedScans
{
    private static readonly Field Id = HandWritten.Column("id", Int64Type.Default);
    private static readonly Field Name = HandWritten.Column("name", StringType.Default);
    private static readonly Field Score = HandWritten.Column("score", DoubleType.Default);
    private static readonly Field Email = HandWritten.Column("email", StringType.Default);

    /// <summary><c>versioned_data_scan(version)</c>: v1 <c>id</c>; v2 <c>id, name, score, active</c>; v3 <c>id, score</c>.</summary>
    public static TableFunctionDefinition VersionedData { get; } = new()
    {
        Name = "versioned_data_scan",
        Description = "Returns versioned data with schema evolution",
        Arguments = HandWritten.Schema(HandWritten.Positional("version", Int64Type.Default)),
        ProjectionPushdown = false,
        Categories = ["generator", "testing"],
        Bind = context =>
        {
            var (version, score) = Version(context, "versioned_data_scan(version BIGINT)");
            RecordBatch batch = version switch
            {
                1 => Batch([Id], 3, HandWritten.Longs([1, 2, 3])),
                2 => Batch([Id, Name, Score, HandWritten.Column("active", BooleanType.Default)], 5,
                    HandWritten.Longs([1, 2, 3, 4, 5]),
                    HandWritten.Strings(["alice", "bob", "carol", "dave", "eve"]),
                    HandWritten.Doubles([10.0, 20.0, 30.0, 40.0, 50.0]),
                    ArrowWrite.Boolean([true, false, true, false, true])),
                3 => Batch([Id, Score], 4, HandWritten.Longs([1, 2, 3, 4]), HandWritten.Doubles([15.0, 25.0, 35.0, 45.0])),
                _ => throw HandWritten.ValueError($"Unknown version: {version}. Valid versions: [1, 2, 3]"),
            };
            return new TableBinding(batch.Schema, _ => new BatchesScan([batch]), score);
        },
    };

    /// <summary><c>versioned_constraints_scan(version)</c>: v1 <c>id, name</c>; v2 adds <c>email</c>; v3 adds <c>department_id</c>.</summary>
    public static TableFunctionDefinition VersionedConstraints { get; } = new()
    {
        Name = "versioned_constraints_scan",
        Description = "Scan versioned constraints table",
        Arguments = HandWritten.Schema(HandWritten.Positional("version", Int64Type.Default)),
        ProjectionPushdown = false,
        Bind = context =>
        {
            var (version, score) = Version(context, "versioned_constraints_scan(version BIGINT)");
            RecordBatch batch = version switch
            {
                1 => Batch([Id, Name], 2, HandWritten.Longs([1, 2]), HandWritten.Strings(["Alice", "Bob"])),
                2 => Batch([Id, Name, Email], 3,
                    HandWritten.Longs([1, 2, 3]), HandWritten.Strings(["Alice", "Bob", "Carol"]), HandWritten.Strings(["a@co", "b@co", "c@co"])),
                3 => Batch([Id, Name, Email, HandWritten.Column("department_id", Int64Type.Default)], 3,
                    HandWritten.Longs([1, 2, 3]), HandWritten.Strings(["Alice", "Bob", "Carol"]), HandWritten.Strings(["a@co", "b@co", "c@co"]),
                    HandWritten.Longs([1, 2, 1])),
                _ => throw HandWritten.ValueError($"Unknown version: {version}"),
            };
            return new TableBinding(batch.Schema, _ => new BatchesScan([batch]), score);
        },
    };

    private static (long Version, int Score) Version(TableBindContext context, string signature)
    {
        var arguments = context.Arguments;
        TableArguments.ExpectPositional(arguments, 1, signature);
        TableArguments.ExpectNamed(arguments, [], signature);
        int score = 0;
        long version = HandWritten.Int64(arguments.Positional[0], "version", ref score);
        return (version, score);
    }

    private static RecordBatch Batch(Field[] fields, int rows, params IArrowArray[] columns) => new(new Schema(fields, null), columns, rows);
}
