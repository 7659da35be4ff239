using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestAuthorizationCodeFlow"/>: the app's credentials, the redirect URI
/// registered in the app's settings, and the scopes to ask for.
/// </summary>
public sealed class PinterestAuthorizationCodeOptions
{
    /// <summary>Pinterest's authorization page, where the user grants the app access.</summary>
    public static readonly Uri DefaultAuthorizationUrl = new("https://www.pinterest.com/oauth/");

    /// <summary>The app's id (its "client id").</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's secret key, sent with HTTP Basic authentication to the token endpoint. Never logged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Where Pinterest sends the user back with the code; it must be registered in the app's settings,
    /// exactly. It must be https, except on a loopback host (RFC 8252 §7.3): <c>http://localhost:8085/</c>
    /// is the common choice for local tools.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The scopes to ask for; default <c>ads:read</c>, what the Audience Insights operations need.</summary>
    public IList<string> Scopes { get; set; } = ["ads:read"];

    /// <summary>The authorization page; default <see cref="DefaultAuthorizationUrl"/>. Plain http only for loopback hosts.</summary>
    public Uri AuthorizationUrl { get; set; } = DefaultAuthorizationUrl;

    /// <summary>The token endpoint; default <see cref="PinterestRefreshTokenOptions.DefaultTokenUrl"/>. Plain http only for loopback hosts.</summary>
    public Uri TokenUrl { get; set; } = PinterestRefreshTokenOptions.DefaultTokenUrl;

    /// <summary>
    /// Whether to ask for Pinterest's continuous refresh token (<c>continuous_refresh=true</c>), which
    /// apps created before 25 September 2025 need; default <see langword="true"/>. Also used by the
    /// credential <see cref="PinterestAuthorizationCodeFlow.CreateCredential"/> makes.
    /// </summary>
    public bool ContinuousRefresh { get; set; } = true;

    /// <summary>How long the code exchange (and each later refresh) may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client for the token endpoint; default the SDK's shared connection pool.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock for token expiry; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the exchange and refreshes are logged; default none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Describes the options without revealing the secret.</summary>
    /// <returns>The client id, redirect URI and endpoints, with the secret shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"ClientId={ClientId}, ClientSecret={(ClientSecret is null ? "(none)" : "***")}, RedirectUri={RedirectUri}, AuthorizationUrl={AuthorizationUrl}, TokenUrl={TokenUrl}";
}
