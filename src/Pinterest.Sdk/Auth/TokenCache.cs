using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// The access token a credential holds, and its one renewal at a time, after Azure.Identity's token
/// cache. A token that is good and not yet due is handed out as it is. Inside the renew window (due,
/// not expired), calls go on with it while one renewal runs in the background; a failed background
/// renewal keeps the token, is logged and counted, and is tried again after a pause. Only a token
/// that has expired, that Pinterest rejected, or that is missing makes calls wait, and they share one
/// renewal. A renewal that failed is not tried again before its pause has passed (on the credential's
/// clock): calls that need a token meanwhile get its failure, so a failing token endpoint is asked at
/// most once per pause, however many calls and retries need a token. A renewal, once started, runs to
/// its end even if the call that started it is cancelled (the others waiting for it, and a rotated
/// refresh token, are not lost). It records on the meter of the caller that started it (the client
/// whose call needed the token); those who join it do not renew.
/// </summary>
/// <param name="clock">The clock expiry and pauses are read on.</param>
/// <param name="renewBeforeExpiry">How long before its expiry a token counts as due.</param>
/// <param name="retryDelay">The pause after a failed renewal before the next one.</param>
/// <param name="logger">Where failed background renewals are logged.</param>
/// <param name="renew">Gets a new token, recording on the given metrics; given the token it replaces (a rejected or due one), if any.</param>
internal sealed class TokenCache(TimeProvider clock, TimeSpan renewBeforeExpiry, TimeSpan retryDelay, ILogger logger, Func<SdkMetrics, CachedToken?, Task<CachedToken>> renew)
{
    private readonly object _gate = new();
    private volatile CachedToken? _token;
    private Task<CachedToken>? _renewing;

    // The last failed renewal and until when it stands for the next one: written under _gate.
    private ExceptionDispatchInfo? _failure;
    private DateTimeOffset _failureStandsUntil;

    /// <summary>The token in use, if any.</summary>
    public CachedToken? Current => _token;

    /// <summary>The clock tokens are timed on.</summary>
    public TimeProvider Clock => clock;

    /// <summary>How long before its expiry a token counts as due.</summary>
    public TimeSpan RenewBeforeExpiry => renewBeforeExpiry;

    /// <summary>
    /// The token in use while it can be sent (starting a background renewal when it is due), else a
    /// new one, shared with every other caller waiting for it.
    /// </summary>
    public ValueTask<string> GetAsync(SdkMetrics metrics, CancellationToken cancellationToken)
    {
        var token = _token;
        if (token is { AccessToken: { } value, Rejected: false })
        {
            var now = clock.GetUtcNow();
            if (!token.IsExpired(now))
            {
                if (token.IsDue(now, renewBeforeExpiry))
                    RenewInBackground(token, metrics, now);
                return new ValueTask<string>(value);
            }
        }
        return new ValueTask<string>(RenewAsync(token?.AccessToken, metrics, cancellationToken, force: false));
    }

    /// <summary>
    /// Replaces <paramref name="staleToken"/> (one Pinterest rejected, or the one in use when
    /// <paramref name="force"/>) with a new token, unless another caller already did (then that token
    /// is returned and nothing is renewed). Callers arriving during a renewal join it. Unless
    /// <paramref name="force"/>, a renewal that failed less than a pause ago is not tried again: its
    /// failure is thrown.
    /// </summary>
    public async Task<string> RenewAsync(string? staleToken, SdkMetrics metrics, CancellationToken cancellationToken, bool force = false)
    {
        Task<CachedToken> renewing;
        ExceptionDispatchInfo? standing = null;
        lock (_gate)
        {
            var token = _token;
            var now = clock.GetUtcNow();
            if (token is { AccessToken: { } current, Rejected: false } && current != staleToken && !token.IsExpired(now))
                return current;
            // Pinterest refused this token: no call is sent with it again, whatever its expiry says.
            if (!force && token is not null && staleToken is not null && token.AccessToken == staleToken)
                _token = token with { Rejected = true };
            if (_renewing is null && !force && _failure is not null && now < _failureStandsUntil)
                standing = _failure;
            // Task.Run: the renewal must not finish (and clear the field) before it is stored.
            else if (_renewing is null)
            {
                var replacing = _token;
                _renewing = Task.Run(() => RenewOnceAsync(metrics, replacing, background: false));
            }
            renewing = _renewing!;
        }
        standing?.Throw();
        var fresh = await renewing.WaitAsync(cancellationToken).ConfigureAwait(false);
        return fresh.AccessToken!;
    }

    /// <summary>Completes when the renewal running now, if any, has ended, however it ended (for tests).</summary>
    public Task RenewalEnded()
    {
        Task<CachedToken>? renewing;
        lock (_gate)
            renewing = _renewing;
        return renewing is null ? Task.CompletedTask : renewing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>Makes <paramref name="token"/> the one in use now (a starting token, or one a renewal must keep although it then fails).</summary>
    public void Publish(CachedToken token) => _token = token;

    /// <summary>Starts one renewal in the background, unless one runs or the last failed less than a pause ago.</summary>
    private void RenewInBackground(CachedToken due, SdkMetrics metrics, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_renewing is not null || (_failure is not null && now < _failureStandsUntil) || !ReferenceEquals(_token, due))
                return;
            _renewing = Task.Run(() => RenewOnceAsync(metrics, due, background: true));
            // Nobody may wait for it: its failure is observed here (and logged and counted in RenewOnceAsync).
            _renewing.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task<CachedToken> RenewOnceAsync(SdkMetrics metrics, CachedToken? replacing, bool background)
    {
        try
        {
            var fresh = await renew(metrics, replacing).ConfigureAwait(false);
            _token = fresh;
            lock (_gate)
                _failure = null;
            return fresh;
        }
        catch (Exception e)
        {
            var now = clock.GetUtcNow();
            lock (_gate)
            {
                _failure = ExceptionDispatchInfo.Capture(e);
                _failureStandsUntil = now + retryDelay;
            }
            // The token in hand, if it is still good, stays in use: calls go on with it until it expires.
            var kept = _token is { AccessToken: not null, Rejected: false } token && !token.IsExpired(now) ? token : null;
            metrics.TokenRenewalFailed(e, kept is not null);
            if (kept is not null)
                Log.TokenRenewalFailedTokenKept(logger, FailureKind.Of(e), kept.ExpiresAt, retryDelay.TotalSeconds, background);
            else
                Log.TokenRenewalFailed(logger, FailureKind.Of(e), retryDelay.TotalSeconds);
            throw;
        }
        finally
        {
            lock (_gate)
                _renewing = null;
        }
    }
}

/// <summary>
/// An access token and when it expires (if known), and whether Pinterest rejected it; swapped as a
/// whole so readers never see half an update.
/// </summary>
internal sealed record CachedToken(string? AccessToken, DateTimeOffset? ExpiresAt, bool Rejected = false)
{
    /// <summary>Whether the token has expired (a token of unknown expiry is used until Pinterest rejects it).</summary>
    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiresAt && now >= expiresAt;

    /// <summary>Whether the token is in its renew window (or past it).</summary>
    public bool IsDue(DateTimeOffset now, TimeSpan renewBeforeExpiry) => ExpiresAt is { } expiresAt && now >= expiresAt - renewBeforeExpiry;

    public override string ToString() => $"CachedToken(***, ExpiresAt={ExpiresAt:O}, Rejected={Rejected})";
}
