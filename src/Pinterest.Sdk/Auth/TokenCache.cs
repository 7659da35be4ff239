namespace Pinterest.Sdk;

/// <summary>
/// The access token a credential holds, and its one renewal at a time: callers that need a token while
/// one is being fetched join that fetch, and a fetch, once started, runs to its end even if the call
/// that started it is cancelled (the others waiting for it, and a rotated refresh token, are not lost).
/// Both of the SDK's token-endpoint credentials keep their token here. A fetch records on the meter of
/// the caller that started it (the client whose call needed the token); those who join it do not fetch.
/// </summary>
/// <param name="clock">The clock expiry is read on.</param>
/// <param name="renewBeforeExpiry">How long before its expiry a token counts as due.</param>
/// <param name="fetch">Gets a new token from the token endpoint, recording on the given metrics.</param>
internal sealed class TokenCache(TimeProvider clock, TimeSpan renewBeforeExpiry, Func<SdkMetrics, Task<CachedToken>> fetch)
{
    private readonly object _gate = new();
    private volatile CachedToken? _token;
    private Task<string>? _fetchInFlight;

    /// <summary>The token in use, if any.</summary>
    public CachedToken? Current => _token;

    /// <summary>The token in use while it is not due, else a new one.</summary>
    public ValueTask<string> GetAsync(SdkMetrics metrics, CancellationToken cancellationToken)
    {
        var token = _token;
        return token is { AccessToken: { } value } && !IsDue(token)
            ? new ValueTask<string>(value)
            : new ValueTask<string>(RenewAsync(token?.AccessToken, metrics, cancellationToken));
    }

    /// <summary>
    /// Replaces <paramref name="staleToken"/> with a new token, unless another caller already did (then
    /// that token is returned and nothing is fetched). Callers arriving during a fetch join it.
    /// </summary>
    public Task<string> RenewAsync(string? staleToken, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        Task<string> fetching;
        lock (_gate)
        {
            var token = _token;
            if (token is { AccessToken: { } current } && current != staleToken && !IsDue(token))
                return Task.FromResult(current);
            // Task.Run: the fetch must not finish (and clear the field) before it is stored.
            fetching = _fetchInFlight ??= Task.Run(() => FetchAsync(metrics));
        }
        return fetching.WaitAsync(cancellationToken);
    }

    /// <summary>Makes <paramref name="token"/> the one in use now (a fetch that must keep its token although it then fails).</summary>
    public void Publish(CachedToken token) => _token = token;

    private async Task<string> FetchAsync(SdkMetrics metrics)
    {
        try
        {
            var token = await fetch(metrics).ConfigureAwait(false);
            _token = token;
            return token.AccessToken!;
        }
        finally
        {
            lock (_gate)
                _fetchInFlight = null;
        }
    }

    private bool IsDue(CachedToken token) => token.ExpiresAt is { } expiresAt && clock.GetUtcNow() >= expiresAt - renewBeforeExpiry;
}

/// <summary>An access token and when it expires (if known); swapped as a whole so readers never see half an update.</summary>
internal sealed record CachedToken(string? AccessToken, DateTimeOffset? ExpiresAt)
{
    public override string ToString() => $"CachedToken(***, ExpiresAt={ExpiresAt:O})";
}
