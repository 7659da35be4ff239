using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest rate-limited the call (HTTP 429); wait <see cref="PinterestApiException.RetryAfter"/> before
/// calling again. The SDK has already retried as far as <see cref="PinterestClientOptions"/> allow.
/// </summary>
public class PinterestRateLimitException : PinterestApiException
{
    /// <summary>Creates the exception; its message is composed from the details.</summary>
    /// <param name="retryAfter">How long Pinterest asked the caller to wait (the <c>Retry-After</c> header).</param>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public PinterestRateLimitException(
        TimeSpan? retryAfter = null,
        int? errorCode = null,
        string? errorMessage = null,
        string? requestId = null,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders = null,
        string? responseBody = null,
        Exception? innerException = null)
        : base(ComposeMessage(429, errorCode, errorMessage, requestId) + RetryAfterText(retryAfter),
               429, errorCode, errorMessage, requestId, responseHeaders, responseBody, innerException)
    {
        RetryAfter = retryAfter;
    }

    private static string RetryAfterText(TimeSpan? retryAfter) => retryAfter is { } wait
        ? string.Create(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.")
        : "";
}
