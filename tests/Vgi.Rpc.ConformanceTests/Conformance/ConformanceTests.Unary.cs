using System.Text;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using Vgi.Rpc.ConformanceTests.Infrastructure;

namespace Vgi.Rpc.ConformanceTests.Conformance;

public abstract partial class ConformanceTests
{
    // ------------------------------------------------------------------ scalar_echo

    [Fact]
    public Task ScalarEcho_String() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_string", A.Value(A.Str("hello"))).Timed();
        Assert.Equal("result: utf8", A.Describe(result.ResultSchema));
        Assert.Equal("'hello'", A.Render(result.Result!, 0));
        Assert.Empty(result.Logs);
    });

    [Fact]
    public Task ScalarEcho_Bytes() => Run(async c =>
        Assert.Equal("0x0001FF7F", await CallAsync(c, "echo_bytes", A.Value(A.Bin([0, 1, 255, 127])))));

    [Fact]
    public Task ScalarEcho_Int() => Run(async c =>
        Assert.Equal("42", await CallAsync(c, "echo_int", A.Value(A.I64(42)))));

    [Fact]
    public Task ScalarEcho_Float() => Run(async c =>
        Assert.Equal("3.14159", await CallAsync(c, "echo_float", A.Value(A.F64(3.14159)))));

    [Fact]
    public Task ScalarEcho_Bool() => Run(async c =>
    {
        Assert.Equal("true", await CallAsync(c, "echo_bool", A.Value(A.Bool(true))));
        Assert.Equal("false", await CallAsync(c, "echo_bool", A.Value(A.Bool(false))));
    });

    // ------------------------------------------------------------------ void

    [Fact]
    public Task Void_Noop() => Run(async c =>
    {
        using var result = await c.CallAsync("void_noop").Timed();
        Assert.Empty(result.ResultSchema.FieldsList);
        Assert.Null(result.Batch);
        Assert.Null(result.Result);
    });

    [Fact]
    public Task Void_WithParam() => Run(async c =>
    {
        using var result = await c.CallAsync("void_with_param", A.Value(A.I64(7))).Timed();
        Assert.Empty(result.ResultSchema.FieldsList);
        Assert.Null(result.Batch);
    });

    // ------------------------------------------------------------------ complex_types

    [Theory]
    [InlineData("PENDING")]
    [InlineData("ACTIVE")]
    [InlineData("CLOSED")]
    public Task ComplexTypes_Enum(string member) => Run(async c =>
    {
        // The Python client sends a one-value dictionary, the DuckDB extension every member: both resolve by name.
        using var result = await c.CallAsync("echo_enum", A.Params(new Col("status", A.Enum(member)))).Timed();
        Assert.Equal("result: dictionary<int16, utf8>", A.Describe(result.ResultSchema));
        Assert.Equal($"'{member}'", A.Render(result.Result!, 0));
        Assert.Equal($"'{member}'", await CallAsync(c, "echo_enum", A.Params(new Col("status", A.EnumFull(member)))));
    });

    [Fact]
    public Task ComplexTypes_EnumUnknownMember() => Run(async c =>
    {
        var error = await CallFailsAsync(c, "echo_enum", A.Params(new Col("status", A.Enum("DELETED"))));
        Assert.Equal("ValueError", error.TypeName);
        Assert.Contains("DELETED", error.Message);
    });

    [Fact]
    public Task ComplexTypes_List() => Run(async c =>
        Assert.Equal("['a', 'b', 'c']", await CallAsync(c, "echo_list", A.Value(A.StrList(["a", "b", "c"])))));

    [Fact]
    public Task ComplexTypes_Dict() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_dict", A.Value(A.StrI64Map(("a", 1), ("b", 2)))).Timed();
        Assert.Equal("result: map<utf8, int64?>", A.Describe(result.ResultSchema));
        Assert.Equal("{'a': 1, 'b': 2}", A.Render(result.Result!, 0));
    });

    [Fact]
    public Task ComplexTypes_NestedList() => Run(async c =>
        Assert.Equal("[[1, 2], [], [3]]", await CallAsync(c, "echo_nested_list", A.Value(A.NestedI64List([1, 2], [], [3])))));

    // ------------------------------------------------------------------ optional

    [Fact]
    public Task Optional_StringValue() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_optional_string", A.Value(A.Str("present"), nullable: true)).Timed();
        Assert.Equal("result: utf8?", A.Describe(result.ResultSchema));
        Assert.Equal("'present'", A.Render(result.Result!, 0));
    });

    [Fact]
    public Task Optional_StringNull() => Run(async c =>
        Assert.Equal("null", await CallAsync(c, "echo_optional_string", A.Value(A.Str([null]), nullable: true))));

    [Fact]
    public Task Optional_EmptyStringIsNotNull() => Run(async c =>
        Assert.Equal("''", await CallAsync(c, "echo_optional_string", A.Value(A.Str(""), nullable: true))));

    [Fact]
    public Task Optional_IntValue() => Run(async c =>
        Assert.Equal("-5", await CallAsync(c, "echo_optional_int", A.Value(A.I64(-5), nullable: true))));

    [Fact]
    public Task Optional_IntNull() => Run(async c =>
        Assert.Equal("null", await CallAsync(c, "echo_optional_int", A.Value(A.I64([null]), nullable: true))));

    [Fact]
    public Task Optional_IntZeroIsNotNull() => Run(async c =>
        Assert.Equal("0", await CallAsync(c, "echo_optional_int", A.Value(A.I64(0), nullable: true))));

    // ------------------------------------------------------------------ dataclass

    private static byte[] PointIpc(double x, double y) =>
        A.Dataclass(new Col("x", A.F64(x)), new Col("y", A.F64(y)));

    [Fact]
    public Task Dataclass_Point() => Run(async c =>
    {
        var point = await CallDataclassAsync(c, "echo_point", A.Params(new Col("point", A.Bin(PointIpc(1.5, -2.25)))));
        Assert.Equal("x: float64, y: float64", A.Describe(point.Schema));
        Assert.Equal("1.5", point["x"]);
        Assert.Equal("-2.25", point["y"]);
    });

    [Fact]
    public Task Dataclass_BoundingBox() => Run(async c =>
    {
        var box = A.Dataclass(new Col("min", A.Point(0, 1)), new Col("max", A.Point(10.5, 20)), new Col("label", A.Str("area ✓")));
        var echoed = await CallDataclassAsync(c, "echo_bounding_box", A.Params(new Col("box", A.Bin(box))));
        Assert.Equal("min: struct<x: float64, y: float64>, max: struct<x: float64, y: float64>, label: utf8", A.Describe(echoed.Schema));
        Assert.Equal("{x=0, y=1}", echoed["min"]);
        Assert.Equal("{x=10.5, y=20}", echoed["max"]);
        Assert.Equal("'area ✓'", echoed["label"]);
    });

    private const string AllTypesSchema =
        "str_field: utf8, bytes_field: binary, int_field: int64, float_field: float64, bool_field: bool, " +
        "list_field: list<int64?>, dict_field: map<utf8, int64?>, enum_field: dictionary<int16, utf8>, " +
        "point_field: struct<x: float64, y: float64>, set_field: list<utf8?>, nested_list_field: list<list<int64?>?>, " +
        "optional_str: utf8?, optional_int: int64?, optional_float: float64?, optional_point: struct<x: float64, y: float64>?, optional_list: list<utf8?>?";

    private static byte[] AllTypes(bool nulls) => A.Dataclass(
        new Col("str_field", A.Str("héllo")),
        new Col("bytes_field", A.Bin([0, 1, 2])),
        new Col("int_field", A.I64(-123456789012)),
        new Col("float_field", A.F64(2.5)),
        new Col("bool_field", A.Bool(true)),
        new Col("list_field", A.I64List([1, 2, 3])),
        new Col("dict_field", A.StrI64Map(("one", 1), ("none", null))),
        new Col("enum_field", A.Enum("ACTIVE")),
        new Col("point_field", A.Point(3, 4)),
        new Col("set_field", A.StrList(["x", "y"])),
        new Col("nested_list_field", A.NestedI64List([1], [], [2, 3])),
        new Col("optional_str", nulls ? A.Str([null]) : A.Str("opt"), true),
        new Col("optional_int", nulls ? A.I64([null]) : A.I64(9), true),
        new Col("optional_float", nulls ? A.F64([null]) : A.F64(0.5), true),
        new Col("optional_point", nulls ? A.Struct(A.PointStruct, false, A.F64(0), A.F64(0)) : A.Point(-1, -2), true),
        new Col("optional_list", nulls ? new ListArray.Builder(StringType.Default).AppendNull().Build() : A.StrList(["z"]), true));

    [Fact]
    public Task Dataclass_AllTypes() => Run(async c =>
    {
        var echoed = await CallDataclassAsync(c, "echo_all_types", A.Params(new Col("data", A.Bin(AllTypes(nulls: false)))));
        Assert.Equal(AllTypesSchema, A.Describe(echoed.Schema));
        Assert.Equal("'héllo'", echoed["str_field"]);
        Assert.Equal("0x000102", echoed["bytes_field"]);
        Assert.Equal("-123456789012", echoed["int_field"]);
        Assert.Equal("2.5", echoed["float_field"]);
        Assert.Equal("true", echoed["bool_field"]);
        Assert.Equal("[1, 2, 3]", echoed["list_field"]);
        Assert.Equal("{'one': 1, 'none': null}", echoed["dict_field"]);
        Assert.Equal("'ACTIVE'", echoed["enum_field"]);
        Assert.Equal("{x=3, y=4}", echoed["point_field"]);
        Assert.Equal("['x', 'y']", echoed["set_field"]);
        Assert.Equal("[[1], [], [2, 3]]", echoed["nested_list_field"]);
        Assert.Equal("'opt'", echoed["optional_str"]);
        Assert.Equal("9", echoed["optional_int"]);
        Assert.Equal("0.5", echoed["optional_float"]);
        Assert.Equal("{x=-1, y=-2}", echoed["optional_point"]);
        Assert.Equal("['z']", echoed["optional_list"]);
    });

    [Fact]
    public Task Dataclass_AllTypesWithNulls() => Run(async c =>
    {
        var echoed = await CallDataclassAsync(c, "echo_all_types", A.Params(new Col("data", A.Bin(AllTypes(nulls: true)))));
        Assert.Equal(AllTypesSchema, A.Describe(echoed.Schema));
        foreach (var field in new[] { "optional_str", "optional_int", "optional_float", "optional_point", "optional_list" })
            Assert.Equal("null", echoed[field]);
        Assert.Equal("'héllo'", echoed["str_field"]);
    });

    [Fact]
    public Task Dataclass_MissingFieldIsAnError() => Run(async c =>
    {
        var error = await CallFailsAsync(c, "echo_point", A.Params(new Col("point", A.Bin(A.Dataclass(new Col("x", A.F64(1)))))));
        Assert.Equal("TypeError", error.TypeName);
        Assert.Contains("'y'", error.Message);
        await AssertUsableAsync(c);
    });

    [Fact]
    public Task Dataclass_InspectPoint() => Run(async c =>
    {
        Assert.Equal("'Point(x=1.0, y=2.5)'", await CallAsync(c, "inspect_point", A.Params(new Col("point", A.Bin(PointIpc(1, 2.5))))));
        Assert.Equal("'Point(x=-0.0, y=1e+20)'", await CallAsync(c, "inspect_point", A.Params(new Col("point", A.Bin(PointIpc(-0.0, 1e20))))));
    });

    // ------------------------------------------------------------------ annotated

    [Fact]
    public Task Annotated_Int32() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_int32", A.Value(A.I32(int.MinValue))).Timed();
        Assert.Equal("result: int32", A.Describe(result.ResultSchema));
        Assert.Equal("-2147483648", A.Render(result.Result!, 0));
    });

    [Fact]
    public Task Annotated_Float32() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_float32", A.Value(A.F32(1.5f))).Timed();
        Assert.Equal("result: float32", A.Describe(result.ResultSchema));
        Assert.Equal("1.5", A.Render(result.Result!, 0));
    });

    public static TheoryData<string> AnnotatedCases => new(AnnotatedValues.Keys);

    private static readonly Dictionary<string, (string Method, string Type, Func<IArrowArray> Value)> AnnotatedValues = new()
    {
        ["int8"] = ("echo_int8", "int8", () => new Int8Array.Builder().Append(sbyte.MinValue).Build()),
        ["int16"] = ("echo_int16", "int16", () => new Int16Array.Builder().Append(short.MaxValue).Build()),
        ["uint8"] = ("echo_uint8", "uint8", () => new UInt8Array.Builder().Append(byte.MaxValue).Build()),
        ["uint16"] = ("echo_uint16", "uint16", () => new UInt16Array.Builder().Append(ushort.MaxValue).Build()),
        ["uint32"] = ("echo_uint32", "uint32", () => new UInt32Array.Builder().Append(uint.MaxValue).Build()),
        ["uint64"] = ("echo_uint64", "uint64", () => new UInt64Array.Builder().Append(ulong.MaxValue).Build()),
        ["date"] = ("echo_date", "date32", () => A.Fixed(Date32Type.Default, 19_723)),
        ["timestamp"] = ("echo_timestamp", "timestamp[us]", () => A.Fixed(A.TimestampUs, 1_700_000_000_123_456L)),
        ["timestamp_utc"] = ("echo_timestamp_utc", "timestamp[us, UTC]", () => A.Fixed(A.TimestampUsUtc, -1L)),
        ["time"] = ("echo_time", "time64[us]", () => A.Fixed(new Time64Type(TimeUnit.Microsecond), 86_399_999_999L)),
        ["duration"] = ("echo_duration", "duration[us]", () => A.Fixed(DurationType.Microsecond, -3_600_000_000L)),
        ["decimal"] = ("echo_decimal", "decimal128(20, 4)", () => new Decimal128Array.Builder(new Decimal128Type(20, 4)).Append(-1234567890123456.789m).Build()),
        ["large_string"] = ("echo_large_string", "large_utf8", () => new LargeStringArray.Builder().Append("large ✓").Build()),
        ["large_binary"] = ("echo_large_binary", "large_binary", () => new LargeBinaryArray.Builder().Append([9, 8, 7]).Build()),
        ["fixed_binary"] = ("echo_fixed_binary", "fixed_size_binary(8)", () => A.Fixed(new FixedSizeBinaryType(8), 0x0007060504030201L)),
        ["dict_encoded_string"] = ("echo_dict_encoded_string", "dictionary<int32, utf8>", () =>
            new DictionaryArray(new DictionaryType(Int32Type.Default, StringType.Default, false), A.I32(1), A.Str("a", "dict-b"))),
    };

    [Theory]
    [MemberData(nameof(AnnotatedCases))]
    public Task Annotated_ExactArrowType(string name) => Run(async c =>
    {
        var (method, type, value) = AnnotatedValues[name];
        var input = value();
        using var result = await c.CallAsync(method, A.Value(input)).Timed();
        Assert.Equal($"result: {type}", A.Describe(result.ResultSchema));
        Assert.Equal(A.Render(input, 0), A.Render(result.Result!, 0));
    });

    // ------------------------------------------------------------------ composite (wide types, containers, embedded Arrow, deep nesting)

    [Fact]
    public Task Annotated_WideTypesDataclass() => Run(async c =>
    {
        var data = A.Dataclass(
            new Col("int8_field", new Int8Array.Builder().Append(-8).Build()),
            new Col("int16_field", new Int16Array.Builder().Append(-16).Build()),
            new Col("int32_field", A.I32(-32)),
            new Col("uint8_field", new UInt8Array.Builder().Append(8).Build()),
            new Col("uint16_field", new UInt16Array.Builder().Append(16).Build()),
            new Col("uint32_field", new UInt32Array.Builder().Append(32).Build()),
            new Col("uint64_field", new UInt64Array.Builder().Append(ulong.MaxValue).Build()),
            new Col("float32_field", A.F32(0.25f)),
            new Col("date_field", A.Fixed(Date32Type.Default, 1)),
            new Col("timestamp_field", A.Fixed(A.TimestampUs, 2L)),
            new Col("timestamp_utc_field", A.Fixed(A.TimestampUsUtc, 3L)),
            new Col("time_field", A.Fixed(new Time64Type(TimeUnit.Microsecond), 4L)),
            new Col("duration_field", A.Fixed(DurationType.Microsecond, 5L)),
            new Col("decimal_field", new Decimal128Array.Builder(new Decimal128Type(20, 4)).Append(6.5m).Build()),
            new Col("large_string_field", new LargeStringArray.Builder().Append("seven").Build()),
            new Col("large_binary_field", new LargeBinaryArray.Builder().Append([8]).Build()),
            new Col("fixed_binary_field", A.Fixed(new FixedSizeBinaryType(8), 9L)),
            new Col("optional_int32_field", new Int32Array.Builder().AppendNull().Build(), true));
        var echoed = await CallDataclassAsync(c, "echo_wide_types", A.Params(new Col("data", A.Bin(data))));
        Assert.Equal(
            "int8_field: int8, int16_field: int16, int32_field: int32, uint8_field: uint8, uint16_field: uint16, uint32_field: uint32, " +
            "uint64_field: uint64, float32_field: float32, date_field: date32, timestamp_field: timestamp[us], timestamp_utc_field: timestamp[us, UTC], " +
            "time_field: time64[us], duration_field: duration[us], decimal_field: decimal128(20, 4), large_string_field: large_utf8, " +
            "large_binary_field: large_binary, fixed_binary_field: fixed_size_binary(8), optional_int32_field: int32?",
            A.Describe(echoed.Schema));
        Assert.Equal("18446744073709551615", echoed["uint64_field"]);
        Assert.Equal("6.5000", echoed["decimal_field"]);
        Assert.Equal("'seven'", echoed["large_string_field"]);
        Assert.Equal("0x0900000000000000", echoed["fixed_binary_field"]);
        Assert.Equal("null", echoed["optional_int32_field"]);
    });

    [Fact]
    public Task ComplexTypes_ContainerWideTypes() => Run(async c =>
    {
        var floatMap = new MapArray.Builder(A.MapOf(StringType.Default, FloatType.Default));
        floatMap.Append();
        ((StringArray.Builder)floatMap.KeyBuilder).Append("pi");
        ((FloatArray.Builder)floatMap.ValueBuilder).Append(3.5f);
        var decimals = new ListArray.Builder(new Decimal128Type(20, 4));
        decimals.Append();
        ((Decimal128Array.Builder)decimals.ValueBuilder).Append(1.25m).AppendNull();
        var listMap = new MapArray.Builder(A.MapOf(StringType.Default, A.ListOf(Int64Type.Default)));
        listMap.Append();
        ((StringArray.Builder)listMap.KeyBuilder).Append("k");
        var listValues = (ListArray.Builder)listMap.ValueBuilder;
        listValues.Append();
        ((Int64Array.Builder)listValues.ValueBuilder).Append(1).Append(2);
        var points = A.ListOver(A.Struct(A.PointStruct, true, A.F64(1), A.F64(2)), 0, 1);
        var small = new StructType([new Field("small", UInt8Type.Default, false), new Field("big", UInt64Type.Default, false)]);
        var data = A.Dataclass(
            new Col("int32_list", ListOfInt32(1, -1)),
            new Col("float32_map", floatMap.Build()),
            new Col("timestamp_list", A.ListOver(A.Fixed(A.TimestampUsUtc, 1000L, -1L), 0, 2)),
            new Col("decimal_list", decimals.Build()),
            new Col("date_list", new ListArray.Builder(Date32Type.Default).AppendNull().Build(), true),
            new Col("list_map", listMap.Build()),
            new Col("point_list", points),
            new Col("uint8_struct", A.Struct(small, true, new UInt8Array.Builder().Append(255).Build(), new UInt64Array.Builder().Append(ulong.MaxValue).Build())));
        var echoed = await CallDataclassAsync(c, "echo_container_wide_types", A.Params(new Col("data", A.Bin(data))));
        Assert.Equal("[1, -1]", echoed["int32_list"]);
        Assert.Equal("{'pi': 3.5}", echoed["float32_map"]);
        Assert.Equal("[1000, -1]", echoed["timestamp_list"]);
        Assert.Equal("[1.2500, null]", echoed["decimal_list"]);
        Assert.Equal("null", echoed["date_list"]);
        Assert.Equal("{'k': [1, 2]}", echoed["list_map"]);
        Assert.Equal("[{x=1, y=2}]", echoed["point_list"]);
        Assert.Equal("{small=255, big=18446744073709551615}", echoed["uint8_struct"]);
    });

    private static ListArray ListOfInt32(params int[] values)
    {
        var b = new ListArray.Builder(Int32Type.Default);
        b.Append();
        ((Int32Array.Builder)b.ValueBuilder).AppendRange(values);
        return b.Build();
    }

    [Fact]
    public Task ComplexTypes_EmbeddedArrow() => Run(async c =>
    {
        var inner = new RecordBatch(new Schema([new Field("id", Int64Type.Default, false), new Field("name", StringType.Default, true)], null),
            [A.I64(1, 2, 3), A.Str("a", null, "c")], 3);
        byte[] schemaBytes = ArrowIpcWriter.SerializeSchema(inner.Schema);
        var data = A.Dataclass(new Col("schema", A.Bin(schemaBytes)), new Col("batch", A.Bin(A.Ipc(inner))));
        using var result = await c.CallAsync("echo_embedded_arrow", A.Params(new Col("data", A.Bin(data)))).Timed();
        var reader = new ArrowIpcReader(new MemoryStream(((BinaryArray)result.Result!).GetBytes(0).ToArray()));
        Assert.Equal("schema: binary, batch: binary", A.Describe((await reader.ReadSchemaAsync())!));
        using var outer = (await reader.ReadBatchAsync())!;
        var echoedSchema = await A.ReadSchemaAsync(((BinaryArray)outer.Batch.Column(0)).GetBytes(0).ToArray());
        Assert.Equal("id: int64, name: utf8?", A.Describe(echoedSchema));
        var echoedBatch = await A.DecodeAsync(((BinaryArray)outer.Batch.Column(1)).GetBytes(0).ToArray());
        Assert.Equal(3, echoedBatch.Length);
        Assert.Equal("[1, 2, 3]", echoedBatch["id"]);
        Assert.Equal("['a', null, 'c']", echoedBatch["name"]);
    });

    [Fact]
    public Task ComplexTypes_DeepNested() => Run(async c =>
    {
        var leafType = new StructType([new Field("tags", A.MapOf(StringType.Default, A.ListOf(Int64Type.Default)), false), new Field("point", A.PointStruct, true)]);
        var levelType = new StructType([new Field("name", StringType.Default, false), new Field("children", A.ListOf(leafType), false)]);
        var tags = new MapArray.Builder(A.MapOf(StringType.Default, A.ListOf(Int64Type.Default)));
        tags.Append();
        ((StringArray.Builder)tags.KeyBuilder).Append("t");
        var tagValues = (ListArray.Builder)tags.ValueBuilder;
        tagValues.Append();
        ((Int64Array.Builder)tagValues.ValueBuilder).Append(7);
        var leaf = A.Struct(leafType, true, tags.Build(), A.Struct(A.PointStruct, false, A.F64(0), A.F64(0)));
        var level = A.Struct(levelType, true, A.Str("root"), A.ListOver(leaf, 0, 1));
        var levels = A.ListOver(level, 0, 1);

        var matrix = new ListArray.Builder(A.ListOf(A.ListOf(DoubleType.Default)));
        matrix.Append();
        var rows = (ListArray.Builder)matrix.ValueBuilder;
        rows.Append();
        var cells = (ListArray.Builder)rows.ValueBuilder;
        cells.Append();
        ((DoubleArray.Builder)cells.ValueBuilder).Append(1.5).Append(-2);
        cells.Append();
        var boxType = new StructType([new Field("min", A.PointStruct, false), new Field("max", A.PointStruct, false), new Field("label", StringType.Default, false)]);
        var data = A.Dataclass(
            new Col("levels", levels),
            new Col("matrix", matrix.Build()),
            new Col("box", A.Struct(boxType, true, A.Point(0, 0), A.Point(1, 1), A.Str("unit"))));
        var echoed = await CallDataclassAsync(c, "echo_deep_nested", A.Params(new Col("data", A.Bin(data))));
        Assert.Equal("[{name='root', children=[{tags={'t': [7]}, point=null}]}]", echoed["levels"]);
        Assert.Equal("[[[1.5, -2], []]]", echoed["matrix"]);
        Assert.Equal("{min={x=0, y=0}, max={x=1, y=1}, label='unit'}", echoed["box"]);
    });

    // ------------------------------------------------------------------ multi_param

    [Fact]
    public Task MultiParam_AddFloats() => Run(async c =>
        Assert.Equal("3.75", await CallAsync(c, "add_floats", A.Params(new Col("a", A.F64(1.5)), new Col("b", A.F64(2.25))))));

    [Fact]
    public Task MultiParam_ConcatenateDefaultSeparator() => Run(async c =>
    {
        // The Python client merges the default before sending; a client that leaves it out gets it too.
        Assert.Equal("'a-b'", await CallAsync(c, "concatenate", A.Params(new Col("prefix", A.Str("a")), new Col("suffix", A.Str("b")), new Col("separator", A.Str("-")))));
        Assert.Equal("'a-b'", await CallAsync(c, "concatenate", A.Params(new Col("prefix", A.Str("a")), new Col("suffix", A.Str("b")))));
    });

    [Fact]
    public Task MultiParam_ConcatenateCustomSeparator() => Run(async c =>
        Assert.Equal("'left :: right'", await CallAsync(c, "concatenate",
            A.Params(new Col("prefix", A.Str("left")), new Col("suffix", A.Str("right")), new Col("separator", A.Str(" :: "))))));

    [Fact]
    public Task MultiParam_ConcatenateParameterOrderIsFree() => Run(async c =>
        Assert.Equal("'x+y'", await CallAsync(c, "concatenate",
            A.Params(new Col("separator", A.Str("+")), new Col("suffix", A.Str("y")), new Col("prefix", A.Str("x"))))));

    [Fact]
    public Task MultiParam_WithDefaults() => Run(async c =>
    {
        Assert.Equal("'required=1, optional_str=default, optional_int=42'",
            await CallAsync(c, "with_defaults", A.Params(new Col("required", A.I64(1)))));
        Assert.Equal("'required=1, optional_str=default, optional_int=42'",
            await CallAsync(c, "with_defaults", A.Params(new Col("required", A.I64(1)), new Col("optional_str", A.Str("default")), new Col("optional_int", A.I64(42)))));
        Assert.Equal("'required=-7, optional_str=custom, optional_int=0'",
            await CallAsync(c, "with_defaults", A.Params(new Col("required", A.I64(-7)), new Col("optional_str", A.Str("custom")), new Col("optional_int", A.I64(0)))));
    });

    [Fact]
    public Task MultiParam_MissingRequiredIsTypeError() => Run(async c =>
    {
        var error = await CallFailsAsync(c, "with_defaults", A.Params(new Col("optional_int", A.I64(1))));
        Assert.Equal("TypeError", error.TypeName);
        Assert.Contains("'required'", error.Message);
    });

    // ------------------------------------------------------------------ errors

    [Theory]
    [InlineData("raise_value_error", "ValueError")]
    [InlineData("raise_runtime_error", "RuntimeError")]
    [InlineData("raise_type_error", "TypeError")]
    public Task Errors_Raise(string method, string type) => Run(async c =>
    {
        var error = await CallFailsAsync(c, method, A.Params(new Col("message", A.Str("boom ✗"))));
        Assert.Equal(type, error.TypeName);
        Assert.Equal($"{type}: boom ✗", error.Message);
        Assert.Null(error.ErrorKind);
        Assert.False(string.IsNullOrEmpty(error.RemoteTraceback));
        await AssertUsableAsync(c);
    });

    // ------------------------------------------------------------------ logging

    private static void AssertLogIdentity(Client.RpcLogMessage log)
    {
        Assert.Matches("^[0-9a-f]{12}$", log.Metadata.Get(RpcMetadataKeys.ServerId));
        Assert.Matches("^[0-9a-f]{16}$", log.Metadata.Get(RpcMetadataKeys.RequestId));
    }

    [Fact]
    public Task Logging_Info() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_with_info_log", A.Value(A.Str("hi"))).Timed();
        Assert.Equal("'hi'", A.Render(result.Result!, 0));
        var log = Assert.Single(result.Logs);
        Assert.Equal(RpcLogLevel.Info, log.Level);
        Assert.Equal("info: hi", log.Message);
        Assert.Null(log.ExtraJson);
        AssertLogIdentity(log);
    });

    [Fact]
    public Task Logging_MultiLevel() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_with_multi_logs", A.Value(A.Str("v"))).Timed();
        Assert.Equal(["DEBUG: debug: v", "INFO: info: v", "WARN: warn: v"], result.Logs.Select(l => l.ToString()));
        Assert.Equal("'v'", A.Render(result.Result!, 0));
    });

    [Fact]
    public Task Logging_AllLevels() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_with_all_log_levels", A.Value(A.Str("x"))).Timed();
        Assert.Equal([RpcLogLevel.Error, RpcLogLevel.Warn, RpcLogLevel.Info, RpcLogLevel.Debug, RpcLogLevel.Trace], result.Logs.Select(l => l.Level));
        Assert.Equal(["error: x", "warn: x", "info: x", "debug: x", "trace: x"], result.Logs.Select(l => l.Message));
        foreach (var log in result.Logs) AssertLogIdentity(log);
    });

    [Fact]
    public Task Logging_LogExtras() => Run(async c =>
    {
        using var result = await c.CallAsync("echo_with_log_extras", A.Value(A.Str("e"))).Timed();
        var log = Assert.Single(result.Logs);
        Assert.Equal(RpcLogLevel.Info, log.Level);
        using var extra = JsonDocument.Parse(log.ExtraJson!);
        Assert.Equal("value", extra.RootElement.GetProperty("key").GetString());
        Assert.Equal(42, extra.RootElement.GetProperty("count").GetInt32());
    });

    // ------------------------------------------------------------------ boundary_values

    public static TheoryData<string> BoundaryCases => new(BoundaryValues.Keys);

    private static readonly Dictionary<string, (string Method, Func<IArrowArray> Value, bool Nullable)> BoundaryValues = new()
    {
        ["string_unicode"] = ("echo_string", () => A.Str("héllo wörld ✓ 日本語 🎉 \u200d"), false),
        ["string_nul_bytes"] = ("echo_string", () => A.Str("a\0b\0\0c"), false),
        ["string_empty"] = ("echo_string", () => A.Str(""), false),
        ["string_long"] = ("echo_string", () => A.Str(new string('x', 100_000) + "✓"), false),
        ["string_newlines_quotes"] = ("echo_string", () => A.Str("line1\nline2\r\n\t\"quoted\" 'single' \\"), false),
        ["bytes_nul"] = ("echo_bytes", () => A.Bin([0, 0, 0]), false),
        ["bytes_empty"] = ("echo_bytes", () => A.Bin(System.Array.Empty<byte>()), false),
        ["bytes_all_values"] = ("echo_bytes", () => A.Bin(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray()), false),
        ["int_min"] = ("echo_int", () => A.I64(long.MinValue), false),
        ["int_max"] = ("echo_int", () => A.I64(long.MaxValue), false),
        ["int_zero"] = ("echo_int", () => A.I64(0), false),
        ["int_minus_one"] = ("echo_int", () => A.I64(-1), false),
        ["float_positive_zero"] = ("echo_float", () => A.F64(0.0), false),
        ["float_negative_zero"] = ("echo_float", () => A.F64(-0.0), false),
        ["float_positive_infinity"] = ("echo_float", () => A.F64(double.PositiveInfinity), false),
        ["float_negative_infinity"] = ("echo_float", () => A.F64(double.NegativeInfinity), false),
        ["float_nan"] = ("echo_float", () => A.F64(double.NaN), false),
        ["float_smallest_subnormal"] = ("echo_float", () => A.F64(double.Epsilon), false),
        ["float_max"] = ("echo_float", () => A.F64(double.MaxValue), false),
        ["float_min"] = ("echo_float", () => A.F64(double.MinValue), false),
        ["list_empty"] = ("echo_list", () => A.StrList(System.Array.Empty<string?>()), false),
        ["list_empty_strings_and_null"] = ("echo_list", () => A.StrList(["", null, "✓"]), false),
        ["dict_empty"] = ("echo_dict", () => A.StrI64Map(), false),
        ["dict_extreme_values"] = ("echo_dict", () => A.StrI64Map(("", long.MinValue), ("max", long.MaxValue)), false),
        ["nested_list_empty"] = ("echo_nested_list", () => A.NestedI64List(), false),
        ["nested_list_of_empty"] = ("echo_nested_list", () => A.NestedI64List([], [], []), false),
        ["optional_string_unicode"] = ("echo_optional_string", () => A.Str("\0✓"), true),
        ["int32_max"] = ("echo_int32", () => A.I32(int.MaxValue), false),
        ["float32_nan"] = ("echo_float32", () => A.F32(float.NaN), false),
        ["float32_negative_zero"] = ("echo_float32", () => A.F32(-0.0f), false),
    };

    [Theory]
    [MemberData(nameof(BoundaryCases))]
    public Task BoundaryValues_RoundTrip(string name) => Run(async c =>
    {
        var (method, value, nullable) = BoundaryValues[name];
        var input = value();
        Assert.Equal(A.Render(input, 0), await CallAsync(c, method, A.Value(input, nullable)));
    });

    [Fact]
    public Task BoundaryValues_OversizedUnary() => Run(async c =>
    {
        const int size = 8 << 20;
        using var result = await c.CallAsync("oversized_unary", A.Params(new Col("size_bytes", A.I64(size)))).Timed();
        var payload = ((BinaryArray)result.Result!).GetBytes(0);
        Assert.Equal(size, payload.Length);
        for (int i = 0; i < payload.Length; i += 4099) Assert.Equal((byte)(i % 251), payload[i]);
        Assert.Equal((byte)((size - 1) % 251), payload[^1]);
    });

    [Fact]
    public Task BoundaryValues_LargeStringParameter() => Run(async c =>
    {
        string big = string.Concat(Enumerable.Repeat("0123456789abcdef✓", 200_000));
        using var result = await c.CallAsync("echo_string", A.Value(A.Str(big))).Timed();
        Assert.Equal(big, ((StringArray)result.Result!).GetString(0));
        Assert.True(Encoding.UTF8.GetByteCount(big) > 3_000_000);
    });
}
