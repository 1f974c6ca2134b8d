using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Vgi.Generators.Diagnostics;
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

        // [ArrowEnum] options are checked once, on the enum, wherever it is used.
        var enums = context.SyntaxProvider.ForAttributeWithMetadataName(
            TypeMapper.ArrowEnumAttribute,
            static (node, _) => node is EnumDeclarationSyntax,
            static (ctx, ct) =>
            {
                var symbol = (INamedTypeSymbol)ctx.TargetSymbol;
                int members = symbol.GetMembers().OfType<IFieldSymbol>().Count(f => f.IsConst);
                string? problem = TypeMapper.EnumIndexWidthProblem(ctx.Attributes[0], members, out _);
                return problem is null ? null
                    : DiagnosticInfo.Create(DiagnosticDescriptors.EnumIndexWidth,
                        ctx.Attributes[0].ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? symbol.Locations.FirstOrDefault(),
                        symbol.Name, problem);
            });

        context.RegisterSourceOutput(enums, static (spc, diagnostic) =>
        {
            if (diagnostic is not null) spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });
    }
}
