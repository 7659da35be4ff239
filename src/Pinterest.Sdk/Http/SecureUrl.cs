namespace Pinterest.Sdk;

/// <summary>Checks that a URL the SDK sends secrets to is absolute and encrypted.</summary>
internal static class SecureUrl
{
    /// <summary>
    /// Says what is wrong unless <paramref name="url"/> is an absolute https URL, or plain http to a
    /// loopback host (a local stub), where nothing leaves the machine.
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
        if (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
            return $"{setting} must use https (plain http is allowed only for loopback hosts); '{url.Scheme}://{url.Authority}' would expose {secret}.";
        return null;
    }
}
