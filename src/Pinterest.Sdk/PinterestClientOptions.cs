namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="AudienceInsightsClient"/>: where to send requests, how to authenticate,
/// and how long to wait. The client copies these values when it is constructed; changing the
/// object afterwards does not affect a client that already exists.
/// </summary>
/// <remarks>
/// Set exactly one of <see cref="AccessToken"/> and <see cref="AccessTokenProvider"/>.
/// </remarks>
public sealed class PinterestClientOptions
{
    /// <summary>The production base URL of the Pinterest REST API v5.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://api.pinterest.com/v5/");

    /// <summary>The default for <see cref="Timeout"/>: 100 seconds, as <see cref="HttpClient"/>.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The default for <see cref="MaxRetries"/>.</summary>
    public const int DefaultMaxRetries = 3;

    /// <summary>The largest value <see cref="MaxRetries"/> accepts.</summary>
    public const int MaxRetriesLimit = 10;

    /// <summary>
    /// A fixed OAuth access token, sent as <c>Authorization: Bearer</c> on every request.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Returns the access token to use; asked once per request, so rotated or refreshed tokens
    /// take effect on the next call. Use it instead of <see cref="AccessToken"/>.
    /// </summary>
    public Func<CancellationToken, ValueTask<string>>? AccessTokenProvider { get; set; }

    /// <summary>
    /// The absolute base URL of the API; default <see cref="DefaultBaseUrl"/>. Plain <c>http</c> is
    /// accepted only for loopback hosts (a local stub), so a token is never sent in clear text.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// How many times a failed call is retried after the first attempt (0 to
    /// <see cref="MaxRetriesLimit"/>; default <see cref="DefaultMaxRetries"/>).
    /// </summary>
    public int MaxRetries { get; set; } = DefaultMaxRetries;

    /// <summary>
    /// How long one attempt may take, from sending the request to reading the last byte of the
    /// response; default <see cref="DefaultTimeout"/>. <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> disables it.
    /// </summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Describes the options without revealing the access token.</summary>
    /// <returns>A description such as <c>BaseUrl=https://api.pinterest.com/v5/, AccessToken=***</c>.</returns>
    public override string ToString()
    {
        var token = AccessToken is null ? "(none)" : "***";
        var provider = AccessTokenProvider is null ? "(none)" : "set";
        return $"BaseUrl={BaseUrl}, AccessToken={token}, AccessTokenProvider={provider}, MaxRetries={MaxRetries}, Timeout={Timeout}";
    }

    /// <summary>Checks the options and returns the validated copy a client keeps.</summary>
    internal ValidatedOptions Validate()
    {
        const string Name = "options";
        if (AccessToken is null && AccessTokenProvider is null)
            throw new ArgumentException("Set PinterestClientOptions.AccessToken or PinterestClientOptions.AccessTokenProvider.", Name);
        if (AccessToken is not null && AccessTokenProvider is not null)
            throw new ArgumentException("Set only one of PinterestClientOptions.AccessToken and PinterestClientOptions.AccessTokenProvider, not both.", Name);
        if (AccessToken is not null)
            BearerToken.EnsureValid(AccessToken, "PinterestClientOptions.AccessToken");
        if (BaseUrl is null)
            throw new ArgumentException("PinterestClientOptions.BaseUrl must not be null.", Name);
        if (!BaseUrl.IsAbsoluteUri)
            throw new ArgumentException($"PinterestClientOptions.BaseUrl must be an absolute URL such as {DefaultBaseUrl}; '{BaseUrl}' is relative.", Name);
        if (BaseUrl.Scheme != Uri.UriSchemeHttps && !(BaseUrl.Scheme == Uri.UriSchemeHttp && BaseUrl.IsLoopback))
            throw new ArgumentException($"PinterestClientOptions.BaseUrl must use https (plain http is allowed only for loopback hosts); '{BaseUrl.Scheme}://{BaseUrl.Authority}' would expose the access token.", Name);
        if (MaxRetries is < 0 or > MaxRetriesLimit)
            throw new ArgumentException($"PinterestClientOptions.MaxRetries must be between 0 and {MaxRetriesLimit}; it is {MaxRetries}.", Name);
        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && Timeout <= TimeSpan.Zero)
            throw new ArgumentException($"PinterestClientOptions.Timeout must be positive or Timeout.InfiniteTimeSpan; it is {Timeout}.", Name);

        var baseUrl = BaseUrl.AbsoluteUri.EndsWith('/') ? BaseUrl : new Uri(BaseUrl.AbsoluteUri + "/");
        var provider = AccessTokenProvider ?? StaticToken(AccessToken!);
        return new ValidatedOptions(baseUrl, provider, MaxRetries, Timeout);
    }

    private static Func<CancellationToken, ValueTask<string>> StaticToken(string token) =>
        _ => new ValueTask<string>(token);
}

/// <summary>The immutable copy of <see cref="PinterestClientOptions"/> a client works with.</summary>
internal sealed record ValidatedOptions(
    Uri BaseUrl,
    Func<CancellationToken, ValueTask<string>> AccessTokenProvider,
    int MaxRetries,
    TimeSpan Timeout)
{
    // A record's generated ToString would print the provider delegate's target, which for a
    // fixed token is a closure holding the token itself.
    public override string ToString() => $"BaseUrl={BaseUrl}, MaxRetries={MaxRetries}, Timeout={Timeout}";
}
