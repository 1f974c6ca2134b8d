using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Functions;

namespace Vgi.Worker.Tests;

/// <summary><see cref="VgiWorker.CreateMethods"/> in-process: the method set, and definitions it refuses.</summary>
public sealed class WorkerSetupTests
{
    private static ScalarFunctionDefinition Definition(string name, string schema = "main") => new()
    {
        Name = name,
        Schema = schema,
        Arguments = new Schema([], null),
        Result = new Field("result", Int64Type.Default, true),
        Bind = _ => throw new ScalarBindException("never binds"),
    };

    [Fact]
    public void Methods_CoverTheCatalogAndFunctionHalves()
    {
        var names = VgiWorker.CreateMethods(new VgiWorkerOptions { ScalarFunctions = [Definition("f")] }).Select(m => m.Name).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Contains("bind", names);
        Assert.Contains("init", names);
        // Every catalog method of protocol 1.0.0 (protocol-1.0.0-schemas.md lists 49).
        Assert.Equal(49, names.Count(n => n.StartsWith("catalog_", StringComparison.Ordinal)));
        var init = VgiWorker.CreateMethods().Single(m => m.Name == "init");
        Assert.True(init.IsStream);
        Assert.Equal(["execution_id", "opaque_data", "max_workers"], init.HeaderSchema!.FieldsList.Select(f => f.Name));
    }

    [Fact]
    public void Definitions_WithoutANameAreRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => VgiWorker.CreateMethods(new VgiWorkerOptions { ScalarFunctions = [Definition(" ")] }));
        Assert.Equal("a scalar function definition has no name", e.Message);
        var schema = Assert.Throws<ArgumentException>(() => VgiWorker.CreateMethods(new VgiWorkerOptions { ScalarFunctions = [Definition("f", "")] }));
        Assert.Equal("scalar function 'f' has no schema", schema.Message);
    }
}
