namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestAuthorizationCodeFlow"/>: the app's credentials, the redirect URI
/// registered in the app's settings, and the scopes to ask for; the app's id and secret and the other
/// settings every token-endpoint credential shares are <see cref="PinterestTokenCredentialOptions"/>'s
/// (the credential <see cref="PinterestAuthorizationCodeFlow.CreateCredential"/> makes takes them too).
/// </summary>
public sealed class PinterestAuthorizationCodeOptions : PinterestTokenCredentialOptions
{
    /// <summary>Pinterest's authorization page, where the user grants the app access.</summary>
    public static readonly Uri DefaultAuthorizationUrl = new("https://www.pinterest.com/oauth/");

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

    /// <summary>
    /// Whether to ask for Pinterest's continuous refresh token (<c>continuous_refresh=true</c>), which
    /// apps created before 25 September 2025 need; default <see langword="true"/>. Also used by the
    /// credential <see cref="PinterestAuthorizationCodeFlow.CreateCredential"/> makes.
    /// </summary>
    public bool ContinuousRefresh { get; set; } = true;

    private protected override string LoggerCategory => "Pinterest.Sdk.PinterestAuthorizationCodeFlow";

    /// <summary>Describes the options without revealing the secret.</summary>
    /// <returns>The client id, redirect URI and endpoints, with the secret shown as <c>***</c>.</returns>
    public override string ToString() => $"{base.ToString()}, RedirectUri={RedirectUri}, AuthorizationUrl={AuthorizationUrl}";
}
