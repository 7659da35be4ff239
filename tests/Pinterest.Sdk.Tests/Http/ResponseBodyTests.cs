using System.Net;
using System.Text;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>
/// What happens to a body the SDK cannot use (an HTML gateway page on a 200, a body over
/// <see cref="PinterestClientOptions.MaxResponseBodySize"/>): the exception still carries status,
/// headers, rate limit, request id and the start of the body; and a body at the cap is held in about
/// the cap's memory.
/// </summary>
[NonParallelizable]
public class ResponseBodyTests
{
    private const string Html = "<html><body><h1>502 Bad Gateway</h1></body></html>";

    private static AudienceInsightsClient Client(HttpContent content, Action<PinterestClientOptions>? configure = null)
    {
        var handler = new Answer(() =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            response.Headers.TryAddWithoutValidation("x-pinterest-rid", "rid-body-1");
            response.Headers.TryAddWithoutValidation(PinterestRateLimit.RemainingHeader, "42");
            response.Headers.TryAddWithoutValidation(PinterestRateLimit.LimitHeader, "1000");
            return response;
        });
        return new AudienceInsightsClient(new HttpClient(handler), Options(configure));
    }

    private static PinterestClientOptions Options(Action<PinterestClientOptions>? configure)
    {
        var options = new PinterestClientOptions { AccessToken = PinterestApiStub.Token, BaseUrl = new Uri("http://127.0.0.1:9/v5/"), MaxRetries = 0 };
        configure?.Invoke(options);
        return options;
    }

    private static void AssertCarriesTheResponse(PinterestApiException e, string bodyStart)
    {
        Assert.Multiple(() =>
        {
            Assert.That(e.StatusCode, Is.EqualTo(200));
            Assert.That(e.RequestId, Is.EqualTo("rid-body-1"));
            Assert.That(e.RateLimit?.Remaining, Is.EqualTo(42));
            Assert.That(e.RateLimit?.Limit, Is.EqualTo(1000));
            Assert.That(e.ResponseHeaders, Does.ContainKey("x-pinterest-rid"));
            Assert.That(e.ResponseBody, Does.StartWith(bodyStart));
        });
    }

    [Test]
    public void An_html_page_on_a_200_is_an_exception_with_the_whole_response_on_it()
    {
        var client = Client(new StringContent(Html, Encoding.UTF8, "text/html"));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience));

        AssertCarriesTheResponse(e!, Html);
        Assert.That(e!.Message, Does.Contain("text/html").And.Contain("rid-body-1"));
    }

    /// <summary>RFC 8259: only whitespace may follow the JSON value; anything else means the body is not what it claims.</summary>
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"} <html><body>proxy page</body></html>")]
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"}{\"type\": \"YOUR_TOTAL_AUDIENCE\"}")]
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"}\n[1]")]
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"} 42")]
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"} /* note */")]
    [TestCase("{\"type\": \"YOUR_TOTAL_AUDIENCE\"} x")]
    public void Anything_but_whitespace_after_the_json_value_is_an_exception_that_says_so(string body)
    {
        var client = Client(new StringContent(body, Encoding.UTF8, "application/json"));

        var e = Assert.ThrowsAsync<PinterestApiException>(() => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience));

        AssertCarriesTheResponse(e!, "{\"type\"");
        Assert.That(e!.Message, Does.Contain("after the JSON value"));
    }

    [Test]
    public async Task Whitespace_after_the_json_value_is_fine()
    {
        var client = Client(new StringContent("{\"type\": \"YOUR_TOTAL_AUDIENCE\", \"size\": 5} \r\n\t ", Encoding.UTF8, "application/json"));

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Size, Is.EqualTo(5));
    }

    private const string Unicode = "{\"type\": \"YOUR_TOTAL_AUDIENCE\", \"size\": 5, \"categories\": [{\"name\": \"Caf\u00e9 \u2615 \ud834\udd1e \u00fcber\"}]}";

    private static IEnumerable<TestCaseData> Encodings()
    {
        yield return new TestCaseData(new UTF8Encoding(false)).SetArgDisplayNames("UTF-8");
        yield return new TestCaseData(new UTF8Encoding(true)).SetArgDisplayNames("UTF-8 with BOM");
        yield return new TestCaseData(new UnicodeEncoding(bigEndian: false, byteOrderMark: true)).SetArgDisplayNames("UTF-16 LE with BOM");
        yield return new TestCaseData(new UnicodeEncoding(bigEndian: true, byteOrderMark: true)).SetArgDisplayNames("UTF-16 BE with BOM");
        yield return new TestCaseData(new UTF32Encoding(bigEndian: false, byteOrderMark: true)).SetArgDisplayNames("UTF-32 LE with BOM");
        yield return new TestCaseData(new UTF32Encoding(bigEndian: true, byteOrderMark: true)).SetArgDisplayNames("UTF-32 BE with BOM");
    }

    /// <summary>The body is decoded from its pooled segments without a StreamReader; the byte-order marks StreamReader knows still choose the encoding.</summary>
    [TestCaseSource(nameof(Encodings))]
    public async Task A_body_in_any_encoding_a_byte_order_mark_names_reads_the_same(Encoding encoding)
    {
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes(Unicode)).ToArray();
        var client = Client(new ByteArrayContent(bytes));

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Size, Is.EqualTo(5));
        Assert.That(insights.Categories![0].Name, Is.EqualTo("Caf\u00e9 \u2615 \ud834\udd1e \u00fcber"));
    }

    /// <summary>A long body read in segments (no length, a few bytes at a time), with multi-byte characters across every boundary.</summary>
    [Test]
    public async Task Multi_byte_characters_split_between_segments_decode_whole()
    {
        var names = Enumerable.Range(0, 3000).Select(i => $"\u00e9\ud834\udd1e{i}\u2615").ToList();
        var json = "{\"type\": \"YOUR_TOTAL_AUDIENCE\", \"categories\": [" + string.Join(",", names.Select(n => $"{{\"name\": \"{n}\"}}")) + "]}";
        var client = Client(new StreamContent(new Chunked(Encoding.UTF8.GetBytes(json))));

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Categories!.Select(c => c.Name), Is.EqualTo(names));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void A_body_over_the_cap_is_refused_with_the_response_and_the_start_of_its_body(bool declared)
    {
        var body = "{\"type\": \"YOUR_TOTAL_AUDIENCE\", \"x\": \"" + new string('a', 10_000) + "\"}";
        HttpContent content = declared ? new StringContent(body, Encoding.UTF8, "application/json") : new StreamContent(new Chunked(Encoding.UTF8.GetBytes(body)));
        var client = Client(content, o => o.MaxResponseBodySize = 4096);

        var e = Assert.ThrowsAsync<PinterestApiException>(() => client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience));

        AssertCarriesTheResponse(e!, "{\"type\": \"YOUR_TOTAL_AUDIENCE\"");
        Assert.That(e!.Message, Does.Contain("MaxResponseBodySize"));
        Assert.That(e.ResponseBody!.Length, Is.LessThanOrEqualTo(16 * 1024), "the body on the exception is capped");
    }

    /// <summary>
    /// A body of exactly the default 64 MiB cap, with no Content-Length (as a decompressed gzip body
    /// is): reading and parsing it allocates about the cap, not the 128 MiB array the pool hands out
    /// for "the cap and one byte more" plus the doubling buffers before it (about 256 MiB in all).
    /// </summary>
    [Test]
    public async Task A_body_at_the_cap_is_held_in_about_the_caps_memory()
    {
        const long cap = PinterestClientOptions.DefaultMaxResponseBodySize;
        var client = Client(new StreamContent(new SpacesObject(cap)));
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        Assert.That(insights, Is.Not.Null);
        Assert.That(allocated, Is.LessThan(cap + 16 * 1024 * 1024), $"{allocated / (1024 * 1024)} MiB allocated for a body of {cap / (1024 * 1024)} MiB");
    }

    private sealed class Answer(Func<HttpResponseMessage> respond) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(respond());
    }

    /// <summary>A body with no length, sent a few bytes at a time.</summary>
    private sealed class Chunked(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1000)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }

    /// <summary><c>{</c>, spaces, <c>}</c>: <paramref name="length"/> bytes of valid JSON, made as they are read.</summary>
    private sealed class SpacesObject(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[i] = at == 0 ? (byte)'{' : at == length - 1 ? (byte)'}' : (byte)' ';
            }
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
