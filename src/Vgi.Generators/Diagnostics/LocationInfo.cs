using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Vgi.Generators.Diagnostics;

/// <summary>A source location kept as plain values, so models holding it stay equatable across compilations.</summary>
internal sealed record LocationInfo(string? FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo From(Location location) =>
        new(location.SourceTree?.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
