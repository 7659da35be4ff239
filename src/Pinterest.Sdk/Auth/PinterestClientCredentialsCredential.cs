namespace Pinterest.Sdk;

/// <summary>
/// An app token from Pinterest's <c>client_credentials</c> grant: no user in the loop, the natural
/// credential for a server-to-server job over the app's own ad accounts. The token is fetched on the
/// first call, kept until shortly before it expires, fetched once for many concurrent callers, and
/// fetched anew once when Pinterest rejects it with 401.
/// </summary>
/// <example>
/// <code>
/// var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
/// {
///     ClientId = appId, ClientSecret = appSecret,   // Scope defaults to "ads:read"
/// });
/// var client = new AudienceInsightsClient(new PinterestClientOptions { Credential = credential });
/// </code>
/// </example>
public sealed class PinterestClientCredentialsCredential : PinterestCredential
{
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly string _scope;
    private readonly TokenCache _token;
    private readonly string _clientId;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the scope.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestClientCredentialsCredential(PinterestClientCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Scope))
            throw new ArgumentException("PinterestClientCredentialsOptions.Scope is required (for these operations: \"ads:read\").", nameof(options));
        _endpoint = options.CreateEndpoint();
        _scope = options.Scope;
        _clientId = options.ClientId!;
        _token = new TokenCache(options.TimeProvider, options.RenewBeforeExpiry, FetchAsync);
    }

    /// <summary>When the app token in use expires, or <see langword="null"/> before the first one.</summary>
    public DateTimeOffset? AccessTokenExpiresAt => _token.Current?.ExpiresAt;

    /// <inheritdoc />
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the app's id or secret.</exception>
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

    /// <summary>Describes the credential without revealing the token or the secret.</summary>
    /// <returns>The token URL, scope and expiry.</returns>
    public override string ToString() => $"PinterestClientCredentialsCredential(TokenUrl={_endpoint.Url}, Scope={_scope}, AccessTokenExpiresAt={AccessTokenExpiresAt:O})";

    internal override string Source => "PinterestClientCredentialsCredential";

    // An app token's budget is the app's (the rate-limit budget store shares it between processes).
    private protected override string? DefaultRateLimitBudgetName => "app " + _clientId;

    private async Task<CachedToken> FetchAsync(SdkMetrics metrics)
    {
        var (accessToken, expiresAt) = await _endpoint.ClientCredentialsAsync(_scope, metrics, CancellationToken.None).ConfigureAwait(false);
        return new CachedToken(accessToken, expiresAt);
    }
}
