namespace Pinterest.Sdk;

/// <summary>
/// Settings for <see cref="PinterestClientCredentialsCredential"/>: the scope its app token is asked
/// for; the app's id and secret and the other settings every token-endpoint credential shares are
/// <see cref="PinterestTokenCredentialOptions"/>'s.
/// </summary>
public sealed class PinterestClientCredentialsOptions : PinterestTokenCredentialOptions
{
    /// <summary>The scopes to ask for, space-separated. Default <c>ads:read</c>, what the Audience Insights operations need.</summary>
    public string Scope { get; set; } = "ads:read";

    private protected override string LoggerCategory => "Pinterest.Sdk.PinterestClientCredentialsCredential";

    /// <summary>Describes the options without revealing the secret.</summary>
    /// <returns>The client id, token URL and scope, with the secret shown as <c>***</c>.</returns>
    public override string ToString() => $"{base.ToString()}, Scope={Scope}";
}
