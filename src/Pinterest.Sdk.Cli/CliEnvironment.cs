namespace Pinterest.Sdk.Cli;

/// <summary>The environment variables the tool reads, checked where they are read.</summary>
internal static class CliEnvironment
{
    /// <summary><c>PINTEREST_API_BASE_URL</c>, or Pinterest's production API (with a final slash, so relative URLs extend it).</summary>
    /// <exception cref="ArgumentException">The variable is set but is not an absolute URL.</exception>
    public static Uri ApiBaseUrl()
    {
        var url = Url("PINTEREST_API_BASE_URL") ?? PinterestClientOptions.DefaultBaseUrl;
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    /// <summary>The variable as an absolute URL, or null when it is not set.</summary>
    /// <exception cref="ArgumentException">It is set but is not an absolute URL.</exception>
    public static Uri? Url(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) ? url : throw new ArgumentException($"{name} '{value}' is not an absolute URL.")
        : null;
}
