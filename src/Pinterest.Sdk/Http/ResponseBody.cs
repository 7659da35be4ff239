using System.Buffers;
using System.Text;

namespace Pinterest.Sdk;

/// <summary>
/// A response body read in full, under a cap, into pooled segments of at most 1 MiB. Growing one
/// buffer by doubling would hold up to twice the cap (the pool rounds a cap-plus-one-byte request up
/// to the next power of two, and the old buffer lives while it is copied); segments hold the body
/// plus at most one segment. A body that fits its first segment (the usual case) is one buffer.
/// </summary>
internal sealed class ResponseBody : IDisposable
{
    private const int FirstSegment = 16 * 1024;
    private const int LargestSegment = 1024 * 1024;

    private readonly List<byte[]> _segments = [];

    private ResponseBody()
    {
    }

    /// <summary>The bytes read: the whole body, or <c>cap + 1</c> when it is larger than the cap.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end with async reads, or until more than
    /// <paramref name="cap"/> bytes came (then <see cref="Length"/> is <c>cap + 1</c>: the caller refuses it).
    /// </summary>
    /// <param name="stream">The body.</param>
    /// <param name="declared">Its <c>Content-Length</c>, if any: the first segment holds it and one byte more, so the read that finds the end needs no second segment.</param>
    /// <param name="cap">The most bytes accepted.</param>
    /// <param name="cancellationToken">Ends a pending read.</param>
    public static async Task<ResponseBody> ReadAsync(Stream stream, long? declared, long cap, CancellationToken cancellationToken)
    {
        var body = new ResponseBody();
        try
        {
            await body.FillAsync(stream, declared, cap, cancellationToken).ConfigureAwait(false);
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The start of a body that only describes a failure (an error status, a body refused for its
    /// size): at most <paramref name="maxBytes"/>, and whatever arrived within <see cref="StartWait"/>
    /// on <paramref name="clock"/>. A peer that stalls never holds up the exception for longer.
    /// </summary>
    public static async Task<ResponseBody> ReadStartAsync(Stream stream, int maxBytes, TimeProvider clock, CancellationToken cancellationToken)
    {
        var body = new ResponseBody();
        using var wait = new CancellationTokenSource(StartWait, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, wait.Token);
        try
        {
            await body.FillAsync(stream, null, maxBytes, linked.Token).ConfigureAwait(false);
            return body;
        }
        catch (Exception e) when (wait.IsCancellationRequested && !cancellationToken.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            return body;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>How long <see cref="ReadStartAsync"/> waits for a failure's body: enough for one that came with its headers.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(1);

    /// <summary>Appends <paramref name="stream"/>'s bytes until its end or until more than <paramref name="cap"/> came.</summary>
    private async Task FillAsync(Stream stream, long? declared, long cap, CancellationToken cancellationToken)
    {
        var next = declared is { } size && size < LargestSegment ? (int)size + 1 : FirstSegment;
        byte[]? segment = null;
        var used = 0;
        while (Length <= cap)
        {
            if (segment is null || used == segment.Length)
            {
                segment = ArrayPool<byte>.Shared.Rent((int)Math.Min(next, cap + 1 - Length));
                _segments.Add(segment);
                used = 0;
                next = Math.Min(next * 2, LargestSegment);
            }
            var read = await stream.ReadAsync(segment.AsMemory(used, (int)Math.Min(segment.Length - used, cap + 1 - Length)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            used += read;
            Length += read;
        }
    }

    /// <summary>
    /// The first <paramref name="maxBytes"/> bytes of the body as UTF-8 text, for error bodies, token
    /// answers and exceptions. A byte-order mark is left out: it is not text, and would hide the JSON.
    /// </summary>
    public string ToText(int maxBytes)
    {
        var length = (int)Math.Min(Length, maxBytes);
        var first = _segments.Count == 0 ? [] : _segments[0].AsSpan(0, Math.Min(length, _segments[0].Length));
        if (first.Length == length)
            return Decode(first);
        var bytes = new byte[length];
        using var stream = AsStream();
        stream.ReadExactly(bytes);
        return Decode(bytes);
    }

    private static string Decode(ReadOnlySpan<byte> bytes) =>
        Encoding.UTF8.GetString(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes);

    /// <summary>The body as a stream, for the JSON reader.</summary>
    public Stream AsStream() => _segments.Count == 1
        ? new MemoryStream(_segments[0], 0, (int)Length, writable: false)
        : new SegmentStream(this);

    public void Dispose()
    {
        foreach (var segment in _segments)
            ArrayPool<byte>.Shared.Return(segment);
        _segments.Clear();
    }

    /// <summary>Reads the segments in order, as one stream.</summary>
    private sealed class SegmentStream(ResponseBody body) : Stream
    {
        private int _segment;
        private int _offset;
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => body.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> destination)
        {
            var copied = 0;
            while (copied < destination.Length && _position < body.Length)
            {
                var segment = body._segments[_segment];
                var available = (int)Math.Min(segment.Length - _offset, body.Length - _position);
                if (available == 0)
                {
                    (_segment, _offset) = (_segment + 1, 0);
                    continue;
                }
                var n = Math.Min(available, destination.Length - copied);
                segment.AsSpan(_offset, n).CopyTo(destination[copied..]);
                (copied, _offset, _position) = (copied + n, _offset + n, _position + n);
            }
            return copied;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
