using System.Globalization;
using Vgi.Conformance.Fixtures.Python;

namespace Vgi.Conformance.Fixtures.Scalars;

/// <summary>
/// The secret fixtures (fixtures.md §2.2, §6.3, §6.4): both read the resolved <c>vgi_example</c>
/// secret through the injected <see cref="VgiContext"/> and write one text per row.
/// </summary>
/// <remarks>
/// <see cref="VgiContext.Secrets"/> gives every secret value as text and drops the struct's
/// <c>type</c> child, while Python renders the values it received with their Arrow types. The
/// typed values are rebuilt from the declared parameter types of <c>vgi_example</c> (<c>port</c>
/// INTEGER, <c>use_ssl</c> BOOLEAN, <c>timeout</c> DOUBLE, the rest VARCHAR), and <c>type</c> is the
/// secret's type name; a value that does not parse as its declared type stays text.
/// </remarks>
public static class SecretScalars
{
    private const string SecretType = "vgi_example";

    /// <summary>
    /// <c>json.dumps</c> of the resolved secret: <c>name</c>, <c>provider</c>, <c>type</c>, then the
    /// secret's keys as sent; <c>{}</c>-free rows are never produced (no secret ⇒ an empty object).
    /// </summary>
    [ScalarFunction("return_secret_value", Description = "Return a secret's value", RequiredSecrets = [SecretType])]
    public static string ReturnSecretValue(VgiContext context)
    {
        if (Find(context) is not { } secret) return "{}";
        var fields = new List<KeyValuePair<string, object?>>
        {
            new("name", secret.Name),
            new("provider", secret.Provider),
            new("type", secret.Type),
        };
        foreach (var (key, text) in secret.Values) fields.Add(new(key, Typed(key, text)));
        return PyJson.Dumps(fields);
    }

    /// <summary><c>port=&lt;P&gt;;name=&lt;N&gt;</c> with Python <c>str()</c> of <c>port</c> and <c>secret_string</c>; an absent field is empty.</summary>
    [ScalarFunction("secret_field", Description = "Look up secret fields by name", RequiredSecrets = [SecretType])]
    public static string SecretField(VgiContext context)
    {
        var secret = Find(context);
        return $"port={Text(secret, "port")};name={Text(secret, "secret_string")}";
    }

    private static string Text(VgiSecret? secret, string key) =>
        secret is not null && secret.Values.TryGetValue(key, out var text) ? PyText.Str(Typed(key, text)) : "";

    /// <summary>The <c>vgi_example</c> secret, or the only secret when DuckDB named its column otherwise.</summary>
    private static VgiSecret? Find(VgiContext context)
    {
        if (context.Secrets.TryGetValue(SecretType, out var secret)) return secret;
        return context.Secrets.Count == 1 ? context.Secrets.Values.First() : null;
    }

    /// <summary>A secret value as the Python value its declared type gives (<c>as_py()</c>).</summary>
    private static object? Typed(string key, string? text)
    {
        if (text is null) return null;
        var c = CultureInfo.InvariantCulture;
        return key switch
        {
            "port" when long.TryParse(text, NumberStyles.Integer, c, out long port) => port,
            "use_ssl" when text is "true" or "false" => text == "true",
            "timeout" when double.TryParse(text, NumberStyles.Float, c, out double timeout) => timeout,
            _ => text,
        };
    }
}
