using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Rpc;

namespace Vgi.Worker.Tests.Infrastructure;

/// <summary>
/// Schema equality as the client checks it (Arrow C++ <c>Schema::Equals(check_metadata=false)</c>):
/// names, order, types and nullability, recursively; list/map child names ignored.
/// </summary>
public static class SchemaAssert
{
    public static void Equal(Schema expected, Schema actual)
    {
        Assert.Equal(expected.FieldsList.Count, actual.FieldsList.Count);
        for (int i = 0; i < expected.FieldsList.Count; i++) FieldEqual(expected.FieldsList[i], actual.FieldsList[i], checkName: true, path: expected.FieldsList[i].Name);
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
            bool names = en is StructType;
            for (int i = 0; i < en.Fields.Count; i++) FieldEqual(en.Fields[i], an.Fields[i], names, $"{path}.{en.Fields[i].Name}");
        }
    }
}
