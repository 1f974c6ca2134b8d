namespace Vgi.Generators.Types;

/// <summary>The Arrow encodings the generator knows how to read and write.</summary>
internal enum ArrowKind
{
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float32,
    Float64,
    Utf8,
    LargeUtf8,
    Binary,
    LargeBinary,
    Timestamp,
    TimestampUtc,
    Date32,
    Time64,
    Duration,
    Enum,
    List,

    /// <summary>A list of exactly <see cref="TypeModel.ListSize"/> items per value ([FixedSize]).</summary>
    FixedSizeList,
    Map,
    Struct,
    IpcRecord,
    Schema,
    RecordBatch,
}
