namespace Pinterest.Sdk;

/// <summary>Checks that a URL the SDK sends secrets to is absolute and encrypted.</summary>
internal static class SecureUrl
{
    /// <summary>
    /// Says what is wrong unless <paramref name="url"/> is an absolute https URL (or plain http to a
    /// loopback host, a local stub, where nothing leaves the machine) without user info, query or fragment.
    /// </summary>
    /// <param name="url">The URL to check.</param>
    /// <param name="setting">The setting's name, for the message.</param>
    /// <param name="secret">What would be exposed, for the message.</param>
    /// <returns>The problem, for an exception message, or <see langword="null"/> when the URL is fine.</returns>
    public static string? Problem(Uri? url, string setting, string secret)
    {
        if (url is null)
            return $"{setting} must not be null.";
        if (!url.IsAbsoluteUri)
            return $"{setting} must be an absolute URL; '{url}' is relative.";
        if (UnencryptedProblem(url, setting, secret) is { } unencrypted)
            return unencrypted;
        if (url.UserInfo.Length > 0)
            return $"{setting} must not hold a user name or password ('{Redacted(url)}'): it would travel with every request and show in logs and traces. Authenticate with the SDK's credential settings instead.";
        if (url.Query.Length > 0 || url.Fragment.Length > 0)
            return $"{setting} must not have a query or fragment ('{Redacted(url)}'): request paths are appended to it. Use the API's base URL, such as https://api.pinterest.com/v5/.";
        return null;
    }

    /// <summary>
    /// Says what is wrong unless absolute <paramref name="url"/> is https, or plain http to a loopback
    /// host (RFC 8252 §7.3: nothing leaves the machine). The rule for every URL a secret travels to or from.
    /// </summary>
    public static string? UnencryptedProblem(Uri url, string setting, string secret) =>
        url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) ? null
            : $"{setting} must use https (plain http is allowed only for loopback hosts); '{url.Scheme}://{url.Host}' would expose {secret}.";

    /// <summary><paramref name="url"/> with any user name and password replaced by <c>***</c>, for messages and <c>ToString()</c>.</summary>
    public static string Redacted(Uri? url) =>
        url is { IsAbsoluteUri: true, UserInfo.Length: > 0 } ? new UriBuilder(url) { UserName = "***", Password = "" }.Uri.ToString() : url?.ToString() ?? "(none)";
}
