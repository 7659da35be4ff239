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

    private PinterestRateLimitException(string message, TimeSpan retryAfter)
        : base(message, 429, null, null, null, null, null, null)
    {
        RetryAfter = retryAfter;
        IsPredicted = true;
    }

    /// <summary>
    /// Whether the SDK refused the call without sending it, because Pinterest's latest answer for the
    /// same token said its rate-limit window is spent (<c>X-RateLimit-Remaining: 0</c>) until further
    /// away than the call may wait; <see cref="PinterestApiException.RetryAfter"/> is that reset.
    /// </summary>
    public bool IsPredicted { get; }

    /// <summary>The refusal of a call Pinterest would answer 429: its window is spent for <paramref name="reset"/>.</summary>
    internal static PinterestRateLimitException Predicted(TimeSpan reset, TimeSpan longestWait, PinterestRateLimit rateLimit) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"Not sent: Pinterest's last answer for this token said its rate-limit window is spent (X-RateLimit-Remaining: 0) for another {reset.TotalSeconds:0.###} s, longer than the call may wait ({longestWait.TotalSeconds:0.###} s, PinterestClientOptions.MaxRetryAfter), so it would be answered 429.{RetryAfterText(reset)}"),
            reset)
        {
            RateLimit = rateLimit,
        };

    private static string RetryAfterText(TimeSpan? retryAfter) => retryAfter is { } wait
        ? string.Create(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.")
        : "";
}
