namespace Vgi.Codecs;

/// <summary>A record could not be read: a required column is missing or holds an unusable type or value.</summary>
public sealed class ArrowRecordException : Exception
{
    public ArrowRecordException(string message) : base(message) { }

    public ArrowRecordException(string message, Exception inner) : base(message, inner) { }
}
