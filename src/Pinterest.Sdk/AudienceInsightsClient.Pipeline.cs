using Polly;

namespace Pinterest.Sdk;

// Sending: every generated operation goes through SendAsync. A call is traced and logged as a whole
// (.Telemetry.cs); the total timeout and retries (.Retries.cs) wrap single attempts; each attempt
// builds the request -> authorizes -> sends -> maps a failure to a typed exception, or reads the body.
public partial class AudienceInsightsClient
{
    /// <summary>Sends one API call, with retries, and returns its parsed body. Called by the generated operations.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUrl">The path and query, relative to <see cref="PinterestClientOptions.BaseUrl"/>, already escaped.</param>
    /// <param name="routeTemplate">The spec's path template, for messages, logs and traces (never holds argument values).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async Task<T> SendAsync<T>(HttpMethod method, string relativeUrl, string routeTemplate, CancellationToken cancellationToken)
        where T : class
    {
        if (_httpClient is null)
            throw new InvalidOperationException("This AudienceInsightsClient was created for mocking and cannot send requests.");

        var call = StartCall(method, new Uri(_options.BaseUrl, relativeUrl), routeTemplate);
        try
        {
            return await SendWithRetriesAsync<T>(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            RecordFailure(call, e);
            throw;
        }
        finally
        {
            call.Activity?.Dispose();
        }
    }

    private async Task<T> SendWithRetriesAsync<T>(Call call, CancellationToken cancellationToken)
        where T : class
    {
        using var total = TimeoutScope.Start(_options.TotalTimeout, _options.TimeProvider, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(total.Token);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _retryPipeline.ExecuteAsync(
                static (context, state) => new ValueTask<T>(state.Client.SendAttemptAsync<T>(state.Call, context.CancellationToken)),
                context,
                (Client: this, Call: call)).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e.CancellationToken != cancellationToken)
        {
            // Report the caller's own token, which callers compare against, not the linked one.
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested && total.TimedOut)
        {
            throw new PinterestNetworkException(
                $"The call to {call.Method} {call.Route} did not succeed within the total timeout of {_options.TotalTimeout.TotalSeconds:0.###} s.", isTimeout: true, e);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>One attempt: build the request, authorize, send, then map a failure or read the body.</summary>
    private async Task<T> SendOnceAsync<T>(Call call, CancellationToken callToken)
        where T : class
    {
        var attemptNumber = ++call.Attempts;
        Log.Sending(_options.Logger, call.Method.Method, call.Route, attemptNumber);
        var started = _options.TimeProvider.GetTimestamp();
        using var attempt = TimeoutScope.Start(_options.Timeout, _options.TimeProvider, callToken);
        try
        {
            using var request = new HttpRequestMessage(call.Method, call.Url);
            request.Headers.TryAddWithoutValidation("Accept", "application/json");
            request.Headers.TryAddWithoutValidation("User-Agent", SdkUserAgent.Value);
            await AuthorizeAsync(call, request, attempt.Token).ConfigureAwait(false);

            using var response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token)
                .ConfigureAwait(false);
            RecordResponse(call, response, _options.TimeProvider.GetElapsedTime(started));

            // A stalled body must not hang a synchronous JSON read: ending the attempt disposes
            // the response, which makes the pending read fail at once.
            using var abortRead = attempt.Token.Register(static r => ((HttpResponseMessage)r!).Dispose(), response);

            var rateLimit = ObserveRateLimit(response);
            if (!response.IsSuccessStatusCode)
                throw await CreateApiExceptionAsync(response, rateLimit, attempt.Token).ConfigureAwait(false);

            return await DeserializeAsync<T>(response, call.Route, attempt.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not PinterestApiException && (IsTransportFailure(e) || attempt.Token.IsCancellationRequested))
        {
            // The caller's cancellation or the total timeout ends the call; only this attempt's own
            // timeout or a transport failure is a (retryable) network failure.
            callToken.ThrowIfCancellationRequested();
            throw attempt.TimedOut
                ? new PinterestNetworkException($"The call to {call.Method} {call.Route} timed out after {_options.Timeout.TotalSeconds:0.###} s.", isTimeout: true, e)
                : new PinterestNetworkException($"The call to {call.Method} {call.Route} failed before a complete response arrived: {e.Message}", isTimeout: false, e);
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

    /// <summary>A cancellation scope: an outer token plus a timeout measured on the options' clock.</summary>
    private readonly struct TimeoutScope : IDisposable
    {
        private readonly CancellationTokenSource? _timer;
        private readonly CancellationTokenSource? _linked;

        private TimeoutScope(CancellationTokenSource? timer, CancellationTokenSource? linked, CancellationToken token)
        {
            _timer = timer;
            _linked = linked;
            Token = token;
        }

        public CancellationToken Token { get; }

        /// <summary>Whether the timeout, not the outer token, ended the scope.</summary>
        public bool TimedOut => _timer?.IsCancellationRequested == true;

        public static TimeoutScope Start(TimeSpan timeout, TimeProvider clock, CancellationToken outer)
        {
            // Without a timeout the outer token is the scope: no sources to create and dispose.
            if (timeout == Timeout.InfiniteTimeSpan)
                return new TimeoutScope(null, null, outer);
            var timer = new CancellationTokenSource(timeout, clock);
            var linked = outer.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outer, timer.Token) : null;
            return new TimeoutScope(timer, linked, linked?.Token ?? timer.Token);
        }

        public void Dispose()
        {
            _linked?.Dispose();
            _timer?.Dispose();
        }
    }
}
