using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Pinterest.Sdk;

/// <summary>
/// What every credential that asks Pinterest's token endpoint for tokens is configured with: the app's
/// id and secret, the endpoint, how long a request may take, when a token is renewed, and the HTTP
/// client, clock and logging it uses. Each grant's options derive from it and add their own settings
/// (as Azure.Identity's credential options derive from <c>TokenCredentialOptions</c>); the checks of
/// these shared settings live here, once.
/// </summary>
public abstract class PinterestTokenCredentialOptions
{
    // Only the SDK's own grants derive from it: the checks and the endpoint below are theirs.
    private protected PinterestTokenCredentialOptions()
    {
    }

    /// <summary>Pinterest's token endpoint, <c>POST /v5/oauth/token</c>.</summary>
    public static readonly Uri DefaultTokenUrl = TokenUrlFor(PinterestClientOptions.DefaultBaseUrl);

    /// <summary>
    /// The token endpoint (<c>oauth/token</c>) of the API at <paramref name="apiBaseUrl"/>: for a proxy
    /// or stand-in that serves Pinterest's paths under another base, as <see cref="PinterestClientOptions.BaseUrl"/> does for the calls.
    /// </summary>
    /// <param name="apiBaseUrl">The API's base URL, with or without its final slash (<c>https://api.pinterest.com/v5</c>).</param>
    /// <returns>The token endpoint under it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="apiBaseUrl"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="apiBaseUrl"/> is not absolute.</exception>
    public static Uri TokenUrlFor(Uri apiBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(apiBaseUrl);
        if (!apiBaseUrl.IsAbsoluteUri)
            throw new ArgumentException("The API's base URL must be absolute.", nameof(apiBaseUrl));
        return ApiUrls.TokenUrl(apiBaseUrl);
    }

    /// <summary>The app's id (its "client id"), sent with HTTP Basic authentication.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's secret key, sent with HTTP Basic authentication to the token endpoint. Never logged.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public string? ClientSecret { get; set; }

    /// <summary>The token endpoint; default <see cref="DefaultTokenUrl"/>. Plain http only for loopback hosts.</summary>
    public Uri TokenUrl { get; set; } = DefaultTokenUrl;

    /// <summary>How long before its expiry an access token is renewed. Default 5 minutes.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long after a failed renewal the next one is tried: meanwhile calls go on with the token in
    /// hand while it is good, and get that failure when they need a new one (so a failing token
    /// endpoint is asked at most once per pause). Default 30 seconds.
    /// </summary>
    public TimeSpan RenewalRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where the credential keeps its current tokens so that replicas share them (read before a
    /// renewal, written before a renewed token is used); default none. With dependency injection,
    /// <c>AddPinterestTokenStore</c> gives the container's store to a credential that names none.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public IPinterestTokenStore? TokenStore { get; set; }

    /// <summary>
    /// How long one token request may take, or <see cref="System.Threading.Timeout.InfiniteTimeSpan"/>.
    /// Default 30 seconds; at most about 49 days, the longest timer .NET keeps.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client for the token endpoint; default the SDK's shared connection pool (which follows no redirect).</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock for token expiry and request timeouts; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where token requests are logged (never with a token or the secret); default none.</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The log category of what these options configure (its credential or flow).</summary>
    private protected abstract string LoggerCategory { get; }

    /// <summary>A setting's full name for messages: <c>PinterestRefreshTokenOptions.Timeout</c>.</summary>
    private protected string Setting(string name) => GetType().Name + "." + name;

    /// <summary>Checks the shared settings and makes the token endpoint they describe.</summary>
    /// <exception cref="ArgumentException">A setting is missing or invalid; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="Timeout"/> or <see cref="RenewBeforeExpiry"/> is out of range.</exception>
    internal OAuthTokenEndpoint CreateEndpoint()
    {
        const string Name = "options";
        if (string.IsNullOrWhiteSpace(ClientId))
            throw new ArgumentException(Setting(nameof(ClientId)) + " is required.", Name);
        if (string.IsNullOrWhiteSpace(ClientSecret))
            throw new ArgumentException(Setting(nameof(ClientSecret)) + " is required.", Name);
        if (SecureUrl.Problem(TokenUrl, Setting(nameof(TokenUrl)), "the app secret") is { } badUrl)
            throw new ArgumentException(badUrl, Name);
        TimeoutScope.Check(Timeout, Setting(nameof(Timeout)), Name);
        if (RenewBeforeExpiry < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(Name, RenewBeforeExpiry, $"{Setting(nameof(RenewBeforeExpiry))} must be zero or more; it is {RenewBeforeExpiry}.");
        if (RenewalRetryDelay <= TimeSpan.Zero || RenewalRetryDelay > MaxRenewalRetryDelay)
            throw new ArgumentOutOfRangeException(Name, RenewalRetryDelay, $"{Setting(nameof(RenewalRetryDelay))} must be more than zero and at most {MaxRenewalRetryDelay.TotalDays:0} day; it is {RenewalRetryDelay}.");
        if (TimeProvider is null)
            throw new ArgumentException(Setting(nameof(TimeProvider)) + " must not be null.", Name);
        return new OAuthTokenEndpoint(HttpClient ?? SharedHttpClient.Instance, TokenUrl, ClientId, ClientSecret, Timeout, TimeProvider, CreateLogger());
    }

    // A longer pause would leave a replica refused or failing for longer than any token lives unrenewed.
    private static readonly TimeSpan MaxRenewalRetryDelay = TimeSpan.FromDays(1);

    /// <summary>The logger of what these options configure.</summary>
    internal ILogger CreateLogger() => (LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(LoggerCategory);

    /// <summary>Gives <paramref name="target"/> these shared settings (a credential made from a flow's options).</summary>
    internal void CopySharedTo(PinterestTokenCredentialOptions target)
    {
        target.ClientId = ClientId;
        target.ClientSecret = ClientSecret;
        target.TokenUrl = TokenUrl;
        target.RenewBeforeExpiry = RenewBeforeExpiry;
        target.RenewalRetryDelay = RenewalRetryDelay;
        target.TokenStore = TokenStore;
        target.Timeout = Timeout;
        target.HttpClient = HttpClient;
        target.TimeProvider = TimeProvider;
        target.LoggerFactory = LoggerFactory;
    }

    /// <summary>Describes the options without revealing the secret.</summary>
    /// <returns>The client id and token URL, with the secret shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"ClientId={ClientId}, ClientSecret={(ClientSecret is null ? "(none)" : "***")}, TokenUrl={SecureUrl.Redacted(TokenUrl)}";
}
