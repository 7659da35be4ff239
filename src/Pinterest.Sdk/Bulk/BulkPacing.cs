namespace Pinterest.Sdk;

/// <summary>
/// What a bulk run asks of the calls it makes: its budget's spacing, and whether the run has stopped.
/// It travels with the call as an <see cref="AsyncLocal{T}"/> (as <c>Activity.Current</c> does), so it
/// reaches the client's send path through any wrapper a caller puts around the client, and the client
/// spends its credential's budget (<see cref="PinterestCredential"/>) with the run's spacing.
/// </summary>
internal sealed class BulkPacing(PacerBudget budget, Func<PinterestApiException?> stopped)
{
    private static readonly AsyncLocal<BulkPacing?> Ambient = new();

    /// <summary>The bulk run the current call belongs to, or null for a single call.</summary>
    public static BulkPacing? Current => Ambient.Value;

    /// <summary>The run's spacing and longest wait for a spent window.</summary>
    public PacerBudget Budget => budget;

    /// <summary>What stopped the run, once something did: a call whose turn comes after it is not sent.</summary>
    public PinterestApiException? Stopped => stopped();

    /// <summary>
    /// The metrics of the client that served the run's calls, set by its send path: the run records its
    /// outcomes on that client's meter, which only the client knows (the run sees any wrapper around it).
    /// </summary>
    public SdkMetrics? Metrics { get; set; }

    /// <summary>Runs <paramref name="call"/> as part of this run: the value flows into it, and is gone when the caller's method returns.</summary>
    public Task<T> Run<T>(Func<Task<T>> call)
    {
        Ambient.Value = this;
        return call();
    }
}

/// <summary>A bulk call whose turn came after its run stopped: it was not sent (<see cref="BulkRun"/> reports the run's reason).</summary>
internal sealed class BulkRunStoppedException(PinterestApiException reason) : Exception("The bulk run stopped before this call's turn.")
{
    public PinterestApiException Reason { get; } = reason;
}
