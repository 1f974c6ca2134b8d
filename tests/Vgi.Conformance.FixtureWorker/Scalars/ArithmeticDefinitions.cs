using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Conformance.Fixtures.Python;
using Vgi.Functions;
using static Vgi.Conformance.Fixtures.Scalars.ScalarSupport;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// The <c>ANY</c>-typed arithmetic fixtures (fixtures.md §2.2, §6.1): <c>add_values</c>,
/// <c>double</c> and <c>sum_values</c>. Hand-written because their argument and return types are
/// decided at bind from the caller's types, which a [ScalarFunction] method cannot express.
/// </summary>
internal static class ArithmeticDefinitions
{
    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        new()
        {
            Name = "add_values",
            Description = "Adds two numeric values",
            Arguments = Arguments(Any("col1"), Any("col2")),
            Result = AnyResult,
            Bind = BindAddValues,
        },
        new()
        {
            Name = "double",
            Description = "Doubles numeric values",
            Arguments = Arguments(Any("value")),
            Result = AnyResult,
            Bind = BindDouble,
        },
        new()
        {
            Name = "sum_values",
            Description = "Sum multiple numeric values",
            Arguments = Arguments(AnyVarargs("values")),
            Result = AnyResult,
            Bind = BindSumValues,
        },
    ];

    /// <summary>The type-bound failure of an <c>ANY</c> argument, in the framework's words.</summary>
    private static ScalarBindException Mismatch(string argument, IArrowType type, string predicate) =>
        new($"Argument '{argument}': column type {PyText.ArrowTypeName(type)} does not match any of: {predicate}");

    /// <summary>output = promote(common(t1, t2)); the sum is computed in the common type, then widened.</summary>
    private static ScalarBinding BindAddValues(ScalarBindContext context)
    {
        Expect(context, "add_values(col1 ANY, col2 ANY)", columns: 2, constants: 0);
        var left = ColumnType(context, 0);
        var right = ColumnType(context, 1);
        if (!Numeric.IsAddable(left)) throw Mismatch("col1", left, "_is_addable_type");
        if (!Numeric.IsAddable(right)) throw Mismatch("col2", right, "_is_addable_type");
        // A temporal pair Arrow cannot add still binds (to the temporal operand's type) and fails when it runs.
        var sum = Numeric.SumType(left, right) ?? (Numeric.IsTemporal(left) ? left : right);
        var output = Numeric.Promote(sum);
        return new ScalarBinding(Result(output), (batch, _) =>
        {
            if (Numeric.SumType(left, right) is null) throw Numeric.NoAddKernel(left, right);
            var total = Numeric.Add(NumColumn.Read(batch.Column(0)), NumColumn.Read(batch.Column(1)));
            return Numeric.Cast(total, output).ToArrow();
        }, ArgumentTypes.Exact);
    }

    /// <summary>
    /// output = promote(t). Integers and floats: <c>v × int64(2)</c> in common(t, int64), then a safe
    /// cast; decimals: <c>v + v</c> (exact in 128 bits, as Python's decimal256 step) cast to
    /// decimal(min(p+1, 38), s). Temporal and other types fail at bind.
    /// </summary>
    private static ScalarBinding BindDouble(ScalarBindContext context)
    {
        Expect(context, "double(value ANY)", columns: 1, constants: 0);
        var type = ColumnType(context, 0);
        if (!Numeric.IsMultipliable(type)) throw Mismatch("value", type, "_is_multipliable_type");
        var output = Numeric.Promote(type);
        return new ScalarBinding(Result(output), (batch, _) =>
        {
            var value = NumColumn.Read(batch.Column(0));
            if (output is Decimal128Type target)
            {
                // v + v is exact in 128 bits (Python adds in decimal256 at precision 38); the sum of two
                // p-digit values always fits p + 1 digits, so only precision 38 can overflow.
                var doubled = new NumColumn(output, value.Length);
                for (int i = 0; i < value.Length; i++)
                {
                    doubled.Nulls[i] = value.Nulls[i];
                    if (value.Nulls[i]) continue;
                    var sum = value.M[i] + value.M[i];
                    if (!Numeric.FitsPrecision(sum, target.Precision)) throw ArrowInvalid($"Decimal value does not fit in precision {target.Precision}");
                    doubled.M[i] = sum;
                }
                return doubled.ToArrow();
            }
            return Numeric.Cast(Numeric.Double(value), output).ToArrow();
        }, ArgumentTypes.Exact);
    }

    /// <summary>output = promote(t1); a left-to-right running sum, each step in Arrow's type for the pair; a safe cast at the end.</summary>
    private static ScalarBinding BindSumValues(ScalarBindContext context)
    {
        if (context.InputSchema.FieldsList.Count == 0) throw new ScalarBindException("Varargs parameter 'values' requires at least 1 value.");
        Expect(context, "sum_values(values ANY...)", columns: 1, constants: 0, varargs: true);
        foreach (var field in context.InputSchema.FieldsList)
            if (!Numeric.IsAddable(field.DataType)) throw Mismatch("values", field.DataType, "_is_addable_type");
        var output = Numeric.Promote(ColumnType(context, 0));
        return new ScalarBinding(Result(output), (batch, _) =>
        {
            // Each step's type first: an add Arrow has no kernel for fails before anything is read.
            var type = batch.Schema.GetFieldByIndex(0).DataType;
            for (int c = 1; c < batch.ColumnCount; c++)
            {
                var next = batch.Schema.GetFieldByIndex(c).DataType;
                type = Numeric.SumType(type, next) ?? throw Numeric.NoAddKernel(type, next);
            }
            var total = NumColumn.Read(batch.Column(0));
            for (int c = 1; c < batch.ColumnCount; c++) total = Numeric.Add(total, NumColumn.Read(batch.Column(c)));
            return Numeric.Cast(total, output).ToArrow();
        }, ArgumentTypes.Exact);
    }
}
