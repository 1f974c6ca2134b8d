namespace Vgi.Ipc;

/// <summary>The <c>MessageHeader</c> union tags of Arrow's Message.fbs that a stream can carry.</summary>
internal enum MessageHeaderType : byte
{
    Schema = 1,
    DictionaryBatch = 2,
    RecordBatch = 3,
}
