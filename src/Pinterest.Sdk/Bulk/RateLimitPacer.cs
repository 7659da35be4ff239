namespace Pinterest.Sdk;

/// <summary>
/// Decides when the next bulk call through one client may start. Every bulk run on the client shares
/// it, so runs side by side spend one budget, and it learns from every answer any of them gets.
/// Two rules; a call starts when both allow it:
/// <list type="number">
/// <item><b>Spacing.</b> A call starts no sooner than the spacing after the client's previous call
/// started. The spacing is the largest of the run's budget (<see cref="PinterestBulkOptions.CallsPerSecond"/>,
/// <see cref="PinterestBulkOptions.CallsPerMinute"/>) and each window of at most a minute Pinterest
/// reported: <c>X-RateLimit-Limit</c>'s <c>w=</c> policies (the latest for each window), or, from a
/// server that never sent policies, its plain limit over the longest <c>X-RateLimit-Reset</c> seen (in
/// whole seconds). <c>limit</c> calls per <c>window</c> are spaced
/// <c>window × 1.02 / (limit − 1)</c> apart, so no window, however it lines up, holds more than
/// <c>limit − 1</c> of them: one call of each window stays in reserve and a window never reports 0 left.
/// A spacing learned from Pinterest is at most <see cref="PinterestBulkOptions.MaxQuotaWait"/>.</item>
/// <item><b>The window in force.</b> The latest answer that reported <c>X-RateLimit-Remaining</c> and
/// <c>-Reset</c> (latest by when its call started: it counted every call before it) says how many calls
/// its window has left. Once the calls started after it have used them up, nothing starts until that
/// reset, unless the reset is further away than <see cref="PinterestBulkOptions.MaxQuotaWait"/> (a spent
/// daily quota): then the call goes, and its 429 stops the run.</item>
/// </list>
/// All time comes from the client's <see cref="TimeProvider"/>. Header values that are absent or make
/// no sense (<see cref="PinterestRateLimit"/> drops NaN, negative and garbage values) are ignored, so
/// whatever Pinterest or a proxy sends, the pacer never throws, never waits longer than the reported
/// reset or <see cref="PinterestBulkOptions.MaxQuotaWait"/>, and never starts calls faster than the budget.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "It lives as long as its client, and a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
internal sealed class RateLimitPacer(TimeProvider clock)
{
    // Windows longer than this (a daily quota) are not spread out: a run uses them while they last.
    private static readonly TimeSpan LongestPacedWindow = TimeSpan.FromMinutes(1);

    private readonly object _gate = new();
    private readonly SemaphoreSlim _queue = new(1, 1);
    private TaskCompletionSource _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<TimeSpan, int> _reportedLimits = [];
    private TimeSpan _reportedSpacing;
    private TimeSpan _longestReset;
    private bool _policiesSeen;
    private long _started;
    private DateTimeOffset? _lastStart;
    private (long Call, int Remaining, TimeSpan Reset, DateTimeOffset ObservedAt)? _window;

    /// <summary>Waits until a call may start, and counts it as started.</summary>
    /// <returns>The call's number, to hand back to <see cref="Observe"/> with its answer.</returns>
    public async ValueTask<long> WaitForTurnAsync(PacerBudget budget, CancellationToken cancellationToken)
    {
        // Callers take their turns in the order they asked (the semaphore's waiters are first in, first out).
        await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var answered = Volatile.Read(ref _answered).Task;
                var wait = TryStart(budget, out var call);
                if (wait <= TimeSpan.Zero)
                    return call;
                // Until the wait is over or an answer comes (it may open a window that held the call).
                // Timers count whole milliseconds (a shorter delay ends at once, and the loop would spin),
                // so budgets above about 1,000 calls a second start at most one call per millisecond.
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var delay = Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), clock, timer.Token);
                await Task.WhenAny(delay, answered).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _queue.Release();
        }
    }

    /// <summary>
    /// Starts a call now if both rules allow it (returns zero and its number), or says how long to
    /// wait before asking again.
    /// </summary>
    internal TimeSpan TryStart(PacerBudget budget, out long call)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var wait = Max(SpacingWait(budget, now), WindowWait(budget, now));
            if (wait > TimeSpan.Zero)
            {
                call = -1;
                return wait;
            }
            _lastStart = now;
            call = _started++;
            return TimeSpan.Zero;
        }
    }

    /// <summary>Learns from the rate limit an answer reported (successful or not).</summary>
    /// <param name="call">The number <see cref="TryStart"/> gave the call.</param>
    /// <param name="rateLimit">What the answer reported, if anything.</param>
    public void Observe(long call, PinterestRateLimit? rateLimit)
    {
        if (rateLimit is null)
            return;
        lock (_gate)
        {
            Interlocked.Exchange(ref _answered, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (rateLimit is { Remaining: { } remaining, Reset: { } reset } && (_window is not { } known || call > known.Call))
                _window = (call, remaining, reset, rateLimit.ObservedAt);
            if (rateLimit.Reset is { } anyReset && anyReset > _longestReset)
                _longestReset = anyReset;

            if (rateLimit.Policies.Count > 0)
            {
                _policiesSeen = true;
                foreach (var policy in rateLimit.Policies)
                {
                    if (policy.Window is { } window)
                        Learn(policy.Limit, window);
                }
            }
            else if (!_policiesSeen && rateLimit.Limit is { } limit && _longestReset > TimeSpan.Zero && _longestReset <= LongestPacedWindow)
            {
                // From a server that never sent w= policies: the window is at least the longest reset
                // seen, in whole seconds. (A guess; a server that names its windows is taken at its word.)
                Learn(limit, TimeSpan.FromSeconds(Math.Ceiling(_longestReset.TotalSeconds)));
            }
        }
    }

    private TimeSpan SpacingWait(PacerBudget budget, DateTimeOffset now)
    {
        if (_lastStart is not { } last)
            return TimeSpan.Zero;
        var reported = _reportedSpacing < budget.MaxQuotaWait ? _reportedSpacing : budget.MaxQuotaWait;
        var spacing = Max(budget.Spacing, reported);
        // A wall clock set back never makes the wait longer than the spacing.
        return now > last ? spacing - (now - last) : spacing;
    }

    private TimeSpan WindowWait(PacerBudget budget, DateTimeOffset now)
    {
        if (_window is not { } window || window.Remaining - (_started - window.Call - 1) > 0)
            return TimeSpan.Zero;
        // Reset is measured from the answer; both are on the same clock, so the time since is small and
        // not negative, and the subtraction cannot overflow even for the longest TimeSpan.
        var sinceAnswer = now > window.ObservedAt ? now - window.ObservedAt : TimeSpan.Zero;
        var wait = window.Reset - sinceAnswer;
        return wait > budget.MaxQuotaWait ? TimeSpan.Zero : wait;
    }

    private void Learn(int limit, TimeSpan window)
    {
        if (window <= TimeSpan.Zero || window > LongestPacedWindow || limit < 1)
            return;
        _reportedLimits[window] = limit;
        _reportedSpacing = _reportedLimits.Max(w => Spacing(w.Value, w.Key));
    }

    /// <summary>
    /// The time between two calls so that no window of <paramref name="window"/>, however it lines up,
    /// holds more than <paramref name="limit"/> − 1 of them (2% to spare, which also absorbs timer jitter).
    /// </summary>
    internal static TimeSpan Spacing(int limit, TimeSpan window) => window * 1.02 / Math.Max(1, limit - 1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>What one bulk run asks of the pacer: its own budget's spacing and the longest wait it accepts.</summary>
/// <param name="Spacing">The least time between two calls the run's budget allows.</param>
/// <param name="MaxQuotaWait">The longest wait for a window Pinterest reported; see <see cref="PinterestBulkOptions.MaxQuotaWait"/>.</param>
internal readonly record struct PacerBudget(TimeSpan Spacing, TimeSpan MaxQuotaWait)
{
    public static PacerBudget Of(PinterestBulkOptions options)
    {
        var perSecond = RateLimitPacer.Spacing(options.CallsPerSecond, TimeSpan.FromSeconds(1));
        var perMinute = RateLimitPacer.Spacing(options.CallsPerMinute, TimeSpan.FromMinutes(1));
        return new PacerBudget(perSecond > perMinute ? perSecond : perMinute, options.MaxQuotaWait);
    }
}
