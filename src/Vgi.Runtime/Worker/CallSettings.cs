using Apache.Arrow;
using Vgi.Codecs;

namespace Vgi.Workers;

/// <summary>
/// Decodes the settings and secrets batches of a <c>BindRequest</c> (vgi-functions §4.4–4.5) into
/// the text form <see cref="VgiContext"/> offers.
/// </summary>
internal static class CallSettings
{
    private static readonly IReadOnlyDictionary<string, string?> NoSettings = new Dictionary<string, string?>();
    private static readonly IReadOnlyDictionary<string, VgiSecret> NoSecrets = new Dictionary<string, VgiSecret>();

    /// <summary>The one-row settings or secrets batch as sent; null when absent or empty.</summary>
    public static RecordBatch? ReadBatch(byte[]? ipc) =>
        ipc is { Length: > 0 } && IpcBytes.ReadBatch(ipc) is { Length: > 0 } batch ? batch : null;

    /// <summary>One column per catalog setting with a value, named by the setting; one row.</summary>
    public static IReadOnlyDictionary<string, string?> ReadSettings(byte[]? ipc) => ReadSettings(ReadBatch(ipc));

    /// <inheritdoc cref="ReadSettings(byte[])"/>
    public static IReadOnlyDictionary<string, string?> ReadSettings(RecordBatch? batch)
    {
        if (batch is null) return NoSettings;
        var settings = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < batch.ColumnCount; i++)
            settings[batch.Schema.GetFieldByIndex(i).Name] = ArrowValueText.Format(batch.Column(i), 0);
        return settings;
    }

    /// <summary>
    /// One nullable struct column per secret type (the column name, or field metadata
    /// <c>secret_type</c>); children <c>name</c>, <c>provider</c>, <c>type</c> and the secret's keys.
    /// </summary>
    public static IReadOnlyDictionary<string, VgiSecret> ReadSecrets(byte[]? ipc) => ReadSecrets(ReadBatch(ipc));

    /// <inheritdoc cref="ReadSecrets(byte[])"/>
    public static IReadOnlyDictionary<string, VgiSecret> ReadSecrets(RecordBatch? batch)
    {
        if (batch is null) return NoSecrets;
        var secrets = new Dictionary<string, VgiSecret>(StringComparer.Ordinal);
        for (int i = 0; i < batch.ColumnCount; i++)
        {
            var field = batch.Schema.GetFieldByIndex(i);
            if (batch.Column(i) is not StructArray secret || secret.IsNull(0)) continue;
            string type = field.HasMetadata && field.Metadata.TryGetValue("secret_type", out var declared) ? declared : field.Name;
            string name = "", provider = "";
            var values = new Dictionary<string, string?>(StringComparer.Ordinal);
            var children = ((Apache.Arrow.Types.StructType)secret.Data.DataType).Fields;
            for (int c = 0; c < children.Count; c++)
            {
                string? text = ArrowValueText.Format(secret.Fields[c], 0);
                switch (children[c].Name)
                {
                    case "name": name = text ?? ""; break;
                    case "provider": provider = text ?? ""; break;
                    case "type": break;
                    default: values[children[c].Name] = text; break;
                }
            }
            secrets[type] = new VgiSecret(type, name, provider, values);
        }
        return secrets;
    }
}
