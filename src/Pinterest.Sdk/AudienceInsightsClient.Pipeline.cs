namespace Pinterest.Sdk;

// Sending: one place where every generated operation goes through, in this order:
// build the request -> authorize -> send -> map a failure to a typed exception, or read the body.
public partial class AudienceInsightsClient
{
    /// <summary>Sends one API call and returns its parsed body. Called by the generated operations.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUrl">The path and query, relative to <see cref="PinterestClientOptions.BaseUrl"/>, already escaped.</param>
    /// <param name="routeTemplate">The spec's path template, for messages and logs (never holds argument values).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async Task<T> SendAsync<T>(HttpMethod method, string relativeUrl, string routeTemplate, CancellationToken cancellationToken)
        where T : class
    {
        if (_httpClient is null)
            throw new InvalidOperationException("This AudienceInsightsClient was created for mocking and cannot send requests.");

        using var attempt = AttemptScope.Start(_options.Timeout, cancellationToken);
        try
        {
            using var request = new HttpRequestMessage(method, new Uri(_options.BaseUrl, relativeUrl));
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", SdkUserAgent.Value);
            await AuthorizeAsync(request, attempt.Token).ConfigureAwait(false);

            using var response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);

            // A stalled body must not hang a synchronous JSON read: ending the attempt disposes
            // the response, which makes the pending read fail at once.
            using var abortRead = attempt.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);

            if (!response.IsSuccessStatusCode)
                throw await CreateApiExceptionAsync(response, attempt.Token).ConfigureAwait(false);

            return await DeserializeAsync<T>(response, routeTemplate, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not PinterestApiException && (IsTransportFailure(e) || attempt.Token.IsCancellationRequested))
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw attempt.TimedOut
                ? new PinterestNetworkException($"The call to {method} {routeTemplate} timed out after {_options.Timeout.TotalSeconds:0.###} s.", isTimeout: true, e)
                : new PinterestNetworkException($"The call to {method} {routeTemplate} failed before a complete response arrived: {e.Message}", isTimeout: false, e);
        }
    }

    /// <summary>
    /// Whether <paramref name="e"/> or a cause of it is a failure to send or receive bytes. Newtonsoft
    /// wraps a broken stream in its own exceptions, so the whole chain is looked at.
    /// </summary>
    private static bool IsTransportFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException or IOException or OperationCanceledException or ObjectDisposedException)
                return true;
        }
        return false;
    }

    /// <summary>The cancellation scope of one attempt: the caller's token plus the per-attempt timeout.</summary>
    private readonly struct AttemptScope : IDisposable
    {
        private readonly CancellationTokenSource _source;

        private AttemptScope(CancellationTokenSource source) => _source = source;

        public CancellationToken Token => _source.Token;

        /// <summary>Whether the timeout, not the caller, ended the attempt.</summary>
        public bool TimedOut => _source.IsCancellationRequested;

        public static AttemptScope Start(TimeSpan timeout, CancellationToken callerToken)
        {
            var source = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
            if (timeout != Timeout.InfiniteTimeSpan)
                source.CancelAfter(timeout);
            return new AttemptScope(source);
        }

        public void Dispose() => _source.Dispose();
    }
}
