using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vgi.Generators.Types;

namespace Vgi.Generators.Records;

/// <summary>Emits <c>IArrowRecord&lt;T&gt;</c> codecs for types marked <c>[ArrowRecord]</c>.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class RecordGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var records = context.SyntaxProvider.ForAttributeWithMetadataName(
            TypeMapper.ArrowRecordAttribute,
            static (node, _) => node is TypeDeclarationSyntax,
            static (ctx, ct) => RecordParser.Parse((INamedTypeSymbol)ctx.TargetSymbol, (TypeDeclarationSyntax)ctx.TargetNode, ct));

        context.RegisterSourceOutput(records, static (spc, record) =>
        {
            foreach (var diagnostic in record.Diagnostics) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (record.Diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)) return;
            spc.AddSource(record.HintName + ".ArrowRecord.g.cs", RecordEmitter.Emit(record));
        });
    }
}
