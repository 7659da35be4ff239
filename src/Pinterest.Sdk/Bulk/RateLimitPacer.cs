using System.Threading.RateLimiting;

namespace Pinterest.Sdk;

/// <summary>
/// Decides when the next call of a bulk run may start, from two sources:
/// <list type="number">
/// <item>Rates: the configured budget (<see cref="PinterestBulkOptions.CallsPerMinute"/>,
/// <see cref="PinterestBulkOptions.CallsPerSecond"/>) and the windows Pinterest reports
/// (<c>X-RateLimit-Limit</c>, its <c>w=</c> policies, or the longest <c>X-RateLimit-Reset</c> seen),
/// each a <see cref="TokenBucketRateLimiter"/> that spaces calls evenly over its window.</item>
/// <item>The window in force: once the latest <c>X-RateLimit-Remaining</c>, less the calls started
/// since that answer's call, reaches zero, no call starts until the window ends: its
/// <c>X-RateLimit-Reset</c>, or sooner, one window after the oldest call it holds was answered.</item>
/// </list>
/// Evenly spaced calls never crowd the end of a window, so the second rule rarely waits; it is there
/// for budgets shared with other programs and for windows that do not line up with ours.
/// </summary>
internal sealed class RateLimitPacer : IDisposable
{
    // Windows longer than this (a daily quota) are not spread out: the run uses them while they last.
    private static readonly TimeSpan LongestPacedWindow = TimeSpan.FromMinutes(1);

    // When recent calls were answered, by call number, to bound when a full window ends.
    private const int AnswersKept = 4096;

    private readonly TimeProvider _clock;
    private readonly TimeSpan _maxWait;
    private readonly TimeSpan _budgetSpacing;
    private readonly object _gate = new();
    private readonly List<RateLimiter> _limiters;
    private readonly Dictionary<TimeSpan, (int Limit, RateLimiter? Limiter)> _learned = [];
    private readonly List<RateLimiter> _retired = [];
    private readonly long[] _answeredCall = new long[AnswersKept];
    private readonly DateTimeOffset[] _answeredAt = new DateTimeOffset[AnswersKept];
    private long _started;
    private long _reportCall = -1;
    private int _reportRemaining;
    private int? _reportLimit;
    private DateTimeOffset _windowEnd;
    private TimeSpan _longestReset;

    public RateLimitPacer(PinterestBulkOptions options, TimeProvider clock)
    {
        _clock = clock;
        _maxWait = options.MaxQuotaWait;
        var perSecond = Spacing(options.CallsPerSecond, TimeSpan.FromSeconds(1));
        var perMinute = Spacing(options.CallsPerMinute, TimeSpan.FromMinutes(1));
        _budgetSpacing = perSecond > perMinute ? perSecond : perMinute;
        _limiters = [Evenly(perSecond), Evenly(perMinute)];
    }

    /// <summary>Waits until a call may start, and counts it as started.</summary>
    /// <returns>The call's number, to hand back to <see cref="Observe"/> with its answer.</returns>
    public async ValueTask<long> WaitForTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // The window first: after waiting for its reset, the call still takes its place in the
            // even spacing instead of starting at once with the one queued behind it.
            TimeSpan wait;
            lock (_gate)
                wait = WindowWait();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, cancellationToken).ConfigureAwait(false);
                continue;
            }
            RateLimiter[] limiters;
            lock (_gate)
                limiters = [.. _limiters];
            foreach (var limiter in limiters)
            {
                using var lease = await limiter.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
            }
            lock (_gate)
            {
                // An answer that came meanwhile may have closed the window.
                if (WindowWait() <= TimeSpan.Zero)
                    return _started++;
            }
        }
    }

    /// <summary>Learns from the rate limit an answer reported (successful or not).</summary>
    /// <param name="call">The number <see cref="WaitForTurnAsync"/> gave the call.</param>
    /// <param name="rateLimit">What the answer reported, if anything.</param>
    public void Observe(long call, PinterestRateLimit? rateLimit)
    {
        lock (_gate)
        {
            (_answeredCall[call % AnswersKept], _answeredAt[call % AnswersKept]) = (call, _clock.GetUtcNow());
            if (rateLimit is null)
                return;
            // An answer to a later call knows more: it counted every call before it.
            if (rateLimit is { Remaining: { } remaining, Reset: { } reset } && call > _reportCall)
            {
                (_reportCall, _reportRemaining, _reportLimit) = (call, remaining, rateLimit.Limit);
                _windowEnd = rateLimit.ObservedAt + reset;
                _longestReset = reset > _longestReset ? reset : _longestReset;
            }
            if (rateLimit.Policies.Count > 0)
            {
                foreach (var policy in rateLimit.Policies)
                {
                    if (policy.Window is { } window)
                        Learn(policy.Limit, window);
                }
            }
            else if (rateLimit.Limit is { } limit && _longestReset > TimeSpan.Zero)
            {
                // Without w= policies the window is at least the longest reset seen, in whole seconds.
                Learn(limit, TimeSpan.FromSeconds(Math.Ceiling(_longestReset.TotalSeconds)));
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var limiter in _limiters.Concat(_retired))
                limiter.Dispose();
        }
    }

    /// <summary>How long until the server's window allows another call; zero or less when it does now.</summary>
    private TimeSpan WindowWait()
    {
        if (_reportCall < 0)
            return TimeSpan.Zero;
        var startedSinceReport = _started - _reportCall - 1;
        if (_reportRemaining - startedSinceReport > 0)
            return TimeSpan.Zero;
        var end = _windowEnd;
        // The window holds the last `limit` calls, so it began no later than the first of them was
        // answered: it ends one window length after that. This bound is often much sooner than
        // X-RateLimit-Reset, which is in whole seconds (rounded up, a 1 s window's reset always reads 1).
        if (_reportLimit is { } limit && WindowOf(limit) is { } window && _started - limit is var first and >= 0
            && _answeredCall[first % AnswersKept] == first && _answeredAt[first % AnswersKept] + window < end)
        {
            end = _answeredAt[first % AnswersKept] + window;
        }
        var wait = end - _clock.GetUtcNow();
        // A reset further away than the run waits for (a spent daily quota): let the call go; its 429 stops the run.
        return wait > _maxWait ? TimeSpan.Zero : wait;
    }

    /// <summary>The shortest window learned for <paramref name="limit"/> calls, if any.</summary>
    private TimeSpan? WindowOf(int limit)
    {
        TimeSpan? shortest = null;
        foreach (var (window, learned) in _learned)
        {
            if (learned.Limit == limit && (shortest is null || window < shortest))
                shortest = window;
        }
        return shortest;
    }

    private void Learn(int limit, TimeSpan window)
    {
        if (window <= TimeSpan.Zero || window > LongestPacedWindow || limit < 1)
            return;
        if (_learned.TryGetValue(window, out var known))
        {
            if (known.Limit == limit)
                return;
            // Calls already queued on the old limiter still get their turn; it is disposed with the pacer.
            if (known.Limiter is not null && _limiters.Remove(known.Limiter))
                _retired.Add(known.Limiter);
        }
        var spacing = Spacing(limit, window);
        var limiter = spacing > _budgetSpacing ? Evenly(spacing) : null;
        if (limiter is not null)
            _limiters.Add(limiter);
        _learned[window] = (limit, limiter);
    }

    /// <summary>
    /// The time between two calls so that no window of <paramref name="window"/>, however it lines up
    /// with ours, holds all <paramref name="limit"/> calls: <paramref name="limit"/> calls span 2% more
    /// than the window, which also absorbs timer jitter. The window then never reports 0 remaining, so
    /// an <c>X-RateLimit-Reset</c> rounded up to whole seconds is never waited out.
    /// </summary>
    private static TimeSpan Spacing(int limit, TimeSpan window) => window * 1.02 / Math.Max(1, limit - 1);

    /// <summary>A limiter that lets one call start per <paramref name="spacing"/>.</summary>
    private static TokenBucketRateLimiter Evenly(TimeSpan spacing) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = 1,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = spacing,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });
}
