using System.Globalization;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// The stub's rate limits, counted as Pinterest v5 counts the <c>ads_read</c> category: calls per
/// minute, and optionally per second (Pinterest's overall limit) and per day (Trial access). Each is a
/// fixed window that starts with the first call after the previous one ended; the day is the UTC day.
/// Every answer carries the v5 headers for the window closest to running out; a spent budget answers
/// 429 with code 8 and that window's reset.
/// </summary>
internal sealed class RateLimitBudget(int? perSecond, int perMinute, int? perDay, TimeProvider clock, bool reportPolicies = true)
{
    private readonly object _gate = new();
    private readonly Window? _second = perSecond is { } limit ? new Window(limit, TimeSpan.FromSeconds(1)) : null;
    private readonly Window _minute = new(perMinute, TimeSpan.FromMinutes(1));
    private readonly Window? _day = perDay is { } daily ? new Window(daily, TimeSpan.FromDays(1)) : null;
    private bool _dayExhausted;

    /// <summary>Spends one call. Returns the headers to send and, when the budget was already spent, the reset to report.</summary>
    public (Dictionary<string, string> Headers, TimeSpan? SpentUntil) Spend()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var windows = Windows(now);
            var binding = Binding(windows);
            TimeSpan? spentUntil = binding.Left <= 0 ? binding.Reset : null;
            if (spentUntil is null)
            {
                foreach (var (window, _, _) in windows)
                    window.Used++;
                windows = Windows(now);
                binding = Binding(windows);
            }
            var policies = string.Join(", ", windows.Select(w => string.Create(CultureInfo.InvariantCulture, $"{w.Window.Limit};w={(long)w.Window.Length.TotalSeconds}")));
            var headers = new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = reportPolicies
                    ? string.Create(CultureInfo.InvariantCulture, $"{binding.Window.Limit}, {policies}")
                    : binding.Window.Limit.ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Remaining"] = Math.Max(0, binding.Left).ToString(CultureInfo.InvariantCulture),
                ["X-RateLimit-Reset"] = Seconds(binding.Reset),
            };
            return (headers, spentUntil);
        }
    }

    /// <summary>Spends the rest of today's budget, as a Trial app that made its 1,000 calls would have.</summary>
    public void ExhaustDay()
    {
        lock (_gate)
            _dayExhausted = true;
    }

    public void Clear()
    {
        lock (_gate)
        {
            foreach (var window in new[] { _second, _minute, _day })
                window?.Clear();
            _dayExhausted = false;
        }
    }

    public static string Seconds(TimeSpan wait) => Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    /// <summary>Each window with the calls it has left and its reset, rolled over when it has ended.</summary>
    private List<(Window Window, int Left, TimeSpan Reset)> Windows(DateTimeOffset now)
    {
        var list = new List<(Window, int, TimeSpan)>();
        foreach (var window in new[] { _second, _minute })
        {
            if (window is null)
                continue;
            if (now - window.Start >= window.Length)
                (window.Start, window.Used) = (now, 0);
            list.Add((window, window.Limit - window.Used, window.Start + window.Length - now));
        }
        var midnight = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        if (_day is not null)
        {
            if (_day.Start != midnight)
                (_day.Start, _day.Used) = (midnight, 0);
            list.Add((_day, _dayExhausted ? 0 : _day.Limit - _day.Used, midnight - now));
        }
        else if (_dayExhausted)
        {
            list.Add((new Window(perMinute, TimeSpan.FromDays(1)), 0, midnight - now));
        }
        return list;
    }

    // The window closest to running out; of two equally close, the one that resets later.
    private static (Window Window, int Left, TimeSpan Reset) Binding(List<(Window Window, int Left, TimeSpan Reset)> windows) =>
        windows.OrderBy(w => Math.Max(0, w.Left)).ThenByDescending(w => w.Reset).First();

    private sealed class Window(int limit, TimeSpan length)
    {
        public int Limit { get; } = limit;

        public TimeSpan Length { get; } = length;

        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Used { get; set; }

        public void Clear() => (Start, Used) = (DateTimeOffset.MinValue, 0);
    }
}
