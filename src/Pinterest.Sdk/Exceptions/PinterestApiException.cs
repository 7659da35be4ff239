using System.Globalization;
using System.Net;

namespace Pinterest.Sdk;

/// <summary>
/// A call to Pinterest failed: Pinterest answered with a non-success status, its answer could not be
/// read, or (<see cref="PinterestNetworkException"/>) no answer arrived. Catch this type to handle every
/// failure of the SDK; catch a subclass to handle one kind.
/// </summary>
/// <remarks>
/// The message states the status, Pinterest's error code and message, and the request id to quote to
/// Pinterest support. It never contains the access token.
/// </remarks>
public class PinterestApiException : Exception
{
    private static readonly IReadOnlyDictionary<string, IEnumerable<string>> NoHeaders =
        new Dictionary<string, IEnumerable<string>>();

    private TimeSpan? _retryAfter;
    private PinterestRateLimit? _rateLimit;

    /// <summary>Creates an exception for a response with the given status; its message is composed from the details.</summary>
    /// <param name="statusCode">The HTTP status code, or 0 when no response arrived.</param>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public PinterestApiException(
        int statusCode,
        int? errorCode = null,
        string? errorMessage = null,
        string? requestId = null,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders = null,
        string? responseBody = null,
        Exception? innerException = null)
        : this(ComposeMessage(statusCode, errorCode, errorMessage, requestId), statusCode, errorCode, errorMessage, requestId, responseHeaders, responseBody, innerException)
    {
    }

    /// <summary>Creates an exception with an explicit message.</summary>
    /// <param name="message">The message; it must not contain secrets.</param>
    /// <param name="statusCode">The HTTP status code, or 0 when no response arrived.</param>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    protected PinterestApiException(
        string message,
        int statusCode,
        int? errorCode,
        string? errorMessage,
        string? requestId,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders,
        string? responseBody,
        Exception? innerException)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        ErrorMessage = errorMessage;
        RequestId = requestId;
        ResponseHeaders = responseHeaders ?? NoHeaders;
        ResponseBody = responseBody;
    }

    /// <summary>The HTTP status code of Pinterest's response; 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>Pinterest's numeric error <c>code</c> from the response body, when there was one.</summary>
    public int? ErrorCode { get; }

    /// <summary>Pinterest's error <c>message</c> from the response body, when there was one.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Pinterest's request id (the <c>x-pinterest-rid</c> header); quote it to Pinterest support.</summary>
    public string? RequestId { get; }

    /// <summary>The response headers by case-insensitive name; empty when no response arrived.</summary>
    public IReadOnlyDictionary<string, IEnumerable<string>> ResponseHeaders { get; }

    /// <summary>The response body as text (capped in length), when one was read.</summary>
    public string? ResponseBody { get; }

    /// <summary>
    /// How long Pinterest asked the caller to wait before calling again (the <c>Retry-After</c>
    /// header, as delta-seconds or a date), on any status that sent one.
    /// </summary>
    public TimeSpan? RetryAfter { get => _retryAfter; init => _retryAfter = value; }

    /// <summary>The rate-limit state the failed response reported, when it had rate-limit headers.</summary>
    public PinterestRateLimit? RateLimit { get => _rateLimit; init => _rateLimit = value; }

    /// <summary>
    /// The one place the SDK turns a response into an exception: the status picks the type (400, 401,
    /// 403, 404, 429, 5xx, anything else), and the message is composed from Pinterest's code, message
    /// and request id unless <paramref name="message"/> says something more specific.
    /// </summary>
    /// <param name="response">What the response said.</param>
    /// <param name="message">A message that replaces the composed one (an unreadable body, a refused token refresh).</param>
    /// <param name="credentialRefused">The token endpoint refused the app's credentials or refresh token (400 or 401).</param>
    /// <param name="innerException">The failure that caused this one.</param>
    internal static PinterestApiException FromResponse(ResponseDetails response, string? message = null, bool credentialRefused = false, Exception? innerException = null)
    {
        var (status, code, text, requestId, headers, body) = (response.StatusCode, response.ErrorCode, response.ErrorMessage, response.RequestId, response.Headers, response.Body);
        PinterestApiException exception = message is not null
            ? credentialRefused && status is 400 or 401
                ? new PinterestAuthenticationException(message, status, code, text, requestId, body)
                : new PinterestApiException(message, status, code, text, requestId, headers, body, innerException)
            : status switch
            {
                400 => new PinterestBadRequestException(code, text, requestId, headers, body, innerException),
                401 => new PinterestAuthenticationException(code, text, requestId, headers, body, innerException),
                403 => new PinterestPermissionException(code, text, requestId, headers, body, innerException),
                404 => new PinterestNotFoundException(code, text, requestId, headers, body, innerException),
                429 => new PinterestRateLimitException(response.RetryAfter, code, text, requestId, headers, body, innerException),
                >= 500 and <= 599 => new PinterestServerException(status, code, text, requestId, headers, body, innerException),
                _ => new PinterestApiException(status, code, text, requestId, headers, body, innerException),
            };
        exception._retryAfter = response.RetryAfter;
        exception._rateLimit = response.RateLimit;
        return exception;
    }

    /// <summary>Composes the message the public constructor uses.</summary>
    private protected static string ComposeMessage(int statusCode, int? errorCode, string? errorMessage, string? requestId)
    {
        var reason = Enum.IsDefined((HttpStatusCode)statusCode) ? " (" + (HttpStatusCode)statusCode + ")" : "";
        var text = string.Create(CultureInfo.InvariantCulture, $"Pinterest returned HTTP {statusCode}{reason}");
        text += errorMessage is null ? "." : ": " + errorMessage.TrimEnd('.') + ".";
        if (errorCode is not null)
            text += string.Create(CultureInfo.InvariantCulture, $" Pinterest error code: {errorCode}.");
        text += " Request id: " + (requestId ?? "(none)") + ".";
        return text;
    }
}

/// <summary>What a response said, for <see cref="PinterestApiException.FromResponse"/>.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="ErrorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
/// <param name="ErrorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
/// <param name="RequestId">The <c>x-pinterest-rid</c> header.</param>
/// <param name="Headers">The response headers, by case-insensitive name.</param>
/// <param name="Body">The body as text (capped), when it was read.</param>
/// <param name="RetryAfter">The wait the response asked for.</param>
/// <param name="RateLimit">The rate-limit headers of the response.</param>
internal sealed record ResponseDetails(
    int StatusCode,
    int? ErrorCode,
    string? ErrorMessage,
    string? RequestId,
    IReadOnlyDictionary<string, IEnumerable<string>>? Headers,
    string? Body,
    TimeSpan? RetryAfter,
    PinterestRateLimit? RateLimit);
