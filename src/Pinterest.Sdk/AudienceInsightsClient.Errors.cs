using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Pinterest.Sdk;

// Error mapping: a non-success response becomes the PinterestApiException subclass for its status,
// carrying Pinterest's code, message and request id, whatever the body holds (JSON, HTML, nothing).
public partial class AudienceInsightsClient
{
    /// <summary>The header in which Pinterest returns its request id.</summary>
    internal const string RequestIdHeader = "x-pinterest-rid";

    // Error bodies are small; a gateway that returns megabytes is cut here.
    private const int MaxErrorBodyChars = 16 * 1024;

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
        try
        {
            var error = JObject.Parse(body);
            var code = error["code"] is { Type: JTokenType.Integer } c && c.Value<long>() is var n && n is >= int.MinValue and <= int.MaxValue ? (int?)n : null;
            var message = error["message"] is { Type: JTokenType.String } m ? m.Value<string>() : null;
            return (code, message);
        }
        catch (JsonException)
        {
            return (null, null);
        }
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
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Error bodies are usually a few dozen bytes: borrow the cap-sized buffer rather than allocate it.
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(MaxErrorBodyChars);
        try
        {
            var total = 0;
            int read;
            while (total < MaxErrorBodyChars && (read = await reader.ReadAsync(buffer.AsMemory(total, MaxErrorBodyChars - total), cancellationToken).ConfigureAwait(false)) > 0)
                total += read;
            return new string(buffer, 0, total);
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
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
