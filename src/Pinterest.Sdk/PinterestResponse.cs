using System.Net;
using System.Net.Http.Headers;

namespace Pinterest.Sdk;

/// <summary>
/// A successful call's model together with what its own response said: the status, Pinterest's
/// request id, the headers and the rate limit. Returned by the <c>…WithResponseAsync</c> operations;
/// the plain operations return <see cref="Value"/> alone.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class PinterestResponse<T>
    where T : class
{
    /// <summary>
    /// Pairs a model with the response it came in. The client makes these; a fake
    /// <see cref="IAudienceInsightsClient"/> can too, from <c>new HttpResponseMessage(HttpStatusCode.OK)</c>.
    /// </summary>
    /// <param name="value">The model.</param>
    /// <param name="response">The response, for its status and headers (only those are kept).</param>
    /// <param name="rateLimit">The rate limit the response reported.</param>
    public PinterestResponse(T value, HttpResponseMessage response, PinterestRateLimit? rateLimit = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(response);
        Value = value;
        StatusCode = response.StatusCode;
        Headers = response.Headers;
        RateLimit = rateLimit;
    }

    /// <summary>The model Pinterest returned.</summary>
    public T Value { get; }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Pinterest's request id (the <c>x-pinterest-rid</c> header); quote it to Pinterest support.</summary>
    public string? RequestId => PinterestRequestId.Of(Headers);

    /// <summary>The response headers.</summary>
    public HttpResponseHeaders Headers { get; }

    /// <summary>The rate-limit state this response reported, or <see langword="null"/> when it had no rate-limit headers.</summary>
    public PinterestRateLimit? RateLimit { get; }

    /// <summary>Describes the response without its body.</summary>
    /// <returns>The status, request id and rate limit.</returns>
    public override string ToString() => $"{(int)StatusCode} {StatusCode}, request id {RequestId ?? "(none)"}, rate limit {RateLimit?.ToString() ?? "(none)"}";
}
