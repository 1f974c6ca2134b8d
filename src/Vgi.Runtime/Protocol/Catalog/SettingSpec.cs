using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>A DuckDB setting a catalog declares at ATTACH (an item of <c>CatalogAttachResult.settings</c>, vgi-catalog §3.13).</summary>
[ArrowRecord]
public sealed partial record SettingSpec
{
    /// <summary>Global DuckDB option name.</summary>
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>One field named <c>value</c> of the setting's Arrow type.</summary>
    public Schema Type { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>IPC stream of a one-row batch with column <c>value</c>; null = no default.</summary>
    public byte[]? DefaultValue { get; init; }
}

/// <summary>An ATTACH option a catalog accepts (an item of <c>CatalogInfo.attach_option_specs</c>; same layout as <see cref="SettingSpec"/>).</summary>
[ArrowRecord]
public sealed partial record AttachOptionSpec
{
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>One field named <c>value</c> of the option's Arrow type.</summary>
    public Schema Type { get; init; } = ProtocolDefaults.EmptySchema;

    /// <summary>IPC stream of a one-row batch with column <c>value</c>; null = no default.</summary>
    public byte[]? DefaultValue { get; init; }
}

/// <summary>A secret type a catalog declares at ATTACH (an item of <c>CatalogAttachResult.secret_types</c>, vgi-catalog §3.14).</summary>
[ArrowRecord]
public sealed partial record SecretTypeSpec
{
    public string Name { get; init; } = "";

    public string Description { get; init; } = "";

    /// <summary>One field per secret key; field metadata <c>redact = "true"</c> hides a key in SHOW SECRETS.</summary>
    public Schema ParametersSchema { get; init; } = ProtocolDefaults.EmptySchema;
}
