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

/// <summary>
/// The Pinterest app's id and secret, from <c>PINTEREST_APP_ID</c> and <c>PINTEREST_APP_SECRET</c>:
/// the secret is read from the environment only, never from the command line (where other users
/// and shell history see it).
/// </summary>
internal sealed record AppCredentials(string Id, string Secret)
{
    private static readonly string[] Variables = ["PINTEREST_APP_ID", "PINTEREST_APP_SECRET"];

    /// <summary>Both variables, or null when either is not set.</summary>
    public static AppCredentials? FromEnvironment() =>
        (Environment.GetEnvironmentVariable("PINTEREST_APP_ID")?.Trim(), Environment.GetEnvironmentVariable("PINTEREST_APP_SECRET")?.Trim()) is ({ Length: > 0 } id, { Length: > 0 } secret)
            ? new AppCredentials(id, secret)
            : null;

    /// <summary>What to set, for <paramref name="purpose"/> ("log in").</summary>
    public static string MissingMessage(string purpose)
    {
        var missing = string.Join(" and ", Variables.Where(v => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))));
        return $"To {purpose}, set PINTEREST_APP_ID and PINTEREST_APP_SECRET to your Pinterest app's id and secret key " +
            $"(developers.pinterest.com/apps); {missing} {(missing.Contains(" and ", StringComparison.Ordinal) ? "are" : "is")} not set.";
    }

    public override string ToString() => $"AppCredentials {{ Id = {Id}, Secret = *** }}";
}
