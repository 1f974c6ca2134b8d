using Microsoft.CodeAnalysis;

namespace Vgi.Generators.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids are stable: VGEN00xx functions, VGEN01xx Arrow records.
/// Messages say what to write instead.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Vgi.Generators";

    public static readonly DiagnosticDescriptor UnsupportedParameterType = new(
        "VGEN0001", "Unsupported parameter type",
        "Parameter '{0}' of function '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnsupportedReturnType = new(
        "VGEN0002", "Unsupported return type",
        "Function '{0}' returns {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FunctionNotStatic = new(
        "VGEN0003", "Function must be static",
        "Function '{0}' is an instance method; make it static (the worker calls it without an object)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FunctionIsGeneric = new(
        "VGEN0004", "Function cannot be generic",
        "Function '{0}' is generic; SQL needs concrete types, so declare one non-generic method per type (they can share the SQL name as overloads)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        "VGEN0005", "ref, out and in parameters are not supported",
        "Parameter '{0}' of function '{1}' is passed by reference ('{2}'); take it by value and return the result",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadConstType = new(
        "VGEN0006", "Unsupported [Const] parameter",
        "[Const] parameter '{0}' of [ScalarFunction] '{1}' has type '{2}'; constants must be bool, an integer, float, double, string, byte[], DateOnly, TimeOnly, DateTime, DateTimeOffset, TimeSpan, an enum or an [ArrowRecord] type (a STRUCT)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor InvalidSqlName = new(
        "VGEN0007", "Invalid SQL name",
        "'{0}' is not a valid SQL {1} name; use letters, digits and '_' and start with a letter or '_'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor DuplicateFunction = new(
        "VGEN0008", "Duplicate function signature",
        "Scalar function '{0}.{1}({2})' is declared twice (also by '{3}'); rename one with [ScalarFunction(\"other_name\")] or change its parameter types",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ParamsMisuse = new(
        "VGEN0009", "Unsupported params parameter",
        "Parameter '{0}' of function '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FunctionInaccessible = new(
        "VGEN0010", "Function is not accessible",
        "Function '{0}' is {1}; make it and its containing types public or internal so the generated registration can call it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor VectorizedMisuse = new(
        "VGEN0011", "Malformed vectorized function",
        "[ScalarFunction] '{0}': {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FixedSizeMisuse = new(
        "VGEN0012", "Malformed [FixedSize]",
        "[FixedSize] on {0} of function '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RowIndexMisuse = new(
        "VGEN0013", "Malformed [RowIndex]",
        "[RowIndex] on parameter '{0}' of function '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableReturnType = new(
        "VGEN0020", "Table function must return rows",
        "Table function '{0}' returns '{1}'; return IEnumerable<T> or IAsyncEnumerable<T> of a record, record struct or named tuple (its members are the columns), or of RowBatch<T> to send whole batches",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableRowType = new(
        "VGEN0021", "Unsupported row type",
        "Table function '{0}' yields '{1}', which has no columns; yield a record, record struct, named tuple, or a single mapped type (one column named 'value')",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableRowMember = new(
        "VGEN0022", "Unsupported row member",
        "Column '{0}' of the rows of table function '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableTupleNames = new(
        "VGEN0023", "Tuple elements need names",
        "Table function '{0}' yields a tuple with unnamed elements ('{1}'); name every element, as in (long N, string Label), since the names are the column names",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableTags = new(
        "VGEN0024", "Malformed table function tags",
        "Tags of table function '{0}' {1}; write alternating keys and values, each key once: Tags = [\"key\", \"value\"]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BoundOnNonNumeric = new(
        "VGEN0025", "Argument bound on a non-numeric parameter",
        "[{0}] on parameter '{1}' of table function '{2}' needs a number; '{3}' is not an integer, float or double, so remove the bound or check the value in the method",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OneOfMisuse = new(
        "VGEN0026", "Malformed [OneOf]",
        "[OneOf] on parameter '{0}' of table function '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RowCountMisuse = new(
        "VGEN0027", "Malformed [RowCount]",
        "[RowCount] on parameter '{0}' of table function '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor TableArgumentAttributeOnScalar = new(
        "VGEN0028", "Table argument attribute on a scalar function",
        "[{0}] on parameter '{1}' of [ScalarFunction] '{2}' has no effect: argument bounds, [OneOf], [RowCount] and [BatchSize] apply to [TableFunction] arguments; remove it and check the value in the method",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor StatisticsMethod = new(
        "VGEN0029", "Statistics method does not fit",
        "Statistics method '{0}' of table function '{1}' {2}; declare it in the same class as: static IEnumerable<Vgi.Functions.ColumnStatistics>? {0}({3})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor CardinalityMisuse = new(
        "VGEN0030", "Malformed Cardinality",
        "Cardinality of table function '{0}' {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BatchSizeMisuse = new(
        "VGEN0031", "Malformed [BatchSize]",
        "[BatchSize] on parameter '{0}' of table function '{1}' {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RowBatchType = new(
        "VGEN0032", "Unsupported row batch",
        "Table function '{0}' yields '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BatchSizeOfRowBatches = new(
        "VGEN0033", "BatchSize has no effect on a function that yields RowBatch",
        "BatchSize of table function '{0}' has no effect: it yields '{1}', and each RowBatch is sent as one batch of its own rows; size the batches in the method, or take a TableScanContext parameter to read the batch size",
        Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ValidateMethod = new(
        "VGEN0034", "Validate method does not fit",
        "Validate method '{0}' of table function '{1}' {2}; declare it in the same class as: static void {0}({3})",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor EnumIndexWidth = new(
        "VGEN0035", "Invalid [ArrowEnum] IndexWidth",
        "Enum '{0}' cannot be encoded: {1}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordNotPartial = new(
        "VGEN0101", "[ArrowRecord] type must be partial",
        "'{0}' is marked [ArrowRecord] but is not partial; declare it 'partial' (and every type containing it) so the codec can be generated into it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordFieldUnsupported = new(
        "VGEN0102", "Arrow record member has an unsupported type",
        "Member '{0}' of [ArrowRecord] '{1}': {2}",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordFieldNotSettable = new(
        "VGEN0103", "Arrow record member cannot be set by the reader",
        "Member '{0}' of [ArrowRecord] '{1}' has no init or set accessor and no matching constructor parameter; add 'init;' or a constructor parameter named '{2}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordDuplicateField = new(
        "VGEN0104", "Duplicate Arrow field name",
        "[ArrowRecord] '{0}' maps two members to the Arrow field '{1}'; give one of them [ArrowField(\"other_name\")]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordIpcBytesOnNonRecord = new(
        "VGEN0105", "IpcBytes storage needs an [ArrowRecord] type",
        "Member '{0}' of [ArrowRecord] '{1}' asks for ArrowStorage.IpcBytes but its type '{2}' is not an [ArrowRecord] type (or a list of one); remove Storage or mark the type [ArrowRecord]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordNotConstructible = new(
        "VGEN0106", "Arrow record cannot be constructed by the reader",
        "[ArrowRecord] '{0}' has neither an accessible parameterless constructor nor a constructor whose parameters are named after its members; add one of them",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor RecordIsGeneric = new(
        "VGEN0107", "Arrow record cannot be generic",
        "[ArrowRecord] '{0}' is generic; a codec needs one concrete schema, so declare a non-generic type",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor FieldMetadata = new(
        "VGEN0108", "Malformed Arrow field metadata",
        "Metadata of member '{0}' of '{1}' {2}; write alternating keys and values, each key once: Metadata = [\"key\", \"value\"]",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
