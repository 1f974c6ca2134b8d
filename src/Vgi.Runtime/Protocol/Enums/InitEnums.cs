namespace Vgi.Protocol;

/// <summary>Which phase an <c>init</c> stream of a table-in-out or buffering function runs (<c>InitRequest.phase</c>; null for scalar and plain table functions).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum TableInOutFunctionInitPhase
{
    Input,
    Finalize,
    TableBuffering,
    TableBufferingFinalize,
}

/// <summary>Direction of the ORDER BY hint (<c>InitRequest.order_by_direction</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum OrderByDirection
{
    Asc,
    Desc,
}

/// <summary>Null order of the ORDER BY hint (<c>InitRequest.order_by_null_order</c>; DuckDB's "default" arrives as <c>NULLS_LAST</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum OrderByNullOrder
{
    NullsFirst,
    NullsLast,
}
