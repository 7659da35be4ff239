using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Polly;

namespace Pinterest.Sdk;

// Sending: every generated operation goes through SendAsync. A call is traced and logged as a whole
// (.Telemetry.cs); the total timeout and retries (.Retries.cs) wrap single attempts; each attempt
// builds the request -> authorizes -> sends -> maps a failure to a typed exception, or reads the body.
//
// Inside the SDK a failure travels as a value (Polly's Outcome<T>), not as a thrown exception: it is
// thrown once, to the caller, from SendAsync. Throwing it through every async frame and the retry
// pipeline cost a 404 about four times what the request itself did.
public partial class AudienceInsightsClient
{
    /// <summary>Sends one API call, with retries, and returns its parsed body. Called by the generated operations.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUrl">The path and query, relative to <see cref="PinterestClientOptions.BaseUrl"/>, already escaped.</param>
    /// <param name="routeTemplate">The spec's path template, for messages, logs and traces (never holds argument values).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async Task<T> SendAsync<T>(HttpMethod method, string relativeUrl, string routeTemplate, CancellationToken cancellationToken)
        where T : class, IJsonModel<T>
    {
        if (_httpClient is null)
            throw new InvalidOperationException("This AudienceInsightsClient was created for mocking and cannot send requests.");

        var call = StartCall(method, new Uri(_options.BaseUrl, relativeUrl), routeTemplate);
        try
        {
            Outcome<T> outcome;
            using (var total = TimeoutScope.Start(_options.TotalTimeout, _options.TimeProvider, cancellationToken))
            {
                outcome = await SendAttemptAsync<T>(call, total.Token).ConfigureAwait(false);
                if (outcome.Exception is { } failure && _options.MaxRetries > 0 && IsRetryable(failure, _options.MaxRetryAfter))
                    outcome = await RetryAsync<T>(call, failure, total.Token).ConfigureAwait(false);
                if (outcome.Exception is OperationCanceledException canceled)
                    outcome = Outcome.FromException<T>(Canceled(call, canceled, total.TimedOut, cancellationToken));
            }

            if (outcome.Exception is { } error)
            {
                RecordFailure(call, error);
                // Keeps the stack trace of an exception thrown further down (a transport failure);
                // one created as a value gets its trace here, in the caller's call chain.
                ExceptionDispatchInfo.Throw(error);
            }
            return outcome.Result!;
        }
        finally
        {
            call.Activity?.Dispose();
        }
    }

    /// <summary>
    /// Attempts after the first failed one, through the retry pipeline (.Retries.cs). The first attempt
    /// runs outside it, so a call that succeeds (nearly all of them) never enters Polly, and a process
    /// whose calls succeed never builds the pipeline. Polly still decides everything about retrying:
    /// its first execution hands it the failure already seen instead of sending again.
    /// </summary>
    private async Task<Outcome<T>> RetryAsync<T>(Call call, Exception firstFailure, CancellationToken cancellationToken)
        where T : class, IJsonModel<T>
    {
        call.FirstFailure = firstFailure;
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CallKey, call);
        try
        {
            return await _prepared.RetryPipeline.ExecuteOutcomeAsync(
                static (context, state) => state.Call.TakeFirstFailure() is { } seen
                    ? new ValueTask<Outcome<T>>(Outcome.FromException<T>(seen))
                    : new ValueTask<Outcome<T>>(state.Client.SendAttemptAsync<T>(state.Call, context.CancellationToken)),
                context,
                (Client: this, Call: call)).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// A cancellation as the caller should see it: their own token when they cancelled, a timeout
    /// when the total timeout ran out.
    /// </summary>
    private Exception Canceled(Call call, OperationCanceledException e, bool totalTimedOut, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // Report the caller's own token, which callers compare against, not a linked one.
            return e.CancellationToken == cancellationToken ? e : new OperationCanceledException(e.Message, e, cancellationToken);
        }
        return totalTimedOut
            ? new PinterestNetworkException(
                $"The call to {call.Method} {call.Route} did not succeed within the total timeout of {_options.TotalTimeout.TotalSeconds:0.###} s.", isTimeout: true, e)
            : e;
    }

    /// <summary>One attempt: build the request, authorize, send, then map a failure or read the body. Never throws.</summary>
    private async Task<Outcome<T>> SendOnceAsync<T>(Call call, CancellationToken callToken)
        where T : class, IJsonModel<T>
    {
        var attemptNumber = ++call.Attempts;
        // Checked here as well as inside Log: calling into Log builds all its event definitions, a few
        // milliseconds on the first call of a process that has no logging at all.
        if (_options.Logger.IsEnabled(LogLevel.Debug))
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
                return Outcome.FromException<T>(await CreateApiExceptionAsync(response, rateLimit, attempt.Token).ConfigureAwait(false));

            var body = await response.Content.ReadAsStreamAsync(attempt.Token).ConfigureAwait(false);
            return Outcome.FromResult(Deserialize<T>(body, response, call.Route, attempt.Token));
        }
        catch (Exception e) when (e is not PinterestApiException && (IsTransportFailure(e) || attempt.Token.IsCancellationRequested))
        {
            // The caller's cancellation or the total timeout ends the call; only this attempt's own
            // timeout or a transport failure is a (retryable) network failure.
            if (callToken.IsCancellationRequested)
                return Outcome.FromException<T>(new OperationCanceledException("The operation was canceled.", e, callToken));
            return Outcome.FromException<T>(attempt.TimedOut
                ? new PinterestNetworkException($"The call to {call.Method} {call.Route} timed out after {_options.Timeout.TotalSeconds:0.###} s.", isTimeout: true, e)
                : new PinterestNetworkException($"The call to {call.Method} {call.Route} failed before a complete response arrived: {e.Message}", isTimeout: false, e));
        }
        catch (Exception e)
        {
            // An unreadable body, a credential that failed: not retryable, passed to the caller as is.
            return Outcome.FromException<T>(e);
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
