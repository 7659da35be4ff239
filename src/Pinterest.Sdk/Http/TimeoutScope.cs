namespace Pinterest.Sdk;

/// <summary>
/// A cancellation scope: an outer token plus a timeout measured on the options' clock. The send path
/// uses one for the whole call (<see cref="PinterestClientOptions.TotalTimeout"/>) and one per attempt
/// (<see cref="PinterestClientOptions.Timeout"/>).
/// </summary>
internal readonly struct TimeoutScope : IDisposable
{
    private readonly CancellationTokenSource? _timer;
    private readonly CancellationTokenSource? _linked;

    private TimeoutScope(CancellationTokenSource? timer, CancellationTokenSource? linked, CancellationToken token)
    {
        _timer = timer;
        _linked = linked;
        Token = token;
    }

    /// <summary>The longest timeout a <see cref="CancellationTokenSource"/> takes (about 49 days).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Whether <paramref name="timeout"/> can start a scope: positive and at most <see cref="Longest"/>, or infinite.</summary>
    public static bool IsValid(TimeSpan timeout) =>
        timeout == Timeout.InfiniteTimeSpan || (timeout > TimeSpan.Zero && timeout <= Longest);

    public CancellationToken Token { get; }

    /// <summary>Whether the timeout, not the outer token, ended the scope.</summary>
    public bool TimedOut => _timer?.IsCancellationRequested == true;

    public static TimeoutScope Start(TimeSpan timeout, TimeProvider clock, CancellationToken outer)
    {
        // Without a timeout the outer token is the scope: no sources to create and dispose.
        if (timeout == Timeout.InfiniteTimeSpan)
            return new TimeoutScope(null, null, outer);
        var timer = new CancellationTokenSource(timeout, clock);
        var linked = outer.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(outer, timer.Token) : null;
        return new TimeoutScope(timer, linked, linked?.Token ?? timer.Token);
    }

    public void Dispose()
    {
        _linked?.Dispose();
        _timer?.Dispose();
    }
}
