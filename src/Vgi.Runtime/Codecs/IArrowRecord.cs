using Apache.Arrow;

namespace Vgi.Codecs;

/// <summary>
/// A type with a generated Arrow codec (see <see cref="ArrowRecordAttribute"/>). Static members keep
/// the codec free of reflection and virtual dispatch: generic code calls them through the type
/// parameter, and native AOT compiles each instantiation ahead of time.
/// </summary>
public interface IArrowRecord<TSelf> where TSelf : IArrowRecord<TSelf>
{
    /// <summary>The exact schema this type writes.</summary>
    static abstract Schema ArrowSchema { get; }

    /// <summary>Writes <paramref name="rows"/> as one record batch on <see cref="ArrowSchema"/>.</summary>
    static abstract RecordBatch ToRecordBatch(IReadOnlyList<TSelf> rows);

    /// <summary>Reads every row of <paramref name="batch"/>, matching columns by name.</summary>
    static abstract TSelf[] FromRecordBatch(RecordBatch batch);
}
