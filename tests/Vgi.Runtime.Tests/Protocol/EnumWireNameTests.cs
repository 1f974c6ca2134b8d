using Apache.Arrow;
using Vgi.Protocol;

namespace Vgi.Tests.Protocol;

/// <summary>The dictionary each protocol enum writes holds exactly the member names of the specs (vgi-functions §1.4, vgi-catalog §2.2/§3.9).</summary>
public class EnumWireNameTests
{
    public static TheoryData<string, string, string, string[]> Cases => new()
    {
        { nameof(FunctionType), nameof(FunctionInfo), "function_type", ["SCALAR", "TABLE", "TABLE_BUFFERING", "AGGREGATE"] },
        { nameof(TableInOutFunctionInitPhase), nameof(InitRequest), "phase", ["INPUT", "FINALIZE", "TABLE_BUFFERING", "TABLE_BUFFERING_FINALIZE"] },
        { nameof(OrderByDirection), nameof(InitRequest), "order_by_direction", ["ASC", "DESC"] },
        { nameof(OrderByNullOrder), nameof(InitRequest), "order_by_null_order", ["NULLS_FIRST", "NULLS_LAST"] },
        { nameof(FunctionStability), nameof(FunctionInfo), "stability", ["CONSISTENT", "VOLATILE", "CONSISTENT_WITHIN_QUERY"] },
        { nameof(NullHandling), nameof(FunctionInfo), "null_handling", ["DEFAULT", "SPECIAL"] },
        { nameof(OrderPreservation), nameof(FunctionInfo), "order_preservation", ["PRESERVES_ORDER", "NO_ORDER_GUARANTEE", "FIXED_ORDER"] },
        { nameof(PartitionKind), nameof(FunctionInfo), "partition_kind", ["NOT_PARTITIONED", "SINGLE_VALUE_PARTITIONS", "OVERLAPPING_PARTITIONS", "DISJOINT_PARTITIONS"] },
        { nameof(OrderDependence), nameof(FunctionInfo), "order_dependent", ["ORDER_DEPENDENT", "NOT_ORDER_DEPENDENT"] },
        { nameof(DistinctDependence), nameof(FunctionInfo), "distinct_dependent", ["DISTINCT_DEPENDENT", "NOT_DISTINCT_DEPENDENT"] },
        { nameof(CatalogObjectType), nameof(CatalogSchemaContentsFunctionsParams), "type", ["TABLE", "VIEW", "SCALAR_FUNCTION", "TABLE_FUNCTION", "AGGREGATE_FUNCTION", "SCALAR_MACRO", "TABLE_MACRO", "INDEX"] },
        { nameof(OnConflict), nameof(CatalogSchemaCreateParams), "on_conflict", ["ERROR", "IGNORE", "REPLACE"] },
        { nameof(MacroType), nameof(MacroInfo), "macro_type", ["SCALAR", "TABLE"] },
        { nameof(ConstraintType), nameof(IndexInfo), "constraint_type", ["NONE", "UNIQUE", "PRIMARY"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Dictionary_holds_the_spec_member_names(string enumName, string recordName, string column, string[] expected)
    {
        var record = ProtocolRecords.Get(recordName);
        var batch = record.ToRecordBatch([RecordValues.Fill(record.Type, 1)]);
        var dictionary = Assert.IsType<DictionaryArray>(batch.Column(column));
        var names = (StringArray)dictionary.Dictionary;
        Assert.Equal(expected, Enumerable.Range(0, names.Length).Select(i => names.GetString(i)));
        Assert.Equal(expected.Length, Enum.GetNames(typeof(FunctionType).Assembly.GetType("Vgi.Protocol." + enumName)!).Length);
    }

    [Fact]
    public void Every_protocol_enum_is_covered()
    {
        var enums = typeof(FunctionType).Assembly.GetTypes().Where(t => t.IsEnum && t.Namespace == "Vgi.Protocol").Select(t => t.Name).Order();
        Assert.Equal(enums, Cases.Select(c => (string)c[0]).Order());
    }
}
