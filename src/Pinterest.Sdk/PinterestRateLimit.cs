using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// The rate-limit state Pinterest reported on a response: how many calls the current window allows,
/// how many remain, and when the window resets. Read it from <see cref="PinterestResponse{T}.RateLimit"/>
/// for one call, from <see cref="AudienceInsightsClient.RateLimit"/> for the latest, or from
/// <see cref="PinterestApiException.RateLimit"/> after a failed call, to slow down before Pinterest answers 429.
/// </summary>
/// <param name="Limit">
/// Calls allowed in the current window: the <c>X-RateLimit-Limit</c> header, or its first value when it
/// lists policies (<c>100, 100;w=1, 1000;w=60</c>). Falls back to the v3-era <c>x-userendpoint-ratelimit-limit</c>.
/// </param>
/// <param name="Remaining">Calls left in the current window: <c>X-RateLimit-Remaining</c> (or <c>x-userendpoint-ratelimit-remaining</c>).</param>
/// <param name="Reset">How long until the window resets: <c>X-RateLimit-Reset</c>, in seconds. A daily quota's reset is hours away.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header (seconds or an HTTP date), when the response had one.</param>
/// <param name="ObservedAt">When the response arrived, on <see cref="PinterestClientOptions.TimeProvider"/>.</param>
public sealed record PinterestRateLimit(int? Limit, int? Remaining, TimeSpan? Reset, TimeSpan? RetryAfter, DateTimeOffset ObservedAt)
{
    /// <summary>The header that carries <see cref="Limit"/> and <see cref="Policies"/>.</summary>
    public const string LimitHeader = "X-RateLimit-Limit";

    /// <summary>The header that carries <see cref="Remaining"/>.</summary>
    public const string RemainingHeader = "X-RateLimit-Remaining";

    /// <summary>The header that carries <see cref="Reset"/>, in seconds.</summary>
    public const string ResetHeader = "X-RateLimit-Reset";

    // The v3 Ads API's names, read when the v5 ones are absent.
    private const string LegacyLimitHeader = "x-userendpoint-ratelimit-limit";
    private const string LegacyRemainingHeader = "x-userendpoint-ratelimit-remaining";

    /// <summary>
    /// The policies <c>X-RateLimit-Limit</c> listed after its first value, such as 100 calls per second
    /// and 1,000 per minute for <c>100, 100;w=1, 1000;w=60</c>; empty when it held a single number.
    /// </summary>
    public IReadOnlyList<PinterestRateLimitPolicy> Policies { get; init; } = [];

    /// <summary>Reads the rate-limit headers of a response; <see langword="null"/> when it has none.</summary>
    /// <param name="response">The response.</param>
    /// <param name="clock">The clock <see cref="ObservedAt"/> is read from.</param>
    /// <param name="ignored">Told the name of each header present whose value made no sense and is treated as absent.</param>
    internal static PinterestRateLimit? From(HttpResponseMessage response, TimeProvider clock, Action<string>? ignored = null)
    {
        var now = clock.GetUtcNow();
        var limitHeader = Header(response, LimitHeader) ?? Header(response, LegacyLimitHeader);
        var (limit, policies, limitMadeSense) = ParseLimit(limitHeader);
        var remainingHeader = Header(response, RemainingHeader) ?? Header(response, LegacyRemainingHeader);
        var remaining = ParseCount(remainingHeader);
        var resetHeader = Header(response, ResetHeader);
        var reset = ParseSeconds(resetHeader);
        var retryAfter = RetryAfterHeader(response, now);
        if (ignored is not null)
        {
            if (!limitMadeSense)
                ignored(LimitHeader);
            if (remainingHeader is not null && remaining is null)
                ignored(RemainingHeader);
            if (resetHeader is not null && reset is null)
                ignored(ResetHeader);
            if (response.Headers.Contains("Retry-After") && retryAfter is null)
                ignored("Retry-After");
        }
        if (limit is null && remaining is null && reset is null && retryAfter is null)
            return null;
        return new PinterestRateLimit(limit, remaining, reset, retryAfter, now) { Policies = policies };
    }

    /// <summary>
    /// The <c>Retry-After</c> header as a wait from <paramref name="now"/>: delta-seconds (any size: a
    /// wait beyond what <see cref="TimeSpan"/> holds is its longest) or an HTTP date.
    /// </summary>
    private static TimeSpan? RetryAfterHeader(HttpResponseMessage response, DateTimeOffset now)
    {
        if (ParseSeconds(Header(response, "Retry-After")) is { } seconds)
            return seconds;
        if (response.Headers.RetryAfter?.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    /// <summary>
    /// <c>1000</c>, or <c>100, 100;w=1, 1000;w=60</c>: the limit in force, then the policies; and
    /// whether every count and window in it made sense (what did not is left out).
    /// </summary>
    private static (int? Limit, IReadOnlyList<PinterestRateLimitPolicy> Policies, bool MadeSense) ParseLimit(string? header)
    {
        if (header is null)
            return (null, [], true);
        var items = header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var policies = new List<PinterestRateLimitPolicy>();
        int? limit = null;
        var madeSense = items.Length > 0;
        for (var i = 0; i < items.Length; i++)
        {
            // "1000;w=60": a count, then parameters; w is the window in seconds.
            var parts = items[i].Split(';', StringSplitOptions.TrimEntries);
            var count = ParseCount(parts[0]);
            var w = Array.Find(parts, p => p.StartsWith("w=", StringComparison.Ordinal));
            var window = w is null ? null : ParseSeconds(w[2..]);
            madeSense &= count is not null && (w is null || window is not null);
            if (i == 0)
                limit = count;
            if (count is { } quota && (i > 0 || window is not null))
                policies.Add(new PinterestRateLimitPolicy(quota, window));
        }
        return (limit, policies, madeSense);
    }

    /// <summary>
    /// The header's value; a header sent as several lines is one comma-separated list (RFC 9110 §5.3),
    /// so <c>X-RateLimit-Limit: 100</c> and <c>X-RateLimit-Limit: 100;w=1</c> read as <c>100, 100;w=1</c>.
    /// </summary>
    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    /// <summary>A count, or the first of a list of them; anything else is as if absent.</summary>
    private static int? ParseCount(string? value) =>
        int.TryParse(FirstItem(value), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>
    /// Seconds, or the first of a list of them. A value that is not a finite number of seconds zero or more
    /// (<c>NaN</c>, <c>-1</c>, <c>Infinity</c>, garbage) is as if absent; an enormous one is the longest
    /// <see cref="TimeSpan"/>, which readers treat as "not within any wait".
    /// </summary>
    private static TimeSpan? ParseSeconds(string? value)
    {
        if (!double.TryParse(FirstItem(value), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0)
        {
            return null;
        }
        return seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
    }

    private static string? FirstItem(string? value)
    {
        if (value is null)
            return null;
        var comma = value.IndexOf(',', StringComparison.Ordinal);
        return (comma < 0 ? value : value[..comma]).Trim();
    }
}

/// <summary>One policy of <c>X-RateLimit-Limit</c>: <paramref name="Limit"/> calls per <paramref name="Window"/>.</summary>
/// <param name="Limit">Calls allowed in the window.</param>
/// <param name="Window">The window (<c>w=</c>, in seconds), when the policy gave one.</param>
public sealed record PinterestRateLimitPolicy(int Limit, TimeSpan? Window);
