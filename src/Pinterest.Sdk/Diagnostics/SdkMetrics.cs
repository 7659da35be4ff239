using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// The SDK's metrics, on a meter named <see cref="PinterestSdkDiagnostics.MeterName"/>: names, units and
/// attributes after OpenTelemetry's semantic conventions (<c>http.client.request.duration</c>'s
/// attributes for the operation's duration). The README lists them. Every record first asks whether
/// the instrument has a listener, so with none nothing is built. No token, secret, ad account id or
/// URL with ids is ever an attribute: the route template is (<c>url.template</c>).
/// </summary>
internal sealed class SdkMetrics
{
    /// <summary>
    /// The meter of clients made without an <see cref="IMeterFactory"/>, and of what no client made: an
    /// authorization-code exchange, a credential's <c>RefreshNowAsync</c>. Token requests a client's call
    /// needed and bulk runs record on that client's metrics.
    /// </summary>
    public static readonly SdkMetrics Shared = new(new Meter(PinterestSdkDiagnostics.MeterName, SdkUserAgent.SdkVersion));

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _throttled;
    private readonly Histogram<double> _pacerWait;
    private readonly Counter<long> _tokenRefreshes;
    private readonly Counter<long> _bulkAccounts;
    private readonly Counter<long> _budgetStoreFallbacks;
    private readonly Counter<long> _tokenRenewalFailures;
    private readonly Dictionary<string, int> _remaining = [];

    private SdkMetrics(Meter meter)
    {
        // One line an instrument, as a table: its name, unit and description (the README lists the same).
        _duration = meter.CreateHistogram<double>("pinterest.client.operation.duration", "s", "How long calls to Pinterest took, retries and waits included.");
        _retries = meter.CreateCounter<long>("pinterest.client.retries", "{retry}", "Attempts the SDK sent again, by why (pinterest.retry.reason: 429, 5xx, network).");
        _throttled = meter.CreateCounter<long>("pinterest.client.throttled", "{call}", "Calls throttled: 429s received (pinterest.throttle.source: server) and calls refused before sending because the window was spent (predicted).");
        meter.CreateObservableGauge("pinterest.rate_limit.remaining", ObserveRemaining, "{call}", "The latest X-RateLimit-Remaining Pinterest sent, per window (pinterest.rate_limit.window, in seconds).");
        _pacerWait = meter.CreateHistogram<double>("pinterest.pacer.wait.duration", "s", "How long calls waited for their turn in their token's rate-limit budget.");
        _tokenRefreshes = meter.CreateCounter<long>("pinterest.token.refreshes", "{refresh}", "Requests to Pinterest's token endpoint, by grant (pinterest.oauth.grant_type) and outcome (pinterest.outcome: success, refused, failed).");
        _bulkAccounts = meter.CreateCounter<long>("pinterest.bulk.accounts", "{account}", "Ad accounts a bulk run finished, by outcome (pinterest.outcome: success, failed, not_called).");
        _budgetStoreFallbacks = meter.CreateCounter<long>("pinterest.pacer.store.fallbacks", "{call}", "Calls that took their turn from the process's own budget because the shared budget store (IRateLimitBudgetStore) failed or was resting after a failure.");
        _tokenRenewalFailures = meter.CreateCounter<long>("pinterest.token.renewal.failures", "{renewal}", "Token renewals that failed, by whether calls went on with the token in hand (pinterest.token.kept) and why (error.type).");
    }

    /// <summary>The metrics on <paramref name="factory"/>'s meter (one per factory and version), or the shared ones without a factory.</summary>
    public static SdkMetrics For(IMeterFactory? factory) => factory is null
        ? Shared
        : new SdkMetrics(factory.Create(new MeterOptions(PinterestSdkDiagnostics.MeterName) { Version = SdkUserAgent.SdkVersion }));

    /// <summary>A call ended: its whole duration, its last status (0 when no response came), and why it failed, if it did.</summary>
    public void CallEnded(string method, string route, Uri url, TimeSpan elapsed, int status, Exception? failure)
    {
        if (!_duration.Enabled)
            return;
        var tags = new TagList
        {
            { "http.request.method", method },
            { "url.template", route },
            { "server.address", url.Host },
            { "server.port", url.Port },
        };
        if (status > 0)
            tags.Add("http.response.status_code", status);
        if (failure is not null)
            tags.Add("error.type", FailureKind.Of(failure));
        if (failure is PinterestApiException { ErrorCode: { } code })
            tags.Add("pinterest.error.code", code);
        _duration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>An attempt failed and will be sent again.</summary>
    public void Retrying(string route, Exception? reason)
    {
        if (!_retries.Enabled)
            return;
        _retries.Add(1, new("url.template", route), new("pinterest.retry.reason", FailureKind.RetryReason(reason)));
    }

    /// <summary>A 429 arrived (<paramref name="predicted"/> false), or a call was refused before sending because its window was spent.</summary>
    public void Throttled(string route, bool predicted)
    {
        if (_throttled.Enabled)
            _throttled.Add(1, new("url.template", route), new("pinterest.throttle.source", predicted ? "predicted" : "server"));
    }

    /// <summary>What an answer said is left of its rate-limit window.</summary>
    public void RateLimitObserved(PinterestRateLimit? rateLimit)
    {
        if (rateLimit is not { Remaining: { } remaining })
            return;
        var window = "unknown";
        foreach (var policy in rateLimit.Policies)
        {
            if (policy.Limit == rateLimit.Limit && policy.Window is { } length)
            {
                window = ((long)length.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                break;
            }
        }
        lock (_remaining)
            _remaining[window] = remaining;
    }

    /// <summary>A call waited <paramref name="waited"/> for its turn in its token's budget.</summary>
    public void PacerWaited(TimeSpan waited, bool bulk)
    {
        if (_pacerWait.Enabled && waited > TimeSpan.Zero)
            _pacerWait.Record(waited.TotalSeconds, new KeyValuePair<string, object?>("pinterest.call.kind", bulk ? "bulk" : "single"));
    }

    /// <summary>A call took its turn from the in-process pacer: the shared budget store failed.</summary>
    public void BudgetStoreFellBack()
    {
        if (_budgetStoreFallbacks.Enabled)
            _budgetStoreFallbacks.Add(1);
    }

    /// <summary>A request to the token endpoint ended.</summary>
    public void TokenRequested(string grantType, Exception? failure)
    {
        if (!_tokenRefreshes.Enabled)
            return;
        var outcome = failure switch
        {
            null => "success",
            PinterestAuthenticationException => "refused",
            _ => "failed",
        };
        _tokenRefreshes.Add(1, new("pinterest.oauth.grant_type", grantType), new("pinterest.outcome", outcome));
    }

    /// <summary>A bulk run finished one account.</summary>
    public void BulkAccountFinished(bool succeeded, bool wasCalled)
    {
        if (_bulkAccounts.Enabled)
            _bulkAccounts.Add(1, new KeyValuePair<string, object?>("pinterest.outcome", succeeded ? "success" : wasCalled ? "failed" : "not_called"));
    }

    /// <summary>A token renewal failed; <paramref name="tokenKept"/> when calls go on with the valid token in hand.</summary>
    public void TokenRenewalFailed(Exception failure, bool tokenKept)
    {
        if (_tokenRenewalFailures.Enabled)
            _tokenRenewalFailures.Add(1, new("pinterest.token.kept", tokenKept), new("error.type", FailureKind.Of(failure)));
    }

    private IEnumerable<Measurement<int>> ObserveRemaining()
    {
        lock (_remaining)
            return [.. _remaining.Select(w => new Measurement<int>(w.Value, new KeyValuePair<string, object?>("pinterest.rate_limit.window", w.Key)))];
    }
}
