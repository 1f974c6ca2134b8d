using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc;

namespace Vgi.Testing;

/// <summary>
/// Schema equality as the client checks responses (Arrow C++ <c>Schema::Equals(check_metadata=false)</c>):
/// names, order, types and nullability, recursively; list/map child names ignored.
/// </summary>
public static class SchemaAssert
{
    public static void Equal(Schema expected, Schema actual)
    {
        Assert.Equal(expected.FieldsList.Select(f => f.Name), actual.FieldsList.Select(f => f.Name));
        for (int i = 0; i < expected.FieldsList.Count; i++) FieldEqual(expected.FieldsList[i], actual.FieldsList[i], checkName: true, expected.FieldsList[i].Name);
    }

    /// <summary>One field: name, type, nullability and the exact field metadata.</summary>
    public static void Field(Field actual, string name, IArrowType type, bool nullable, params (string Key, string Value)[] metadata)
    {
        Assert.Equal(name, actual.Name);
        Assert.True(BatchCoercion.TypesEqual(type, actual.DataType), $"{name}: type {actual.DataType.Name}, expected {type.Name}");
        Assert.True(nullable == actual.IsNullable, $"{name}: nullable {actual.IsNullable}, expected {nullable}");
        var actualMetadata = actual.HasMetadata ? actual.Metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)) : [];
        Assert.Equal(metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal), actualMetadata);
    }

    private static void FieldEqual(Field expected, Field actual, bool checkName, string path)
    {
        if (checkName) Assert.True(expected.Name == actual.Name, $"{path}: name {actual.Name}, expected {expected.Name}");
        Assert.True(expected.IsNullable == actual.IsNullable, $"{path}: nullable {actual.IsNullable}, expected {expected.IsNullable}");
        Assert.True(BatchCoercion.TypesEqual(expected.DataType, actual.DataType), $"{path}: type {actual.DataType.Name}, expected {expected.DataType.Name}");
        if (expected.DataType is DictionaryType ed)
            Assert.True(ed.Ordered == ((DictionaryType)actual.DataType).Ordered, $"{path}: dictionary ordered flag differs");
        if (expected.DataType is NestedType en)
        {
            var an = (NestedType)actual.DataType;
            Assert.Equal(en.Fields.Count, an.Fields.Count);
            bool names = en is StructType;
            for (int i = 0; i < en.Fields.Count; i++) FieldEqual(en.Fields[i], an.Fields[i], names, $"{path}.{en.Fields[i].Name}");
        }
    }
}
