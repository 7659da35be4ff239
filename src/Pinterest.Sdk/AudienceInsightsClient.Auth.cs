using System.Net.Http.Headers;

namespace Pinterest.Sdk;

// Authentication: every request carries "Authorization: Bearer <token>", set on the request itself
// (never on a shared HttpClient's DefaultRequestHeaders, which would leak it to other callers).
// When Pinterest answers 401, the credential may renew the token once per call, and the send path
// sends the request again.
public partial class AudienceInsightsClient
{
    // The header for the token last sent: a token lives for days, so it is checked and built once.
    private AuthenticationHeaderValue? _bearer;

    /// <summary>Puts the credential's current token on <paramref name="request"/>.</summary>
    private async ValueTask AuthorizeAsync(Call call, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await _options.Credential.GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var bearer = Volatile.Read(ref _bearer);
        if (bearer?.Parameter != token)
        {
            BearerToken.EnsureValid(token, _options.Credential.Source);
            bearer = new AuthenticationHeaderValue("Bearer", token);
            Volatile.Write(ref _bearer, bearer);
        }
        call.SentToken = token;
        request.Headers.Authorization = bearer;
    }

    /// <summary>
    /// After a 401: asks the credential for a new token, once per call. Returns whether it has one,
    /// so the request is worth sending again.
    /// </summary>
    private async ValueTask<bool> RenewRejectedTokenAsync(Call call, CancellationToken cancellationToken)
    {
        if (call.TokenRenewed || call.SentToken is null)
            return false;
        call.TokenRenewed = true;
        return await _options.Credential.RenewAfterRejectionAsync(call.SentToken, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Checks a bearer token's form without ever echoing it.</summary>
internal static class BearerToken
{
    /// <summary>Throws <see cref="InvalidOperationException"/> when a token a credential gave could not be sent.</summary>
    /// <param name="token">The token to check.</param>
    /// <param name="source">Where the token came from, named in the message.</param>
    public static void EnsureValid(string? token, string source)
    {
        if (Problem(token, source) is { } problem)
            throw new InvalidOperationException(problem);
    }

    /// <summary>What is wrong with <paramref name="token"/>, or <see langword="null"/> when it can be sent as a bearer token.</summary>
    /// <param name="token">The token to check.</param>
    /// <param name="source">Where the token came from, named in the message.</param>
    public static string? Problem(string? token, string source)
    {
        if (string.IsNullOrWhiteSpace(token))
            return $"The access token from {source} is empty.";
        if (token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return $"The access token from {source} starts with \"Bearer \": give the token alone; the SDK adds the scheme.";
        foreach (var c in token)
        {
            // RFC 6750 b64token characters are visible ASCII; anything else (spaces, line breaks,
            // non-ASCII) would corrupt or split the header.
            if (c <= ' ' || c > '~')
                return $"The access token from {source} has a character that cannot be sent in a header (whitespace, a line break, a control or non-ASCII character); check that the whole token, and only it, was copied.";
        }
        return null;
    }
}
