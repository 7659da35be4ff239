namespace Pinterest.Sdk;

/// <summary>Pinterest did not accept the access token: it is missing, expired or revoked (HTTP 401).</summary>
public class PinterestAuthenticationException : PinterestApiException
{
    /// <summary>Creates the exception; its message is composed from the details.</summary>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public PinterestAuthenticationException(
        int? errorCode = null,
        string? errorMessage = null,
        string? requestId = null,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders = null,
        string? responseBody = null,
        Exception? innerException = null)
        : base(401, errorCode, errorMessage, requestId, responseHeaders, responseBody, innerException)
    {
    }

    /// <summary>A rejected token refresh: the token endpoint answered 400 or 401.</summary>
    internal PinterestAuthenticationException(string message, int statusCode, int? errorCode, string? errorMessage, string? requestId, string? responseBody)
        : base(message, statusCode, errorCode, errorMessage, requestId, null, responseBody, null)
    {
    }
}
