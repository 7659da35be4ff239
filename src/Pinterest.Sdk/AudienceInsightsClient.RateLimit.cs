namespace Pinterest.Sdk;

// Rate limits: every response's rate-limit headers are kept, so callers can slow down before a 429.
public partial class AudienceInsightsClient
{
    private PinterestRateLimit? _rateLimit;

    /// <summary>
    /// The rate-limit state of the most recent response that reported one (successful or not), or
    /// <see langword="null"/> before any did. Pinterest counts per user and endpoint group, so this is
    /// shared by every call made through this client.
    /// </summary>
    public virtual PinterestRateLimit? RateLimit => Volatile.Read(ref _rateLimit);

    private PinterestRateLimit? ObserveRateLimit(HttpResponseMessage response)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var observed = PinterestRateLimit.From(response, RetryAfter(response, _options.TimeProvider), now);
        if (observed is not null)
            Volatile.Write(ref _rateLimit, observed);
        return observed;
    }
}
