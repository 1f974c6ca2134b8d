namespace Vgi.Protocol;

/// <summary>
/// Kind of a function (Python <c>FunctionType</c>): <c>BindRequest.function_type</c> and
/// <c>FunctionInfo.function_type</c>. The extension only ever sends <c>SCALAR</c> or <c>TABLE</c> in a
/// bind (table-in-out and buffering functions bind as <c>TABLE</c>), with the dictionary
/// <c>["SCALAR", "TABLE", "AGGREGATE"]</c>.
/// </summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum FunctionType
{
    Scalar,
    Table,
    TableBuffering,
    Aggregate,
}
