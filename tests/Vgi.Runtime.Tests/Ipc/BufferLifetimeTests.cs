using System.Runtime.CompilerServices;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Codecs;
using Vgi.Ipc;

namespace Vgi.Tests.Ipc;

/// <summary>
/// Apache.Arrow's builders put values in native memory that the finalizer of the owning
/// ArrowBuffer's handle frees. A batch that nobody else references must stay alive while the
/// writer copies its buffers, or the writer reads freed memory (wrong bytes or a
/// NullReferenceException). This was found by tests/Vgi.Worker.Benchmarks: the codecs crashed under
/// GC pressure, because ArrowRecord.ToIpcBytes encodes a batch that only the writer references.
/// The stream below collects garbage and runs finalizers at every write, between the buffers of a
/// batch. Only optimized code shows the bug (unoptimized code keeps arguments alive to the end of the
/// method): the tests warm the writer up and call it from fully optimized helpers; run them in Release.
/// </summary>
public class BufferLifetimeTests
{
    private static readonly Schema Columns = new(
    [
        new Field("a", Int64Type.Default, false),
        new Field("s", StringType.Default, true),
        new Field("d", DoubleType.Default, false),
    ], null);

    [Fact]
    public async Task A_batch_only_the_writer_references_is_written_intact()
    {
        WarmUp();
        var sink = new CollectingStream();
        // A tiny staging buffer sends every buffer of 32 bytes or more straight to the stream, so a
        // collection runs between the buffers of one batch.
        var writer = new ArrowIpcWriter(sink, 64);
        writer.WriteSchema(Columns);
        const int batches = 40;
        for (int i = 0; i < batches; i++) WriteFreshBatch(writer, i);
        writer.WriteEos();
        writer.Flush();

        var reader = new ArrowIpcReader(new MemoryStream(sink.ToArray()));
        Assert.NotNull(await reader.ReadSchemaAsync());
        for (int i = 0; i < batches; i++)
        {
            using var batch = await reader.ReadBatchAsync();
            Assert.NotNull(batch);
            AssertSame(Make(i), batch.Batch);
        }
    }

    [Fact]
    public void ToIpcBytes_of_a_record_survives_collections_between_its_buffers()
    {
        // The nested-IPC path of every protocol record: ToRecordBatch, then WriteBatch, with no other reference.
        WarmUp();
        for (int i = 0; i < 20; i++) AssertSame(Make(i), IpcBytes.ReadBatch(EncodeFresh(i)));
    }

    /// <summary>
    /// Gets the writer to optimized (tier-1) code first: tier-0 code keeps arguments alive to the end
    /// of the method, which hides the bug. (Other tests may have warmed it already.)
    /// </summary>
    private static void WarmUp() => _ = WarmedUp.Value;

    private static readonly Lazy<bool> WarmedUp = new(() =>
    {
        var batch = Make(1);
        for (int round = 0; round < 3; round++)
        {
            var writer = new ArrowIpcWriter(Stream.Null, 64);
            writer.WriteSchema(Columns);
            for (int i = 0; i < 200; i++) writer.WriteBatch(batch);
            Thread.Sleep(250); // tier-1 compilation runs in the background after a 100 ms quiet period
        }
        return true;
    });

    private static void AssertSame(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(((Int64Array)expected.Column(0)).Values.ToArray(), ((Int64Array)actual.Column(0)).Values.ToArray());
        var expectedStrings = (StringArray)expected.Column(1);
        var actualStrings = (StringArray)actual.Column(1);
        Assert.Equal(Enumerable.Range(0, expected.Length).Select(i => expectedStrings.GetString(i)), Enumerable.Range(0, actual.Length).Select(i => actualStrings.GetString(i)));
        Assert.Equal(((DoubleArray)expected.Column(2)).Values.ToArray(), ((DoubleArray)actual.Column(2)).Values.ToArray());
    }

    // Fully optimized from the first call: unoptimized callers keep the batch alive themselves.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void WriteFreshBatch(ArrowIpcWriter writer, int seed) => writer.WriteBatch(Make(seed));

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static byte[] EncodeFresh(int seed)
    {
        var sink = new CollectingStream();
        var writer = new ArrowIpcWriter(sink, 64);
        writer.WriteSchema(Columns);
        writer.WriteBatch(Make(seed));
        writer.WriteEos();
        writer.Flush();
        return sink.ToArray();
    }

    /// <summary>1000 rows built with Apache.Arrow's builders (native memory).</summary>
    private static RecordBatch Make(int seed)
    {
        const int rows = 1000;
        var a = new Int64Array.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => (long)i * seed)).Build();
        var s = new StringArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => $"value {i + seed}")).Build();
        var d = new DoubleArray.Builder().AppendRange(Enumerable.Range(0, rows).Select(i => i * 0.5 + seed)).Build();
        return new RecordBatch(Columns, [a, s, d], rows);
    }

    /// <summary>A MemoryStream that collects garbage and runs finalizers before every write.</summary>
    private sealed class CollectingStream : MemoryStream
    {
        public override void Write(byte[] buffer, int offset, int count)
        {
            Collect();
            base.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Collect();
            base.Write(buffer);
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
