namespace Pinterest.Sdk.Cli;

/// <summary>
/// The Pinterest app's id and secret, from <c>PINTEREST_APP_ID</c> and <c>PINTEREST_APP_SECRET</c>:
/// the secret is read from the environment only, never from the command line (where other users
/// and shell history see it).
/// </summary>
internal sealed record AppCredentials(string Id, string Secret)
{
    private static readonly string[] Variables = ["PINTEREST_APP_ID", "PINTEREST_APP_SECRET"];

    /// <summary>Both variables, or null when either is not set.</summary>
    public static AppCredentials? From(CliContext context) =>
        (context.Variable("PINTEREST_APP_ID")?.Trim(), context.Variable("PINTEREST_APP_SECRET")?.Trim()) is ({ Length: > 0 } id, { Length: > 0 } secret)
            ? new AppCredentials(id, secret)
            : null;

    /// <summary>What to set, for <paramref name="purpose"/> ("log in").</summary>
    public static string MissingMessage(CliContext context, string purpose)
    {
        var missing = string.Join(" and ", Variables.Where(v => !context.IsSet(v)));
        return $"To {purpose}, set PINTEREST_APP_ID and PINTEREST_APP_SECRET to your Pinterest app's id and secret key " +
            $"(developers.pinterest.com/apps); {missing} {(missing.Contains(" and ", StringComparison.Ordinal) ? "are" : "is")} not set.";
    }

    public override string ToString() => $"AppCredentials {{ Id = {Id}, Secret = *** }}";
}
