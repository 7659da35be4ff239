namespace Pinterest.Sdk;

/// <summary>Pinterest failed to handle the request (HTTP 5xx); the call may succeed if tried again later.</summary>
public class PinterestServerException : PinterestApiException
{
    /// <summary>Creates the exception; its message is composed from the details.</summary>
    /// <param name="statusCode">The HTTP status code, 500 to 599.</param>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public PinterestServerException(
        int statusCode,
        int? errorCode = null,
        string? errorMessage = null,
        string? requestId = null,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders = null,
        string? responseBody = null,
        Exception? innerException = null)
        : base(statusCode, errorCode, errorMessage, requestId, responseHeaders, responseBody, innerException)
    {
    }
}
