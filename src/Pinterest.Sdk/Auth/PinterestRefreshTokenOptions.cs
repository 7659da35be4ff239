namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestRefreshTokenCredential"/>: the app's credentials, the tokens it
/// starts from, and where to report new tokens; the settings every token-endpoint credential shares
/// are <see cref="PinterestTokenCredentialOptions"/>'s.
/// </summary>
public sealed class PinterestRefreshTokenOptions : PinterestTokenCredentialOptions
{

    /// <summary>The refresh token from the authorization-code flow (or from the last refresh).</summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public string? RefreshToken { get; set; }

    /// <summary>
    /// The current access token, if there is one; without it the first call refreshes first.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public string? AccessToken { get; set; }

    /// <summary>When <see cref="AccessToken"/> expires; unknown means it is used until Pinterest rejects it.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>
    /// Whose tokens these are within the app, as the application names the Pinterest user (an id of
    /// its own, never a token), when several users' credentials share one
    /// <see cref="PinterestTokenCredentialOptions.TokenStore"/>: replicas whose credentials have the same
    /// app, token URL and <see cref="UserKey"/> share one set of tokens. It is hashed into the store's
    /// key. Default none: one user per app.
    /// </summary>
    public string? UserKey { get; set; }

    /// <summary>
    /// Whether each refresh asks for Pinterest's continuous refresh token (<c>continuous_refresh=true</c>):
    /// it expires after 60 days and is renewed by every refresh, indefinitely. Pinterest requires it of
    /// apps created before 25 September 2025 and no longer supports the legacy refresh token. Default
    /// <see langword="true"/>.
    /// </summary>
    public bool ContinuousRefresh { get; set; } = true;

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
    [System.Text.Json.Serialization.JsonIgnore, Newtonsoft.Json.JsonIgnore]
    public Func<PinterestTokens, CancellationToken, Task>? TokensRefreshed { get; set; }

    private protected override string LoggerCategory => "Pinterest.Sdk.PinterestRefreshTokenCredential";

    /// <summary>Describes the options without revealing the secret or the tokens.</summary>
    /// <returns>The client id, token URL and expiry, with secrets shown as <c>***</c>.</returns>
    public override string ToString() =>
        $"{base.ToString()}, RefreshToken={(RefreshToken is null ? "(none)" : "***")}, AccessToken={(AccessToken is null ? "(none)" : "***")}, AccessTokenExpiresAt={AccessTokenExpiresAt:O}";
}
