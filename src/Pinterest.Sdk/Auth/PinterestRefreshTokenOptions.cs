using Microsoft.Extensions.Logging;

namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestRefreshTokenCredential"/>: the app's credentials, the tokens it
/// starts from, and where to report new tokens.
/// </summary>
public sealed class PinterestRefreshTokenOptions
{
    /// <summary>Pinterest's OAuth token endpoint (<c>POST /v5/oauth/token</c>).</summary>
    public static readonly Uri DefaultTokenUrl = new("https://api.pinterest.com/v5/oauth/token");

    /// <summary>The app's id (its "client id"), sent with HTTP Basic authentication.</summary>
    public string? ClientId { get; set; }

    /// <summary>The app's secret key, sent with HTTP Basic authentication. Never logged.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public string? ClientSecret { get; set; }

    /// <summary>The refresh token from the authorization-code flow (or from the last refresh).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public string? RefreshToken { get; set; }

    /// <summary>
    /// The current access token, if there is one; without it the first call refreshes first.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public string? AccessToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires; unknown means it is used until Pinterest rejects it.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>
    /// How long before expiry the access token is replaced, so no call goes out with a token about
    /// to lapse. Default 5 minutes.
    /// </summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether each refresh asks for Pinterest's continuous refresh token (<c>continuous_refresh=true</c>):
    /// it expires after 60 days and is renewed by every refresh, indefinitely. Pinterest requires it of
    /// apps created before 25 September 2025 and no longer supports the legacy refresh token. Default
    /// <see langword="true"/>.
    /// </summary>
    public bool ContinuousRefresh { get; set; } = true;

    /// <summary>The token endpoint; default <see cref="DefaultTokenUrl"/>. Plain http only for loopback hosts.</summary>
    public Uri TokenUrl { get; set; } = DefaultTokenUrl;

    /// <summary>How long one refresh request may take. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Called after every refresh with the new tokens, before any call uses them, so the application
    /// can store them (Pinterest may rotate the refresh token, and the old one then stops working).
    /// An exception thrown here fails the calls waiting for that refresh with an
    /// <see cref="InvalidOperationException"/> that wraps it; the new tokens stay in use (Pinterest may
    /// already have retired the old refresh token), so later calls send them.
    /// A <see cref="Task"/>, as .NET's async callbacks are: a store whose save returns a
    /// <see cref="Task"/> is passed as it is (<c>(tokens, ct) =&gt; store.SaveAsync(tokens, ct)</c>), and any
    /// store, one returning a <see cref="ValueTask"/> too, with <c>async (tokens, ct) =&gt; await store.SaveAsync(tokens, ct)</c>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public Func<PinterestTokens, CancellationToken, Task>? TokensRefreshed { get; set; }

    /// <summary>The client for the token endpoint; default the SDK's shared connection pool.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public HttpClient? HttpClient { get; set; }

    /// <summary>The clock for expiry; replace it in tests. Default <see cref="TimeProvider.System"/>.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where refreshes are logged (category <c>Pinterest.Sdk.PinterestRefreshTokenCredential</c>); default none.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Newtonsoft.Json.JsonIgnore]
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>Describes the options without revealing the secret or the tokens.</summary>
    /// <returns>The client id, token URL and expiry, with secrets shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"ClientId={ClientId}, ClientSecret={Mask(ClientSecret)}, RefreshToken={Mask(RefreshToken)}, AccessToken={Mask(AccessToken)}, AccessTokenExpiresAt={AccessTokenExpiresAt:O}, TokenUrl={TokenUrl}";

    private static string Mask(string? secret) => secret is null ? "(none)" : "***";
}
