namespace Vgi.Conformance.Fixtures;

/// <summary>Catalog <c>example</c> (fixtures.md §2.1) and the hand-written definitions it serves besides the generated ones.</summary>
internal static class ExampleCatalog
{
    public static VgiWorkerOptions Options { get; } = new()
    {
        CatalogName = "example",
    };
}
