using System.Collections.ObjectModel;
using Apache.Arrow;

namespace Vgi.Protocol;

/// <summary>Shared immutable defaults for protocol record properties (empty schema, empty tags).</summary>
public static class ProtocolDefaults
{
    /// <summary>A schema with no fields: what a table function's <c>FunctionInfo.output_schema</c> and a secret-scope <c>BindResult.output_schema</c> hold.</summary>
    public static readonly Schema EmptySchema = new Schema.Builder().Build();

    /// <summary>An empty <c>map&lt;utf8, utf8&gt;</c> value (tags, options, column comments).</summary>
    public static readonly IReadOnlyDictionary<string, string> EmptyTags = ReadOnlyDictionary<string, string>.Empty;
}
