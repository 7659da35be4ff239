namespace Pinterest.Sdk;

/// <summary>
/// The one rule for what a Pinterest token may hold, access and refresh tokens alike: visible ASCII
/// only (RFC 6750's b64token characters are a subset). Everything that takes, sends or stores a token
/// asks here (the client before sending, the token endpoint before accepting an answer, the options,
/// the command-line tool's stored login), so nothing accepts a token another part refuses.
/// Messages never echo the token.
/// </summary>
internal static class BearerToken
{
    /// <summary>Whether <paramref name="token"/> is non-empty and holds only characters a header or form can carry unchanged.</summary>
    /// <param name="token">The token to check.</param>
    public static bool IsWellFormed(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return false;
        foreach (var c in token)
        {
            // Spaces, line breaks, control and non-ASCII characters would corrupt or split a header.
            if (c <= ' ' || c > '~')
                return false;
        }
        return true;
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> when a token a credential gave could not be sent.</summary>
    /// <param name="token">The token to check.</param>
    /// <param name="source">Where the token came from, named in the message.</param>
    public static void EnsureValid(string? token, string source)
    {
        if (Problem(token, source) is { } problem)
            throw new InvalidOperationException(problem);
    }

    /// <summary>What is wrong with <paramref name="token"/>, or <see langword="null"/> when it can be sent.</summary>
    /// <param name="token">The token to check.</param>
    /// <param name="source">Where the token came from, named in the message.</param>
    /// <param name="kind">What the token is, for the message.</param>
    public static string? Problem(string? token, string source, string kind = "access token")
    {
        if (string.IsNullOrWhiteSpace(token))
            return $"The {kind} from {source} is empty.";
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return $"The {kind} from {source} starts with \"Bearer \": give the token alone; the SDK adds the scheme.";
        return IsWellFormed(token) ? null
            : $"The {kind} from {source} has a character that cannot be sent in a header (whitespace, a line break, a control or non-ASCII character); check that the whole token, and only it, was copied.";
    }
}
