using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi;

/// <summary>
/// A catalog setting the worker declares at attach (<c>SET greeting = 'hi'</c> in DuckDB): functions
/// that list it in their required settings receive its value at bind and in
/// <see cref="VgiContext.Settings"/>.
/// </summary>
/// <param name="Name">The DuckDB option name (global to the database).</param>
/// <param name="Type">The setting's Arrow type (DuckDB type: BOOLEAN, VARCHAR, BIGINT, STRUCT(...), ...).</param>
/// <param name="Default">A one-value array of <paramref name="Type"/>; null = no default (NULL).</param>
public sealed record CatalogSetting(string Name, string Description, IArrowType Type, IArrowArray? Default = null);

/// <summary>
/// A secret type the worker declares at attach (<c>CREATE SECRET (TYPE name, ...)</c>): one field per
/// secret key; field metadata <c>redact = true</c> hides a key in <c>SHOW SECRETS</c>.
/// </summary>
public sealed record CatalogSecretType(string Name, string Description, Schema Parameters);
