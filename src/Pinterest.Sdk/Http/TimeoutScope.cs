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

    /// <summary>
    /// The one message for a timeout no scope can take, whoever sets it (the client's and the
    /// credentials' options, the CLI's <c>login --timeout</c>), or <see langword="null"/> when it is fine.
    /// </summary>
    /// <param name="timeout">The timeout asked for.</param>
    /// <param name="setting">What set it, as the reader wrote it: <c>PinterestClientOptions.Timeout</c>, <c>--timeout</c>.</param>
    /// <param name="infinite">How the setting spells "no timeout", or <see langword="null"/> when it has none.</param>
    public static string? Problem(TimeSpan timeout, string setting, string? infinite = "Timeout.InfiniteTimeSpan") =>
        (infinite is null ? timeout > TimeSpan.Zero && timeout <= Longest : IsValid(timeout)) ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{setting} must be positive and at most {Math.Floor(Longest.TotalSeconds):0} seconds ({Longest.TotalDays:0.#} days){(infinite is null ? "" : ", or " + infinite)}; it is {timeout}.");

    /// <summary>Refuses a timeout no scope can take, with <see cref="Problem"/>'s message: always an <see cref="ArgumentOutOfRangeException"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeout"/> is zero, negative or over <see cref="Longest"/>.</exception>
    public static void Check(TimeSpan timeout, string setting, string parameterName)
    {
        if (Problem(timeout, setting) is { } problem)
            throw new ArgumentOutOfRangeException(parameterName, problem);
    }

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
