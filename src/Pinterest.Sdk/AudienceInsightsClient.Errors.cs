using System.Globalization;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

// Error mapping: a non-success response becomes the PinterestApiException subclass for its status,
// carrying Pinterest's code, message and request id, whatever the body holds (JSON, HTML, nothing).
public partial class AudienceInsightsClient
{
    /// <summary>The header in which Pinterest returns its request id.</summary>
    internal const string RequestIdHeader = "x-pinterest-rid";

    // Error bodies are small; a gateway that returns megabytes is cut here.
    private const int MaxErrorBodyBytes = 16 * 1024;

    private static async Task<PinterestApiException> CreateApiExceptionAsync(HttpResponseMessage response, PinterestRateLimit? rateLimit, CancellationToken cancellationToken)
    {
        var body = await ReadCappedAsync(response.Content, cancellationToken).ConfigureAwait(false);
        var (code, message) = ParseError(body);
        var headers = CollectHeaders(response);
        var requestId = headers.TryGetValue(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        var retryAfter = rateLimit?.RetryAfter;
        var status = (int)response.StatusCode;
        return status switch
        {
            400 => new PinterestBadRequestException(code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
            401 => new PinterestAuthenticationException(code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
            403 => new PinterestPermissionException(code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
            404 => new PinterestNotFoundException(code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
            429 => new PinterestRateLimitException(retryAfter, code, message, requestId, headers, body) { RateLimit = rateLimit },
            >= 500 and <= 599 => new PinterestServerException(status, code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
            _ => new PinterestApiException(status, code, message, requestId, headers, body) { RetryAfter = retryAfter, RateLimit = rateLimit },
        };
    }

    /// <summary>Reads Pinterest's <c>{"code": int, "message": string}</c>; anything else yields nulls.</summary>
    internal static (int? Code, string? Message) ParseError(string body)
    {
        if (!body.AsSpan().TrimStart().StartsWith("{"))
            return (null, null);
        // Only the two top-level fields are wanted: read them off the token stream rather than
        // building the whole document.
        int? code = null;
        string? message = null;
        try
        {
            using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (name == "code" && reader.TokenType == JsonToken.Integer && reader.Value is long n && n is >= int.MinValue and <= int.MaxValue)
                    code = (int)n;
                else if (name == "message" && reader.TokenType == JsonToken.String)
                    message = (string)reader.Value!;
                else
                    reader.Skip();
            }
        }
        catch (JsonException)
        {
            // A body cut short or not JSON after all: keep what was read before the fault.
        }
        return (code, message);
    }

    private static Dictionary<string, IEnumerable<string>> CollectHeaders(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers)
            headers[header.Key] = header.Value.ToArray();
        foreach (var header in response.Content.Headers)
            headers[header.Key] = header.Value.ToArray();
        return headers;
    }

    /// <summary>The <c>Retry-After</c> header as a wait from now (delta-seconds or an HTTP date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider clock)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
        {
            var wait = date - clock.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return null;
    }

    private static async Task<string> ReadCappedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        // Error bodies are usually a few dozen bytes: borrow the cap-sized buffer rather than allocate
        // it, and decode once at the end (a character cut at the cap becomes U+FFFD).
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(MaxErrorBodyBytes);
        try
        {
            var total = 0;
            int read;
            while (total < MaxErrorBodyBytes && (read = await stream.ReadAsync(buffer.AsMemory(total, MaxErrorBodyBytes - total), cancellationToken).ConfigureAwait(false)) > 0)
                total += read;
            return Encoding.UTF8.GetString(buffer, 0, total);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Describe(HttpContent content) =>
        content.Headers.ContentType?.MediaType ?? "no content type";

    private static PinterestApiException UnreadableBody(HttpResponseMessage response, string routeTemplate, string problem, Exception? cause)
    {
        var status = (int)response.StatusCode;
        var requestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
        var message = string.Create(CultureInfo.InvariantCulture,
            $"Pinterest returned HTTP {status} for GET {routeTemplate}, but {problem} ({Describe(response.Content)}). Request id: {requestId ?? "(none)"}.");
        return new PinterestApiException(message, status, null, null, requestId, CollectHeaders(response), null, cause);
    }
}
