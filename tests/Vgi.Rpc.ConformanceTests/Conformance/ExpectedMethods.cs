namespace Vgi.Rpc.ConformanceTests.Conformance;

/// <summary>One method as <c>__describe__</c> must report it; schemas in <see cref="Infrastructure.A.Describe"/> notation.</summary>
public sealed record ExpectedMethod(string Name, string Kind, string Params, string Result = "", string? Header = null, bool? IsExchange = null)
{
    public bool HasReturn => Kind == "unary" && Result.Length > 0;
}

/// <summary>
/// The exact method set of the conformance service (vgi-rpc-wire.md §10, HTTP-only Sticky group
/// excluded) with the schemas derived from §3.2's type mapping. This table is the contract the
/// describe tests hold the worker to, written independently of the worker's own declarations.
/// </summary>
public static class ExpectedMethods
{
    private const string Status = "dictionary<int16, utf8>";
    private const string Point = "struct<x: float64, y: float64>";
    private const string Dataclass = "result: binary?";
    private const string ConformanceHeader = "total_expected: int64, description: utf8";
    private const string RichHeader =
        "str_field: utf8, bytes_field: binary, int_field: int64, float_field: float64, bool_field: bool, list_field: list<int64?>, " +
        $"dict_field: map<utf8, int64?>, enum_field: {Status}, point_field: {Point}, int32_field: int32, " +
        "timestamp_field: timestamp[us, UTC], optional_str: utf8?, optional_int: int64?";

    private static ExpectedMethod Unary(string name, string parameters, string result) => new(name, "unary", parameters, result);

    private static ExpectedMethod Echo(string name, string type) => Unary(name, $"value: {type}", $"result: {type}");

    private static ExpectedMethod Producer(string name, string parameters, string? header = null) => new(name, "stream", parameters, "", header, false);

    private static ExpectedMethod Exchange(string name, string parameters, string? header = null) => new(name, "stream", parameters, "", header, true);

    public static readonly ExpectedMethod[] All =
    [
        // Echo
        Echo("echo_string", "utf8"),
        Echo("echo_bytes", "binary"),
        Unary("oversized_unary", "size_bytes: int64", "result: binary"),
        Echo("echo_int", "int64"),
        Echo("echo_float", "float64"),
        Echo("echo_bool", "bool"),
        Unary("void_noop", "", ""),
        Unary("void_with_param", "value: int64", ""),
        Unary("echo_enum", $"status: {Status}", $"result: {Status}"),
        Echo("echo_list", "list<utf8?>"),
        Echo("echo_dict", "map<utf8, int64?>"),
        Echo("echo_nested_list", "list<list<int64?>?>"),
        Echo("echo_optional_string", "utf8?"),
        Echo("echo_optional_int", "int64?"),
        // Dataclasses
        Unary("echo_point", "point: binary", Dataclass),
        Unary("echo_all_types", "data: binary", Dataclass),
        Unary("echo_bounding_box", "box: binary", Dataclass),
        Unary("inspect_point", "point: binary", "result: utf8"),
        // Annotated scalars
        Echo("echo_int32", "int32"),
        Echo("echo_float32", "float32"),
        Echo("echo_int8", "int8"),
        Echo("echo_int16", "int16"),
        Echo("echo_uint8", "uint8"),
        Echo("echo_uint16", "uint16"),
        Echo("echo_uint32", "uint32"),
        Echo("echo_uint64", "uint64"),
        Echo("echo_date", "date32"),
        Echo("echo_timestamp", "timestamp[us]"),
        Echo("echo_timestamp_utc", "timestamp[us, UTC]"),
        Echo("echo_time", "time64[us]"),
        Echo("echo_duration", "duration[us]"),
        Echo("echo_decimal", "decimal128(20, 4)"),
        Echo("echo_large_string", "large_utf8"),
        Echo("echo_large_binary", "large_binary"),
        Echo("echo_fixed_binary", "fixed_size_binary(8)"),
        // Composite types
        Unary("echo_wide_types", "data: binary", Dataclass),
        Unary("echo_container_wide_types", "data: binary", Dataclass),
        Unary("echo_embedded_arrow", "data: binary", Dataclass),
        Unary("echo_deep_nested", "data: binary", Dataclass),
        Echo("echo_dict_encoded_string", "dictionary<int32, utf8>"),
        // Multi-parameter
        Unary("add_floats", "a: float64, b: float64", "result: float64"),
        Unary("concatenate", "prefix: utf8, suffix: utf8, separator: utf8", "result: utf8"),
        Unary("with_defaults", "required: int64, optional_str: utf8, optional_int: int64", "result: utf8"),
        // Errors and logs
        Unary("raise_value_error", "message: utf8", "result: utf8"),
        Unary("raise_runtime_error", "message: utf8", "result: utf8"),
        Unary("raise_type_error", "message: utf8", "result: utf8"),
        Echo("echo_with_info_log", "utf8"),
        Echo("echo_with_multi_logs", "utf8"),
        Echo("echo_with_log_extras", "utf8"),
        Echo("echo_with_all_log_levels", "utf8"),
        // Producers
        Producer("produce_n", "count: int64"),
        Producer("produce_empty", ""),
        Producer("produce_single", ""),
        Producer("produce_large_batches", "rows_per_batch: int64, batch_count: int64"),
        Producer("produce_with_logs", "count: int64"),
        Producer("produce_error_mid_stream", "emit_before_error: int64"),
        Producer("produce_error_on_init", ""),
        Producer("produce_oversized_batch", "size_bytes: int64"),
        Producer("produce_with_header", "count: int64", ConformanceHeader),
        Producer("produce_with_header_and_logs", "count: int64", ConformanceHeader),
        Producer("produce_with_rich_header", "seed: int64, count: int64", RichHeader),
        Producer("produce_dynamic_schema", "column_names: list<utf8?>, row_count: int64"),
        // Exchanges
        Exchange("exchange_scale", "factor: float64"),
        Exchange("exchange_accumulate", ""),
        Exchange("exchange_with_logs", ""),
        Exchange("exchange_error_on_nth", "fail_on: int64"),
        Exchange("exchange_zero_columns", ""),
        Exchange("exchange_error_on_init", ""),
        Exchange("exchange_oversized", "size_bytes: int64"),
        Exchange("exchange_with_header", "factor: float64", "factor: float64"),
        Exchange("exchange_cast_compatible", ""),
        Exchange("exchange_with_rich_header", "seed: int64", RichHeader),
        // Cancel
        Producer("cancellable_producer", ""),
        Exchange("cancellable_exchange", ""),
        Unary("cancel_probe_counters", "", Dataclass),
        Unary("reset_cancel_probe", "", ""),
    ];
}
