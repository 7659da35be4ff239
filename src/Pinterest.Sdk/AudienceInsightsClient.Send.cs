using System.Net;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Polly;

namespace Pinterest.Sdk;

// The send path: every generated operation ends in SendAsync; read this file top to bottom.
// docs/architecture.md ("The send path") tells its story and why it is so.
public partial class AudienceInsightsClient
{
    /// <summary>Sends one API call, with retries, and returns its parsed body. Called by the generated operations.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="relativeUrl">The path and query, relative to <see cref="PinterestClientOptions.BaseUrl"/>, already escaped.</param>
    /// <param name="route">The spec's path template, for messages, logs and traces (never holds argument values).</param>
    /// <param name="servedBySandbox">Whether Pinterest's sandbox serves the operation (the spec's <c>x-sandbox</c>).</param>
    /// <param name="cancellationToken">The caller's token.</param>
    private async Task<PinterestResponse<T>> SendAsync<T>(HttpMethod method, string relativeUrl, string route, bool servedBySandbox, CancellationToken cancellationToken)
        where T : class, IJsonModel<T>
    {
        if (_httpClient is null)
            throw new InvalidOperationException("This AudienceInsightsClient was created for mocking and cannot send requests.");
        if (!servedBySandbox && PinterestClientOptions.IsSandbox(_options.BaseUrl))
            throw new NotSupportedException($"Pinterest's sandbox ({_options.BaseUrl.Host}) does not serve {method} {route}; set PinterestClientOptions.BaseUrl to {PinterestClientOptions.DefaultBaseUrl} and use a production token.");

        var call = new Call(method, new Uri(_options.BaseUrl, relativeUrl), route, _options.Credential.RateLimitBudget(_options.TimeProvider), _options.Credential.RateLimitBudgetKey);
        using var telemetry = CallTelemetry.Start(_options, method, call.Url, route);
        using var total = TimeoutScope.Start(_options.TotalTimeout, _options.TimeProvider, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(total.Token);
        context.Properties.Set(CallTelemetry.Key, telemetry);
        context.Properties.Set(RetryPolicy.CallStartedKey, _options.TimeProvider.GetTimestamp());
        try
        {
            return await _options.Retry.ExecuteAsync(
                static (context, state) => state.Client.SendOnceAsync<T>(state.Call, state.Telemetry, context.CancellationToken),
                context,
                (Client: this, Call: call, Telemetry: telemetry)).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The caller sees their own cancellation, or a timeout when the total timeout ran out.
            var failure = AsCallerSees(e, call, total.TimedOut, cancellationToken);
            telemetry.Failed(failure);
            if (ReferenceEquals(failure, e))
                throw;
            throw failure;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt: its turn in the token's rate-limit budget, then, bounded by
    /// <see cref="PinterestClientOptions.Timeout"/>, the token, the send, a 401's renewal and resend, and the body.
    /// </summary>
    private async ValueTask<PinterestResponse<T>> SendOnceAsync<T>(Call call, CallTelemetry telemetry, CancellationToken callToken)
        where T : class, IJsonModel<T>
    {
        var turn = await TakeTurnAsync(call, callToken).ConfigureAwait(false);
        using var attempt = TimeoutScope.Start(_options.Timeout, _options.TimeProvider, callToken);
        try
        {
            telemetry.Sending();
            var response = await SendRequestAsync(call, attempt.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && await RenewRejectedTokenAsync(call, attempt.Token).ConfigureAwait(false))
            {
                response.Dispose();
                response = await SendRequestAsync(call, attempt.Token).ConfigureAwait(false);
            }

            using (response)
            {
                var rateLimit = PinterestRateLimit.From(response, _options.TimeProvider, _options.Logger.IsEnabled(LogLevel.Debug)
                    ? header => Log.IgnoredHeader(_options.Logger, call.Method.Method, call.Route, header)
                    : null);
                if (rateLimit is not null)
                    Volatile.Write(ref _rateLimit, rateLimit);
                // The shared store learns the answer first: the pacer's Observe wakes this process's waiting
                // call, which then asks the store, and would find the window the answer opens still held.
                // The pacer learns it even when the call is cancelled while the store is being told.
                try
                {
                    if (turn.Shared >= 0 && rateLimit is not null)
                        await ObserveSharedAsync(call, turn.Shared, rateLimit, attempt.Token).ConfigureAwait(false);
                }
                finally
                {
                    call.Budget.Observe(turn.Local, rateLimit);
                }
                _options.Metrics.RateLimitObserved(rateLimit);
                telemetry.Received(response);

                if (!response.IsSuccessStatusCode)
                    throw await CreateApiExceptionAsync(response, rateLimit, _options.TimeProvider, attempt.Token).ConfigureAwait(false);

                using var body = await ReadBodyAsync(response, call, rateLimit, attempt.Token).ConfigureAwait(false);
                return new PinterestResponse<T>(ParseBody<T>(body, response, call, rateLimit), response, rateLimit);
            }
        }
        catch (Exception e) when (HttpTransport.IsFailure(e, callToken))
        {
            // No complete response: a broken connection, or this attempt's own timeout. Retryable.
            throw HttpTransport.Failure($"The call to {call.Method} {call.Route}", e, attempt.TimedOut, _options.Timeout);
        }
    }

    /// <summary>
    /// Waits for this attempt's turn in its token's budget (<c>Bulk/RateLimitPacer.cs</c>): every attempt
    /// counts; a bulk run's call keeps the run's spacing (<c>Bulk/BulkPacing.cs</c>); any call waits for a
    /// window Pinterest said is spent, or is refused when it stays spent past <c>MaxRetryAfter</c>.
    /// </summary>
    /// <returns>The turn's numbers, for <see cref="RateLimitPacer.Observe"/> and the shared store's <see cref="IRateLimitBudgetStore.ObserveAsync"/>.</returns>
    private async ValueTask<PacerTurn> TakeTurnAsync(Call call, CancellationToken cancellationToken)
    {
        var pacing = BulkPacing.Current;
        if (pacing is not null)
            pacing.Metrics = _options.Metrics;
        // With a shared store (PinterestClientOptions.RateLimitBudgetStore) the turn is the fleet's; if it
        // fails, this process's own (Bulk/SharedBudget.cs).
        var waiting = call.Budget.WaitForTurnAsync(pacing?.Budget ?? PacerBudget.Single(_options.MaxRetryAfter), _options.SharedBudget, call.BudgetKey, cancellationToken);
        PacerTurn turn;
        if (waiting.IsCompletedSuccessfully)
        {
            turn = waiting.Result;
        }
        else
        {
            var waitedFrom = _options.TimeProvider.GetTimestamp();
            turn = await waiting.ConfigureAwait(false);
            _options.Metrics.PacerWaited(_options.TimeProvider.GetElapsedTime(waitedFrom), bulk: pacing is not null);
        }
        if (pacing?.Stopped is { } stopped)
            throw new BulkRunStoppedException(stopped);
        return turn;
    }

    /// <summary>Teaches the shared store the answer's window; a store that fails is left to rest (it never fails the call).</summary>
    private async ValueTask ObserveSharedAsync(Call call, long turn, PinterestRateLimit rateLimit, CancellationToken cancellationToken)
    {
        var shared = _options.SharedBudget!;
        try
        {
            await shared.Store.ObserveAsync(call.BudgetKey!, turn, rateLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            shared.Failed(e, nameof(IRateLimitBudgetStore.ObserveAsync));
        }
    }

    /// <summary>
    /// Builds the request, authorizes it and sends it; returns once the headers have arrived. An answer
    /// from anywhere but the call's URL (a redirect, followed or not) is refused (<c>Http/Redirects.cs</c>).
    /// </summary>
    private async Task<HttpResponseMessage> SendRequestAsync(Call call, CancellationToken cancellationToken)
    {
        using var request = HttpTransport.Request(call.Method, call.Url);
        await AuthorizeAsync(call, request, cancellationToken).ConfigureAwait(false);
        var response = await HttpTransport.SendAsync(_httpClient, request, cancellationToken).ConfigureAwait(false);
        if (Redirects.Target(response, call.Url) is { } target)
        {
            using (response)
                throw Redirected(response, call, target);
        }
        return response;
    }

    /// <summary>
    /// Reads the whole body with async reads (no thread waits while bytes arrive, and a timeout or
    /// cancellation ends the pending read at once) into pooled segments (<c>Http/ResponseBody.cs</c>),
    /// holding at most about <see cref="PinterestClientOptions.MaxResponseBodySize"/>; a larger body is refused.
    /// </summary>
    private async Task<ResponseBody> ReadBodyAsync(HttpResponseMessage response, Call call, PinterestRateLimit? rateLimit, CancellationToken cancellationToken)
    {
        var cap = _options.MaxResponseBodySize;
        var declared = response.Content.Headers.ContentLength;
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (declared > cap)
        {
            // Refused without reading it; what of its start arrives at once still goes into the exception.
            using var start = await ResponseBody.ReadStartAsync(stream, PinterestErrorBody.MaxBytes, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            throw BodyTooLarge(response, call, rateLimit, start, declared.Value);
        }
        var body = await ResponseBody.ReadAsync(stream, declared, cap, cancellationToken).ConfigureAwait(false);
        if (body.Length > cap)
        {
            using (body)
                throw BodyTooLarge(response, call, rateLimit, body, body.Length);
        }
        return body;
    }

    /// <summary>Parses a body read in full: the model's generated reader (<c>IJsonModel.ReadJson</c>) does the reading.</summary>
    private static T ParseBody<T>(ResponseBody body, HttpResponseMessage response, Call call, PinterestRateLimit? rateLimit)
        where T : class, IJsonModel<T>
    {
        using var reader = new JsonTextReader(body.AsText())
        {
            ArrayPool = PooledCharBuffers.Instance,
            PropertyNameTable = JsonWireNames.Table,
            // Dates such as "2022-10-09" are strings in the spec; unknown fields keep them as sent.
            DateParseHandling = DateParseHandling.None,
        };
        try
        {
            while (reader.Read() && reader.TokenType == JsonToken.Comment)
            {
            }
            var model = reader.TokenType switch
            {
                JsonToken.StartObject => T.ReadJson(reader),
                JsonToken.None or JsonToken.Null => throw UnreadableBody(response, call, rateLimit, body, "its body is empty or null", null),
                _ => throw UnreadableBody(response, call, rateLimit, body, $"its body is not a valid {typeof(T).Name}: it starts with {reader.TokenType}, not an object", null),
            };
            // More than whitespace after the value (a second document, a page) means the body is not
            // what it claims to be.
            if (JsonValues.AfterValue(reader, out var error) is { } after)
                throw UnreadableBody(response, call, rateLimit, body, $"its body has {after} after the JSON value, where only whitespace may follow", error);
            return model;
        }
        catch (JsonException e)
        {
            throw UnreadableBody(response, call, rateLimit, body, $"its body is not a valid {typeof(T).Name}: {e.Message}", e);
        }
    }

    /// <summary>What one call carries from attempt to attempt.</summary>
    private sealed class Call(HttpMethod method, Uri url, string route, RateLimitPacer budget, string? budgetKey)
    {
        public HttpMethod Method { get; } = method;
        public Uri Url { get; } = url;
        public string Route { get; } = route;

        /// <summary>The rate-limit budget of the credential's tokens, which every attempt spends and teaches.</summary>
        public RateLimitPacer Budget { get; } = budget;

        /// <summary>The credential's budget in a shared store (<see cref="PinterestCredential.RateLimitBudgetKey"/>), or null.</summary>
        public string? BudgetKey { get; } = budgetKey;

        /// <summary>The token the last request carried, to tell the credential which one Pinterest rejected.</summary>
        public string? SentToken { get; set; }

        /// <summary>Whether the credential has already renewed a rejected token for this call (once per call).</summary>
        public bool TokenRenewed { get; set; }
    }
}
