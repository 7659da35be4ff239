using System.Globalization;

namespace Pinterest.Sdk;

/// <summary>
/// The rate-limit state Pinterest reported on a response: how many calls the current window
/// allows, how many remain, and how long to wait when none do. Read it from
/// <see cref="AudienceInsightsClient.RateLimit"/> after any call, or from
/// <see cref="PinterestApiException.RateLimit"/> after a failed one, to slow down before Pinterest answers 429.
/// </summary>
/// <param name="Limit">The <c>x-userendpoint-ratelimit-limit</c> header: calls allowed in the current window.</param>
/// <param name="Remaining">The <c>x-userendpoint-ratelimit-remaining</c> header: calls left in the current window.</param>
/// <param name="RetryAfter">The <c>Retry-After</c> header, when the response had one.</param>
/// <param name="ObservedAt">When the response arrived, on <see cref="PinterestClientOptions.TimeProvider"/>.</param>
public sealed record PinterestRateLimit(int? Limit, int? Remaining, TimeSpan? RetryAfter, DateTimeOffset ObservedAt)
{
    /// <summary>The header that carries <see cref="Limit"/>.</summary>
    public const string LimitHeader = "x-userendpoint-ratelimit-limit";

    /// <summary>The header that carries <see cref="Remaining"/>.</summary>
    public const string RemainingHeader = "x-userendpoint-ratelimit-remaining";

    /// <summary>Reads the rate-limit headers of a response; <see langword="null"/> when it has none.</summary>
    internal static PinterestRateLimit? From(HttpResponseMessage response, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        var limit = IntHeader(response, LimitHeader);
        var remaining = IntHeader(response, RemainingHeader);
        var retryAfter = RetryAfterHeader(response, now);
        return limit is null && remaining is null && retryAfter is null ? null : new PinterestRateLimit(limit, remaining, retryAfter, now);
    }

    /// <summary>The <c>Retry-After</c> header as a wait from <paramref name="now"/> (delta-seconds or an HTTP date).</summary>
    private static TimeSpan? RetryAfterHeader(HttpResponseMessage response, DateTimeOffset now)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
            return delta;
        if (header?.Date is { } date)
            return date > now ? date - now : TimeSpan.Zero;
        return null;
    }

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}
