namespace Pinterest.Sdk;

/// <summary>
/// An app token from Pinterest's <c>client_credentials</c> grant: no user in the loop, the natural
/// credential for a server-to-server job over the app's own ad accounts. The token is fetched on the
/// first call, renewed in the background shortly before it expires (calls go on with it meanwhile),
/// fetched once for many concurrent callers, and fetched anew once when Pinterest rejects it with 401.
/// With a <see cref="PinterestTokenCredentialOptions.TokenStore"/>, replicas share one app token.
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
public sealed class PinterestClientCredentialsCredential : PinterestTokenEndpointCredential
{
    private readonly string _scope;
    private readonly string _clientId;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the scope.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestClientCredentialsCredential(PinterestClientCredentialsOptions options)
        : base(Checked(options), "client_credentials", options.Scope, refreshToken: null)
    {
        _scope = options.Scope;
        _clientId = options.ClientId!;
    }

    /// <summary>Describes the credential without revealing the token or the secret.</summary>
    /// <returns>The token URL, scope and expiry.</returns>
    public override string ToString() => $"PinterestClientCredentialsCredential(TokenUrl={Endpoint.Url}, Scope={_scope}, AccessTokenExpiresAt={AccessTokenExpiresAt:O})";

    internal override string Source => "PinterestClientCredentialsCredential";

    // An app token's budget is the app's (the rate-limit budget store shares it between processes).
    private protected override string? DefaultRateLimitBudgetName => "app " + _clientId;

    private protected override async Task<PinterestStoredTokens> RequestTokensAsync(string? refreshToken, SdkMetrics metrics)
    {
        var (accessToken, expiresAt) = await Endpoint.ClientCredentialsAsync(_scope, metrics, CancellationToken.None).ConfigureAwait(false);
        return new PinterestStoredTokens(accessToken, expiresAt, Scope: _scope);
    }

    private static PinterestClientCredentialsOptions Checked(PinterestClientCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Scope))
            throw new ArgumentException("PinterestClientCredentialsOptions.Scope is required (for these operations: \"ads:read\").", nameof(options));
        return options;
    }
}
