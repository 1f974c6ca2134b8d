using System.IO.Pipes;
using Apache.Arrow;
using Apache.Arrow.Types;
using Vgi.Ipc;
using static Vgi.Tests.Ipc.ArrowTestData;

namespace Vgi.Tests.Ipc;

/// <summary>Several IPC streams back to back on one channel: over-read bytes belong to the next stream.</summary>
public class StreamSequenceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static readonly Schema Empty = new([], null);
    private static readonly Schema Ints = SchemaOf(new Field("a", Int64Type.Default, false));
    private static readonly Schema Strings = SchemaOf(new Field("s", StringType.Default, true), new Field("d", new DictionaryType(Int16Type.Default, StringType.Default, false), true));
    private static readonly Schema Blob = SchemaOf(new Field("b", BinaryType.Default, false));

    private static RecordBatch IntBatch(long first, int count) =>
        new(Ints, [new Int64Array.Builder().AppendRange(Enumerable.Range(0, count).Select(i => first + i)).Build()], count);

    private static RecordBatch StringBatch(string prefix) =>
        new(Strings, [new StringArray.Builder().Append(prefix + "1").AppendNull().Append(prefix + "3").Build(), Dictionary(["X", prefix], [1, 0, null])], 3);

    // A body far larger than the reader's 64 KiB read-ahead buffer and the writer's staging buffer.
    private static RecordBatch BlobBatch(int size, byte fill) =>
        new(Blob, [new BinaryArray.Builder().Append(Enumerable.Repeat(fill, size).ToArray()).Build()], 1);

    /// <summary>Writes the sequence used by every test here: five streams of different shapes.</summary>
    private static void WriteSequence(ArrowIpcWriter w, Action? flush = null)
    {
        w.WriteSchema(Empty);
        w.WriteBatch(new RecordBatch(Empty, [], 1), [new("vgi_rpc.method", "ping")]);
        w.WriteEos();
        flush?.Invoke();

        w.WriteSchema(Ints);
        w.WriteBatch(IntBatch(10, 3), [new("n", "1")]);
        w.WriteBatch(IntBatch(20, 2), [new("n", "2")]);
        w.WriteEos();
        flush?.Invoke();

        w.WriteSchema(Strings);
        w.WriteBatch(StringBatch("a"), null);
        w.WriteEmptyBatch([new("vgi_rpc.log_level", "INFO")]);
        w.WriteBatch(StringBatch("b"), null);
        w.WriteEos();
        flush?.Invoke();

        w.WriteSchema(Blob);
        w.WriteBatch(BlobBatch(300_000, 0xAB), null);
        w.WriteEos();
        flush?.Invoke();

        // A stream with no batches at all.
        w.WriteSchema(Ints);
        w.WriteEos();
        flush?.Invoke();
    }

    private static async Task ReadAndCheckSequence(ArrowIpcReader reader)
    {
        var s1 = await ReadOurs(reader);
        Assert.Empty(s1.Schema.FieldsList);
        var b = Assert.Single(s1.Batches);
        Assert.Equal(1, b.Length);
        Assert.Equal("ping", b.Metadata.Get("vgi_rpc.method"));

        var s2 = await ReadOurs(reader);
        Assert.Equal(DescribeSchema(Ints), DescribeSchema(s2.Schema));
        Assert.Equal(2, s2.Batches.Count);
        Assert.Equal(Values(IntBatch(10, 3).Column(0)), s2.Batches[0].Columns[0]);
        Assert.Equal("1", s2.Batches[0].Metadata.Get("n"));
        Assert.Equal(Values(IntBatch(20, 2).Column(0)), s2.Batches[1].Columns[0]);
        Assert.Equal("2", s2.Batches[1].Metadata.Get("n"));

        var s3 = await ReadOurs(reader);
        Assert.Equal(3, s3.Batches.Count);
        Assert.Equal(Values(StringBatch("a").Column(0)), s3.Batches[0].Columns[0]);
        Assert.Equal(["a", "X", null], s3.Batches[0].Columns[1]);
        Assert.Equal(0, s3.Batches[1].Length);
        Assert.Equal(["b", "X", null], s3.Batches[2].Columns[1]);

        var s4 = await ReadOurs(reader);
        var blob = Assert.Single(s4.Batches);
        Assert.Equal(Convert.ToHexString(Enumerable.Repeat((byte)0xAB, 300_000).ToArray()), blob.Columns[0][0]);

        var s5 = await ReadOurs(reader);
        Assert.Empty(s5.Batches);

        Assert.Null(await reader.ReadSchemaAsync());
    }

    private static byte[] SequenceBytes()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        WriteSequence(writer);
        writer.Flush();
        return ms.ToArray();
    }

    [Fact]
    public async Task BackToBackOnOneMemoryStream()
    {
        await ReadAndCheckSequence(new ArrowIpcReader(new MemoryStream(SequenceBytes()))).WaitAsync(Timeout);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 7)]
    [InlineData(3, 3)]
    [InlineData(1, 4096)]
    public async Task ShortReads(int min, int max)
    {
        var stream = new ShortReadStream(SequenceBytes(), min, max);
        await ReadAndCheckSequence(new ArrowIpcReader(stream)).WaitAsync(Timeout);
        Assert.True(stream.Reads > 10);
    }

    [Fact]
    public async Task ThroughAnonymousPipe()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writing = Task.Run(() =>
        {
            var writer = new ArrowIpcWriter(server);
            // Flush after each stream, as a server answering requests would: the reader sees each
            // stream as soon as it is written, never the whole sequence at once.
            WriteSequence(writer, writer.Flush);
            server.Dispose();
        });
        await ReadAndCheckSequence(new ArrowIpcReader(client)).WaitAsync(Timeout);
        await writing.WaitAsync(Timeout);
    }

    /// <summary>Lockstep: the reader must return each stream without waiting for bytes the writer has not sent.</summary>
    [Fact]
    public async Task LockstepOverPipeDoesNotWaitForMoreBytes()
    {
        using var server = new AnonymousPipeServerStream(PipeDirection.Out);
        using var client = new AnonymousPipeClientStream(PipeDirection.In, server.ClientSafePipeHandle);
        var writer = new ArrowIpcWriter(server);
        var reader = new ArrowIpcReader(client);
        for (int i = 0; i < 5; i++)
        {
            writer.WriteSchema(Ints);
            writer.WriteBatch(IntBatch(i, 2), null);
            writer.WriteEos();
            await writer.FlushAsync();
            var read = await ReadOurs(reader).WaitAsync(Timeout);
            Assert.Equal(Values(IntBatch(i, 2).Column(0)), Assert.Single(read.Batches).Columns[0]);
        }
        server.Dispose();
        Assert.Null(await reader.ReadSchemaAsync().AsTask().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ApacheWrittenStreamsBackToBack()
    {
        var bytes = RawIpc.Concat(WriteApache(Ints, IntBatch(1, 2)), WriteApache(Strings, StringBatch("q")), WriteApache(Empty, new RecordBatch(Empty, [], 1)));
        var reader = new ArrowIpcReader(new ShortReadStream(bytes, 1, 7));
        Assert.Equal(Values(IntBatch(1, 2).Column(0)), Assert.Single((await ReadOurs(reader)).Batches).Columns[0]);
        Assert.Equal(["q", "X", null], Assert.Single((await ReadOurs(reader)).Batches).Columns[1]);
        Assert.Equal(1, Assert.Single((await ReadOurs(reader)).Batches).Length);
        Assert.Null(await reader.ReadSchemaAsync());
    }

    [Fact]
    public async Task LegacyFourByteEosIsAccepted()
    {
        var stream = WriteOurs(Ints, IntBatch(5, 1));
        var legacy = RawIpc.Concat(stream.AsSpan(0, stream.Length - 8).ToArray(), [0, 0, 0, 0], stream);
        var reader = new ArrowIpcReader(new MemoryStream(legacy));
        Assert.Single((await ReadOurs(reader)).Batches);
        Assert.Single((await ReadOurs(reader)).Batches);
        Assert.Null(await reader.ReadSchemaAsync());
    }

    [Fact]
    public async Task DrainSkipsToTheNextStream()
    {
        var reader = new ArrowIpcReader(new ShortReadStream(SequenceBytes(), 1, 5));
        for (int i = 0; i < 3; i++)
        {
            Assert.NotNull(await reader.ReadSchemaAsync());
            await reader.DrainAsync();
            Assert.Null(reader.Schema);
        }
        Assert.Equal(DescribeSchema(Blob), DescribeSchema((await reader.ReadSchemaAsync())!));
        using (var batch = await reader.ReadBatchAsync()) Assert.Equal(1, batch!.Length);
        await reader.DrainAsync();
        Assert.Empty((await ReadOurs(reader)).Batches);
        Assert.Null(await reader.ReadSchemaAsync());
    }

    [Fact]
    public async Task ReadBatchWithoutOpenStreamThrows()
    {
        var reader = new ArrowIpcReader(new MemoryStream(WriteOurs(Ints)));
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadBatchAsync());
        await reader.ReadSchemaAsync();
        Assert.Null(await reader.ReadBatchAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await reader.ReadBatchAsync());
    }

    [Fact]
    public void WriterRejectsBatchesOutsideAStream()
    {
        var writer = new ArrowIpcWriter(new MemoryStream());
        Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(IntBatch(0, 1)));
        Assert.Throws<InvalidOperationException>(() => writer.WriteEmptyBatch(null));
        writer.WriteSchema(Ints);
        Assert.Throws<ArgumentException>(() => writer.WriteBatch(StringBatch("x")));
        writer.WriteEos();
        Assert.Null(writer.Schema);
        Assert.Throws<InvalidOperationException>(() => writer.WriteBatch(IntBatch(0, 1)));
    }

    /// <summary>Nothing reaches the channel before a flush (a partial message on a pipe would stall the peer).</summary>
    [Fact]
    public void WriterStagesUntilFlush()
    {
        var ms = new MemoryStream();
        var writer = new ArrowIpcWriter(ms);
        writer.WriteSchema(Ints);
        writer.WriteBatch(IntBatch(0, 3), null);
        writer.WriteEos();
        Assert.Equal(0, ms.Length);
        writer.Flush();
        Assert.Equal([RawIpc.Schema, RawIpc.RecordBatch, 0], MessageTypes(ms.ToArray()));
    }
}

/// <summary>A read-only stream that returns between <c>min</c> and <c>max</c> bytes per read.</summary>
internal sealed class ShortReadStream(byte[] data, int min, int max) : Stream
{
    private readonly Random _random = new(1234);
    private int _position;

    public int Reads { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        Reads++;
        int n = Math.Min(Math.Min(buffer.Length, _random.Next(min, max + 1)), data.Length - _position);
        data.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
