namespace Pinterest.Sdk;

/// <summary>
/// Decides when the next call with one credential's tokens may start: Pinterest meters per token, so
/// the credential owns it (<see cref="PinterestCredential"/>), and every client, DI resolution and
/// decorator calling with that credential spends and learns from the same one. Every call counts
/// and teaches it; bulk calls also keep the spacing, single calls only the window in force.
/// Two rules; a call starts when both allow it:
/// <list type="number">
/// <item><b>Spacing.</b> Calls start on a schedule of slots, the spacing apart: a call starts no sooner
/// than its slot, the previous call's slot plus the spacing. The spacing is the largest of the run's
/// budget (<see cref="PinterestBulkOptions.CallsPerSecond"/>, <see cref="PinterestBulkOptions.CallsPerMinute"/>)
/// and each window of at most a minute Pinterest reported: <c>X-RateLimit-Limit</c>'s <c>w=</c>
/// policies (the latest for each window), or, from a server that never sent policies, its plain limit
/// over the longest <c>X-RateLimit-Reset</c> seen (in whole seconds). A spacing learned from Pinterest
/// is at most <see cref="PinterestBulkOptions.MaxQuotaWait"/>.
/// <para>A call that starts after its slot by at most a tenth of the spacing (a waiting call woken
/// late by its timer, a busy machine, a store's round trip) keeps its slot, so lateness does not push
/// every later call back; a call later than that (the budget was idle, or a window held it) starts a
/// new schedule. So <c>n + 1</c> calls span at least <c>n·s − s/10</c>, and <c>limit</c> calls per
/// <c>window</c> are spaced <c>s = window × 1.02 / (limit − 1.1)</c> apart (<c>window × 1.02 / 0.9</c>
/// for a limit of 1): any <c>limit</c> calls in a row span at least <c>1.02 × window</c>, so no window,
/// however it lines up, holds more than <c>limit − 1</c> of them (one call of each window stays in
/// reserve, and a window never reports 0 left), and two calls of a limit of 1 are more than a window
/// apart. A store keeps the same rule on its own clock (<c>RedisRateLimitBudgetStore</c>'s script).</para></item>
/// <item><b>The window in force.</b> The latest answer that reported <c>X-RateLimit-Remaining</c> and
/// <c>-Reset</c> (latest by when its call started: it counted every call before it) says how many calls
/// its window has left. Once the calls started after it have used them up, nothing starts until that
/// reset, unless the reset is further away than <see cref="PinterestBulkOptions.MaxQuotaWait"/> (a spent
/// daily quota): then a bulk call goes, and its 429 stops the run, and a single call (whose longest
/// wait is <see cref="PinterestClientOptions.MaxRetryAfter"/>) fails without being sent, with the
/// <see cref="PinterestRateLimitException"/> its 429 would have brought.</item>
/// </list>
/// All time comes from the client's <see cref="TimeProvider"/>. Header values that are absent or make
/// no sense (<see cref="PinterestRateLimit"/> drops NaN, negative and garbage values) are ignored, so
/// whatever Pinterest or a proxy sends, the pacer never throws, never waits longer than the reported
/// reset or <see cref="PinterestBulkOptions.MaxQuotaWait"/>, and never starts calls faster than the budget.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "It lives as long as its credential, and a SemaphoreSlim whose wait handle is never asked for holds nothing to dispose.")]
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
    // A fleet's process sends one bulk call alone until an answer comes (or FirstAnswerWait passes): a
    // cold process's first requests take long to leave, and would otherwise reach Pinterest in a bunch.
    private static readonly TimeSpan FirstAnswerWait = TimeSpan.FromSeconds(2);
    private bool _answeredOnce;
    private DateTimeOffset? _firstStart;
    // The window in force: the latest answer that reported Remaining and Reset, and the call it answered.
    private (long Call, PinterestRateLimit Answer)? _window;

    /// <summary>Waits until a call may start, and counts it as started.</summary>
    /// <returns>The call's number, to hand back to <see cref="Observe"/> with its answer.</returns>
    /// <exception cref="PinterestRateLimitException">A single call's window is spent until further away than its longest wait; it was not started.</exception>
    public async ValueTask<long> WaitForTurnAsync(PacerBudget budget, CancellationToken cancellationToken) =>
        (await WaitForTurnAsync(budget, null, null, cancellationToken).ConfigureAwait(false)).Local;

    /// <summary>
    /// Waits until a call may start, and counts it as started: by the <paramref name="shared"/> budget's
    /// store when there is one and it answers (the call also counts here, so a fallback knows this
    /// process's calls), else by this pacer.
    /// </summary>
    /// <param name="budget">The call's spacing and longest wait.</param>
    /// <param name="shared">The options' shared budget store, or null.</param>
    /// <param name="key">The credential's budget key in the store (<see cref="PinterestCredential.RateLimitBudgetKey"/>), or null for none.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The call's numbers, here and in the store, to hand back with its answer.</returns>
    /// <exception cref="PinterestRateLimitException">A single call's window is spent until further away than its longest wait; it was not started.</exception>
    public async ValueTask<PacerTurn> WaitForTurnAsync(PacerBudget budget, SharedBudget? shared, string? key, CancellationToken cancellationToken)
    {
        if (key is null)
            shared = null;
        // A single call keeps no spacing, so it does not queue behind bulk calls waiting for theirs.
        if (budget.SingleCall)
            return await WaitAsync(budget, shared, key, cancellationToken).ConfigureAwait(false);
        // Bulk callers take their turns in the order they asked (the semaphore's waiters are first in, first out).
        await _queue.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await WaitAsync(budget, shared, key, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _queue.Release();
        }
    }

    private async ValueTask<PacerTurn> WaitAsync(PacerBudget budget, SharedBudget? shared, string? key, CancellationToken cancellationToken)
    {
        var fellBack = false;
        while (true)
        {
            var answered = Volatile.Read(ref _answered).Task;
            TimeSpan wait;
            if (shared is not null && !budget.SingleCall && FirstAnswerPending() is { } pending)
            {
                wait = pending;
            }
            else if (shared is not null && shared.Available && await TryStoreAsync(shared, key!, budget, cancellationToken).ConfigureAwait(false) is { } turn)
            {
                if (turn.IsStarted)
                    return new PacerTurn(CountStarted(budget), turn.Number);
                if (turn.IsRefused)
                    throw PinterestRateLimitException.Predicted(turn.Wait, budget.MaxQuotaWait, new PinterestRateLimit(null, 0, turn.Wait, null, clock.GetUtcNow()));
                wait = turn.Wait;
            }
            else
            {
                // No store, or it failed or rests: this process's own budget decides.
                fellBack |= shared is not null;
                wait = TryStart(budget, out var call, out var refused);
                if (refused is { } spent)
                    throw PinterestRateLimitException.Predicted(spent.Reset, budget.MaxQuotaWait, spent.RateLimit);
                if (wait <= TimeSpan.Zero)
                {
                    if (fellBack)
                        shared!.FellBack();
                    return new PacerTurn(call, -1);
                }
            }
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

    /// <summary>Asks the store for a turn; null when it failed (it rests, and the call falls back).</summary>
    private async ValueTask<RateLimitTurn?> TryStoreAsync(SharedBudget shared, string key, PacerBudget budget, CancellationToken cancellationToken)
    {
        RateLimitTurn turn;
        try
        {
            turn = await shared.Store.TryStartAsync(key, Request(budget), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            shared.Failed(e, nameof(IRateLimitBudgetStore.TryStartAsync));
            return null;
        }
        shared.Succeeded();
        return turn;
    }

    /// <summary>What a call asks of a shared store: the spacing this process would keep (its run's, or what Pinterest taught it).</summary>
    internal RateLimitTurnRequest Request(PacerBudget budget)
    {
        if (budget.SingleCall)
            return new RateLimitTurnRequest(TimeSpan.Zero, budget.MaxQuotaWait, SingleCall: true);
        lock (_gate)
            return new RateLimitTurnRequest(SpacingOf(budget), budget.MaxQuotaWait, SingleCall: false);
    }

    /// <summary>Counts a call the shared store started, so this pacer's spacing and window include it.</summary>
    private long CountStarted(PacerBudget budget)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            _firstStart ??= now;
            return Started(budget, now);
        }
    }

    /// <summary>Counts a call that starts now, recorded at its slot when it is late by at most a tenth of the spacing (rule 1).</summary>
    private long Started(PacerBudget budget, DateTimeOffset now)
    {
        var spacing = budget.SingleCall ? TimeSpan.Zero : SpacingOf(budget);
        var slot = _lastStart + spacing;
        _lastStart = now >= slot && now - slot <= spacing / 10 ? slot : now;
        return _started++;
    }

    /// <summary>
    /// With a shared store, how long a bulk call waits for this process's first answer (its first call
    /// went and none has come back yet); null when it need not wait. A cold process (a fleet's worker just
    /// started) is slow to send its first requests: sent one by one after their turns, they would reach
    /// Pinterest late and together, in the window of the calls other processes sent on time.
    /// </summary>
    private TimeSpan? FirstAnswerPending()
    {
        lock (_gate)
        {
            if (_answeredOnce || _firstStart is not { } first)
                return null;
            var now = clock.GetUtcNow();
            var left = FirstAnswerWait - (now > first ? now - first : TimeSpan.Zero);
            return left > TimeSpan.Zero ? left : null;
        }
    }

    /// <summary>
    /// Starts a call now if both rules allow it (returns zero and its number), or says how long to
    /// wait before asking again.
    /// </summary>
    internal TimeSpan TryStart(PacerBudget budget, out long call) => TryStart(budget, out call, out _);

    /// <summary>
    /// As <see cref="TryStart(PacerBudget, out long)"/>; for a single call whose window is spent for
    /// longer than it may wait, <paramref name="refused"/> says until when, and nothing starts.
    /// </summary>
    internal TimeSpan TryStart(PacerBudget budget, out long call, out (TimeSpan Reset, PinterestRateLimit RateLimit)? refused)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            refused = null;
            call = -1;
            var windowWait = WindowWait(now);
            if (windowWait > budget.MaxQuotaWait)
            {
                if (budget.SingleCall)
                {
                    refused = (windowWait, _window!.Value.Answer);
                    return TimeSpan.Zero;
                }
                // A spent daily quota: a bulk call goes, and its 429 stops the run.
                windowWait = TimeSpan.Zero;
            }
            var wait = budget.SingleCall ? windowWait : Max(SpacingWait(budget, now), windowWait);
            if (wait > TimeSpan.Zero)
                return wait;
            call = Started(budget, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Learns from the rate limit an answer reported (successful or not).</summary>
    /// <param name="call">The number <see cref="TryStart(PacerBudget, out long)"/> gave the call.</param>
    /// <param name="rateLimit">What the answer reported, if anything.</param>
    public void Observe(long call, PinterestRateLimit? rateLimit)
    {
        if (rateLimit is null)
            return;
        lock (_gate)
        {
            _answeredOnce = true;
            Interlocked.Exchange(ref _answered, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            if (rateLimit is { Remaining: not null, Reset: not null } && (_window is not { } known || call > known.Call))
                _window = (call, rateLimit);
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
        var spacing = SpacingOf(budget);
        // A wall clock set back never makes the wait longer than the spacing.
        return now > last ? spacing - (now - last) : spacing;
    }

    /// <summary>Rule 1's spacing for a bulk call: its budget's, or what Pinterest taught this pacer (at most MaxQuotaWait).</summary>
    private TimeSpan SpacingOf(PacerBudget budget)
    {
        var reported = _reportedSpacing < budget.MaxQuotaWait ? _reportedSpacing : budget.MaxQuotaWait;
        return Max(budget.Spacing, reported);
    }

    /// <summary>How long until the window in force opens again: zero while it has calls left.</summary>
    private TimeSpan WindowWait(DateTimeOffset now)
    {
        if (_window is not (var call, { Remaining: { } remaining, Reset: { } reset } answer) || remaining - (_started - call - 1) > 0)
            return TimeSpan.Zero;
        // Reset is measured from the answer; both are on the same clock, so the time since is small and
        // not negative, and the subtraction cannot overflow even for the longest TimeSpan.
        var sinceAnswer = now > answer.ObservedAt ? now - answer.ObservedAt : TimeSpan.Zero;
        return reset > sinceAnswer ? reset - sinceAnswer : TimeSpan.Zero;
    }

    private void Learn(int limit, TimeSpan window)
    {
        if (window <= TimeSpan.Zero || window > LongestPacedWindow || limit < 1)
            return;
        _reportedLimits[window] = limit;
        _reportedSpacing = _reportedLimits.Max(w => Spacing(w.Value, w.Key));
    }

    /// <summary>
    /// The time between two slots so that no window of <paramref name="window"/>, however it lines up,
    /// holds more than <paramref name="limit"/> − 1 calls (one for a limit of 1), though a call may start
    /// a tenth of the spacing after its slot (rule 1): 2% to spare beyond that, for clocks and networks.
    /// </summary>
    internal static TimeSpan Spacing(int limit, TimeSpan window) => window * 1.02 / (Math.Max(1, limit - 1) - 0.1);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>A call's numbers: in its process's pacer, and in the shared store (-1 when the store did not start it).</summary>
internal readonly record struct PacerTurn(long Local, long Shared);

/// <summary>What a call asks of the pacer: its budget's spacing and the longest wait for a spent window it accepts.</summary>
/// <param name="Spacing">The least time between two calls the run's budget allows.</param>
/// <param name="MaxQuotaWait">The longest wait for a window Pinterest reported; see <see cref="PinterestBulkOptions.MaxQuotaWait"/>.</param>
/// <param name="SingleCall">A single call: no spacing, and refused rather than sent when its window stays spent past <paramref name="MaxQuotaWait"/>.</param>
internal readonly record struct PacerBudget(TimeSpan Spacing, TimeSpan MaxQuotaWait, bool SingleCall = false)
{
    /// <summary>A single call, which waits for a spent window at most <paramref name="maxRetryAfter"/> (<see cref="PinterestClientOptions.MaxRetryAfter"/>).</summary>
    public static PacerBudget Single(TimeSpan maxRetryAfter) => new(TimeSpan.Zero, maxRetryAfter, SingleCall: true);

    public static PacerBudget Of(PinterestBulkOptions options)
    {
        var perSecond = RateLimitPacer.Spacing(options.CallsPerSecond, TimeSpan.FromSeconds(1));
        var perMinute = RateLimitPacer.Spacing(options.CallsPerMinute, TimeSpan.FromMinutes(1));
        return new PacerBudget(perSecond > perMinute ? perSecond : perMinute, options.MaxQuotaWait);
    }
}
