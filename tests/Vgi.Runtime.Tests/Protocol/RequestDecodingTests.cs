using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Protocol;
using static Vgi.Tests.Protocol.WireBatches;

namespace Vgi.Tests.Protocol;

/// <summary>
/// Requests built the way the extension builds them: full enum dictionaries, nulls under NOT NULL
/// flags, other column orders, unknown columns, missing columns, zero rows.
/// </summary>
public class RequestDecodingTests
{
    private static readonly byte[] NoArguments = new Arguments([], new Dictionary<string, ArgumentValue>()).ToIpcBytes();

    [Fact]
    public void BindRequest_with_the_extensions_enum_dictionary()
    {
        var args = new Arguments([new ArgumentValue(new Int32Array.Builder().Append(5).Build())], new Dictionary<string, ArgumentValue>()).ToIpcBytes();
        var request = ArrowRecord.FromIpcBytes<BindRequest>(BindRequestAsSent("sequence", args, functionType: 1));
        Assert.Equal("sequence", request.FunctionName);
        Assert.Equal(FunctionType.Table, request.FunctionType);
        Assert.Null(request.InputSchema);
        Assert.Null(request.Settings);
        Assert.Null(request.Secrets);
        Assert.Null(request.AttachOpaqueData);
        Assert.Null(request.TransactionOpaqueData);
        Assert.False(request.ResolvedSecretsProvided);
        Assert.Null(request.AtUnit);
        Assert.Null(request.AtValue);
        Assert.Equal(5, request.ReadArguments().Positional.Single().AsInt64());
    }

    [Fact]
    public void Scalar_BindRequest_with_input_schema_settings_and_opaque_data()
    {
        var input = new Schema.Builder().Field(new Field("col_0", StringType.Default, true)).Build();
        var settings = Stream(Col("my_setting", Int64Type.Default, true, Int64(7)));
        var bytes = BindRequestAsSent("upper_case", NoArguments, functionType: 0, inputSchema: IpcBytes.SerializeSchema(input), settings: settings,
            attach: [1, 2, 3], transaction: [4], resolvedSecretsProvided: true, atUnit: "VERSION", atValue: "2");
        var request = ArrowRecord.FromIpcBytes<BindRequest>(bytes);
        Assert.Equal(FunctionType.Scalar, request.FunctionType);
        Assert.Equal("col_0", Assert.Single(request.InputSchema!.FieldsList).Name);
        Assert.Equal(7, ((Int64Array)IpcBytes.ReadBatch(request.Settings!).Column("my_setting")).GetValue(0));
        Assert.Equal([1, 2, 3], request.AttachOpaqueData);
        Assert.Equal([4], request.TransactionOpaqueData);
        Assert.True(request.ResolvedSecretsProvided);
        Assert.Equal("VERSION", request.AtUnit);
        Assert.Equal("2", request.AtValue);
        Assert.True(request.ReadArguments().IsEmpty);
    }

    [Fact]
    public void Params_envelope_decodes_the_nested_request()
    {
        var inner = BindRequestAsSent("f", NoArguments, functionType: 2);
        var outer = Batch(Col("request", BinaryType.Default, false, Binary(inner)));
        var bind = Assert.Single(BindParams.FromRecordBatch(outer));
        Assert.Equal("f", bind.Request.FunctionName);
        Assert.Equal(FunctionType.Aggregate, bind.Request.FunctionType);
    }

    [Fact]
    public void Columns_in_another_order_and_an_unknown_column()
    {
        var bytes = Stream(
            Col("transaction_opaque_data", BinaryType.Default, true, Binary([9, 9])),
            Col("some_future_field", Int64Type.Default, true, Int64(42)),
            Col("at_value", StringType.Default, true, Utf8("3")),
            Col("name", StringType.Default, false, Utf8("t")),
            Col("at_unit", StringType.Default, true, Utf8([null])),
            Col("schema_name", StringType.Default, false, Utf8("s")),
            Col("attach_opaque_data", BinaryType.Default, false, Binary([1])));
        var p = ArrowRecord.FromIpcBytes<CatalogTableGetParams>(bytes);
        Assert.Equal([1], p.AttachOpaqueData);
        Assert.Equal("s", p.SchemaName);
        Assert.Equal("t", p.Name);
        Assert.Null(p.AtUnit);
        Assert.Equal("3", p.AtValue);
        Assert.Equal([9, 9], p.TransactionOpaqueData);
    }

    [Fact]
    public void Missing_optional_columns_fall_back_to_initializers()
    {
        var bind = BindRequestAsSent("f", NoArguments, functionType: 1);
        var output = IpcBytes.SerializeSchema(RecordValues.SampleSchema(1));
        var init = ArrowRecord.FromIpcBytes<InitRequest>(Stream(
            Col("bind_call", BinaryType.Default, false, Binary(bind)),
            Col("output_schema", BinaryType.Default, false, Binary(output))));
        Assert.Equal("f", init.BindCall.FunctionName);
        Assert.Equal(["a", "b"], init.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Null(init.Phase);
        Assert.Null(init.ProjectionIds);
        Assert.Null(init.PushdownFilters);
        Assert.Null(init.JoinKeys);
        Assert.Null(init.ExecutionId);

        var header = ArrowRecord.FromIpcBytes<GlobalInitResponse>(Stream(Col("execution_id", BinaryType.Default, false, Binary([1, 2]))));
        Assert.Equal([1, 2], header.ExecutionId);
        Assert.Null(header.OpaqueData);
        Assert.Equal(1, header.MaxWorkers);

        var result = ArrowRecord.FromIpcBytes<BindResult>(Stream(Col("output_schema", BinaryType.Default, false, Binary(output))));
        Assert.Empty(result.LookupSecretTypes);
        Assert.Null(result.OpaqueData);
    }

    [Fact]
    public void Zero_row_requests_decode_to_no_rows()
    {
        var empty = IpcBytes.WriteBatch(Batch(
            Col("attach_opaque_data", BinaryType.Default, false, Binary()),
            Col("transaction_opaque_data", BinaryType.Default, true, Binary())));
        Assert.Empty(ArrowRecord.FromIpcBytesAll<CatalogSchemasParams>(empty));
        Assert.Throws<ArrowRecordException>(() => ArrowRecord.FromIpcBytes<CatalogSchemasParams>(empty));

        // A schema-only stream (no batch at all) reads as zero rows too.
        var schemaOnly = new MemoryStream();
        var writer = new Vgi.Ipc.ArrowIpcWriter(schemaOnly);
        writer.WriteSchema(CatalogSchemasParams.ArrowSchema);
        writer.WriteEos();
        writer.Flush();
        Assert.Empty(ArrowRecord.FromIpcBytesAll<CatalogSchemasParams>(schemaOnly.ToArray()));
    }

    [Fact]
    public void Nulls_under_not_null_flags_are_read_as_null()
    {
        // The Python schema flags these NOT NULL but the values are null (vgi-functions §3.3 quirk).
        var bind = BindRequestAsSent("f", NoArguments, functionType: 1);
        var init = ArrowRecord.FromIpcBytes<InitRequest>(Stream(
            Col("bind_call", BinaryType.Default, false, Binary(bind)),
            Col("output_schema", BinaryType.Default, false, Binary(IpcBytes.SerializeSchema(ProtocolDefaults.EmptySchema))),
            Col("bind_opaque_data", BinaryType.Default, false, Binary([null])),
            Col("pushdown_filters", LargeBinaryType.Default, false, LargeBinary([null])),
            Col("join_keys", new ListType(new Field("item", LargeBinaryType.Default, true)), false, List(LargeBinaryType.Default, LargeBinary(), [null])),
            Col("init_opaque_data", BinaryType.Default, false, Binary([null]))));
        Assert.Null(init.BindOpaqueData);
        Assert.Null(init.PushdownFilters);
        Assert.Null(init.JoinKeys);
        Assert.Null(init.InitOpaqueData);

        var attach = ArrowRecord.FromIpcBytes<CatalogAttachRequest>(Stream(
            Col("name", StringType.Default, false, Utf8("example")),
            Col("options", BinaryType.Default, false, Binary([null])),
            Col("data_version_spec", StringType.Default, true, Utf8([null])),
            Col("implementation_version", StringType.Default, true, Utf8([null]))));
        Assert.Equal("example", attach.Name);
        Assert.Null(attach.Options);

        var header = ArrowRecord.FromIpcBytes<GlobalInitResponse>(Stream(
            Col("execution_id", BinaryType.Default, false, Binary([7])),
            Col("opaque_data", BinaryType.Default, false, Binary([null])),
            Col("max_workers", Int64Type.Default, false, Int64(4))));
        Assert.Null(header.OpaqueData);
        Assert.Equal(4, header.MaxWorkers);
    }

    [Fact]
    public void InitRequest_with_every_field_as_the_extension_sends_it()
    {
        var bind = BindRequestAsSent("scan", NoArguments, functionType: 1);
        var filters = Stream(Col("filter_spec", StringType.Default, true, Utf8("[]")));
        var keys = Stream(Col("id", Int64Type.Default, true, Int64(1, 2, 3)));
        var init = ArrowRecord.FromIpcBytes<InitRequest>(Stream(
            Col("bind_call", BinaryType.Default, false, Binary(bind)),
            Col("output_schema", BinaryType.Default, false, Binary(IpcBytes.SerializeSchema(RecordValues.SampleSchema(3)))),
            Col("bind_opaque_data", BinaryType.Default, true, Binary([5, 5])),
            Col("projection_ids", new ListType(new Field("item", Int64Type.Default, true)), true, List(Int64Type.Default, Int64(1, 0), 2)),
            Col("pushdown_filters", LargeBinaryType.Default, true, LargeBinary(filters)),
            Col("join_keys", new ListType(new Field("item", LargeBinaryType.Default, true)), true, List(LargeBinaryType.Default, LargeBinary(keys, keys), 2)),
            Col("phase", Enum16, true, Enum(["INPUT", "FINALIZE", "TABLE_BUFFERING", "TABLE_BUFFERING_FINALIZE"], 3)),
            Col("execution_id", BinaryType.Default, true, Binary([0xEE])),
            Col("init_opaque_data", BinaryType.Default, true, Binary([0xDD])),
            Col("order_by_column_name", StringType.Default, true, Utf8("a")),
            Col("order_by_direction", Enum16, true, Enum(["ASC", "DESC"], 1)),
            Col("order_by_null_order", Enum16, true, Enum(["NULLS_FIRST", "NULLS_LAST"], [null])),
            Col("order_by_limit", Int64Type.Default, true, Int64(10)),
            Col("tablesample_percentage", DoubleType.Default, true, Float64(10.0)),
            Col("tablesample_seed", Int64Type.Default, true, Int64(42)),
            Col("finalize_state_id", BinaryType.Default, true, Binary([0xCC]))));
        Assert.Equal("scan", init.BindCall.FunctionName);
        Assert.Equal(["a", "b"], init.OutputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal("any", init.OutputSchema.FieldsList[0].Metadata["vgi_type"]);
        Assert.Equal([5, 5], init.BindOpaqueData);
        Assert.Equal([1L, 0L], init.ProjectionIds);
        Assert.Equal("[]", ((StringArray)IpcBytes.ReadBatch(init.PushdownFilters!).Column("filter_spec")).GetString(0));
        Assert.Equal(2, init.JoinKeys!.Count);
        Assert.Equal(3, IpcBytes.ReadBatch(init.JoinKeys[1]).Length);
        Assert.Equal(TableInOutFunctionInitPhase.TableBufferingFinalize, init.Phase);
        Assert.Equal([0xEE], init.ExecutionId);
        Assert.Equal([0xDD], init.InitOpaqueData);
        Assert.Equal("a", init.OrderByColumnName);
        Assert.Equal(OrderByDirection.Desc, init.OrderByDirection);
        Assert.Null(init.OrderByNullOrder);
        Assert.Equal(10, init.OrderByLimit);
        Assert.Equal(10.0, init.TablesamplePercentage);
        Assert.Equal(42, init.TablesampleSeed);
        Assert.Equal([0xCC], init.FinalizeStateId);
    }

    [Fact]
    public void Enum_dictionaries_in_any_order_are_read_by_name()
    {
        string[] sent = ["TABLE", "VIEW", "SCALAR_FUNCTION", "TABLE_FUNCTION", "AGGREGATE_FUNCTION", "SCALAR_MACRO", "TABLE_MACRO", "INDEX"];
        var rows = CatalogSchemaContentsFunctionsParams.FromRecordBatch(Batch(
            Col("attach_opaque_data", BinaryType.Default, false, Binary([1], [1], [1])),
            Col("name", StringType.Default, false, Utf8("main", "main", "main")),
            Col("type", Enum16, false, Enum(sent, 2, 4, 3)),
            Col("transaction_opaque_data", BinaryType.Default, true, Binary(null, null, [2]))));
        Assert.Equal([CatalogObjectType.ScalarFunction, CatalogObjectType.AggregateFunction, CatalogObjectType.TableFunction], rows.Select(r => r.Type));
        Assert.Equal([2], rows[2].TransactionOpaqueData);

        var create = ArrowRecord.FromIpcBytes<CatalogSchemaCreateParams>(Stream(
            Col("attach_opaque_data", BinaryType.Default, false, Binary([1])),
            Col("name", StringType.Default, false, Utf8("s")),
            Col("on_conflict", Enum16, false, Enum(["REPLACE", "IGNORE", "ERROR"], 0)),
            Col("comment", StringType.Default, true, Utf8([null])),
            Col("tags", new MapType(new Field("key", StringType.Default, false), new Field("value", StringType.Default, true)), true, NullMap()),
            Col("transaction_opaque_data", BinaryType.Default, true, Binary([null]))));
        Assert.Equal(OnConflict.Replace, create.OnConflict);
        Assert.Null(create.Comment);
        Assert.Null(create.Tags);
    }

    [Fact]
    public void An_unknown_enum_member_is_an_error()
    {
        var bytes = Stream(
            Col("function_name", StringType.Default, false, Utf8("f")),
            Col("arguments", BinaryType.Default, false, Binary(NoArguments)),
            Col("function_type", Enum16, false, Enum(["SCALAR", "BOGUS"], 1)),
            Col("resolved_secrets_provided", BooleanType.Default, false, Bool(false)));
        Assert.Throws<ArrowRecordException>(() => ArrowRecord.FromIpcBytes<BindRequest>(bytes));
    }

    [Fact]
    public void Aggregate_and_buffering_requests_as_sent()
    {
        var input = Stream(Col("__vgi_group_id", Int64Type.Default, true, Int64(0, 1)), Col("col_0", DoubleType.Default, true, Float64(1.5, null)));
        var update = ArrowRecord.FromIpcBytes<AggregateUpdateRequest>(Stream(
            Col("function_name", StringType.Default, false, Utf8("weighted_avg")),
            Col("execution_id", BinaryType.Default, false, Binary([1, 2, 3, 4])),
            Col("input_batch", BinaryType.Default, false, Binary(input)),
            Col("attach_opaque_data", BinaryType.Default, true, Binary([null]))));
        Assert.Equal("weighted_avg", update.FunctionName);
        Assert.Equal(2, IpcBytes.ReadBatch(update.InputBatch).Length);
        Assert.Null(update.AttachOpaqueData);

        var window = ArrowRecord.FromIpcBytes<AggregateWindowBatchRequest>(Stream(
            Col("function_name", StringType.Default, false, Utf8("w")),
            Col("execution_id", BinaryType.Default, false, Binary([1])),
            Col("partition_id", Int64Type.Default, false, Int64(3)),
            Col("row_idx", Int64Type.Default, false, Int64(10)),
            Col("count", Int64Type.Default, false, Int64(2)),
            Col("frames_per_row", new ListType(new Field("item", Int64Type.Default, true)), false, List(Int64Type.Default, Int64(1, 2), 2)),
            Col("frame_starts", new ListType(new Field("item", Int64Type.Default, true)), false, List(Int64Type.Default, Int64(0, 0, 5), 3)),
            Col("frame_ends", new ListType(new Field("item", Int64Type.Default, true)), false, List(Int64Type.Default, Int64(4, 3, 9), 3)),
            Col("attach_opaque_data", BinaryType.Default, true, Binary([null]))));
        Assert.Equal([1L, 2L], window.FramesPerRow);
        Assert.Equal([0L, 0L, 5L], window.FrameStarts);
        Assert.Equal([4L, 3L, 9L], window.FrameEnds);
        Assert.Equal(2, window.Count);

        var combine = ArrowRecord.FromIpcBytes<TableBufferingCombineRequest>(Stream(
            Col("function_name", StringType.Default, false, Utf8("sorter")),
            Col("execution_id", BinaryType.Default, false, Binary([1])),
            Col("state_ids", new ListType(new Field("item", BinaryType.Default, true)), false, List(BinaryType.Default, Binary([1], [2], [3]), 3)),
            Col("attach_opaque_data", BinaryType.Default, true, Binary([null])),
            Col("transaction_id", BinaryType.Default, true, Binary([null]))));
        Assert.Equal(3, combine.StateIds.Count);
        Assert.Equal([3], combine.StateIds[2]);
        Assert.Null(combine.TransactionId);

        var process = ArrowRecord.FromIpcBytes<TableBufferingProcessRequest>(Stream(
            Col("function_name", StringType.Default, false, Utf8("sorter")),
            Col("execution_id", BinaryType.Default, false, Binary([1])),
            Col("input_batch", BinaryType.Default, false, Binary(input)),
            Col("attach_opaque_data", BinaryType.Default, true, Binary([null])),
            Col("transaction_id", BinaryType.Default, true, Binary([null])),
            Col("batch_index", Int64Type.Default, true, Int64(17))));
        Assert.Equal(17, process.BatchIndex);
    }

    [Fact]
    public void AggregateStreamingOpenRequest_with_the_one_row_empty_struct_arguments()
    {
        var input = new Schema.Builder().Field(new Field("__pk_0", Int64Type.Default, true)).Field(new Field("__val_0", DoubleType.Default, true)).Build();
        var output = new Schema.Builder().Field(new Field("result", DoubleType.Default, true)).Build();
        var open = ArrowRecord.FromIpcBytes<AggregateStreamingOpenRequest>(Stream(
            Col("function_name", StringType.Default, false, Utf8("running_sum")),
            Col("arguments", BinaryType.Default, false, Binary(NoArguments)),
            Col("input_schema", BinaryType.Default, false, Binary(IpcBytes.SerializeSchema(input))),
            Col("partition_key_count", Int64Type.Default, false, Int64(1)),
            Col("order_key_count", Int64Type.Default, false, Int64(0)),
            Col("output_schema", BinaryType.Default, false, Binary(IpcBytes.SerializeSchema(output))),
            Col("settings", BinaryType.Default, true, Binary([null])),
            Col("secrets", BinaryType.Default, true, Binary([null])),
            Col("attach_opaque_data", BinaryType.Default, true, Binary([null]))));
        Assert.True(open.ReadArguments().IsEmpty);
        Assert.Equal(["__pk_0", "__val_0"], open.InputSchema.FieldsList.Select(f => f.Name));
        Assert.Equal("result", Assert.Single(open.OutputSchema.FieldsList).Name);
        Assert.Equal(1, open.PartitionKeyCount);
        Assert.Null(open.Settings);
    }

    [Fact]
    public void TableCreateRequest_as_the_extension_builds_it()
    {
        var fk = Stream(
            Col("fk_columns", new ListType(new Field("item", StringType.Default, true)), true, List(StringType.Default, Utf8("a"), 1)),
            Col("pk_columns", new ListType(new Field("item", StringType.Default, true)), true, List(StringType.Default, Utf8("id"), 1)),
            Col("referenced_table", StringType.Default, true, Utf8("parent")),
            Col("referenced_schema", StringType.Default, true, Utf8([null])));
        var columns = new Schema.Builder()
            .Field(new Field("id", Int64Type.Default, true))
            .Field(new Field("a", StringType.Default, true, [new("default", "'x'")]))
            .Build();
        var intList = new ListType(new Field("item", Int32Type.Default, true));
        var request = ArrowRecord.FromIpcBytes<TableCreateRequest>(Stream(
            Col("attach_opaque_data", BinaryType.Default, false, Binary([1])),
            Col("schema_name", StringType.Default, false, Utf8("main")),
            Col("name", StringType.Default, false, Utf8("t")),
            Col("columns", BinaryType.Default, false, Binary(IpcBytes.SerializeSchema(columns))),
            Col("on_conflict", Enum16, false, Enum(["ERROR", "IGNORE", "REPLACE"], 1)),
            Col("not_null_constraints", intList, false, List(Int32Type.Default, new Int32Array.Builder().Append(0).Build(), 1)),
            Col("unique_constraints", new ListType(new Field("item", intList, true)), false,
                List(intList, List(Int32Type.Default, new Int32Array.Builder().Append(0).Append(1).Build(), 2), 1)),
            Col("check_constraints", new ListType(new Field("item", StringType.Default, true)), false, List(StringType.Default, Utf8("id > 0"), 1)),
            Col("primary_key_constraints", new ListType(new Field("item", intList, true)), false,
                List(intList, List(Int32Type.Default, new Int32Array.Builder().Append(0).Build(), 1), 1)),
            Col("foreign_key_constraints", new ListType(new Field("item", BinaryType.Default, true)), false, List(BinaryType.Default, Binary(fk), 1)),
            Col("transaction_opaque_data", BinaryType.Default, true, Binary([null]))));
        Assert.Equal(OnConflict.Ignore, request.OnConflict);
        Assert.Equal("'x'", request.Columns.FieldsList[1].Metadata["default"]);
        Assert.Equal([0], request.NotNullConstraints);
        Assert.Equal([0, 1], Assert.Single(request.UniqueConstraints));
        Assert.Equal([0], Assert.Single(request.PrimaryKeyConstraints));
        Assert.Equal("id > 0", Assert.Single(request.CheckConstraints));
        var key = Assert.Single(request.ForeignKeyConstraints);
        Assert.Equal(["a"], key.FkColumns!);
        Assert.Equal(["id"], key.PkColumns!);
        Assert.Equal("parent", key.ReferencedTable);
        Assert.Null(key.ReferencedSchema);
    }

    private static MapArray NullMap()
    {
        var type = new MapType(new Field("key", StringType.Default, false), new Field("value", StringType.Default, true));
        var entries = new StructArray(new StructType([type.KeyField, type.ValueField]), 0, [Utf8(), Utf8()], ArrowBuffer.Empty);
        var offsets = new ArrowBuffer.Builder<int>().Append(0).Append(0).Build();
        var validity = new ArrowBuffer.BitmapBuilder().Append(false).Build();
        return new MapArray(type, 1, offsets, entries, validity, 1);
    }
}
