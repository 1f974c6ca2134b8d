namespace Vgi.Tests.Protocol;

/// <summary>
/// Schemas of the records that are not among the 114 (inner requests, nested specs), as the
/// extension sends them or as Python declares them: vgi-functions §3.1–§3.7 ("Sent (C++)" column),
/// vgi-catalog §3.2, §3.5.2, §3.13–§3.15, §9.2 and the golden README. Written in the notation of
/// protocol-1.0.0-schemas.md.
/// </summary>
public class InnerRecordSchemaTests
{
    private const string Specs = """
        ## vgi-functions §3.1 + golden README  (BindRequest)
          0. function_name: utf8 not null
          1. arguments: binary not null
          2. function_type: dictionary<int16, utf8> not null
          3. input_schema: binary nullable
          4. settings: binary nullable
          5. secrets: binary nullable
          6. attach_opaque_data: binary nullable
          7. transaction_opaque_data: binary nullable
          8. resolved_secrets_provided: boolean not null
          9. at_unit: utf8 nullable
          10. at_value: utf8 nullable

        ## vgi-functions §3.3, C++ order  (InitRequest)
          0. bind_call: binary not null
          1. output_schema: binary not null
          2. bind_opaque_data: binary nullable
          3. projection_ids: list<int64> nullable
          4. pushdown_filters: large_binary nullable
          5. join_keys: list<large_binary> nullable
          6. phase: dictionary<int16, utf8> nullable
          7. execution_id: binary nullable
          8. init_opaque_data: binary nullable
          9. order_by_column_name: utf8 nullable
          10. order_by_direction: dictionary<int16, utf8> nullable
          11. order_by_null_order: dictionary<int16, utf8> nullable
          12. order_by_limit: int64 nullable
          13. tablesample_percentage: float64 nullable
          14. tablesample_seed: int64 nullable
          15. finalize_state_id: binary nullable

        ## vgi-functions §3.4  (GlobalInitResponse)
          0. execution_id: binary not null
          1. opaque_data: binary not null
          2. max_workers: int64 not null

        ## vgi-functions §3.5  (TableFunctionCardinalityRequest)
          0. bind_call: binary not null
          1. bind_opaque_data: binary nullable

        ## vgi-functions §3.5  (TableFunctionStatisticsRequest)
          0. bind_call: binary not null
          1. bind_opaque_data: binary nullable

        ## vgi-functions §3.5  (TableFunctionDynamicToStringRequest)
          0. bind_call: binary not null
          1. bind_opaque_data: binary nullable
          2. global_execution_id: binary not null

        ## vgi-functions §3.6  (AggregateBindRequest)
          0. function_name: utf8 not null
          1. arguments: binary not null
          2. input_schema: binary nullable
          3. settings: binary nullable
          4. secrets: binary nullable
          5. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateUpdateRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. input_batch: binary not null
          3. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateCombineRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. merge_batch: binary not null
          3. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateFinalizeRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. group_ids_batch: binary not null
          3. output_schema: binary not null
          4. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateDestructorRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. group_ids_batch: binary not null
          3. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateWindowInitRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. partition_id: int64 not null
          3. row_count: int64 not null
          4. partition_batch: binary not null
          5. output_schema: binary not null
          6. filter_mask: binary not null
          7. frame_stats: binary not null
          8. all_valid: binary not null
          9. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateWindowRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. partition_id: int64 not null
          3. rid: int64 not null
          4. frame_starts: list<int64> not null
          5. frame_ends: list<int64> not null
          6. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateWindowBatchRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. partition_id: int64 not null
          3. row_idx: int64 not null
          4. count: int64 not null
          5. frames_per_row: list<int64> not null
          6. frame_starts: list<int64> not null
          7. frame_ends: list<int64> not null
          8. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateWindowDestructorRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. partition_id: int64 not null
          3. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateStreamingOpenRequest)
          0. function_name: utf8 not null
          1. arguments: binary not null
          2. input_schema: binary not null
          3. partition_key_count: int64 not null
          4. order_key_count: int64 not null
          5. output_schema: binary not null
          6. settings: binary nullable
          7. secrets: binary nullable
          8. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateStreamingChunkRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. input_batch: binary not null
          3. attach_opaque_data: binary nullable

        ## vgi-functions §3.6  (AggregateStreamingCloseRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. attach_opaque_data: binary nullable

        ## vgi-functions §3.7  (TableBufferingProcessRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. input_batch: binary not null
          3. attach_opaque_data: binary nullable
          4. transaction_id: binary nullable
          5. batch_index: int64 nullable

        ## vgi-functions §3.7  (TableBufferingCombineRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. state_ids: list<binary> not null
          3. attach_opaque_data: binary nullable
          4. transaction_id: binary nullable

        ## vgi-functions §3.7  (TableBufferingDestructorRequest)
          0. function_name: utf8 not null
          1. execution_id: binary not null
          2. attach_opaque_data: binary nullable
          3. transaction_id: binary nullable

        ## vgi-catalog §3.2 + golden README  (CatalogAttachRequest)
          0. name: utf8 not null
          1. options: binary not null
          2. data_version_spec: utf8 nullable
          3. implementation_version: utf8 nullable

        ## vgi-catalog §3.5.2  (ForeignKeyConstraint)
          0. fk_columns: list<utf8> nullable
          1. pk_columns: list<utf8> nullable
          2. referenced_table: utf8 nullable
          3. referenced_schema: utf8 nullable

        ## vgi-catalog §3.13  (SettingSpec)
          0. name: utf8 not null
          1. description: utf8 not null
          2. type: binary not null
          3. default_value: binary nullable

        ## vgi-catalog §3.13  (AttachOptionSpec)
          0. name: utf8 not null
          1. description: utf8 not null
          2. type: binary not null
          3. default_value: binary nullable

        ## vgi-catalog §3.14  (SecretTypeSpec)
          0. name: utf8 not null
          1. description: utf8 not null
          2. parameters_schema: binary not null

        ## vgi-catalog §3.15  (TableCreateRequest)
          0. attach_opaque_data: binary not null
          1. schema_name: utf8 not null
          2. name: utf8 not null
          3. columns: binary not null
          4. on_conflict: dictionary<int16, utf8> not null
          5. not_null_constraints: list<int32> not null
          6. unique_constraints: list<list<int32>> not null
          7. check_constraints: list<utf8> not null
          8. primary_key_constraints: list<list<int32>> not null
          9. foreign_key_constraints: list<binary> not null
          10. transaction_opaque_data: binary nullable

        ## vgi-catalog §3.15  (CatalogCreateRequest)
          0. name: utf8 not null
          1. on_conflict: dictionary<int16, utf8> not null
          2. options: binary not null

        ## vgi-catalog §3.15  (MacroCreateRequest)
          0. attach_opaque_data: binary not null
          1. schema_name: utf8 not null
          2. name: utf8 not null
          3. macro_type: dictionary<int16, utf8> not null
          4. parameters: list<utf8> not null
          5. definition: utf8 not null
          6. on_conflict: dictionary<int16, utf8> not null
          7. parameter_default_values: binary not null
          8. transaction_opaque_data: binary nullable

        ## vgi-catalog §3.15  (IndexCreateRequest)
          0. attach_opaque_data: binary not null
          1. schema_name: utf8 not null
          2. name: utf8 not null
          3. table_name: utf8 not null
          4. index_type: utf8 not null
          5. constraint_type: dictionary<int16, utf8> not null
          6. expressions: list<utf8> not null
          7. on_conflict: dictionary<int16, utf8> not null
          8. options: map<utf8, utf8> not null
          9. transaction_opaque_data: binary nullable

        ## vgi-catalog §9.2  (WriteOptions)
          0. return_chunks: boolean nullable
          1. on_conflict: utf8 nullable
          2. on_conflict_columns: list<utf8> nullable

        ## vgi-catalog §3.1 releases struct  (CatalogDataVersionRelease)
          0. version: utf8 not null
          1. released_at: timestamp<micro, UTC> not null
          2. summary: utf8 not null
          3. notes_url: utf8 nullable

        ## vgi-functions §3.8 examples struct  (FunctionExample)
          0. sql: utf8 not null
          1. description: utf8 not null
          2. expected_output: utf8 nullable

        ## vgi-functions §3.8 required_secrets struct  (RequiredSecret)
          0. secret_type: utf8 not null
          1. scope: utf8 nullable
          2. secret_name: utf8 nullable
        """;

    private static readonly IReadOnlyList<SchemaSpec> Parsed = SchemaSpecs.Parse(Specs);

    public static IEnumerable<object[]> Names() => Parsed.Select(s => new object[] { s.Name });

    [Theory]
    [MemberData(nameof(Names))]
    public void Schema_matches_the_spec(string name)
    {
        var errors = SchemaSpecs.Compare(Parsed.Single(s => s.Name == name), ProtocolRecords.Get(name).Schema());
        Assert.True(errors.Count == 0, $"{name}:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_record_has_a_spec_here_or_in_the_protocol_file()
    {
        var specified = Parsed.Select(s => s.Name).Concat(SchemaSpecs.All.Select(s => s.Name)).ToHashSet();
        Assert.DoesNotContain(ProtocolRecords.All, c => !specified.Contains(c.Name));
        Assert.Equal(34, Parsed.Count);
    }
}
