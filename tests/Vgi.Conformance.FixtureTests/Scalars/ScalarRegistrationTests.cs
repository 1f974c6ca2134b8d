using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Protocol;
using Vgi.Testing;

namespace Vgi.Conformance.FixtureTests.Scalars;

/// <summary>
/// What <c>catalog_schema_contents_functions(SCALAR_FUNCTION, main)</c> lists for catalog
/// <c>example</c> (fixtures.md §2.2): the 41 overloads, and for representative ones the exact
/// arguments, result, description, stability, null handling, settings and secrets.
/// </summary>
public sealed class ScalarRegistrationTests
{
    private static readonly (string, string)[] None = [];
    private static readonly (string, string)[] AnyType = [("vgi_type", "any")];
    private static readonly (string, string)[] Constant = [("vgi_const", "true")];

    /// <summary>Every SQL name and its number of overloads (41 in all).</summary>
    private static readonly Dictionary<string, int> Overloads = new()
    {
        ["add_values"] = 1, ["any_mixed"] = 2, ["bernoulli"] = 1, ["binary_packet"] = 1, ["concat_values"] = 2,
        ["conditional_message"] = 1, ["double"] = 1, ["format_number"] = 3, ["geo_centroid_fixed"] = 1, ["geo_centroid_list"] = 1,
        ["geo_centroid_struct"] = 1, ["geo_distance_fixed"] = 1, ["geo_distance_list"] = 1, ["geo_distance_struct"] = 1, ["hash_seed"] = 1,
        ["multiply"] = 1, ["multiply_by_setting"] = 1, ["null_handling"] = 1, ["pair_type"] = 3, ["random_bytes"] = 1,
        ["random_int"] = 1, ["return_secret_value"] = 1, ["scale_by_setting"] = 1, ["secret_field"] = 1, ["smart_format"] = 2,
        ["sum_values"] = 1, ["type_info"] = 5, ["unnest_tensor"] = 1, ["upper_case"] = 1, ["whoami"] = 1,
    };

    private static async Task<IReadOnlyList<FunctionInfo>> ListAsync()
    {
        await using var w = WorkerProcess.Fixture.Start();
        var attach = (await w.AttachAsync("example")).Value.AttachOpaqueData;
        var reply = await w.FunctionsAsync(attach, CatalogObjectType.ScalarFunction);
        SchemaAssert.Equal(CatalogSchemaContentsFunctionsResult.ArrowSchema, reply.InnerSchema);
        return reply.Value.Items;
    }

    [Fact]
    public async Task Lists41Overloads_UnderTheirSqlNames()
    {
        var listed = await ListAsync();
        Assert.Equal(41, Overloads.Values.Sum());
        Assert.Equal(41, listed.Count);
        Assert.Equal(Overloads.OrderBy(p => p.Key, StringComparer.Ordinal),
            listed.GroupBy(f => f.Name).Select(g => new KeyValuePair<string, int>(g.Key, g.Count())).OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.All(listed, f =>
        {
            Assert.Equal("main", f.SchemaName);
            Assert.Equal(FunctionType.Scalar, f.FunctionType);
            Assert.Equal("result", Assert.Single(f.OutputSchema.FieldsList).Name);
            Assert.NotEqual("", f.Description);
        });
    }

    private static FunctionInfo One(IReadOnlyList<FunctionInfo> listed, string name, string description) =>
        Assert.Single(listed, f => f.Name == name && f.Description == description);

    [Fact]
    public async Task AnyTypedFunctions_DeclareAnyArgumentsAndResult()
    {
        var listed = await ListAsync();
        var add = One(listed, "add_values", "Adds two numeric values");
        SchemaAssert.Field(add.Arguments.FieldsList[0], "col1", NullType.Default, true, AnyType);
        SchemaAssert.Field(add.Arguments.FieldsList[1], "col2", NullType.Default, true, AnyType);
        SchemaAssert.Field(add.OutputSchema.FieldsList[0], "result", NullType.Default, true, AnyType);
        Assert.Equal(FunctionStability.Consistent, add.Stability);
        Assert.Equal(NullHandling.Default, add.NullHandling);

        var sum = One(listed, "sum_values", "Sum multiple numeric values");
        SchemaAssert.Field(Assert.Single(sum.Arguments.FieldsList), "values", NullType.Default, true, [("vgi_type", "any"), ("vgi_varargs", "true")]);

        var mixed = One(listed, "any_mixed", "Any+str dispatch");
        SchemaAssert.Field(mixed.Arguments.FieldsList[0], "a", NullType.Default, true, AnyType);
        SchemaAssert.Field(mixed.Arguments.FieldsList[1], "b", StringType.Default, true, None);
        SchemaAssert.Field(mixed.OutputSchema.FieldsList[0], "result", StringType.Default, true);

        One(listed, "double", "Doubles numeric values");
        One(listed, "unnest_tensor", "Invert nest_tensor: list of {value, axes} structs per cell");
    }

    [Fact]
    public async Task ConstantsVarargsAndNestedTypes()
    {
        var listed = await ListAsync();
        var format = One(listed, "format_number", "Format number with precision and prefix");
        SchemaAssert.Field(format.Arguments.FieldsList[0], "precision", Int64Type.Default, true, Constant);
        SchemaAssert.Field(format.Arguments.FieldsList[1], "prefix", StringType.Default, true, Constant);
        SchemaAssert.Field(format.Arguments.FieldsList[2], "value", DoubleType.Default, true, None);
        SchemaAssert.Field(format.OutputSchema.FieldsList[0], "result", StringType.Default, true);

        var message = One(listed, "conditional_message", "Returns repeated message when condition is true");
        Assert.Equal(["repeat_count", "message", "condition"], message.Arguments.FieldsList.Select(f => f.Name));

        var packet = One(listed, "binary_packet", "Build binary packets with header, payload, and config");
        SchemaAssert.Field(packet.Arguments.FieldsList[2], "config",
            new StructType([new Field("label", StringType.Default, true), new Field("version", Int64Type.Default, true)]), true, Constant);

        var latLon = new StructType([new Field("lat", DoubleType.Default, true), new Field("lon", DoubleType.Default, true)]);
        var centroid = One(listed, "geo_centroid_fixed", "Centroid of N fixed-size list points");
        SchemaAssert.Field(Assert.Single(centroid.Arguments.FieldsList), "points",
            new FixedSizeListType(new Field("item", DoubleType.Default, true), 2), true, [("vgi_varargs", "true")]);
        SchemaAssert.Field(centroid.OutputSchema.FieldsList[0], "result", latLon, true);

        var ints = One(listed, "concat_values", "Sum integer varargs and return as string");
        SchemaAssert.Field(Assert.Single(ints.Arguments.FieldsList), "values", Int64Type.Default, true, [("vgi_varargs", "true")]);

        var random = One(listed, "random_int", "Generate random integers (demonstrates VOLATILE stability)");
        Assert.Equal(["min_val", "max_val"], random.Arguments.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public async Task StabilityNullHandlingSettingsAndSecrets()
    {
        var listed = await ListAsync();
        Assert.Equal(FunctionStability.Volatile, One(listed, "bernoulli", "Generate random booleans (demonstrates VOLATILE stability)").Stability);
        Assert.Equal(FunctionStability.Volatile, One(listed, "random_int", "Generate random integers (demonstrates VOLATILE stability)").Stability);
        Assert.Equal(FunctionStability.Consistent, One(listed, "random_bytes", "Generate pseudo-random binary blobs from seed and length").Stability);

        Assert.Equal(NullHandling.Special, One(listed, "null_handling", "Returns value or -5000 if null").NullHandling);
        Assert.All(listed.Where(f => f.Name != "null_handling"), f => Assert.Equal(NullHandling.Default, f.NullHandling));

        Assert.Equal(["multiplier"], One(listed, "multiply_by_setting", "Multiply the input value by a setting value").RequiredSettings);
        Assert.Equal(["scale_factor"], One(listed, "scale_by_setting", "Scale the input value by the float setting `scale_factor`").RequiredSettings);

        foreach (var (name, description) in new[] { ("return_secret_value", "Return a secret's value"), ("secret_field", "Look up secret fields by name") })
        {
            var secret = Assert.Single(One(listed, name, description).RequiredSecrets);
            Assert.Equal("vgi_example", secret.SecretType);
            Assert.Null(secret.Scope);
            Assert.Null(secret.SecretName);
        }
        Assert.All(listed.Where(f => f.Name is not ("multiply_by_setting" or "scale_by_setting")), f => Assert.Empty(f.RequiredSettings));
        Assert.All(listed.Where(f => f.Name is not ("return_secret_value" or "secret_field")), f => Assert.Empty(f.RequiredSecrets));

        One(listed, "whoami", "Return the authenticated principal name.");
    }
}
