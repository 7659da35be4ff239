using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pinterest.Sdk;

/// <summary>
/// An access token that renews itself with Pinterest's refresh-token flow: before it expires, and
/// once when Pinterest rejects it with 401. Concurrent calls that need a new token share one refresh
/// request. Share one instance between all clients that use the same Pinterest user's tokens.
/// </summary>
/// <remarks>
/// A refresh, once started, runs to its end even if the call that started it is cancelled, so the
/// other calls waiting for it (and the rotated refresh token) are not lost.
/// </remarks>
/// <example>
/// <code>
/// var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
/// {
///     ClientId = appId, ClientSecret = appSecret, RefreshToken = storedRefreshToken,
///     TokensRefreshed = (tokens, ct) => store.SaveAsync(tokens, ct),
/// });
/// var client = new AudienceInsightsClient(new PinterestClientOptions { Credential = credential });
/// </code>
/// </example>
public sealed class PinterestRefreshTokenCredential : PinterestCredential
{
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly bool _continuousRefresh;
    private readonly Func<PinterestTokens, CancellationToken, Task>? _tokensRefreshed;
    private readonly ILogger _logger;
    private readonly TokenCache _token;

    // Read and replaced only by the fetch, which the cache runs one at a time.
    private string _refreshToken;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the starting tokens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestRefreshTokenCredential(PinterestRefreshTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = options.CreateEndpoint();
        if (BearerToken.Problem(options.RefreshToken, "PinterestRefreshTokenOptions.RefreshToken", "refresh token") is { } badRefresh)
            throw new ArgumentException(string.IsNullOrWhiteSpace(options.RefreshToken) ? "PinterestRefreshTokenOptions.RefreshToken is required." : badRefresh, nameof(options));
        if (options.AccessToken is not null && BearerToken.Problem(options.AccessToken, "PinterestRefreshTokenOptions.AccessToken") is { } badToken)
            throw new ArgumentException(badToken, nameof(options));

        _continuousRefresh = options.ContinuousRefresh;
        _tokensRefreshed = options.TokensRefreshed;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pinterest.Sdk.PinterestRefreshTokenCredential");
        _refreshToken = options.RefreshToken!;
        _token = new TokenCache(options.TimeProvider, options.RenewBeforeExpiry, RefreshAsync);
        if (options.AccessToken is not null)
            _token.Publish(new CachedToken(options.AccessToken, options.AccessTokenExpiresAt));
    }

    /// <summary>When the access token in use expires, if known.</summary>
    public DateTimeOffset? AccessTokenExpiresAt => _token.Current?.ExpiresAt;

    /// <inheritdoc />
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the refresh token or the app's credentials.</exception>
    /// <exception cref="PinterestApiException">The token endpoint failed in another way.</exception>
    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken) => GetAccessTokenAsync(SdkMetrics.Shared, cancellationToken);

    // Called directly, the public methods record on the SDK's own meter; a client's calls come here, with its.
    internal override ValueTask<string> GetAccessTokenAsync(SdkMetrics metrics, CancellationToken cancellationToken) => _token.GetAsync(metrics, cancellationToken);

    /// <inheritdoc />
    public override ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken) =>
        RenewAfterRejectionAsync(rejectedAccessToken, SdkMetrics.Shared, cancellationToken);

    internal override async ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        var fresh = await _token.RenewAsync(rejectedAccessToken, metrics, cancellationToken).ConfigureAwait(false);
        return fresh != rejectedAccessToken;
    }

    /// <summary>Refreshes now, whatever the expiry says, and returns the new access token.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The new access token.</returns>
    public Task<string> RefreshNowAsync(CancellationToken cancellationToken = default) =>
        _token.RenewAsync(_token.Current?.AccessToken, SdkMetrics.Shared, cancellationToken);

    /// <summary>Describes the credential without revealing tokens or the secret.</summary>
    /// <returns>The token URL and expiry.</returns>
    public override string ToString() => $"PinterestRefreshTokenCredential(TokenUrl={_endpoint.Url}, AccessTokenExpiresAt={AccessTokenExpiresAt:O})";

    /// <summary>One refresh: the new tokens are handed to <c>TokensRefreshed</c> before the cache lets any call use them.</summary>
    private async Task<CachedToken> RefreshAsync(SdkMetrics metrics)
    {
        PinterestTokens tokens;
        try
        {
            tokens = await _endpoint.RefreshAsync(_refreshToken, _continuousRefresh, metrics, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PinterestApiException e)
        {
            Log.TokenRefreshFailed(_logger, e.StatusCode, e.ErrorCode, e.RequestId);
            throw;
        }
        Log.TokenRefreshed(_logger, tokens.AccessTokenExpiresAt, tokens.RefreshToken != _refreshToken);
        // Pinterest may have retired the old refresh token: the next refresh sends the new one, whatever the callback does.
        _refreshToken = tokens.RefreshToken;
        var fresh = new CachedToken(tokens.AccessToken, tokens.AccessTokenExpiresAt);
        try
        {
            // The application stores the new tokens before any call can send them: until this fetch
            // returns, callers see the old token or wait for it.
            if (_tokensRefreshed is not null)
                await _tokensRefreshed(tokens, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The new tokens stay in use (they may be the only ones that still work); wrapped, so the
            // application's failure (a full disk, say) is never taken for the network's.
            _token.Publish(fresh);
            throw new InvalidOperationException(
                $"PinterestRefreshTokenOptions.TokensRefreshed failed, so the new tokens may not be stored: {e.Message} They are in use all the same.", e);
        }
        return fresh;
    }
}
