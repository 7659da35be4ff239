using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// What every request the SDK sends shares, API calls (<c>AudienceInsightsClient.Send.cs</c>) and token
/// requests (<c>Auth/OAuthTokenEndpoint.cs</c>) alike: its headers, the send that returns at the
/// headers, which exceptions mean no complete response arrived, and how that failure is worded.
/// </summary>
internal static class HttpTransport
{
    /// <summary>A request with the headers every SDK request carries: <c>Accept</c> and <c>User-Agent</c>.</summary>
    public static HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", SdkUserAgent.Value);
        return request;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns once the headers have arrived: the body is read by
    /// the caller, asynchronously and capped (<c>Http/ResponseBody.cs</c>), within the same timeout.
    /// </summary>
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken) =>
        client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);

    /// <summary>
    /// Whether <paramref name="e"/> means no complete response arrived: the connection failed or broke,
    /// or a read was cancelled by a timeout. A cancellation the caller asked for (<paramref name="caller"/>)
    /// is not one: it reaches the caller as a cancellation.
    /// </summary>
    public static bool IsFailure(Exception e, CancellationToken caller) =>
        e is HttpRequestException or IOException || (e is OperationCanceledException && !caller.IsCancellationRequested);

    /// <summary>The failure <see cref="IsFailure"/> accepted, worded for <paramref name="what"/> ("The call to GET /route").</summary>
    /// <param name="what">What was being done, the start of the message.</param>
    /// <param name="e">The exception that ended it.</param>
    /// <param name="timedOut">Whether the request's own timeout ended it.</param>
    /// <param name="timeout">That timeout, named in the message.</param>
    public static PinterestNetworkException Failure(string what, Exception e, bool timedOut, TimeSpan timeout) => timedOut
        ? new PinterestNetworkException(string.Create(CultureInfo.InvariantCulture, $"{what} timed out after {timeout.TotalSeconds:0.###} s."), isTimeout: true, e)
        : new PinterestNetworkException($"{what} failed before a complete response arrived: {e.Message}", isTimeout: false, e);
}
