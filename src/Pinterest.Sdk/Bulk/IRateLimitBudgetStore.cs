namespace Pinterest.Sdk;

/// <summary>
/// Keeps a credential's rate-limit budget where several processes can share it (Redis, a database),
/// so a fleet of replicas or workers calling with one token takes its turns from one budget instead of
/// each pacing itself at the full one. Set it as <see cref="PinterestClientOptions.RateLimitBudgetStore"/>
/// (or register it with dependency injection); without one, each process keeps its budget in memory.
/// <c>Pinterest.Sdk.Extensions.Redis</c> holds one over Redis.
/// </summary>
/// <remarks>
/// <para>
/// The store holds the two rules the SDK's in-process pacer keeps (docs/architecture.md, "Bulk runs"),
/// for every process at once: calls start on a schedule of slots the spacing apart, in any process (a
/// call that starts at most a tenth of the spacing after its slot keeps it, a later one starts a new
/// schedule; see <see cref="RateLimitTurnRequest.Spacing"/>); and once the latest answer's <c>X-RateLimit-Remaining</c>, less the calls started
/// after that answer's call, reaches zero, nothing starts until its <c>X-RateLimit-Reset</c>. Each
/// operation must be atomic for its key.
/// </para>
/// <para>
/// Each budget is named by a key the SDK derives from the credential's
/// identity (<see cref="PinterestCredential.RateLimitBudgetName"/>): a hash, never a token. A credential
/// without an identity (an <see cref="PinterestClientOptions.AccessTokenProvider"/>, a refreshing
/// credential not given a name) keeps its budget in process.
/// </para>
/// <para>
/// A store that fails (throws, or is unreachable) never fails a call: the SDK logs it once per outage,
/// counts it (<c>pinterest.pacer.store.fallbacks</c>), takes that call's turn from the in-process pacer,
/// and asks the store again a second later. A store should answer within a few milliseconds and give up
/// within a second.
/// </para>
/// </remarks>
public interface IRateLimitBudgetStore
{
    /// <summary>
    /// Starts a call now if both rules allow it (the answer is <see cref="RateLimitTurn.IsStarted"/>, with
    /// its number), else says how long to wait before asking again; for a single call whose window stays
    /// spent longer than <see cref="RateLimitTurnRequest.MaxWindowWait"/>, refuses it.
    /// </summary>
    /// <param name="budgetKey">The budget: a hash of the credential's identity (32 hexadecimal digits).</param>
    /// <param name="request">The call's spacing and longest wait for a spent window.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <returns>The turn: started, wait, or refused.</returns>
    ValueTask<RateLimitTurn> TryStartAsync(string budgetKey, RateLimitTurnRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Learns the window an answer reported: when <paramref name="rateLimit"/> has <see cref="PinterestRateLimit.Remaining"/>
    /// and <see cref="PinterestRateLimit.Reset"/> and <paramref name="turn"/> is later than the call of the
    /// window the store holds, it becomes the window in force. Called as soon as the answer's headers are
    /// read, so its reset counts from now.
    /// </summary>
    /// <param name="budgetKey">The budget.</param>
    /// <param name="turn">The number <see cref="TryStartAsync"/> gave the call.</param>
    /// <param name="rateLimit">What the answer reported.</param>
    /// <param name="cancellationToken">Ends the request.</param>
    /// <returns>When the store has learned it.</returns>
    ValueTask ObserveAsync(string budgetKey, long turn, PinterestRateLimit rateLimit, CancellationToken cancellationToken);
}

/// <summary>What a call asks of a <see cref="IRateLimitBudgetStore"/>.</summary>
/// <param name="Spacing">
/// The time between two calls' slots, in any process: the bulk run's budget, or what the process learned
/// from Pinterest's <c>X-RateLimit-Limit</c>, whichever is longer; zero for a single call. A call starts
/// no sooner than its slot (the previous call's slot plus the spacing); one that starts at most a tenth
/// of the spacing after its slot keeps it, so no window holds more calls than the spacing allows.
/// </param>
/// <param name="MaxWindowWait">
/// The longest wait for a spent window: a reset further away than this is a spent daily quota, not waited
/// for (a bulk call starts, and its 429 stops the run; a single call is refused).
/// </param>
/// <param name="SingleCall">A single call: it keeps no spacing, and is refused rather than started when its window stays spent past <paramref name="MaxWindowWait"/>.</param>
public readonly record struct RateLimitTurnRequest(TimeSpan Spacing, TimeSpan MaxWindowWait, bool SingleCall);

/// <summary>A <see cref="IRateLimitBudgetStore"/>'s answer to a call asking for its turn.</summary>
public readonly record struct RateLimitTurn
{
    private RateLimitTurn(long number, TimeSpan wait, bool refused) => (Number, Wait, IsRefused) = (number, wait, refused);

    /// <summary>The call started; <paramref name="number"/> counts the calls started on the budget (from 0), for <see cref="IRateLimitBudgetStore.ObserveAsync"/>.</summary>
    /// <param name="number">The call's number, zero or more.</param>
    /// <returns>The turn.</returns>
    public static RateLimitTurn Started(long number) =>
        new(number >= 0 ? number : throw new ArgumentOutOfRangeException(nameof(number), number, "A started call's number is zero or more."), TimeSpan.Zero, false);

    /// <summary>Not yet: ask again after <paramref name="wait"/>.</summary>
    /// <param name="wait">More than zero.</param>
    /// <returns>The turn.</returns>
    public static RateLimitTurn WaitFor(TimeSpan wait) =>
        new(-1, wait > TimeSpan.Zero ? wait : throw new ArgumentOutOfRangeException(nameof(wait), wait, "A wait is longer than zero."), false);

    /// <summary>A single call whose window is spent for <paramref name="windowResetsIn"/>, longer than it may wait: it is not sent.</summary>
    /// <param name="windowResetsIn">How long until the spent window resets.</param>
    /// <returns>The turn.</returns>
    public static RateLimitTurn Refused(TimeSpan windowResetsIn) => new(-1, windowResetsIn, true);

    /// <summary>Whether the call started.</summary>
    public bool IsStarted => Number >= 0;

    /// <summary>The started call's number; -1 when it did not start.</summary>
    public long Number { get; }

    /// <summary>How long to wait before asking again; for a refused call, how long until its window resets.</summary>
    public TimeSpan Wait { get; }

    /// <summary>Whether a single call was refused: its window stays spent longer than it may wait.</summary>
    public bool IsRefused { get; }
}
