using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest's OAuth authorization-code flow, the way a user's first tokens are obtained: send the
/// user to <see cref="CreateAuthorizationRequest"/>'s URL, and when Pinterest redirects back with a
/// <c>code</c> and the same <c>state</c>, exchange the code with <see cref="ExchangeCodeAsync"/>. The
/// tokens then start a <see cref="PinterestRefreshTokenCredential"/> (<see cref="CreateCredential"/>),
/// which keeps the access token fresh from then on.
/// </summary>
/// <example>
/// <code>
/// var flow = new PinterestAuthorizationCodeFlow(new PinterestAuthorizationCodeOptions
/// {
///     ClientId = appId, ClientSecret = appSecret, RedirectUri = new Uri("https://example.com/pinterest/callback"),
/// });
/// var request = flow.CreateAuthorizationRequest();   // keep request.State; send the user to request.Url
/// // … in the callback, with the redirect's code and state:
/// if (!request.IsExpectedState(state)) return Results.BadRequest();
/// var tokens = await flow.ExchangeCodeAsync(code, cancellationToken);
/// var client = new AudienceInsightsClient(new PinterestClientOptions { Credential = flow.CreateCredential(tokens) });
/// </code>
/// </example>
public sealed class PinterestAuthorizationCodeFlow
{
    private readonly PinterestAuthorizationCodeOptions _options;
    private readonly Uri _redirectUri;
    private readonly string _scope;
    private readonly OAuthTokenEndpoint _endpoint;

    /// <summary>Creates the flow. No request is made until <see cref="ExchangeCodeAsync"/>.</summary>
    /// <param name="options">The app's credentials, redirect URI and scopes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestAuthorizationCodeFlow(PinterestAuthorizationCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoint = options.CreateEndpoint();
        if (options.RedirectUri is not { IsAbsoluteUri: true, Scheme: "http" or "https" } redirectUri || redirectUri.Fragment.Length > 0)
            throw new ArgumentException("PinterestAuthorizationCodeOptions.RedirectUri is required: an absolute http or https URL without a fragment, registered in the app's settings.", nameof(options));
        if (SecureUrl.UnencryptedProblem(redirectUri, "PinterestAuthorizationCodeOptions.RedirectUri", "the authorization code") is { } plainRedirect)
            throw new ArgumentException(plainRedirect, nameof(options));
        if (options.Scopes is not { Count: > 0 } scopes || scopes.Any(s => string.IsNullOrWhiteSpace(s) || s.Contains(',', StringComparison.Ordinal)))
            throw new ArgumentException("PinterestAuthorizationCodeOptions.Scopes needs at least one scope, each without commas (for example ads:read).", nameof(options));
        if (SecureUrl.Problem(options.AuthorizationUrl, "PinterestAuthorizationCodeOptions.AuthorizationUrl", "the authorization request") is { } badPage)
            throw new ArgumentException(badPage, nameof(options));
        _options = options;
        _redirectUri = redirectUri;
        _scope = string.Join(',', scopes.Select(s => s.Trim()));
    }

    /// <summary>
    /// The first step: the URL of Pinterest's authorization page for this app, redirect URI and
    /// scopes, with a fresh unguessable <c>state</c>. Each call makes a new state.
    /// </summary>
    /// <returns>The URL to send the user to, and the state the redirect must bring back.</returns>
    public PinterestAuthorizationRequest CreateAuthorizationRequest()
    {
        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var query = QueryString.Append("", "client_id", _options.ClientId!);
        query = QueryString.Append(query, "redirect_uri", _redirectUri.AbsoluteUri);
        query = QueryString.Append(query, "response_type", "code");
        query = QueryString.Append(query, "scope", _scope);
        query = QueryString.Append(query, "state", state);
        // SecureUrl refused an AuthorizationUrl with a query of its own (constructor): this is the whole query.
        var page = new UriBuilder(_options.AuthorizationUrl) { Query = query };
        return new PinterestAuthorizationRequest(page.Uri, state, _redirectUri);
    }

    /// <summary>
    /// The second step: exchanges the <c>code</c> of Pinterest's redirect for the user's access and
    /// refresh tokens. Check the redirect's state with <see cref="PinterestAuthorizationRequest.IsExpectedState"/> first.
    /// A code works once and for a few minutes.
    /// </summary>
    /// <param name="code">The redirect's <c>code</c> query parameter.</param>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The tokens and their expiry times; store the refresh token.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> is empty.</exception>
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the code (used, expired, for another redirect URI) or the app's credentials.</exception>
    /// <exception cref="PinterestApiException">The token endpoint failed in another way, or its answer was unusable.</exception>
    public Task<PinterestTokens> ExchangeCodeAsync(string code, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code))
            throw new ArgumentException("The authorization code is empty: pass the code query parameter of Pinterest's redirect.", nameof(code));
        // No client is involved yet: the exchange records on the SDK's own meter.
        return _endpoint.AuthorizationCodeAsync(code, _redirectUri, _options.ContinuousRefresh, SdkMetrics.Shared, cancellationToken);
    }

    /// <summary>
    /// A credential that starts from <paramref name="tokens"/> and refreshes them with this app's
    /// credentials and settings (token URL, HTTP client, clock, timeout, logging).
    /// </summary>
    /// <param name="tokens">The tokens <see cref="ExchangeCodeAsync"/> returned (or stored ones).</param>
    /// <param name="tokensRefreshed">Called with the new tokens after every refresh, before they are used; store them there.</param>
    /// <returns>A credential for <see cref="PinterestClientOptions.Credential"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tokens"/> is <see langword="null"/>.</exception>
    public PinterestRefreshTokenCredential CreateCredential(PinterestTokens tokens, Func<PinterestTokens, CancellationToken, Task>? tokensRefreshed = null)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var options = new PinterestRefreshTokenOptions
        {
            AccessToken = tokens.AccessToken,
            AccessTokenExpiresAt = tokens.AccessTokenExpiresAt,
            RefreshToken = tokens.RefreshToken,
            ContinuousRefresh = _options.ContinuousRefresh,
            TokensRefreshed = tokensRefreshed,
        };
        _options.CopySharedTo(options);
        return new PinterestRefreshTokenCredential(options);
    }

    /// <summary>Describes the flow without revealing the secret.</summary>
    /// <returns>The client id, redirect URI and endpoints.</returns>
    public override string ToString() => $"PinterestAuthorizationCodeFlow({_options})";

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
