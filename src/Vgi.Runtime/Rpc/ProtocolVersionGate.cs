using Vgi.Ipc;

namespace Vgi.Rpc;

/// <summary>The opt-in <c>vgi_rpc.protocol_version</c> check: major and minor must match, patch is free (§6.1).</summary>
internal static class ProtocolVersionGate
{
    public static RpcException? Check(string serverVersion, IReadOnlyList<KeyValuePair<string, string>> metadata)
    {
        TryParse(serverVersion, out int major, out int minor);
        if (!metadata.TryGet(RpcMetadataKeys.ProtocolVersion, out var clientVersion))
            return RpcException.ProtocolVersion($"Missing 'vgi_rpc.protocol_version': this server implements protocol {serverVersion}; upgrade the client to send it");
        if (!TryParse(clientVersion, out int cMajor, out int cMinor))
            return RpcException.ProtocolVersion($"Malformed 'vgi_rpc.protocol_version' '{clientVersion}': expected MAJOR.MINOR.PATCH (server implements {serverVersion})");
        if (cMajor == major && cMinor == minor) return null;
        string upgrade = (cMajor, cMinor).CompareTo((major, minor)) < 0 ? "client" : "server";
        return RpcException.ProtocolVersion($"protocol_version mismatch: client speaks {clientVersion}, server implements {serverVersion}; upgrade the {upgrade}");
    }

    /// <summary>Canonical semver without prerelease or build metadata.</summary>
    public static bool TryParse(string text, out int major, out int minor)
    {
        major = minor = 0;
        var parts = text.Split('.');
        if (parts.Length != 3) return false;
        foreach (var part in parts)
        {
            if (part.Length == 0 || (part.Length > 1 && part[0] == '0') || !part.All(char.IsAsciiDigit)) return false;
        }
        return int.TryParse(parts[0], out major) && int.TryParse(parts[1], out minor) && int.TryParse(parts[2], out _);
    }
}
