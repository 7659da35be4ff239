namespace Pinterest.Sdk;

/// <summary>The access token is valid but may not use this ad account or operation (HTTP 403); check its scopes (<c>ads:read</c>) and the account's business access.</summary>
public class PinterestPermissionException : PinterestApiException
{
    /// <summary>Creates the exception; its message is composed from the details.</summary>
    /// <param name="errorCode">Pinterest's numeric error <c>code</c>, if the body carried one.</param>
    /// <param name="errorMessage">Pinterest's error <c>message</c>, if the body carried one.</param>
    /// <param name="requestId">The <c>x-pinterest-rid</c> response header.</param>
    /// <param name="responseHeaders">The response headers, by case-insensitive name.</param>
    /// <param name="responseBody">The response body as text, if it was read.</param>
    /// <param name="innerException">The failure that caused this one.</param>
    public PinterestPermissionException(
        int? errorCode = null,
        string? errorMessage = null,
        string? requestId = null,
        IReadOnlyDictionary<string, IEnumerable<string>>? responseHeaders = null,
        string? responseBody = null,
        Exception? innerException = null)
        : base(403, errorCode, errorMessage, requestId, responseHeaders, responseBody, innerException)
    {
    }
}
