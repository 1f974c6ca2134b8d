using Apache.Arrow;
using Vgi.Codecs;
using Vgi.Protocol;

namespace Vgi.Workers;

/// <summary>The attach-time <c>SettingSpec</c> and <c>SecretTypeSpec</c> records (vgi-catalog §3.13–3.14).</summary>
internal static class CatalogSpecs
{
    /// <summary>Type = a schema with one field <c>value</c>; default = IPC of a one-row batch with column <c>value</c>.</summary>
    public static SettingSpec Setting(CatalogSetting setting)
    {
        var field = new Field("value", setting.Type, true);
        byte[]? defaultValue = null;
        if (setting.Default is { } value)
        {
            if (value.Length != 1)
                throw new ArgumentException($"setting '{setting.Name}': the default must be a one-value array, got {value.Length} values");
            defaultValue = IpcBytes.WriteBatch(new RecordBatch(new Schema([field], null), [value], 1));
        }
        return new SettingSpec
        {
            Name = setting.Name,
            Description = setting.Description,
            Type = new Schema([field], null),
            DefaultValue = defaultValue,
        };
    }

    public static SecretTypeSpec SecretType(CatalogSecretType secretType) => new()
    {
        Name = secretType.Name,
        Description = secretType.Description,
        ParametersSchema = secretType.Parameters,
    };
}
