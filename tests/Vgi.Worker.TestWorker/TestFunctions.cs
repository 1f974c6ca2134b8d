using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;
using Vgi.Protocol;

namespace Vgi.Worker.TestWorker;

/// <summary>The functions of the test worker, written by hand against the definition contract.</summary>
public static class TestFunctions
{
    /// <summary><c>upper_case(value VARCHAR) → VARCHAR</c>; NULL stays NULL.</summary>
    public static ScalarFunctionDefinition UpperCase { get; } = new()
    {
        Name = "upper_case",
        Description = "Upper-cases a string.",
        Arguments = Def.Args(Def.Arg("value", StringType.Default)),
        Result = Def.Result(StringType.Default),
        Bind = context =>
        {
            Def.ExpectColumns(context, 1);
            var type = context.InputSchema.FieldsList[0].DataType;
            if (type is not StringType) throw new ScalarBindException($"argument 'value' must be VARCHAR (utf8), got {type.Name}");
            return new ScalarBinding(Def.Result(StringType.Default), (input, _) =>
            {
                var values = (StringArray)input.Column(0);
                var builder = new StringArray.Builder();
                for (int i = 0; i < values.Length; i++)
                {
                    if (values.IsNull(i)) builder.AppendNull();
                    else builder.Append(values.GetString(i).ToUpperInvariant());
                }
                return builder.Build();
            }, Score: 2);
        },
    };

    /// <summary><c>multiply(value BIGINT, factor BIGINT const) → BIGINT</c>; smaller integer columns are promoted (lower score).</summary>
    public static ScalarFunctionDefinition MultiplyInt64 { get; } = new()
    {
        Name = "multiply",
        Description = "Multiplies by a constant factor.",
        Arguments = Def.Args(Def.Arg("value", Int64Type.Default), Def.Arg("factor", Int64Type.Default, isConst: true)),
        Result = Def.Result(Int64Type.Default),
        Bind = context =>
        {
            Def.ExpectColumns(context, 1);
            var type = context.InputSchema.FieldsList[0].DataType;
            int score = type switch
            {
                Int64Type => 2,
                Int32Type or Int16Type or Int8Type => 1,
                _ => throw new ScalarBindException($"argument 'value' must be BIGINT (int64), got {type.Name}"),
            };
            long factor = Def.ConstInt64(context, 0, "factor");
            return new ScalarBinding(Def.Result(Int64Type.Default), (input, _) =>
            {
                var column = input.Column(0);
                var builder = new Int64Array.Builder().Reserve(column.Length);
                for (int i = 0; i < column.Length; i++)
                {
                    if (Def.Int64At(column, i) is { } v) builder.Append(v * factor);
                    else builder.AppendNull();
                }
                return builder.Build();
            }, score);
        },
    };

    /// <summary><c>multiply(value DOUBLE, factor DOUBLE const) → DOUBLE</c>: the floating-point overload.</summary>
    public static ScalarFunctionDefinition MultiplyDouble { get; } = new()
    {
        Name = "multiply",
        Description = "Multiplies by a constant factor.",
        Arguments = Def.Args(Def.Arg("value", DoubleType.Default), Def.Arg("factor", DoubleType.Default, isConst: true)),
        Result = Def.Result(DoubleType.Default),
        Bind = context =>
        {
            Def.ExpectColumns(context, 1);
            var type = context.InputSchema.FieldsList[0].DataType;
            if (type is not DoubleType) throw new ScalarBindException($"argument 'value' must be DOUBLE (float64), got {type.Name}");
            double factor = context.Constants.Positional is [var f, ..] && f.AsDouble() is { } d
                ? d : throw new ScalarBindException("constant argument 'factor' must be a non-NULL DOUBLE");
            return new ScalarBinding(Def.Result(DoubleType.Default), (input, _) =>
            {
                var values = (DoubleArray)input.Column(0);
                var builder = new DoubleArray.Builder().Reserve(values.Length);
                for (int i = 0; i < values.Length; i++) builder.Append(values.GetValue(i) * factor);
                return builder.Build();
            }, Score: 2);
        },
    };

    /// <summary><c>fail_when_negative(value BIGINT) → BIGINT</c>: identity, but a negative value throws.</summary>
    public static ScalarFunctionDefinition FailWhenNegative { get; } = new()
    {
        Name = "fail_when_negative",
        Description = "Returns its input; throws on a negative value.",
        Arguments = Def.Args(Def.Arg("value", Int64Type.Default)),
        Result = Def.Result(Int64Type.Default),
        Stability = FunctionStability.Volatile,
        Bind = context =>
        {
            Def.ExpectColumns(context, 1);
            if (context.InputSchema.FieldsList[0].DataType is not Int64Type) throw new ScalarBindException("argument 'value' must be BIGINT (int64)");
            return new ScalarBinding(Def.Result(Int64Type.Default), (input, _) =>
            {
                var values = (Int64Array)input.Column(0);
                for (int i = 0; i < values.Length; i++)
                {
                    if (values.GetValue(i) < 0) throw new InvalidOperationException($"negative value {values.GetValue(i)} at row {i}");
                }
                return values;
            }, Score: 2);
        },
    };

    /// <summary><c>answer() → BIGINT</c>: no arguments at all; 42 for every row.</summary>
    public static ScalarFunctionDefinition Answer { get; } = new()
    {
        Name = "answer",
        Description = "The answer.",
        Arguments = Def.Args(),
        Result = Def.Result(Int64Type.Default),
        Bind = context =>
        {
            Def.ExpectColumns(context, 0);
            return new ScalarBinding(Def.Result(Int64Type.Default), (input, _) => Repeat(42, input.Length), Score: 2);
        },
    };

    /// <summary><c>hash_seed(seed BIGINT const) → BIGINT</c>: only a constant, so input batches have no columns.</summary>
    public static ScalarFunctionDefinition HashSeed { get; } = new()
    {
        Name = "hash_seed",
        Description = "A value derived from a constant seed.",
        Arguments = Def.Args(Def.Arg("seed", Int64Type.Default, isConst: true)),
        Result = Def.Result(Int64Type.Default),
        Bind = context =>
        {
            Def.ExpectColumns(context, 0);
            long seed = Def.ConstInt64(context, 0, "seed");
            return new ScalarBinding(Def.Result(Int64Type.Default), (input, _) => Repeat(seed * 31 + 7, input.Length), Score: 2);
        },
    };

    /// <summary><c>bad_length(value BIGINT) → BIGINT</c>: a broken kernel that returns one row too many.</summary>
    public static ScalarFunctionDefinition BadLength { get; } = new()
    {
        Name = "bad_length",
        Description = "Returns the wrong number of rows.",
        Arguments = Def.Args(Def.Arg("value", Int64Type.Default)),
        Result = Def.Result(Int64Type.Default),
        Bind = context => new ScalarBinding(Def.Result(Int64Type.Default), (input, _) => Repeat(1, input.Length + 1), Score: 2),
    };

    /// <summary><c>setting_value(name VARCHAR const) → VARCHAR</c>: a catalog setting as text, through <see cref="VgiContext"/>; logs what it reads.</summary>
    public static ScalarFunctionDefinition SettingValue { get; } = new()
    {
        Name = "setting_value",
        Description = "Reads a setting.",
        Arguments = Def.Args(Def.Arg("name", StringType.Default, isConst: true)),
        Result = Def.Result(StringType.Default),
        Stability = FunctionStability.Volatile,
        Bind = context =>
        {
            Def.ExpectColumns(context, 0);
            string name = Def.ConstString(context, 0, "name") ?? throw new ScalarBindException("constant argument 'name' must not be NULL");
            return new ScalarBinding(Def.Result(StringType.Default), (input, ctx) =>
            {
                ctx.Log(VgiLogLevel.Info, $"{ctx.FunctionName} reads setting '{name}'");
                string? value = ctx.Settings.TryGetValue(name, out var v) ? v : null;
                var builder = new StringArray.Builder();
                for (int i = 0; i < input.Length; i++) builder.Append(value);
                return builder.Build();
            }, Score: 2);
        },
    };

    /// <summary><c>secret_value(type VARCHAR const, key VARCHAR const) → VARCHAR</c>: a secret's value (or its name/provider).</summary>
    public static ScalarFunctionDefinition SecretValue { get; } = new()
    {
        Name = "secret_value",
        Description = "Reads a secret.",
        Arguments = Def.Args(Def.Arg("type", StringType.Default, isConst: true), Def.Arg("key", StringType.Default, isConst: true)),
        Result = Def.Result(StringType.Default),
        Stability = FunctionStability.Volatile,
        Bind = context =>
        {
            Def.ExpectColumns(context, 0);
            string type = Def.ConstString(context, 0, "type") ?? "";
            string key = Def.ConstString(context, 1, "key") ?? "";
            return new ScalarBinding(Def.Result(StringType.Default), (input, ctx) =>
            {
                string? value = null;
                if (ctx.Secrets.TryGetValue(type, out var secret))
                {
                    value = key switch
                    {
                        "$name" => secret.Name,
                        "$provider" => secret.Provider,
                        _ => secret.Values.TryGetValue(key, out var v) ? v : null,
                    };
                }
                var builder = new StringArray.Builder();
                for (int i = 0; i < input.Length; i++) builder.Append(value);
                return builder.Build();
            }, Score: 2);
        },
    };

    /// <summary><c>text.reverse(value VARCHAR) → VARCHAR</c>, listed in schema <c>text</c>.</summary>
    public static ScalarFunctionDefinition Reverse { get; } = new()
    {
        Name = "reverse",
        Schema = "text",
        Description = "Reverses a string.",
        Arguments = Def.Args(Def.Arg("value", StringType.Default)),
        Result = Def.Result(StringType.Default),
        NullHandling = NullHandling.Special,
        Bind = context =>
        {
            Def.ExpectColumns(context, 1);
            if (context.InputSchema.FieldsList[0].DataType is not StringType) throw new ScalarBindException("argument 'value' must be VARCHAR (utf8)");
            return new ScalarBinding(Def.Result(StringType.Default), (input, _) =>
            {
                var values = (StringArray)input.Column(0);
                var builder = new StringArray.Builder();
                for (int i = 0; i < values.Length; i++)
                {
                    if (values.IsNull(i)) builder.Append("<null>");
                    else
                    {
                        var chars = values.GetString(i).ToCharArray();
                        System.Array.Reverse(chars);
                        builder.Append(new string(chars));
                    }
                }
                return builder.Build();
            }, Score: 2);
        },
    };

    /// <summary>Every function, in registration order (declared last: static initializers run in text order).</summary>
    public static IReadOnlyList<ScalarFunctionDefinition> All { get; } =
    [
        UpperCase,
        MultiplyInt64,
        MultiplyDouble,
        FailWhenNegative,
        Answer,
        HashSeed,
        BadLength,
        SettingValue,
        SecretValue,
        Reverse,
    ];

    private static Int64Array Repeat(long value, int count)
    {
        var builder = new Int64Array.Builder().Reserve(count);
        for (int i = 0; i < count; i++) builder.Append(value);
        return builder.Build();
    }
}
