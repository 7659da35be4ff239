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

    /// <summary>
    /// The body as text for the JSON reader, decoded straight from the segments into the reader's own
    /// (pooled) buffer: no <see cref="StreamReader"/> and its byte and character buffers. The byte-order
    /// marks <see cref="StreamReader"/> recognises choose the encoding (UTF-8, UTF-16 and UTF-32, either
    /// byte order) and are skipped; without one the body is UTF-8.
    /// </summary>
    public TextReader AsText()
    {
        var start = _segments.Count == 0 ? [] : _segments[0].AsSpan(0, (int)Math.Min(Length, _segments[0].Length));
        var (encoding, bom) = start switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Encoding.UTF8, 3),
            [0xFF, 0xFE, 0x00, 0x00, ..] => (Encoding.UTF32, 4),
            [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: true), 4),
            [0xFF, 0xFE, ..] => (Encoding.Unicode, 2),
            [0xFE, 0xFF, ..] => (Encoding.BigEndianUnicode, 2),
            _ => (Encoding.UTF8, 0),
        };
        return new SegmentTextReader(this, encoding.GetDecoder(), bom);
    }

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

    /// <summary>Decodes the segments in order into the caller's buffer.</summary>
    private sealed class SegmentTextReader(ResponseBody body, Decoder decoder, int skip) : TextReader
    {
        private int _segment;
        private int _offset = skip;
        private long _position = skip;
        private bool _flushed;
        private char? _pending;

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> destination)
        {
            if (destination.Length == 0)
                return 0;
            if (_pending is { } held)
            {
                (destination[0], _pending) = (held, null);
                return 1;
            }
            if (destination.Length == 1)
            {
                // A decoder may need two chars (a surrogate pair) to make progress: decode into two, hand out one.
                Span<char> pair = stackalloc char[2];
                var got = Decode(pair);
                if (got == 2)
                    _pending = pair[1];
                if (got > 0)
                    destination[0] = pair[0];
                return Math.Min(got, 1);
            }
            return Decode(destination);
        }

        private int Decode(Span<char> destination)
        {
            while (true)
            {
                if (_position >= body.Length)
                {
                    if (_flushed)
                        return 0;
                    // The end: a sequence the body cut short decodes as a replacement character, as StreamReader does.
                    decoder.Convert(ReadOnlySpan<byte>.Empty, destination, flush: true, out _, out var last, out _);
                    _flushed = true;
                    return last;
                }
                var segment = body._segments[_segment];
                var available = (int)Math.Min(segment.Length - _offset, body.Length - _position);
                if (available <= 0)
                {
                    (_segment, _offset) = (_segment + 1, 0);
                    continue;
                }
                decoder.Convert(segment.AsSpan(_offset, available), destination, flush: false, out var bytesUsed, out var charsUsed, out _);
                (_offset, _position) = (_offset + bytesUsed, _position + bytesUsed);
                if (charsUsed > 0)
                    return charsUsed;
            }
        }
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
