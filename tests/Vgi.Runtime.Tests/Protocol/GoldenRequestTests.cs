using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Ipc;
using Vgi.Protocol;

namespace Vgi.Tests.Protocol;

/// <summary>
/// The request streams DuckDB's vgi extension really wrote (Golden/README.md), decoded through the
/// protocol records: outer params batch, method metadata, nested request, Arguments.
/// </summary>
public class GoldenRequestTests
{
    private static readonly string Dir = Path.Combine(AppContext.BaseDirectory, "Golden");

    private static async Task<(Schema Schema, RecordBatch Batch, IReadOnlyList<KeyValuePair<string, string>> Metadata)> ReadRequest(string file)
    {
        await using var stream = File.OpenRead(Path.Combine(Dir, file));
        var reader = new ArrowIpcReader(stream);
        var schema = await reader.ReadSchemaAsync() ?? throw new InvalidDataException("no schema");
        var batch = await reader.ReadBatchAsync() ?? throw new InvalidDataException("no batch");
        Assert.Null(await reader.ReadBatchAsync()); // then EOS
        Assert.Equal(1, batch.Length);
        return (schema, batch.Batch, batch.Metadata);
    }

    private static void AssertEnvelope(IReadOnlyList<KeyValuePair<string, string>> metadata, string method)
    {
        Assert.Equal(method, metadata.Get("vgi_rpc.method"));
        Assert.Equal("1", metadata.Get("vgi_rpc.request_version"));
        Assert.Equal("1.0.0", metadata.Get("vgi_rpc.protocol_version"));
    }

    private static async Task<BindRequest> ReadBind(string file)
    {
        var (schema, batch, metadata) = await ReadRequest(file);
        AssertEnvelope(metadata, "bind");
        var field = Assert.Single(schema.FieldsList);
        Assert.Equal("request", field.Name);
        Assert.Equal(ArrowTypeId.Binary, field.DataType.TypeId);
        Assert.False(field.IsNullable);
        Assert.Empty(SchemaSpecs.Compare(SchemaSpecs.Get("BindParams"), schema));

        var request = Assert.Single(BindParams.FromRecordBatch(batch)).Request;

        // The nested stream decodes the same way on its own, and its schema is exactly BindRequest's.
        var bytes = ((BinaryArray)batch.Column("request")).GetBytes(0).ToArray();
        var inner = IpcBytes.ReadBatch(bytes);
        Assert.Equal(Describe(BindRequest.ArrowSchema), Describe(inner.Schema));
        Assert.Equal(request.FunctionName, ArrowRecord.FromIpcBytes<BindRequest>(bytes).FunctionName);
        return request;
    }

    private static string Describe(Schema schema) =>
        string.Join(", ", schema.FieldsList.Select(f => $"{f.Name}: {SchemaSpecs.Describe(f.DataType)}{(f.IsNullable ? "" : " not null")}"));

    [Fact]
    public void The_golden_files_are_all_here()
    {
        string[] expected =
        [
            "README.md", "bind.double_list.request.arrows", "bind.empty_list.request.arrows", "bind.sequence_int_list.request.arrows",
            "bind.string_list_with_null.request.arrows", "catalog_attach.request.arrows", "catalog_catalogs.request.arrows",
        ];
        Assert.Equal(expected, Directory.GetFiles(Dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bind_sequence_with_one_int32_argument()
    {
        var request = await ReadBind("bind.sequence_int_list.request.arrows");
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

        var args = request.ReadArguments();
        Assert.Empty(args.Named);
        var value = Assert.Single(args.Positional);
        Assert.Equal(ArrowTypeId.Int32, value.Type.TypeId); // the literal 5 arrives as INTEGER
        Assert.False(value.IsNull);
        Assert.Equal(5, value.AsInt64());
        Assert.Equal(5.0, value.AsDouble());
    }

    [Fact]
    public async Task Bind_with_three_strings_the_second_null()
    {
        var request = await ReadBind("bind.string_list_with_null.request.arrows");
        Assert.Equal("f", request.FunctionName);
        Assert.Equal(FunctionType.Table, request.FunctionType);
        var args = request.ReadArguments();
        Assert.Equal(3, args.Positional.Count);
        Assert.All(args.Positional, v => Assert.Equal(ArrowTypeId.String, v.Type.TypeId));
        Assert.Equal(["a", null, "ccc"], args.Positional.Select(v => v.AsString()));
        Assert.True(args.Positional[1].IsNull);
    }

    [Fact]
    public async Task Bind_with_no_arguments_is_a_zero_field_struct()
    {
        var request = await ReadBind("bind.empty_list.request.arrows");
        Assert.Equal("ten_thousand", request.FunctionName);
        var batch = IpcBytes.ReadBatch(request.Arguments);
        Assert.Equal("args", Assert.Single(batch.Schema.FieldsList).Name);
        Assert.IsType<EmptyStructType>(batch.Schema.FieldsList[0].DataType);
        var args = request.ReadArguments();
        Assert.True(args.IsEmpty);
        Assert.Empty(args.Positional);
        Assert.Empty(args.Named);
    }

    [Fact]
    public async Task Bind_with_two_doubles_keeps_negative_zero()
    {
        var request = await ReadBind("bind.double_list.request.arrows");
        Assert.Equal("f", request.FunctionName);
        var args = request.ReadArguments();
        Assert.Equal(2, args.Positional.Count);
        Assert.All(args.Positional, v => Assert.Equal(ArrowTypeId.Double, v.Type.TypeId));
        Assert.Equal(1.5, args.Positional[0].AsDouble());
        var negativeZero = args.Positional[1].AsDouble()!.Value;
        Assert.Equal(0.0, negativeZero);
        Assert.True(double.IsNegative(negativeZero));
        Assert.Equal(unchecked((long)0x8000_0000_0000_0000UL), BitConverter.DoubleToInt64Bits(negativeZero));
    }

    [Fact]
    public async Task Catalog_attach_carries_CatalogAttachRequest_example()
    {
        var (schema, batch, metadata) = await ReadRequest("catalog_attach.request.arrows");
        AssertEnvelope(metadata, "catalog_attach");
        Assert.Empty(SchemaSpecs.Compare(SchemaSpecs.Get("CatalogAttachParams"), schema));
        var request = Assert.Single(CatalogAttachParams.FromRecordBatch(batch)).Request;
        Assert.Equal("example", request.Name);
        Assert.Null(request.Options);
        Assert.Null(request.DataVersionSpec);
        Assert.Null(request.ImplementationVersion);

        var inner = IpcBytes.ReadBatch(((BinaryArray)batch.Column("request")).GetBytes(0).ToArray());
        Assert.Equal("name: utf8 not null, options: binary not null, data_version_spec: utf8, implementation_version: utf8", Describe(inner.Schema));
        Assert.Equal(Describe(CatalogAttachRequest.ArrowSchema), Describe(inner.Schema));
    }

    [Fact]
    public async Task Catalog_catalogs_has_no_parameters()
    {
        var (schema, batch, metadata) = await ReadRequest("catalog_catalogs.request.arrows");
        AssertEnvelope(metadata, "catalog_catalogs");
        Assert.Empty(schema.FieldsList);
        Assert.Empty(SchemaSpecs.Compare(SchemaSpecs.Get("CatalogCatalogsParams"), schema));
        Assert.Equal(0, batch.ColumnCount);
        Assert.IsType<CatalogCatalogsParams>(Assert.Single(CatalogCatalogsParams.FromRecordBatch(batch)));
    }

    [Fact]
    public void The_BindRequest_schema_is_what_the_extension_sends()
    {
        Assert.Equal(
            "function_name: utf8 not null, arguments: binary not null, function_type: dictionary<int16, utf8, ordered=False> not null, "
            + "input_schema: binary, settings: binary, secrets: binary, attach_opaque_data: binary, transaction_opaque_data: binary, "
            + "resolved_secrets_provided: bool not null, at_unit: utf8, at_value: utf8",
            Describe(BindRequest.ArrowSchema));
    }
}
