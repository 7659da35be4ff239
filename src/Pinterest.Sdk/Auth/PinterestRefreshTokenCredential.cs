namespace Pinterest.Sdk;

/// <summary>
/// An access token that renews itself with Pinterest's refresh-token flow: in the background shortly
/// before it expires (calls go on with it meanwhile), and once when Pinterest rejects it with 401.
/// Concurrent calls that need a new token share one refresh request. Share one instance between all
/// clients that use the same Pinterest user's tokens, and a <see cref="PinterestTokenCredentialOptions.TokenStore"/>
/// between replicas.
/// </summary>
/// <remarks>
/// A refresh, once started, runs to its end even if the call that started it is cancelled, so the
/// other calls waiting for it (and the rotated refresh token) are not lost. A refresh token Pinterest
/// refused is not sent again.
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
public sealed class PinterestRefreshTokenCredential : PinterestTokenEndpointCredential
{
    private readonly bool _continuousRefresh;
    private readonly Func<PinterestTokens, CancellationToken, Task>? _tokensRefreshed;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the starting tokens.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestRefreshTokenCredential(PinterestRefreshTokenOptions options)
        : base(Checked(options), "refresh_token", options.UserKey ?? "", options.RefreshToken)
    {
        _continuousRefresh = options.ContinuousRefresh;
        _tokensRefreshed = options.TokensRefreshed;
        if (options.AccessToken is not null)
            Start(options.AccessToken, options.AccessTokenExpiresAt);
    }

    /// <summary>Refreshes now, whatever the expiry says, and returns the new access token.</summary>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The new access token.</returns>
    public Task<string> RefreshNowAsync(CancellationToken cancellationToken = default) => RenewNowAsync(cancellationToken);

    /// <summary>Describes the credential without revealing tokens or the secret.</summary>
    /// <returns>The token URL and expiry.</returns>
    public override string ToString() => $"PinterestRefreshTokenCredential(TokenUrl={Endpoint.Url}, AccessTokenExpiresAt={AccessTokenExpiresAt:O})";

    private protected override async Task<PinterestStoredTokens> RequestTokensAsync(string? refreshToken, SdkMetrics metrics)
    {
        PinterestTokens tokens;
        try
        {
            tokens = await Endpoint.RefreshAsync(refreshToken!, _continuousRefresh, metrics, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PinterestApiException e)
        {
            Log.TokenRefreshFailed(Logger, e.StatusCode, e.ErrorCode, e.RequestId);
            throw;
        }
        Log.TokenRefreshed(Logger, tokens.AccessTokenExpiresAt, tokens.RefreshToken != refreshToken);
        return new PinterestStoredTokens(tokens.AccessToken, tokens.AccessTokenExpiresAt, tokens.RefreshToken, tokens.RefreshTokenExpiresAt, tokens.Scope);
    }

    /// <summary>The new tokens are handed to <c>TokensRefreshed</c> before any call uses them.</summary>
    private protected override Task TokensRenewedAsync(PinterestStoredTokens tokens) =>
        _tokensRefreshed is null
            ? Task.CompletedTask
            : _tokensRefreshed(new PinterestTokens(tokens.AccessToken, tokens.AccessTokenExpiresAt!.Value, tokens.RefreshToken!, tokens.RefreshTokenExpiresAt, tokens.Scope), CancellationToken.None);

    private protected override string TokensRenewedName => "PinterestRefreshTokenOptions.TokensRefreshed";

    private static PinterestRefreshTokenOptions Checked(PinterestRefreshTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (BearerToken.Problem(options.RefreshToken, "PinterestRefreshTokenOptions.RefreshToken", "refresh token") is { } badRefresh)
            throw new ArgumentException(string.IsNullOrWhiteSpace(options.RefreshToken) ? "PinterestRefreshTokenOptions.RefreshToken is required." : badRefresh, nameof(options));
        if (options.AccessToken is not null && BearerToken.Problem(options.AccessToken, "PinterestRefreshTokenOptions.AccessToken") is { } badToken)
            throw new ArgumentException(badToken, nameof(options));
        return options;
    }
}
