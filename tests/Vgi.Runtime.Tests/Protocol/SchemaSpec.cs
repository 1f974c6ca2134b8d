using System.Text.RegularExpressions;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Tests.Protocol;

/// <summary>A type of protocol-1.0.0-schemas.md: a name (<c>utf8</c>, <c>list</c>, <c>struct</c>, …) with its parameters.</summary>
public sealed record TypeSpec(string Name, IReadOnlyList<TypeSpec> Args, IReadOnlyList<FieldSpec> Fields, IReadOnlyList<string> Words)
{
    public override string ToString() => Name switch
    {
        "struct" => $"struct<{string.Join(", ", Fields)}>",
        _ when Args.Count > 0 => $"{Name}<{string.Join(", ", Args)}>",
        _ when Words.Count > 0 => $"{Name}<{string.Join(", ", Words)}>",
        _ => Name,
    };
}

/// <summary>A field of protocol-1.0.0-schemas.md: name, type, nullability.</summary>
public sealed record FieldSpec(string Name, TypeSpec Type, bool Nullable)
{
    public override string ToString() => $"{Name}: {Type} {(Nullable ? "nullable" : "not null")}";
}

/// <summary>One schema of protocol-1.0.0-schemas.md, named as in the heading's parentheses.</summary>
public sealed record SchemaSpec(string Name, string Heading, IReadOnlyList<FieldSpec> Fields);

/// <summary>Parses protocol-1.0.0-schemas.md and compares its schemas with Apache.Arrow schemas.</summary>
public static partial class SchemaSpecs
{
    public static readonly string FilePath = Path.Combine(AppContext.BaseDirectory, "Protocol", "Data", "protocol-1.0.0-schemas.md");

    private static readonly Lazy<IReadOnlyList<SchemaSpec>> LazyAll = new(() => Parse(File.ReadAllText(FilePath)));

    public static IReadOnlyList<SchemaSpec> All => LazyAll.Value;

    public static SchemaSpec Get(string name) => All.Single(s => s.Name == name);

    [GeneratedRegex(@"^## (?<heading>.*?)\s+\((?<name>\w+)\)\s*$")]
    private static partial Regex HeadingRegex();

    [GeneratedRegex(@"^  (?<index>\d+)\. (?<name>\w+): (?<rest>.*)$")]
    private static partial Regex FieldRegex();

    public static IReadOnlyList<SchemaSpec> Parse(string markdown)
    {
        var result = new List<SchemaSpec>();
        string? name = null, heading = null;
        List<FieldSpec>? fields = null;
        bool sawNoFields = false;

        void Flush()
        {
            if (name is null) return;
            if (fields!.Count == 0 && !sawNoFields) throw new FormatException($"schema {name} has neither fields nor '(no fields)'");
            result.Add(new SchemaSpec(name, heading!, fields));
        }

        foreach (var rawLine in markdown.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var h = HeadingRegex().Match(line);
            if (h.Success)
            {
                Flush();
                name = h.Groups["name"].Value;
                heading = h.Groups["heading"].Value;
                fields = [];
                sawNoFields = false;
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal))
            {
                Flush();
                name = null;
                continue;
            }
            if (name is null) continue;
            if (line.Trim() == "(no fields)")
            {
                sawNoFields = true;
                continue;
            }
            var f = FieldRegex().Match(line);
            if (!f.Success) continue;
            if (int.Parse(f.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) != fields!.Count)
                throw new FormatException($"{name}: field index {f.Groups["index"].Value} out of sequence");
            var parser = new TypeParser(f.Groups["rest"].Value);
            var type = parser.ParseType();
            bool nullable = parser.ParseNullability();
            parser.ExpectEnd();
            fields.Add(new FieldSpec(f.Groups["name"].Value, type, nullable));
        }
        Flush();
        return result;
    }

    /// <summary>Recursive-descent parser of the notation: <c>list&lt;T&gt;</c>, <c>map&lt;K, V&gt;</c>, <c>struct&lt;a: T not null, …&gt;</c>, …</summary>
    private sealed class TypeParser(string text)
    {
        private int _pos;

        public TypeSpec ParseType()
        {
            string name = Word();
            if (!TryConsume('<')) return new TypeSpec(name, [], [], []);
            switch (name)
            {
                case "struct":
                {
                    var fields = new List<FieldSpec>();
                    do
                    {
                        string fieldName = Word();
                        Expect(':');
                        var type = ParseType();
                        fields.Add(new FieldSpec(fieldName, type, ParseNullability()));
                    }
                    while (TryConsume(','));
                    Expect('>');
                    return new TypeSpec(name, [], fields, []);
                }
                case "timestamp":
                {
                    var words = new List<string> { Word() };
                    while (TryConsume(',')) words.Add(Word());
                    Expect('>');
                    return new TypeSpec(name, [], [], words);
                }
                default:
                {
                    var args = new List<TypeSpec> { ParseType() };
                    while (TryConsume(',')) args.Add(ParseType());
                    Expect('>');
                    return new TypeSpec(name, args, [], []);
                }
            }
        }

        public bool ParseNullability()
        {
            string word = Word();
            if (word == "nullable") return true;
            if (word == "not" && Word() == "null") return false;
            throw new FormatException($"expected 'nullable' or 'not null' at {_pos} in '{text}'");
        }

        public void ExpectEnd()
        {
            SkipSpaces();
            if (_pos != text.Length) throw new FormatException($"trailing text at {_pos} in '{text}'");
        }

        private string Word()
        {
            SkipSpaces();
            int start = _pos;
            while (_pos < text.Length && (char.IsLetterOrDigit(text[_pos]) || text[_pos] == '_')) _pos++;
            if (start == _pos) throw new FormatException($"expected a word at {_pos} in '{text}'");
            return text[start.._pos];
        }

        private bool TryConsume(char c)
        {
            SkipSpaces();
            if (_pos < text.Length && text[_pos] == c)
            {
                _pos++;
                return true;
            }
            return false;
        }

        private void Expect(char c)
        {
            if (!TryConsume(c)) throw new FormatException($"expected '{c}' at {_pos} in '{text}'");
        }

        private void SkipSpaces()
        {
            while (_pos < text.Length && text[_pos] == ' ') _pos++;
        }
    }

    /// <summary>Every difference between <paramref name="actual"/> and the spec, one line each (empty when equal).</summary>
    public static List<string> Compare(SchemaSpec spec, Schema actual)
    {
        var errors = new List<string>();
        if (actual.FieldsList.Count != spec.Fields.Count)
            errors.Add($"field count: expected {spec.Fields.Count}, got {actual.FieldsList.Count} ({string.Join(", ", actual.FieldsList.Select(f => f.Name))})");
        for (int i = 0; i < Math.Min(spec.Fields.Count, actual.FieldsList.Count); i++)
            CompareField(spec.Fields[i], actual.FieldsList[i], $"[{i}]", errors);
        return errors;
    }

    private static void CompareField(FieldSpec expected, Field actual, string path, List<string> errors)
    {
        path = $"{path} {expected.Name}";
        if (actual.Name != expected.Name) errors.Add($"{path}: name is '{actual.Name}'");
        if (actual.IsNullable != expected.Nullable) errors.Add($"{path}: nullable is {actual.IsNullable}, expected {expected.Nullable}");
        CompareType(expected.Type, actual.DataType, path, errors);
    }

    private static void CompareType(TypeSpec expected, IArrowType actual, string path, List<string> errors)
    {
        void Fail(string what) => errors.Add($"{path}: expected {expected}, got {Describe(actual)}{(what.Length > 0 ? " (" + what + ")" : "")}");

        switch (expected.Name)
        {
            case "utf8": if (actual.TypeId != ArrowTypeId.String) Fail(""); break;
            case "binary": if (actual.TypeId != ArrowTypeId.Binary) Fail(""); break;
            case "large_binary": if (actual.TypeId != ArrowTypeId.LargeBinary) Fail(""); break;
            case "large_utf8": if (actual.TypeId != ArrowTypeId.LargeString) Fail(""); break;
            case "float64": if (actual.TypeId != ArrowTypeId.Double) Fail(""); break;
            case "boolean": if (actual.TypeId != ArrowTypeId.Boolean) Fail(""); break;
            case "int64": if (actual.TypeId != ArrowTypeId.Int64) Fail(""); break;
            case "int32": if (actual.TypeId != ArrowTypeId.Int32) Fail(""); break;
            case "timestamp":
                if (actual is not TimestampType ts) Fail("");
                else
                {
                    if (expected.Words[0] != "micro") throw new FormatException($"unknown unit {expected.Words[0]}");
                    if (ts.Unit != TimeUnit.Microsecond) Fail("unit");
                    string? tz = expected.Words.Count > 1 ? expected.Words[1] : null;
                    if (ts.Timezone != tz) Fail($"timezone '{ts.Timezone}'");
                }
                break;
            case "list":
                if (actual is not ListType list || actual.TypeId != ArrowTypeId.List) { Fail(""); break; }
                if (list.ValueField.Name != "item") Fail($"list child named '{list.ValueField.Name}'");
                if (!list.ValueField.IsNullable) Fail("list child must be nullable");
                CompareType(expected.Args[0], list.ValueDataType, path + ".item", errors);
                break;
            case "map":
                if (actual is not MapType map) { Fail(""); break; }
                if (map.KeySorted) Fail("keys_sorted must be false");
                if (map.Fields[0].IsNullable) Fail("entries must be not null");
                if (map.KeyField.IsNullable) Fail("key must be not null");
                if (!map.ValueField.IsNullable) Fail("value must be nullable");
                CompareType(expected.Args[0], map.KeyField.DataType, path + ".key", errors);
                CompareType(expected.Args[1], map.ValueField.DataType, path + ".value", errors);
                break;
            case "dictionary":
                if (actual is not DictionaryType dict) { Fail(""); break; }
                if (dict.Ordered) Fail("ordered must be false");
                CompareType(expected.Args[0], dict.IndexType, path + ".indices", errors);
                CompareType(expected.Args[1], dict.ValueType, path + ".values", errors);
                break;
            case "int16": if (actual.TypeId != ArrowTypeId.Int16) Fail(""); break;
            case "struct":
                if (actual is not StructType st) { Fail(""); break; }
                if (st.Fields.Count != expected.Fields.Count) Fail($"{st.Fields.Count} children");
                for (int i = 0; i < Math.Min(st.Fields.Count, expected.Fields.Count); i++)
                    CompareField(expected.Fields[i], st.Fields[i], $"{path}.{i}", errors);
                break;
            default:
                throw new FormatException($"unknown spec type '{expected.Name}'");
        }
    }

    public static string Describe(IArrowType type) => type switch
    {
        ListType l => $"list<{l.ValueField.Name}: {Describe(l.ValueDataType)}{(l.ValueField.IsNullable ? "" : " not null")}>",
        MapType m => $"map<{Describe(m.KeyField.DataType)}, {Describe(m.ValueField.DataType)}>",
        DictionaryType d => $"dictionary<{Describe(d.IndexType)}, {Describe(d.ValueType)}, ordered={d.Ordered}>",
        StructType s => $"struct<{string.Join(", ", s.Fields.Select(f => $"{f.Name}: {Describe(f.DataType)}{(f.IsNullable ? "" : " not null")}"))}>",
        TimestampType t => $"timestamp<{t.Unit}, {t.Timezone}>",
        _ => type.Name,
    };
}
