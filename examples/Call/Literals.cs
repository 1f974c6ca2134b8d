using System.Globalization;
using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;

namespace VgiCall;

internal enum LiteralKind { Null, Integer, Decimal, Boolean, Text }

/// <summary>
/// One command-line argument of <c>call</c>, read like a SQL literal: <c>42</c> BIGINT, <c>2.5</c> /
/// <c>1e3</c> DOUBLE, <c>true</c>/<c>false</c> BOOLEAN, <c>NULL</c>, <c>'quoted'</c> or anything else
/// VARCHAR. A leading <c>@</c> marks a constant argument (sent in <c>Arguments</c>, not as a column).
/// </summary>
internal sealed record Literal(string Text, LiteralKind Kind, bool MarkedConstant)
{
    public static Literal Parse(string arg)
    {
        bool constant = arg.StartsWith('@');
        string text = constant ? arg[1..] : arg;
        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'') return new(text[1..^1].Replace("''", "'"), LiteralKind.Text, constant);
        if (text.Equals("NULL", StringComparison.OrdinalIgnoreCase)) return new(text, LiteralKind.Null, constant);
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase))
            return new(text.ToLowerInvariant(), LiteralKind.Boolean, constant);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return new(text, LiteralKind.Integer, constant);
        if (text.AsSpan().IndexOfAny(".eE") >= 0 && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            return new(text, LiteralKind.Decimal, constant);
        return new(text, LiteralKind.Text, constant);
    }

    /// <summary>The type DuckDB would give the literal on its own (NULL: a null VARCHAR).</summary>
    public IArrowType InferredType => Kind switch
    {
        LiteralKind.Integer => Int64Type.Default,
        LiteralKind.Decimal => DoubleType.Default,
        LiteralKind.Boolean => BooleanType.Default,
        _ => StringType.Default,
    };

    /// <summary>
    /// How costly an implicit cast to <paramref name="type"/> is (0 = exact), or null when DuckDB
    /// would not make it. String literals cast to whatever they parse as, like SQL's untyped literals.
    /// </summary>
    public int? CastCost(IArrowType type) => (Kind, type) switch
    {
        (LiteralKind.Null, _) => ToArray(type) is null ? null : 1,
        (LiteralKind.Integer, Int64Type) => 0,
        (LiteralKind.Integer, DoubleType or FloatType) => 1,
        (LiteralKind.Integer, _) when type.TypeId is >= ArrowTypeId.UInt8 and <= ArrowTypeId.Int64 => ToArray(type) is null ? null : 1,
        (LiteralKind.Decimal, DoubleType) => 0,
        (LiteralKind.Decimal, FloatType) => 1,
        (LiteralKind.Boolean, BooleanType) => 0,
        (LiteralKind.Text, StringType or LargeStringType) => 0,
        (LiteralKind.Text, _) => ToArray(type) is null ? null : 2,
        _ => null,
    };

    /// <summary>A one-row array of <paramref name="type"/> holding the literal, or null when it does not convert.</summary>
    public IArrowArray? ToArray(IArrowType type)
    {
        var c = CultureInfo.InvariantCulture;
        bool isNull = Kind == LiteralKind.Null;
        string s = Text;
        return type switch
        {
            BooleanType when isNull || bool.TryParse(s, out _) => isNull ? new BooleanArray.Builder().AppendNull().Build() : new BooleanArray.Builder().Append(bool.Parse(s)).Build(),
            Int8Type when isNull || sbyte.TryParse(s, c, out _) => new Int8Array.Builder().Append(isNull ? null : sbyte.Parse(s, c)).Build(),
            Int16Type when isNull || short.TryParse(s, c, out _) => new Int16Array.Builder().Append(isNull ? null : short.Parse(s, c)).Build(),
            Int32Type when isNull || int.TryParse(s, c, out _) => new Int32Array.Builder().Append(isNull ? null : int.Parse(s, c)).Build(),
            Int64Type when isNull || long.TryParse(s, c, out _) => new Int64Array.Builder().Append(isNull ? null : long.Parse(s, c)).Build(),
            UInt8Type when isNull || byte.TryParse(s, c, out _) => new UInt8Array.Builder().Append(isNull ? null : byte.Parse(s, c)).Build(),
            UInt16Type when isNull || ushort.TryParse(s, c, out _) => new UInt16Array.Builder().Append(isNull ? null : ushort.Parse(s, c)).Build(),
            UInt32Type when isNull || uint.TryParse(s, c, out _) => new UInt32Array.Builder().Append(isNull ? null : uint.Parse(s, c)).Build(),
            UInt64Type when isNull || ulong.TryParse(s, c, out _) => new UInt64Array.Builder().Append(isNull ? null : ulong.Parse(s, c)).Build(),
            FloatType when isNull || float.TryParse(s, NumberStyles.Float, c, out _) => new FloatArray.Builder().Append(isNull ? null : float.Parse(s, NumberStyles.Float, c)).Build(),
            DoubleType when isNull || double.TryParse(s, NumberStyles.Float, c, out _) => new DoubleArray.Builder().Append(isNull ? null : double.Parse(s, NumberStyles.Float, c)).Build(),
            StringType => isNull ? new StringArray.Builder().AppendNull().Build() : new StringArray.Builder().Append(s).Build(),
            LargeStringType => isNull ? new LargeStringArray.Builder().AppendNull().Build() : new LargeStringArray.Builder().Append(s).Build(),
            BinaryType => isNull ? new BinaryArray.Builder().AppendNull().Build() : new BinaryArray.Builder().Append(Encoding.UTF8.GetBytes(s).AsSpan()).Build(),
            Date32Type when isNull || DateOnly.TryParseExact(s, "yyyy-MM-dd", c, DateTimeStyles.None, out _) =>
                isNull ? new Date32Array.Builder().AppendNull().Build() : new Date32Array.Builder().Append(DateOnly.ParseExact(s, "yyyy-MM-dd", c)).Build(),
            _ => null,
        };
    }
}

/// <summary>
/// The arguments of one scalar call, split the way the extension splits them (vgi-functions §4.1,
/// §5.1): non-constant arguments become the input columns <c>col_0..</c>, constant ones the
/// <c>positional_0..</c> values of <see cref="Arguments"/>, renumbered in declaration order.
/// </summary>
internal sealed record ScalarCall(Schema Input, IReadOnlyList<IArrowArray> Columns, Arguments Constants, FunctionInfo? Overload)
{
    /// <summary>
    /// Like DuckDB: picks the listed overload the literals convert to most cheaply and casts them to
    /// its declared types (constants are the parameters it marks <c>vgi_const</c>). With no listing
    /// or no overload that fits, the literals keep their own types and <c>@</c> marks the
    /// constants, so the worker's bind explains what is wrong.
    /// </summary>
    public static ScalarCall Build(IReadOnlyList<Literal> literals, IEnumerable<FunctionInfo> overloads)
    {
        (FunctionInfo Info, int Cost, IArrowType[] Types, bool[] Constant)? best = null;
        foreach (var info in overloads)
        {
            if (Match(info, literals) is { } match && (best is null || match.Cost < best.Value.Cost))
                best = (info, match.Cost, match.Types, match.Constant);
        }
        if (best is { } chosen)
            return Create(literals, chosen.Types, chosen.Constant, chosen.Info);
        return Create(literals, [.. literals.Select(l => l.InferredType)], [.. literals.Select(l => l.MarkedConstant)], null);
    }

    private static (int Cost, IArrowType[] Types, bool[] Constant)? Match(FunctionInfo info, IReadOnlyList<Literal> literals)
    {
        var fields = info.Arguments.FieldsList.Where(f => Names.Meta(f, "vgi_arg") != "named").ToList();
        var varargs = fields.FirstOrDefault(f => Names.Meta(f, "vgi_varargs") == "true");
        var fixedFields = fields.Where(f => !ReferenceEquals(f, varargs)).ToList();
        if (literals.Count < fixedFields.Count || (literals.Count > fixedFields.Count && varargs is null)) return null;

        int cost = 0;
        var types = new IArrowType[literals.Count];
        var constant = new bool[literals.Count];
        for (int i = 0; i < literals.Count; i++)
        {
            var field = i < fixedFields.Count ? fixedFields[i] : varargs!;
            bool any = field.DataType is NullType || Names.Meta(field, "vgi_type") == "any";
            types[i] = any ? literals[i].InferredType : field.DataType;
            constant[i] = Names.Meta(field, "vgi_const") == "true";
            if (any) continue;
            if (literals[i].CastCost(field.DataType) is not int step) return null;
            cost += step;
        }
        return (cost, types, constant);
    }

    private static ScalarCall Create(IReadOnlyList<Literal> literals, IArrowType[] types, bool[] constant, FunctionInfo? overload)
    {
        var fields = new List<Field>();
        var columns = new List<IArrowArray>();
        var constants = new List<ArgumentValue>();
        for (int i = 0; i < literals.Count; i++)
        {
            var array = literals[i].ToArray(types[i])
                ?? throw new UsageException($"argument {i + 1} ('{literals[i].Text}') is not a valid {Names.Sql(types[i])}");
            if (constant[i]) constants.Add(new ArgumentValue(array));
            else
            {
                fields.Add(new Field($"col_{fields.Count}", types[i], nullable: true));
                columns.Add(array);
            }
        }
        return new ScalarCall(new Schema(fields, null), columns, new Arguments(constants, new Dictionary<string, ArgumentValue>()), overload);
    }

    /// <summary>The one input row; with no column arguments a 0-column batch of 1 row (vgi-functions §5.1 item 4).</summary>
    public RecordBatch InputBatch() => new(Input, Columns, 1);
}

/// <summary>
/// The arguments of a table function call as the extension sends them (validation-2 §7.1): every
/// positional argument in <c>positional_N</c>, every <c>name:=value</c> in <c>named_name</c>, cast
/// to the declared types of the listed overload that fits best (else kept as typed).
/// </summary>
internal sealed record TableCall(Arguments Arguments, FunctionInfo? Overload)
{
    public static bool IsNamed(string arg) => NamedSplit(arg) is not null;

    private static (string Name, string Value)? NamedSplit(string arg)
    {
        int at = arg.IndexOf(":=", StringComparison.Ordinal);
        if (at <= 0 || arg.StartsWith('\'')) return null;
        string name = arg[..at].Trim();
        return name.All(c => char.IsLetterOrDigit(c) || c == '_') ? (name, arg[(at + 2)..].Trim()) : null;
    }

    public static TableCall Build(IReadOnlyList<string> rawArgs, IEnumerable<FunctionInfo> overloads)
    {
        var positional = new List<Literal>();
        var named = new List<(string Name, Literal Value)>();
        foreach (var arg in rawArgs)
        {
            if (NamedSplit(arg) is { } n)
            {
                if (named.Any(x => string.Equals(x.Name, n.Name, StringComparison.OrdinalIgnoreCase)))
                    throw new UsageException($"named argument {n.Name} is given twice");
                named.Add((n.Name, Literal.Parse(n.Value)));
            }
            else if (named.Count > 0) throw new UsageException($"{arg}: positional arguments come before the named ones");
            else positional.Add(Literal.Parse(arg));
        }

        (FunctionInfo Info, int Cost, IArrowType[] Types, IArrowType[] NamedTypes, string[] Names)? best = null;
        foreach (var info in overloads)
        {
            var fields = info.Arguments.FieldsList;
            var positionalFields = fields.Where(f => VgiCall.Names.Meta(f, "vgi_arg") != "named").ToList();
            var namedFields = fields.Where(f => VgiCall.Names.Meta(f, "vgi_arg") == "named").ToList();
            if (positionalFields.Count != positional.Count) continue;
            int cost = 0;
            bool fits = true;
            var types = new IArrowType[positional.Count];
            for (int i = 0; i < positional.Count && fits; i++)
            {
                var field = positionalFields[i];
                bool any = field.DataType is NullType || VgiCall.Names.Meta(field, "vgi_type") == "any";
                types[i] = any ? positional[i].InferredType : field.DataType;
                if (!any && positional[i].CastCost(field.DataType) is int c) cost += c;
                else if (!any) fits = false;
            }
            var namedTypes = new IArrowType[named.Count];
            var names = new string[named.Count];
            for (int i = 0; i < named.Count && fits; i++)
            {
                // Unknown names are sent as typed: the worker's bind says what it accepts.
                var field = namedFields.FirstOrDefault(f => string.Equals(f.Name, named[i].Name, StringComparison.OrdinalIgnoreCase));
                names[i] = field?.Name ?? named[i].Name;
                bool any = field is null || field.DataType is NullType || VgiCall.Names.Meta(field, "vgi_type") == "any";
                namedTypes[i] = any ? named[i].Value.InferredType : field!.DataType;
                if (!any && named[i].Value.CastCost(field!.DataType) is int c) cost += c;
                else if (!any) fits = false;
            }
            if (fits && (best is null || cost < best.Value.Cost)) best = (info, cost, types, namedTypes, names);
        }

        var chosen = best ?? (null!, 0, [.. positional.Select(p => p.InferredType)], [.. named.Select(n => n.Value.InferredType)], [.. named.Select(n => n.Name)]);
        var values = positional.Select((p, i) => new ArgumentValue(p.ToArray(chosen.Types[i])
            ?? throw new UsageException($"argument {i + 1} ('{p.Text}') is not a valid {VgiCall.Names.Sql(chosen.Types[i])}"))).ToList();
        var namedValues = new Dictionary<string, ArgumentValue>();
        for (int i = 0; i < named.Count; i++)
        {
            namedValues[chosen.Names[i]] = new ArgumentValue(named[i].Value.ToArray(chosen.NamedTypes[i])
                ?? throw new UsageException($"{named[i].Name}:={named[i].Value.Text} is not a valid {VgiCall.Names.Sql(chosen.NamedTypes[i])}"));
        }
        return new TableCall(new Arguments(values, namedValues), best?.Info);
    }
}
