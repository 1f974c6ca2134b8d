using System.Text;

namespace Vgi.Workers;

/// <summary>
/// The <c>attach_opaque_data</c> of the default catalog: a fixed prefix, then the attached name in
/// UTF-8. Self-describing, so any worker process of the pool can read what another one issued
/// (vgi-catalog §4); nothing secret is in it.
/// </summary>
internal static class AttachToken
{
    /// <summary><c>vgi-dotnet.functions.v1</c> and a NUL.</summary>
    private static readonly byte[] Prefix = "vgi-dotnet.functions.v1\0"u8.ToArray();

    public static byte[] Create(string catalogName) => [.. Prefix, .. Encoding.UTF8.GetBytes(catalogName)];
}
