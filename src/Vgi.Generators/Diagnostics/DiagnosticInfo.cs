using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Vgi.Generators.Diagnostics;

/// <summary>
/// A diagnostic held in a pipeline model. Locations are stored as file path + span (not as
/// <see cref="Location"/>, which pins a syntax tree) so the model stays equatable across edits.
/// </summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string? FilePath, TextSpan Span, LinePositionSpan LineSpan, Common.EquatableArray<string> Arguments)
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params string[] arguments)
    {
        var lineSpan = location?.GetLineSpan();
        return new DiagnosticInfo(descriptor, location?.SourceTree?.FilePath, location?.SourceSpan ?? default,
            lineSpan?.Span ?? default, new Common.EquatableArray<string>(arguments));
    }

    public Diagnostic ToDiagnostic()
    {
        var location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
        return Diagnostic.Create(Descriptor, location, Arguments.Cast<object>().ToArray());
    }
}
