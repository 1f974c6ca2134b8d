using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Conformance.Fixtures.Tables.Generators;

/// <summary>
/// Variadic generators whose output has one column per value argument, so the schema is decided
/// at bind (hand-written definitions): <c>repeat_value</c> (two overloads) and <c>constant_columns</c>.
/// </summary>
internal static class Constants
{
    /// <summary><c>repeat_value(count BIGINT, values BIGINT ...)</c>: one batch of count rows, column vK = the K-th value.</summary>
    public static TableFunctionDefinition RepeatIntegers { get; } = RepeatValue(Int64Type.Default, "Repeat integer values for N rows");

    /// <summary><c>repeat_value(count BIGINT, values VARCHAR ...)</c>.</summary>
    public static TableFunctionDefinition RepeatStrings { get; } = RepeatValue(StringType.Default, "Repeat string values for N rows");

    private static TableFunctionDefinition RepeatValue(IArrowType type, string description) => new()
    {
        Name = "repeat_value",
        Description = description,
        Arguments = HandWritten.Schema(HandWritten.Positional("count", Int64Type.Default), HandWritten.VarArgs("values", type)),
        ProjectionPushdown = false,
        Bind = context =>
        {
            var arguments = context.Arguments;
            string signature = $"repeat_value(count BIGINT, values {ArgumentTypes.SqlName(type)} ...)";
            var values = VarArgs(arguments, signature, "values");
            int score = 0;
            long count = HandWritten.Int64(arguments.Positional[0], "count", ref score);
            var fields = new Field[values.Count];
            for (int k = 0; k < values.Count; k++)
            {
                score += TableArguments.Check(values[k], "values", type, nullable: true);
                fields[k] = HandWritten.Column($"v{k}", type);
            }
            var output = new Schema(fields, null);
            int rows = (int)Math.Clamp(count, 0, int.MaxValue);
            return new TableBinding(output, _ => new BatchesScan(RepeatBatch(output, type, values, rows)), score);
        },
    };

    private static IEnumerable<RecordBatch> RepeatBatch(Schema output, IArrowType type, IReadOnlyList<ArgumentValue> values, int rows)
    {
        if (rows == 0) yield break;
        var columns = new IArrowArray[values.Count];
        for (int k = 0; k < columns.Length; k++)
        {
            columns[k] = type is StringType
                ? ArrowWrite.Utf8(Enumerable.Repeat(values[k].AsString(), rows).ToArray())
                : ArrowWrite.Int64(Enumerable.Repeat(values[k].AsInt64(), rows).ToArray());
        }
        yield return new RecordBatch(output, columns, rows);
    }

    /// <summary>
    /// <c>constant_columns(count BIGINT ≥0, values ANY ...)</c>: column <c>col_K</c> repeats the K-th
    /// value, typed exactly as the argument's field DuckDB sent (<see cref="ArgumentValue.Field"/>: its type and
    /// metadata, so an extension type such as <c>arrow.uuid</c> stays one), decimals, lists, structs, maps, …;
    /// batches of 2048.
    /// </summary>
    public static TableFunctionDefinition ConstantColumns { get; } = new()
    {
        Name = "constant_columns",
        Description = "Generates rows with constant values from varargs",
        Arguments = HandWritten.Schema(HandWritten.Positional("count", Int64Type.Default), HandWritten.AnyVarArgs("values")),
        ProjectionPushdown = false,
        BatchSize = RepeatedValue.BatchRows,
        Categories = ["generator", "utility"],
        Bind = context =>
        {
            var arguments = context.Arguments;
            var values = VarArgs(arguments, "constant_columns(count BIGINT, values ANY ...)", "values");
            int score = 0;
            long count = HandWritten.Int64(arguments.Positional[0], "count", ref score);
            TableArguments.Min(count, "count", 0);
            var fields = new Field[values.Count];
            for (int k = 0; k < values.Count; k++) fields[k] = ColumnOf($"col_{k}", values[k]);
            var output = new Schema(fields, null);
            return new TableBinding(output, _ => new BatchesScan(ConstantBatches(output, values, count)), score)
            {
                CardinalityEstimate = count,
                CardinalityMax = count,
            };
        },
    };

    /// <summary>An output column typed as the argument's field (type and metadata); a value without a field gives its array's type.</summary>
    private static Field ColumnOf(string name, ArgumentValue value) => value.Field is { } field
        ? new Field(name, field.DataType, true, field.HasMetadata ? field.Metadata : null)
        : HandWritten.Column(name, value.Type);

    private static IEnumerable<RecordBatch> ConstantBatches(Schema output, IReadOnlyList<ArgumentValue> values, long count)
    {
        var columns = values.Select(v => new RepeatedValue(v.ToSingleValueArray())).ToArray();
        for (long done = 0; done < count;)
        {
            int rows = (int)Math.Min(RepeatedValue.BatchRows, count - done);
            yield return new RecordBatch(output, columns.Select(c => c.Take(rows)).ToArray(), rows);
            done += rows;
        }
    }

    /// <summary>The call's positional arguments after the first (the variadic tail); at least one, and no named ones.</summary>
    private static IReadOnlyList<ArgumentValue> VarArgs(Arguments arguments, string signature, string name)
    {
        TableArguments.ExpectNamed(arguments, [], signature);
        if (arguments.Positional.Count == 0)
            throw new TableBindException($"{signature} takes at least 1 positional argument, got 0");
        if (arguments.Positional.Count == 1)
            throw new TableBindException($"Argument '{name}' requires at least 1 value.");
        return [.. arguments.Positional.Skip(1)];
    }
}

/// <summary>
/// One value repeated as an Arrow array of any type: arrays of 1, 2, 4, … 2048 copies are built by
/// concatenation (so every layout Arrow can concatenate works, nested ones included), and a batch
/// of n rows concatenates the powers of two that sum to n.
/// </summary>
internal sealed class RepeatedValue
{
    public const int BatchRows = 2048;

    private readonly List<IArrowArray> _powers;

    public RepeatedValue(IArrowArray single)
    {
        _powers = [single];
        while (_powers[^1].Length < BatchRows) _powers.Add(ArrowArrayConcatenator.Concatenate([_powers[^1], _powers[^1]]));
    }

    /// <summary>The value repeated <paramref name="rows"/> times (1 ≤ rows ≤ <see cref="BatchRows"/>).</summary>
    public IArrowArray Take(int rows)
    {
        var parts = new List<IArrowArray>();
        for (int bit = 0; bit < _powers.Count; bit++)
        {
            if ((rows & (1 << bit)) != 0) parts.Add(_powers[bit]);
        }
        return parts.Count == 1 ? parts[0] : ArrowArrayConcatenator.Concatenate(parts);
    }
}
