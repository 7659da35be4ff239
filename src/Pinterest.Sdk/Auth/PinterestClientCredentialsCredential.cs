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
    private readonly object _gate = new();
    private readonly OAuthTokenEndpoint _endpoint;
    private readonly string _scope;
    private readonly TimeSpan _renewBeforeExpiry;
    private readonly TimeProvider _clock;
    private volatile AppToken? _token;
    private Task<string>? _requestInFlight;

    /// <summary>Creates the credential. No request is made until a token is needed.</summary>
    /// <param name="options">The app's credentials and the scope.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A required setting is missing or invalid; the message says which.</exception>
    public PinterestClientCredentialsCredential(PinterestClientCredentialsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string Name = "options";
        if (string.IsNullOrWhiteSpace(options.ClientId))
            throw new ArgumentException("PinterestClientCredentialsOptions.ClientId is required.", Name);
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
            throw new ArgumentException("PinterestClientCredentialsOptions.ClientSecret is required.", Name);
        if (string.IsNullOrWhiteSpace(options.Scope))
            throw new ArgumentException("PinterestClientCredentialsOptions.Scope is required (for these operations: \"ads:read\").", Name);
        if (options.RenewBeforeExpiry < TimeSpan.Zero)
            throw new ArgumentException($"PinterestClientCredentialsOptions.RenewBeforeExpiry must be zero or more; it is {options.RenewBeforeExpiry}.", Name);
        if (options.Timeout <= TimeSpan.Zero && options.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentException($"PinterestClientCredentialsOptions.Timeout must be positive or Timeout.InfiniteTimeSpan; it is {options.Timeout}.", Name);
        if (options.TimeProvider is null)
            throw new ArgumentException("PinterestClientCredentialsOptions.TimeProvider must not be null.", Name);
        if (SecureUrl.Problem(options.TokenUrl, "PinterestClientCredentialsOptions.TokenUrl", "the app secret") is { } badUrl)
            throw new ArgumentException(badUrl, Name);

        _scope = options.Scope;
        _renewBeforeExpiry = options.RenewBeforeExpiry;
        _clock = options.TimeProvider;
        _endpoint = new OAuthTokenEndpoint(options.HttpClient ?? SharedHttpClient.Instance, options.TokenUrl, options.ClientId, options.ClientSecret, options.Timeout, _clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
    }

    /// <summary>When the app token in use expires, or <see langword="null"/> before the first one.</summary>
    public DateTimeOffset? AccessTokenExpiresAt => _token?.ExpiresAt;

    /// <inheritdoc />
    /// <exception cref="PinterestAuthenticationException">Pinterest refused the app's id or secret.</exception>
    /// <exception cref="PinterestApiException">The token endpoint failed in another way.</exception>
    public override ValueTask<string> GetAccessTokenAsync(CancellationToken cancellationToken)
    {
        var token = _token;
        return token is not null && !IsDue(token)
            ? new ValueTask<string>(token.Value)
            : new ValueTask<string>(RequestAsync(staleToken: token?.Value, cancellationToken));
    }

    /// <inheritdoc />
    public override async ValueTask<bool> RenewAfterRejectionAsync(string rejectedAccessToken, CancellationToken cancellationToken)
    {
        var fresh = await RequestAsync(rejectedAccessToken, cancellationToken).ConfigureAwait(false);
        return fresh != rejectedAccessToken;
    }

    /// <summary>Describes the credential without revealing the token or the secret.</summary>
    /// <returns>The token URL, scope and expiry.</returns>
    public override string ToString() => $"PinterestClientCredentialsCredential(TokenUrl={_endpoint.Url}, Scope={_scope}, AccessTokenExpiresAt={_token?.ExpiresAt:O})";

    internal override string Source => "PinterestClientCredentialsCredential";

    /// <summary>
    /// Replaces <paramref name="staleToken"/> with a new app token, unless another caller already did;
    /// callers arriving while a request is under way join it.
    /// </summary>
    private Task<string> RequestAsync(string? staleToken, CancellationToken cancellationToken)
    {
        Task<string> request;
        lock (_gate)
        {
            var token = _token;
            if (token is not null && token.Value != staleToken && !IsDue(token))
                return Task.FromResult(token.Value);
            // Task.Run: the request must not finish (and clear the field) before it is stored.
            request = _requestInFlight ??= Task.Run(RunRequestAsync);
        }
        return request.WaitAsync(cancellationToken);
    }

    private async Task<string> RunRequestAsync()
    {
        try
        {
            var (accessToken, expiresAt) = await _endpoint.ClientCredentialsAsync(_scope, CancellationToken.None).ConfigureAwait(false);
            BearerToken.EnsureValid(accessToken, "Pinterest's token endpoint");
            _token = new AppToken(accessToken, expiresAt);
            return accessToken;
        }
        finally
        {
            lock (_gate)
                _requestInFlight = null;
        }
    }

    private bool IsDue(AppToken token) => _clock.GetUtcNow() >= token.ExpiresAt - _renewBeforeExpiry;

    private sealed record AppToken(string Value, DateTimeOffset ExpiresAt)
    {
        public override string ToString() => "AppToken(***)";
    }
}
