using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// What the SDK's credentials that ask Pinterest's token endpoint share (<see cref="PinterestRefreshTokenCredential"/>,
/// <see cref="PinterestClientCredentialsCredential"/>), as their options share <see cref="PinterestTokenCredentialOptions"/>:
/// the token in use and its renewal, and the token store replicas share it through.
/// </summary>
/// <remarks>
/// <para>
/// Renewal never interrupts a call (after Azure.Identity's token cache). Inside the renew window
/// (<see cref="PinterestTokenCredentialOptions.RenewBeforeExpiry"/> before expiry) calls go on with the
/// token in hand while one renewal runs in the background; a renewal that fails keeps that token, is
/// logged and counted (<c>pinterest.token.renewal.failures</c>), and is tried again after
/// <see cref="PinterestTokenCredentialOptions.RenewalRetryDelay"/>. Only a token that has expired, that
/// Pinterest rejected (401), or that there is none of yet makes calls wait, and they share one
/// renewal; while a failure's pause lasts they get its failure, so a failing token endpoint is asked at
/// most once per pause. A refresh token or app secret Pinterest refused (400 or 401 from the token
/// endpoint) is not sent again.
/// </para>
/// <para>
/// With a <see cref="PinterestTokenCredentialOptions.TokenStore"/>, replicas share the tokens (after
/// MSAL's distributed token cache): a replica reads the store before it renews and takes a token
/// another replica renewed; it writes what it renewed to the store before any call uses it; and when
/// Pinterest refuses a refresh token another replica has just rotated, it takes that replica's tokens
/// from the store instead of failing.
/// </para>
/// </remarks>
public abstract class PinterestTokenEndpointCredential : PinterestCredential
{
    // How long a replica whose refresh token was refused looks for the rotated one another replica is
    // writing: the two renewals crossed at Pinterest, and the other replica's write is milliseconds away.
    private static readonly TimeSpan[] RotatedElsewhereLooks =
        [TimeSpan.Zero, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly TokenCache _cache;
    private readonly string _storeKey;
    private IPinterestTokenStore? _store;

    // Read and replaced only by the renewal, which the cache runs one at a time.
    private string? _refreshToken;
    private Refusal? _refused;

    // Only the SDK's own grants derive from it.
    private protected PinterestTokenEndpointCredential(PinterestTokenCredentialOptions options, string grant, string identity, string? refreshToken)
    {
        Endpoint = options.CreateEndpoint();
        Logger = options.CreateLogger();
        _refreshToken = refreshToken;
        _store = options.TokenStore;
        _storeKey = StoreKey(grant, options.ClientId!, options.TokenUrl, identity);
        _cache = new TokenCache(options.TimeProvider, options.RenewBeforeExpiry, options.RenewalRetryDelay, Logger, RenewAsync);
    }

    /// <summary>When the access token in use expires, or <see langword="null"/> when unknown or before the first one.</summary>
    public DateTimeOffset? AccessTokenExpiresAt => _cache.Current?.ExpiresAt;

    /// <summary>The token endpoint.</summary>
    private protected OAuthTokenEndpoint Endpoint { get; }

    /// <summary>Where the credential logs.</summary>
    private protected ILogger Logger { get; }

    /// <summary>The store the credential shares its tokens through, if any.</summary>
    internal IPinterestTokenStore? Store => Volatile.Read(ref _store);

    /// <summary>
    /// Waits until the renewal running now, if any, has ended, however it ended: call it before a
    /// short-lived process (a command-line tool, a scheduled job) exits, since a renewal in the
    /// background may have made Pinterest rotate the refresh token, and its new tokens are stored
    /// (<see cref="PinterestTokenCredentialOptions.TokenStore"/>, <see cref="PinterestRefreshTokenOptions.TokensRefreshed"/>)
    /// only when it ends.
    /// </summary>
    /// <param name="cancellationToken">Ends the wait (not the renewal).</param>
    /// <returns>A task that completes when no renewal is running.</returns>
    public Task WaitForRenewalAsync(CancellationToken cancellationToken = default) => _cache.RenewalEnded().WaitAsync(cancellationToken);

    /// <summary>The key of its tokens in the store (a hash, never a token).</summary>
    internal string StoreKey() => _storeKey;

    /// <inheritdoc />
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the refresh token or the app's credentials.</exception>
    /// <exception cref="PinterestApiException">The token endpoint failed in another way.</exception>
    public sealed override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => GetAccessTokenAsync(SdkMetrics.Shared, cancellationToken);

    // Called directly, the public methods record on the SDK's own meter; a client's calls come here, with its.
    internal sealed override ValueTask<string> GetAccessTokenAsync(SdkMetrics metrics, CancellationToken cancellationToken) => _cache.GetAsync(metrics, cancellationToken);

    /// <inheritdoc />
    public sealed override ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        RenewAfterRejectionAsync(rejectedAccessToken, SdkMetrics.Shared, cancellationToken);

    internal sealed override async ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        var fresh = await _cache.RenewAsync(rejectedAccessToken, metrics, cancellationToken).ConfigureAwait(false);
        return fresh != rejectedAccessToken;
    }

    /// <summary>Renews now, whatever the expiry and a recent failure say (a refused refresh token is still not sent again).</summary>
    private protected Task<string> RenewNowAsync(CancellationToken cancellationToken) =>
        _cache.RenewAsync(_cache.Current?.AccessToken, SdkMetrics.Shared, cancellationToken, force: true);

    /// <summary>Makes a starting token the one in use.</summary>
    private protected void Start(string accessToken, DateTimeOffset? expiresAt) => _cache.Publish(new CachedToken(accessToken, expiresAt));

    /// <summary>Shares the tokens through <paramref name="store"/> when the options named none (the container's store).</summary>
    internal bool UseStoreIfNone(IPinterestTokenStore store) => Interlocked.CompareExchange(ref _store, store, null) is null;

    /// <summary>One request to the token endpoint for this grant, with <paramref name="refreshToken"/> when the grant has one.</summary>
    private protected abstract Task<PinterestStoredTokens> RequestTokensAsync(string? refreshToken, SdkMetrics metrics);

    /// <summary>Called with renewed tokens once they are stored and before any call uses them.</summary>
    private protected virtual Task TokensRenewedAsync(PinterestStoredTokens tokens) => Task.CompletedTask;

    /// <summary>What a failure of <see cref="TokensRenewedAsync"/> is called in the message that wraps it.</summary>
    private protected virtual string TokensRenewedName => "Storing the renewed tokens";

    /// <summary>
    /// One renewal (the cache runs one at a time): the store's tokens when another replica renewed,
    /// else the token endpoint's, stored before they are used.
    /// </summary>
    private async Task<CachedToken> RenewAsync(SdkMetrics metrics, CachedToken? replacing)
    {
        if (await TakeFromStoreAsync(replacing).ConfigureAwait(false) is { } taken)
            return taken;
        if (_refused is { } refused && refused.RefreshToken == _refreshToken)
            refused.Failure.Throw();
        try
        {
            return await RequestAndStoreAsync(metrics).ConfigureAwait(false);
        }
        catch (PinterestAuthenticationException e)
        {
            var sent = _refreshToken;
            if (Store is not null && sent is not null)
            {
                // Another replica may have rotated the refresh token this one sent: take its tokens.
                foreach (var wait in RotatedElsewhereLooks)
                {
                    if (wait > TimeSpan.Zero)
                        await Task.Delay(wait, _cache.Clock).ConfigureAwait(false);
                    if (await TakeFromStoreAsync(replacing, refusedRefreshToken: sent).ConfigureAwait(false) is { } theirs)
                        return theirs;
                    if (_refreshToken != sent)
                        return await RequestAndStoreAsync(metrics).ConfigureAwait(false);
                }
            }
            _refused = new Refusal(sent, ExceptionDispatchInfo.Capture(e));
            Log.RefreshTokenRefused(Logger, e.StatusCode, e.ErrorCode);
            throw;
        }
    }

    private async Task<CachedToken> RequestAndStoreAsync(SdkMetrics metrics)
    {
        var tokens = await RequestTokensAsync(_refreshToken, metrics).ConfigureAwait(false);
        // Pinterest may have retired the old refresh token: the next renewal sends the new one, whatever the store does.
        _refreshToken = tokens.RefreshToken ?? _refreshToken;
        var fresh = new CachedToken(tokens.AccessToken, tokens.AccessTokenExpiresAt);
        var failures = new List<(string What, Exception Failure)>(0);
        if (Store is { } store)
        {
            try
            {
                await store.WriteAsync(_storeKey, tokens, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.TokenStoreWriteFailed(Logger, FailureKind.Of(e), e);
                failures.Add(("Writing the renewed tokens to the token store", e));
            }
        }
        try
        {
            // The application stores the new tokens before any call can send them: until this renewal
            // returns, callers see the old token or wait for it.
            await TokensRenewedAsync(tokens).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failures.Add((TokensRenewedName, e));
        }
        if (failures.Count == 0)
            return fresh;
        // The new tokens stay in use (they may be the only ones that still work); wrapped, so the
        // application's failure (a full disk, a store that is down) is never taken for the network's.
        _cache.Publish(fresh);
        var (what, failure) = failures[0];
        throw new InvalidOperationException($"{what} failed, so the new tokens may not be stored: {failure.Message} They are in use all the same.", failure);
    }

    /// <summary>
    /// The store's token when it is one to use instead of renewing (not the one being replaced, not
    /// expired, and not due unless the one being replaced cannot be sent at all); takes the store's
    /// refresh token when it is newer than this process's or this process's was refused.
    /// </summary>
    private async Task<CachedToken?> TakeFromStoreAsync(CachedToken? replacing, string? refusedRefreshToken = null)
    {
        if (Store is not { } store)
            return null;
        PinterestStoredTokens? stored;
        try
        {
            stored = await store.ReadAsync(_storeKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.TokenStoreReadFailed(Logger, FailureKind.Of(e), e);
            return null;
        }
        if (stored is null || !BearerToken.IsWellFormed(stored.AccessToken))
            return null;
        var current = _cache.Current;
        var newer = current?.ExpiresAt is not { } mine || stored.AccessTokenExpiresAt is not { } theirs || theirs >= mine;
        if (stored.RefreshToken is { } refresh && BearerToken.IsWellFormed(refresh) && refresh != _refreshToken
            && (newer || refusedRefreshToken == _refreshToken || (_refused is { } refused && refused.RefreshToken == _refreshToken)))
            _refreshToken = refresh;
        var now = _cache.Clock.GetUtcNow();
        var token = new CachedToken(stored.AccessToken, stored.AccessTokenExpiresAt);
        var replacingUsable = replacing is { AccessToken: not null, Rejected: false } && !replacing.IsExpired(now);
        if (stored.AccessToken == replacing?.AccessToken || token.IsExpired(now) || (token.IsDue(now, _cache.RenewBeforeExpiry) && replacingUsable))
            return null;
        Log.TokensTakenFromStore(Logger, stored.AccessTokenExpiresAt);
        return token;
    }

    /// <summary>The store key: a hash of what names the tokens (never a token or the secret).</summary>
    private static string StoreKey(string grant, string clientId, Uri tokenUrl, string identity)
    {
        var named = string.Join('\n', "pinterest-sdk-tokens-v1", grant, clientId, tokenUrl.AbsoluteUri, identity);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(named))).ToLowerInvariant();
    }

    /// <summary>A refresh token (none for an app token) Pinterest refused, and how.</summary>
    private sealed record Refusal(string? RefreshToken, ExceptionDispatchInfo Failure);
}
