namespace Vgi.Ipc;

/// <summary>Look-ups over custom_metadata lists, which keep wire order and are small.</summary>
public static class Metadata
{
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Empty = [];

    public static bool TryGet(this IReadOnlyList<KeyValuePair<string, string>> metadata, string key, out string value)
    {
        for (int i = 0; i < metadata.Count; i++)
        {
            if (metadata[i].Key == key)
            {
                value = metadata[i].Value;
                return true;
            }
        }
        value = "";
        return false;
    }

    public static string? Get(this IReadOnlyList<KeyValuePair<string, string>> metadata, string key) =>
        metadata.TryGet(key, out var value) ? value : null;

    public static bool Contains(this IReadOnlyList<KeyValuePair<string, string>> metadata, string key) =>
        metadata.TryGet(key, out _);
}
