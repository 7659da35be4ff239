using System.Globalization;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// The stub's rate limits, counted as Pinterest v5 counts the <c>ads_read</c> category: calls per
/// minute, and optionally per day (Trial access). Every answer carries the v5 headers; a spent
/// budget answers 429 with code 8 and the reset of the window that ran out.
/// </summary>
internal sealed class RateLimitBudget(int perMinute, int? perDay, TimeProvider clock)
{
    private readonly object _gate = new();
    private DateTimeOffset _minuteStart = DateTimeOffset.MinValue;
    private int _minuteUsed;
    private DateOnly _day;
    private int _dayUsed;
    private bool _dayExhausted;

    /// <summary>Spends one call. Returns the headers to send and, when the budget was already spent, the reset to report.</summary>
    public (Dictionary<string, string> Headers, TimeSpan? SpentUntil) Spend()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (now - _minuteStart >= TimeSpan.FromMinutes(1))
                (_minuteStart, _minuteUsed) = (now, 0);
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            if (today != _day)
                (_day, _dayUsed, _dayExhausted) = (today, 0, false);

            var minuteReset = _minuteStart.AddMinutes(1) - now;
            var dayReset = new DateTimeOffset(today.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) - now;
            var dayLeft = _dayExhausted ? 0 : perDay is { } daily ? daily - _dayUsed : int.MaxValue;
            var minuteLeft = perMinute - _minuteUsed;

            TimeSpan? spentUntil = dayLeft <= 0 ? dayReset : minuteLeft <= 0 ? minuteReset : null;
            if (spentUntil is null)
            {
                _minuteUsed++;
                _dayUsed++;
                (minuteLeft, dayLeft) = (minuteLeft - 1, dayLeft - 1);
            }
            var dailyBinds = dayLeft < minuteLeft;
            var limit = string.Create(CultureInfo.InvariantCulture, $"{(dailyBinds ? perDay ?? 0 : perMinute)}, {perMinute};w=60");
            if (perDay is { } day)
                limit += string.Create(CultureInfo.InvariantCulture, $", {day};w=86400");
            var headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = limit,
                ["X-RateLimit-Remaining"] = Math.Max(0, Math.Min(minuteLeft, dayLeft)).ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset"] = Seconds(dailyBinds ? dayReset : minuteReset),
            };
            return (headers, spentUntil);
        }
    }

    /// <summary>Spends the rest of today's budget, as a Trial app that made its 1,000 calls would have.</summary>
    public void ExhaustDay()
    {
        lock (_gate)
        {
            _day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            _dayExhausted = true;
        }
    }

    public void Clear()
    {
        lock (_gate)
            (_minuteStart, _minuteUsed, _dayUsed, _dayExhausted) = (DateTimeOffset.MinValue, 0, 0, false);
    }

    public static string Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
