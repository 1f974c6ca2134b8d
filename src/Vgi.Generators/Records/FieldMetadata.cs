using System.Threading;
using Microsoft.CodeAnalysis;
using Vgi.Generators.Common;

namespace Vgi.Generators.Records;

/// <summary>
/// The Arrow field metadata a member asks for: <c>[ArrowField(Metadata = [...])]</c>,
/// <c>[PartitionColumn]</c> and <c>[RowId]</c>, on the property or on its positional-record parameter.
/// Kept as alternating keys and values so models holding it stay equatable.
/// </summary>
internal static class FieldMetadata
{
    public const string ArrowFieldAttribute = "Vgi.ArrowFieldAttribute";
    public const string PartitionColumnAttribute = "Vgi.PartitionColumnAttribute";
    public const string RowIdAttribute = "Vgi.RowIdAttribute";

    /// <summary>
    /// The member's metadata pairs, in the order ArrowField's, then partition column, then row id.
    /// <paramref name="problem"/> says what is wrong with them (an odd count, a repeated key), and
    /// <paramref name="problemLocation"/> where, or both are null.
    /// </summary>
    public static EquatableArray<string> Collect(IPropertySymbol property, IParameterSymbol? parameter, Location fallback, CancellationToken ct,
        out string? problem, out Location? problemLocation)
    {
        problem = null;
        problemLocation = null;
        var pairs = new List<string>();
        var arrowField = Find(property, ArrowFieldAttribute) ?? (parameter is null ? null : Find(parameter, ArrowFieldAttribute));
        if (arrowField is not null)
        {
            var declared = AttributeValues.Strings(arrowField, "Metadata");
            if (declared.Count % 2 != 0)
            {
                problem = $"has an odd number of entries ({declared.Count})";
                problemLocation = AttributeValues.ArgumentLocation(arrowField, "Metadata", fallback, ct);
                return EquatableArray<string>.Empty;
            }
            pairs.AddRange(declared);
        }
        if (Find(property, PartitionColumnAttribute) is not null || (parameter is not null && Find(parameter, PartitionColumnAttribute) is not null))
        {
            pairs.Add("vgi.partition_column");
            pairs.Add("true");
        }
        if (Find(property, RowIdAttribute) is not null || (parameter is not null && Find(parameter, RowIdAttribute) is not null))
        {
            pairs.Add("is_row_id");
            pairs.Add("");
        }
        if (AttributeValues.PairProblem(pairs) is { } repeated)
        {
            problem = repeated;
            problemLocation = arrowField is null ? fallback : AttributeValues.ArgumentLocation(arrowField, "Metadata", fallback, ct);
            return EquatableArray<string>.Empty;
        }
        return new EquatableArray<string>(pairs);
    }

    private static AttributeData? Find(ISymbol symbol, string name) =>
        symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == name);
}
