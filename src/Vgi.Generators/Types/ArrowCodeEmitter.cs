using Vgi.Generators.Common;

namespace Vgi.Generators.Types;

/// <summary>
/// Emits the code that moves values of a <see cref="TypeModel"/> in and out of Arrow arrays: type
/// expressions, per-value read expressions and per-column writers. Helpers for nested types are
/// named after their shape (<c>__ReadListOfUtf8</c>) and written once per generated type.
/// </summary>
internal sealed class ArrowCodeEmitter
{
    public const string Arrow = "global::Apache.Arrow";
    public const string Types = "global::Apache.Arrow.Types";
    public const string Codecs = "global::Vgi.Codecs";

    private readonly SourceWriter _w;
    private readonly List<Action> _helpers = [];
    private readonly HashSet<string> _helperNames = [];

    public ArrowCodeEmitter(SourceWriter writer) => _w = writer;

    /// <summary>Writes every helper registered so far, including those registered while writing.</summary>
    public void EmitHelpers()
    {
        for (int i = 0; i < _helpers.Count; i++) _helpers[i]();
    }

    /// <summary>
    /// <c>new T[length]</c> for element type <paramref name="type"/>: the length goes before any array
    /// rank of the element (<c>new byte[n][]</c>), and a reference type's <c>?</c> is dropped because C#
    /// does not allow it there (the variable's declared type keeps it).
    /// </summary>
    public static string NewArray(TypeModel type, string length)
    {
        string t = type.IsValueType || !type.IsNullable ? type.CSharpType : type.CSharpType.Substring(0, type.CSharpType.Length - 1);
        int bracket = -1, depth = 0;
        for (int i = 0; i < t.Length && bracket < 0; i++)
        {
            if (t[i] == '<') depth++;
            else if (t[i] == '>') depth--;
            else if (t[i] == '[' && depth == 0) bracket = i;
        }
        return bracket < 0 ? $"new {t}[{length}]" : $"new {t.Substring(0, bracket)}[{length}]{t.Substring(bracket)}";
    }

    public static string TypeExpression(TypeModel type) => type.Kind switch
    {
        ArrowKind.Bool => $"{Types}.BooleanType.Default",
        ArrowKind.Int8 => $"{Types}.Int8Type.Default",
        ArrowKind.Int16 => $"{Types}.Int16Type.Default",
        ArrowKind.Int32 => $"{Types}.Int32Type.Default",
        ArrowKind.Int64 => $"{Types}.Int64Type.Default",
        ArrowKind.UInt8 => $"{Types}.UInt8Type.Default",
        ArrowKind.UInt16 => $"{Types}.UInt16Type.Default",
        ArrowKind.UInt32 => $"{Types}.UInt32Type.Default",
        ArrowKind.UInt64 => $"{Types}.UInt64Type.Default",
        ArrowKind.Float32 => $"{Types}.FloatType.Default",
        ArrowKind.Float64 => $"{Types}.DoubleType.Default",
        ArrowKind.Utf8 => $"{Types}.StringType.Default",
        ArrowKind.LargeUtf8 => $"{Types}.LargeStringType.Default",
        ArrowKind.Binary or ArrowKind.IpcRecord or ArrowKind.Schema or ArrowKind.RecordBatch => $"{Types}.BinaryType.Default",
        ArrowKind.LargeBinary => $"{Types}.LargeBinaryType.Default",
        ArrowKind.Timestamp => $"{Codecs}.ArrowWrite.Timestamp",
        ArrowKind.TimestampUtc => $"{Codecs}.ArrowWrite.TimestampUtc",
        ArrowKind.Date32 => $"{Types}.Date32Type.Default",
        ArrowKind.Time64 => $"{Codecs}.ArrowWrite.Time64",
        ArrowKind.Duration => $"{Types}.DurationType.Microsecond",
        ArrowKind.Enum => type.EnumIndexWidth switch
        {
            8 => $"{Codecs}.ArrowWrite.EnumType8",
            32 => $"{Codecs}.ArrowWrite.EnumType32",
            _ => $"{Codecs}.ArrowWrite.EnumType",
        },
        ArrowKind.List => $"new {Types}.ListType(new {Arrow}.Field(\"item\", {TypeExpression(type.Element!)}, true))",
        ArrowKind.FixedSizeList => $"new {Types}.FixedSizeListType(new {Arrow}.Field(\"item\", {TypeExpression(type.Element!)}, true), {type.ListSize})",
        ArrowKind.Map => $"new {Types}.MapType(new {Arrow}.Field(\"entries\", new {Types}.StructType(new {Arrow}.Field[] {{ new(\"key\", {TypeExpression(type.Key!)}, false), new(\"value\", {TypeExpression(type.Element!)}, true) }}), false), false)",
        ArrowKind.Struct => $"new {Types}.StructType({type.CSharpTypeNotNull}.ArrowSchema.FieldsList)",
        _ => throw new InvalidOperationException("unknown kind " + type.Kind),
    };

    /// <summary>
    /// The metadata argument of a <c>Field</c> constructor for alternating keys and values
    /// (<c>, [new KeyValuePair&lt;string, string&gt;("k", "v")]</c>), or "" when there is none.
    /// </summary>
    public static string MetadataArgument(EquatableArray<string> pairs)
    {
        if (pairs.Count == 0) return "";
        var entries = new List<string>();
        for (int i = 0; i + 1 < pairs.Count; i += 2)
            entries.Add($"new global::System.Collections.Generic.KeyValuePair<string, string>({Naming.Literal(pairs[i])}, {Naming.Literal(pairs[i + 1])})");
        return ", [" + string.Join(", ", entries) + "]";
    }

    /// <summary>
    /// A readable, unique helper-name fragment for <paramref name="type"/>: its shape, element types and
    /// nullability (<c>ListOfStringOrNull</c>), so one helper serves every member of the same type.
    /// </summary>
    private static string TypeKey(TypeModel type)
    {
        string core = type.Kind switch
        {
            ArrowKind.List => "ListOf" + TypeKey(type.Element!) + (type.Collection == "list" ? "AsList" : ""),
            ArrowKind.FixedSizeList => $"FixedSizeList{type.ListSize}Of" + TypeKey(type.Element!) + (type.Collection == "list" ? "AsList" : ""),
            ArrowKind.Map => "MapOf" + TypeKey(type.Key!) + "To" + TypeKey(type.Element!),
            ArrowKind.Enum or ArrowKind.Struct => SimpleName(type.CSharpTypeNotNull),
            ArrowKind.IpcRecord => SimpleName(type.CSharpTypeNotNull) + "Ipc",
            _ => type.Kind.ToString(),
        };
        return core + (type.IsNullable ? "OrNull" : "");
    }

    public static string SimpleName(string fullName)
    {
        int dot = fullName.LastIndexOf('.');
        return (dot < 0 ? fullName : fullName.Substring(dot + 1)).Replace("global::", "");
    }

    private bool Register(string name, Action emit)
    {
        if (!_helperNames.Add(name)) return false;
        _helpers.Add(emit);
        return true;
    }

    /// <summary>
    /// The <c>ArrowWrite</c> column writer and <c>ArrowRead</c> value reader of a kind that needs no
    /// generated helper, or null for nested kinds.
    /// </summary>
    private static (string Writer, string Reader)? SimpleCodec(ArrowKind kind) => kind switch
    {
        ArrowKind.Bool => ("Boolean", "Boolean"),
        ArrowKind.Int8 => ("Int8", "Int8"),
        ArrowKind.Int16 => ("Int16", "Int16"),
        ArrowKind.Int32 => ("Int32", "Int32"),
        ArrowKind.Int64 => ("Int64", "Int64"),
        ArrowKind.UInt8 => ("UInt8", "UInt8"),
        ArrowKind.UInt16 => ("UInt16", "UInt16"),
        ArrowKind.UInt32 => ("UInt32", "UInt32"),
        ArrowKind.UInt64 => ("UInt64", "UInt64"),
        ArrowKind.Float32 => ("Float32", "Float32"),
        ArrowKind.Float64 => ("Float64", "Float64"),
        ArrowKind.Utf8 => ("Utf8", "String"),
        ArrowKind.LargeUtf8 => ("LargeUtf8", "String"),
        ArrowKind.Binary => ("Binary", "Binary"),
        ArrowKind.LargeBinary => ("LargeBinary", "Binary"),
        ArrowKind.Timestamp => ("TimestampMicros", "Timestamp"),
        ArrowKind.TimestampUtc => ("TimestampUtcMicros", "TimestampUtc"),
        ArrowKind.Date32 => ("Date32", "Date32"),
        ArrowKind.Time64 => ("Time64Micros", "Time64"),
        ArrowKind.Duration => ("DurationMicros", "Duration"),
        _ => null,
    };

    /// <summary>Name of a method <c>IArrowArray M(IReadOnlyList&lt;T&gt; values)</c> that writes a column of <paramref name="type"/>.</summary>
    public string WriterFor(TypeModel type)
    {
        string? simple = SimpleCodec(type.Kind)?.Writer;
        if (simple is not null) return $"{Codecs}.ArrowWrite.{simple}";
        if (type.Kind == ArrowKind.Struct) return $"{type.CSharpTypeNotNull}.__WriteStruct";
        string name = "__Write" + TypeKey(type);
        Register(name, () => EmitComplexWriter(type, name));
        return name;
    }

    private void EmitComplexWriter(TypeModel type, string name)
    {
        _w.Open($"private static {Arrow}.IArrowArray {name}(global::System.Collections.Generic.IReadOnlyList<{type.CSharpType}> values)");
        switch (type.Kind)
        {
            case ArrowKind.Enum:
                string index = type.EnumIndexWidth switch { 8 => "sbyte", 32 => "int", _ => "short" };
                _w.Line($"var indices = new {index}[values.Count];");
                _w.Open("for (int i = 0; i < indices.Length; i++)");
                _w.Line($"indices[i] = values[i] switch");
                _w.Line("{");
                _w.Indent();
                for (int m = 0; m < type.EnumMembers.Count; m++) _w.Line($"{type.CSharpTypeNotNull}.{type.EnumMembers[m]} => {m},");
                if (type.IsNullable) _w.Line("null => -1,");
                _w.Line($"var other => throw new global::System.ArgumentOutOfRangeException(nameof(values), other, \"not a declared member of {SimpleName(type.CSharpTypeNotNull)}\"),");
                _w.Outdent();
                _w.Line("};");
                _w.Close();
                string dictionary = $"__{SimpleName(type.CSharpTypeNotNull)}Names";
                _w.Line($"return {Codecs}.ArrowWrite.Enum(indices, {dictionary});");
                _w.Close();
                _w.Line();
                if (Register(dictionary, () => { }))
                {
                    _w.Line("/// <summary>Every member name: one dictionary for all batches keeps indices stable.</summary>");
                    _w.Line($"private static readonly {Arrow}.StringArray {dictionary} = {Codecs}.ArrowWrite.EnumDictionary({string.Join(", ", type.EnumWireNames.Select(Naming.Literal))});");
                    _w.Line();
                }
                return;
            case ArrowKind.IpcRecord:
            case ArrowKind.Schema:
            case ArrowKind.RecordBatch:
            {
                string encode = type.Kind switch
                {
                    ArrowKind.IpcRecord => $"{Codecs}.ArrowRecord.ToIpcBytes(value)",
                    ArrowKind.Schema => $"{Codecs}.IpcBytes.SerializeSchema(value)",
                    _ => $"{Codecs}.IpcBytes.WriteBatch(value)",
                };
                _w.Line("byte[]?[] bytes = new byte[values.Count][];");
                _w.Line($"for (int i = 0; i < bytes.Length; i++) if (values[i] is {{ }} value) bytes[i] = {encode};");
                _w.Line($"return {Codecs}.ArrowWrite.Binary(bytes);");
                break;
            }
            case ArrowKind.List:
            {
                var element = type.Element!;
                _w.Line("var offsets = new int[values.Count + 1];");
                _w.Line($"var validity = new {Codecs}.ValidityBitmap(values.Count);");
                _w.Line($"var items = new global::System.Collections.Generic.List<{element.CSharpType}>();");
                _w.Open("for (int i = 0; i < values.Count; i++)");
                _w.Line("if (values[i] is { } list) items.AddRange(list);");
                _w.Line("else validity.SetNull(i);");
                _w.Line("offsets[i + 1] = items.Count;");
                _w.Close();
                _w.Line($"return {Codecs}.ArrowWrite.List({TypeExpression(type)}, offsets, validity, {WriterFor(element)}(items));");
                break;
            }
            case ArrowKind.FixedSizeList:
            {
                var element = type.Element!;
                int size = type.ListSize;
                _w.Line($"var validity = new {Codecs}.ValidityBitmap(values.Count);");
                _w.Line($"var items = new global::System.Collections.Generic.List<{element.CSharpType}>(values.Count * {size});");
                _w.Open("for (int i = 0; i < values.Count; i++)");
                _w.Open("if (values[i] is { } list)");
                _w.Line("int start = items.Count;");
                _w.Line("items.AddRange(list);");
                _w.Line($"if (items.Count - start != {size}) throw new global::System.InvalidOperationException($\"value {{i}} has {{items.Count - start}} items; a [FixedSize({size})] list holds exactly {size}\");");
                _w.Close();
                _w.Open("else");
                _w.Line("validity.SetNull(i);");
                _w.Line($"for (int k = 0; k < {size}; k++) items.Add(default!);");
                _w.Close();
                _w.Close();
                _w.Line($"return new {Arrow}.FixedSizeListArray({TypeExpression(type)}, values.Count, {WriterFor(element)}(items), validity.Build(), validity.NullCount);");
                break;
            }
            case ArrowKind.Map:
            {
                _w.Line("var offsets = new int[values.Count + 1];");
                _w.Line($"var validity = new {Codecs}.ValidityBitmap(values.Count);");
                _w.Line($"var keys = new global::System.Collections.Generic.List<{type.Key!.CSharpType}>();");
                _w.Line($"var items = new global::System.Collections.Generic.List<{type.Element!.CSharpType}>();");
                _w.Open("for (int i = 0; i < values.Count; i++)");
                _w.Open("if (values[i] is { } map)");
                _w.Open("foreach (var entry in map)");
                _w.Line("keys.Add(entry.Key);");
                _w.Line("items.Add(entry.Value);");
                _w.Close();
                _w.Close();
                _w.Line("else validity.SetNull(i);");
                _w.Line("offsets[i + 1] = keys.Count;");
                _w.Close();
                _w.Line($"return {Codecs}.ArrowWrite.Map({TypeExpression(type)}, offsets, validity, {WriterFor(type.Key!)}(keys), {WriterFor(type.Element!)}(items));");
                break;
            }
            default:
                throw new InvalidOperationException("no complex writer for " + type.Kind);
        }
        _w.Close();
        _w.Line();
    }

    /// <summary>An expression reading the value of <paramref name="type"/> at <paramref name="index"/> of <paramref name="array"/>.</summary>
    public string ReadExpression(TypeModel type, string array, string index)
    {
        string? simple = SimpleCodec(type.Kind)?.Reader;
        if (simple is not null) return $"{Codecs}.ArrowRead.{simple}({array}, {index}){NullFallback(type)}";
        string name = "__Read" + TypeKey(type);
        Register(name, () => EmitReader(type, name));
        return $"{name}({array}, {index})";
    }

    private void EmitReader(TypeModel type, string name)
    {
        _w.Open($"private static {type.CSharpType} {name}({Arrow}.IArrowArray array, int i)");
        switch (type.Kind)
        {
            case ArrowKind.Enum:
                _w.Open($"return {Codecs}.ArrowRead.String(array, i) switch");
                for (int m = 0; m < type.EnumMembers.Count; m++) _w.Line($"{Naming.Literal(type.EnumWireNames[m])} => {type.CSharpTypeNotNull}.{type.EnumMembers[m]},");
                _w.Line(type.IsNullable ? "null => null," : "null => default,");
                _w.Line($"var other => __Parse{SimpleName(type.CSharpTypeNotNull)}IgnoringCase(other),");
                _w.Close(";");
                _w.Close();
                _w.Line();
                if (Register($"__Parse{SimpleName(type.CSharpTypeNotNull)}IgnoringCase", () => { }))
                {
                    _w.Line("// Some peers send enum names in another case (DuckDB accepts 'scalar' for SCALAR).");
                    _w.Open($"private static {type.CSharpTypeNotNull} __Parse{SimpleName(type.CSharpTypeNotNull)}IgnoringCase(string value)");
                    for (int m = 0; m < type.EnumMembers.Count; m++)
                        _w.Line($"if (string.Equals(value, {Naming.Literal(type.EnumWireNames[m])}, global::System.StringComparison.OrdinalIgnoreCase)) return {type.CSharpTypeNotNull}.{type.EnumMembers[m]};");
                    _w.Line($"throw {Codecs}.ArrowRead.UnknownEnumValue({Naming.Literal(SimpleName(type.CSharpTypeNotNull))}, value);");
                    _w.Close();
                    _w.Line();
                }
                return;
            case ArrowKind.Struct:
                _w.Line($"return array.IsNull(i) ? {(type.IsNullable ? "null" : "default!")} : {type.CSharpTypeNotNull}.__ReadStruct(array, i);");
                break;
            case ArrowKind.IpcRecord:
                // Peers write empty bytes for an absent embedded record under a NOT NULL flag.
                _w.Line($"return {Codecs}.ArrowRead.Binary(array, i) is {{ Length: > 0 }} bytes ? {Codecs}.ArrowRecord.FromIpcBytes<{type.CSharpTypeNotNull}>(bytes) : default!;");
                break;
            case ArrowKind.Schema:
                _w.Line($"return {Codecs}.ArrowRead.Binary(array, i) is {{ Length: > 0 }} bytes ? {Codecs}.IpcBytes.ReadSchema(bytes) : default!;");
                break;
            case ArrowKind.RecordBatch:
                _w.Line($"return {Codecs}.ArrowRead.Binary(array, i) is {{ Length: > 0 }} bytes ? {Codecs}.IpcBytes.ReadBatch(bytes) : default!;");
                break;
            case ArrowKind.List:
            case ArrowKind.FixedSizeList:
            {
                // ArrowRead.List reads list, large_list and fixed_size_list columns alike.
                var element = type.Element!;
                _w.Line($"if (!{Codecs}.ArrowRead.List(array, i, out var items, out int start, out int end)) return {(type.IsNullable ? "null" : "[]")};");
                if (type.Collection == "list")
                {
                    _w.Line($"var result = new global::System.Collections.Generic.List<{element.CSharpType}>(end - start);");
                    _w.Line($"for (int j = start; j < end; j++) result.Add({ReadExpression(element, "items", "j")});");
                }
                else
                {
                    _w.Line($"{element.CSharpType}[] result = {NewArray(element, "end - start")};");
                    _w.Line($"for (int j = start; j < end; j++) result[j - start] = {ReadExpression(element, "items", "j")};");
                }
                _w.Line("return result;");
                break;
            }
            case ArrowKind.Map:
            {
                string dictionary = $"global::System.Collections.Generic.Dictionary<{type.Key!.CSharpType}, {type.Element!.CSharpType}>";
                _w.Line($"if (!{Codecs}.ArrowRead.Map(array, i, out var keys, out var items, out int start, out int end)) return {(type.IsNullable ? "null" : $"new {dictionary}()")};");
                _w.Line($"var result = new {dictionary}(end - start);");
                _w.Line($"for (int j = start; j < end; j++) result[{ReadExpression(type.Key!, "keys", "j")}] = {ReadExpression(type.Element!, "items", "j")};");
                _w.Line("return result;");
                break;
            }
            default:
                throw new InvalidOperationException("no reader for " + type.Kind);
        }
        _w.Close();
        _w.Line();
    }

    /// <summary>What a null becomes when the C# type cannot hold one.</summary>
    private static string NullFallback(TypeModel type)
    {
        if (type.IsNullable) return "";
        return type.Kind switch
        {
            ArrowKind.Utf8 or ArrowKind.LargeUtf8 => " ?? \"\"",
            ArrowKind.Binary or ArrowKind.LargeBinary => " ?? []",
            _ => " ?? default",
        };
    }
}
