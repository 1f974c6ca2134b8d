namespace Vgi;

/// <summary>Physical encodings a field can ask for instead of its type's natural one.</summary>
public enum ArrowStorage
{
    /// <summary>The natural encoding of the C# type (see the type table in the docs).</summary>
    Inferred,

    /// <summary>
    /// A record value (or each element of a list of records) written as the IPC bytes of a 1-row
    /// stream in a <c>binary</c> column, instead of a <c>struct</c>: vgi's embedded requests and
    /// catalog items.
    /// </summary>
    IpcBytes,

    /// <summary><c>large_binary</c> instead of <c>binary</c> for <c>byte[]</c>.</summary>
    LargeBinary,

    /// <summary><c>large_utf8</c> instead of <c>utf8</c> for <c>string</c>.</summary>
    LargeUtf8,
}
