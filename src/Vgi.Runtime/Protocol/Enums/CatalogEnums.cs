namespace Vgi.Protocol;

/// <summary>Kind of catalog object listed by <c>catalog_schema_contents_functions</c> / <c>_macros</c> (their <c>type</c> parameter).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum CatalogObjectType
{
    Table,
    View,
    ScalarFunction,
    TableFunction,
    AggregateFunction,
    ScalarMacro,
    TableMacro,
    Index,
}

/// <summary>What a CREATE does when the object exists (<c>on_conflict</c>): <c>ERROR</c>, <c>IGNORE</c> (IF NOT EXISTS) or <c>REPLACE</c> (OR REPLACE).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum OnConflict
{
    Error,
    Ignore,
    Replace,
}

/// <summary>Kind of a macro (<c>MacroInfo.macro_type</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum MacroType
{
    Scalar,
    Table,
}

/// <summary>Constraint an index enforces (<c>IndexInfo.constraint_type</c>).</summary>
[ArrowEnum(ArrowEnumNaming.UpperSnakeCase)]
public enum ConstraintType
{
    None,
    Unique,
    Primary,
}
