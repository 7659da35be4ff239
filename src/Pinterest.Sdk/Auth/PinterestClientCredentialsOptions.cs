namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestClientCredentialsCredential"/>: the app's id and secret, and the
/// scope its app token is asked for.
/// </summary>
public sealed class PinterestClientCredentialsOptions
{
    /// <summary>The app's id (its "client id"), sent with HTTP Basic authentication.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's secret key, sent with HTTP Basic authentication. Never logged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public string? ClientSecret { get; set; }

    /// <summary>The scopes to ask for, space-separated. Default <c>ads:read</c>, what the Audience Insights operations need.</summary>
    public string Scope { get; set; } = "ads:read";

    /// <summary>The token endpoint; default <see cref="PinterestRefreshTokenOptions.DefaultTokenUrl"/>. Plain http only for loopback hosts.</summary>
    public Uri TokenUrl { get; set; } = PinterestRefreshTokenOptions.DefaultTokenUrl;

    /// <summary>How long before expiry the app token is replaced. Default 5 minutes.</summary>
    public TimeSpan RenewBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one token request may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The client for the token endpoint; default the SDK's shared connection pool.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock for expiry; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Describes the options without revealing the secret.</summary>
    /// <returns>The client id, scope and token URL, with the secret shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"ClientId={ClientId}, ClientSecret={(ClientSecret is null ? "(none)" : "***")}, Scope={Scope}, TokenUrl={TokenUrl}";
}
