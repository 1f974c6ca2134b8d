using Apache.Arrow;
using Apache.Arrow.Types;

namespace Vgi.Rpc.Conformance.Support;

/// <summary>
/// The conformance <c>Status</c> enum. vgi-rpc writes an Enum as <c>dictionary&lt;int16, utf8&gt;</c>
/// holding the member <em>name</em>; the dictionary sent here is the full member list, indexed by position.
/// </summary>
public static class Status
{
    public static readonly string[] Members = ["PENDING", "ACTIVE", "CLOSED"];

    public static readonly DictionaryType Type = new(Int16Type.Default, StringType.Default, false);

    /// <summary>One element holding <paramref name="member"/>.</summary>
    public static DictionaryArray Array(string member)
    {
        int index = System.Array.IndexOf(Members, member);
        if (index < 0) throw new ArgumentException($"'{member}' is not a Status member", nameof(member));
        var dictionary = new StringArray.Builder().AppendRange(Members).Build();
        var indices = new Int16Array.Builder().Append((short)index).Build();
        return new DictionaryArray(Type, indices, dictionary);
    }

    /// <summary>
    /// The member at row <paramref name="row"/> of a dictionary (or plain utf8) column, resolved
    /// through the dictionary that actually arrived; an unknown name is a ValueError, as in Python.
    /// </summary>
    public static string Read(IArrowArray column, int row = 0)
    {
        string? name = column switch
        {
            DictionaryArray d when d.Dictionary is StringArray values => values.GetString(Index(d.Indices, row)),
            StringArray s => s.GetString(row),
            _ => throw new RpcException("TypeError", $"expected a Status (dictionary<int16, utf8>), got {column.Data.DataType.Name}"),
        };
        if (name is null || System.Array.IndexOf(Members, name) < 0)
            throw new RpcException("ValueError", $"'{name}' is not a valid Status");
        return name;
    }

    private static int Index(IArrowArray indices, int row) => indices switch
    {
        Int8Array a => a.GetValue(row) ?? 0,
        Int16Array a => a.GetValue(row) ?? 0,
        Int32Array a => a.GetValue(row) ?? 0,
        Int64Array a => checked((int)(a.GetValue(row) ?? 0)),
        UInt8Array a => a.GetValue(row) ?? 0,
        UInt16Array a => a.GetValue(row) ?? 0,
        UInt32Array a => checked((int)(a.GetValue(row) ?? 0)),
        _ => throw new RpcException("TypeError", $"unsupported dictionary index type {indices.Data.DataType.Name}"),
    };
}
