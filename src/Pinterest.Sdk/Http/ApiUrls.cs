namespace Pinterest.Sdk;

/// <summary>
/// How the SDK joins URLs to the API's base URL, once: the final slash a base needs, and where the
/// token endpoint is under it. Query strings are built by <see cref="QueryString"/>.
/// </summary>
internal static class ApiUrls
{
    /// <summary>
    /// <paramref name="url"/> with a final slash on its path, so a relative URL extends it:
    /// <c>new Uri(".../v5", "ad_accounts")</c> would replace <c>v5</c>. The path is tested, not the
    /// whole URL, so a query or fragment (refused later, by <see cref="SecureUrl"/>) stays where it was.
    /// </summary>
    public static Uri AsBase(Uri url) =>
        url.AbsolutePath.EndsWith('/') ? url : new Uri(url.GetLeftPart(UriPartial.Path) + "/" + url.Query + url.Fragment);

    /// <summary>Pinterest's token endpoint (<c>POST /v5/oauth/token</c>) of the API at <paramref name="baseUrl"/>.</summary>
    public static Uri TokenUrl(Uri baseUrl) => new(AsBase(baseUrl), "oauth/token");
}
