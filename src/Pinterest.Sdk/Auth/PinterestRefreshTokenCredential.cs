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
    private readonly object _gate = new();
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly TimeSpan _refreshBeforeExpiry;
    private readonly bool _continuousRefresh;
    private readonly TimeProvider _clock;
    private readonly Func<PinterestTokens, CancellationToken, Task>? _tokensRefreshed;
    private readonly ILogger _logger;
    private volatile State _state;
    private Task<string>? _refreshInFlight;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the starting tokens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestRefreshTokenCredential(PinterestRefreshTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Missing(options) is { } missing)
            throw new ArgumentException($"PinterestRefreshTokenOptions.{missing} is required.", nameof(options));
        if (options.AccessToken is not null && BearerToken.Problem(options.AccessToken, "PinterestRefreshTokenOptions.AccessToken") is { } badToken)
            throw new ArgumentException(badToken, nameof(options));
        if (options.RefreshBeforeExpiry < TimeSpan.Zero)
            throw new ArgumentException($"PinterestRefreshTokenOptions.RefreshBeforeExpiry must be zero or more; it is {options.RefreshBeforeExpiry}.", nameof(options));
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"PinterestRefreshTokenOptions.Timeout must be positive or Timeout.InfiniteTimeSpan; it is {options.Timeout}.", nameof(options));
        if (options.TimeProvider is null)
            throw new ArgumentException("PinterestRefreshTokenOptions.TimeProvider must not be null.", nameof(options));
        if (SecureUrl.Problem(options.TokenUrl, "PinterestRefreshTokenOptions.TokenUrl", "the app secret") is { } badUrl)
            throw new ArgumentException(badUrl, nameof(options));

        _clock = options.TimeProvider;
        _refreshBeforeExpiry = options.RefreshBeforeExpiry;
        _continuousRefresh = options.ContinuousRefresh;
        _tokensRefreshed = options.TokensRefreshed;
        _logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Pinterest.Sdk.PinterestRefreshTokenCredential");
        _endpoint = new OAuthTokenEndpoint(options.HttpClient ?? SharedHttpClient.Instance, options.TokenUrl, options.ClientId!, options.ClientSecret!, options.Timeout, _clock, _logger);
        _state = new State(options.AccessToken, options.AccessTokenExpiresAt, options.RefreshToken!);
    }

    /// <summary>When the access token in use expires, if known.</summary>
    public DateTimeOffset? AccessTokenExpiresAt => _state.ExpiresAt;

    /// <inheritdoc />
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the refresh token or the app's credentials.</exception>
    /// <exception cref="PinterestApiException">The token endpoint failed in another way.</exception>
    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var state = _state;
        return state.AccessToken is { } token && !IsDue(state)
            ? new ValueTask<string>(token)
            : new ValueTask<string>(RefreshAsync(staleToken: state.AccessToken, cancellationToken));
    }

    /// <inheritdoc />
    public override async ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        var fresh = await RefreshAsync(rejectedAccessToken, cancellationToken).ConfigureAwait(false);
        return fresh != rejectedAccessToken;
    }

    /// <summary>Refreshes now, whatever the expiry says, and returns the new access token.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The new access token.</returns>
    public Task<string> RefreshNowAsync(CancellationToken cancellationToken = default) =>
        RefreshAsync(_state.AccessToken, cancellationToken);

    /// <summary>Describes the credential without revealing tokens or the secret.</summary>
    /// <returns>The token URL and expiry.</returns>
    public override string ToString() => $"PinterestRefreshTokenCredential(TokenUrl={_endpoint.Url}, AccessTokenExpiresAt={_state.ExpiresAt:O})";

    /// <summary>
    /// Replaces <paramref name="staleToken"/> with a new token, unless another caller already did:
    /// then that token is returned and no request is made. Callers arriving during a refresh join it.
    /// </summary>
    private Task<string> RefreshAsync(string? staleToken, CancellationToken cancellationToken)
    {
        Task<string> refresh;
        lock (_gate)
        {
            var state = _state;
            if (state.AccessToken is { } current && current != staleToken && !IsDue(state))
                return Task.FromResult(current);
            // Task.Run: the refresh must not finish (and clear the field) before it is stored.
            refresh = _refreshInFlight ??= Task.Run(() => RunRefreshAsync(state.RefreshToken));
        }
        return refresh.WaitAsync(cancellationToken);
    }

    private async Task<string> RunRefreshAsync(string refreshToken)
    {
        try
        {
            var tokens = await _endpoint.RefreshAsync(refreshToken, _continuousRefresh, CancellationToken.None).ConfigureAwait(false);
            Log.TokenRefreshed(_logger, tokens.AccessTokenExpiresAt, tokens.RefreshToken != refreshToken);
            try
            {
                // The application stores the new tokens before any call can send them: until the
                // state below is swapped, callers see the old token or wait for this refresh.
                if (_tokensRefreshed is not null)
                    await _tokensRefreshed(tokens, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // Wrapped, so the application's failure (a full disk, say) is never taken for the network's.
                throw new InvalidOperationException(
                    $"PinterestRefreshTokenOptions.TokensRefreshed failed, so the new tokens may not be stored: {e.Message} They are in use all the same.", e);
            }
            finally
            {
                // Even when the callback failed: Pinterest may have retired the old refresh token, so
                // the new tokens are the only ones that still work.
                _state = new State(tokens.AccessToken, tokens.AccessTokenExpiresAt, tokens.RefreshToken);
            }
            return tokens.AccessToken;
        }
        catch (PinterestApiException e)
        {
            Log.TokenRefreshFailed(_logger, e.StatusCode, e.ErrorCode, e.RequestId);
            throw;
        }
        finally
        {
            lock (_gate)
                _refreshInFlight = null;
        }
    }

    private bool IsDue(State state) =>
        state.ExpiresAt is { } expiresAt && _clock.GetUtcNow() >= expiresAt - _refreshBeforeExpiry;

    private static string? Missing(PinterestRefreshTokenOptions options) =>
        string.IsNullOrWhiteSpace(options.ClientId) ? nameof(options.ClientId)
        : string.IsNullOrWhiteSpace(options.ClientSecret) ? nameof(options.ClientSecret)
        : string.IsNullOrWhiteSpace(options.RefreshToken) ? nameof(options.RefreshToken)
        : null;

    /// <summary>The tokens in use, swapped as a whole so readers never see half an update.</summary>
    private sealed record State(string? AccessToken, DateTimeOffset? ExpiresAt, string RefreshToken)
    {
        public override string ToString() => "State(***)";
    }
}
