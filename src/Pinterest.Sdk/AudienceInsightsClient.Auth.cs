using System.Net.Http.Headers;
using Polly;

namespace Pinterest.Sdk;

// Authentication: every request carries "Authorization: Bearer <token>", set on the request itself
// (never on a shared HttpClient's DefaultRequestHeaders, which would leak it to other callers).
// When Pinterest answers 401, the credential may renew the token, and the attempt is sent once more.
public partial class AudienceInsightsClient
{
    /// <summary>One attempt, sent again once with a renewed token if Pinterest rejects the first. Never throws.</summary>
    private async Task<Outcome<T>> SendAttemptAsync<T>(Call call, CancellationToken callToken)
        where T : class, IJsonModel<T>
    {
        var outcome = await SendOnceAsync<T>(call, callToken).ConfigureAwait(false);
        var rejected = outcome.Exception is PinterestAuthenticationException && !call.RenewedToken && call.SentToken is not null;
        return rejected ? await RenewTokenAndResendAsync(call, outcome, callToken).ConfigureAwait(false) : outcome;
    }

    private async Task<Outcome<T>> RenewTokenAndResendAsync<T>(Call call, Outcome<T> rejected, CancellationToken callToken)
        where T : class, IJsonModel<T>
    {
        call.RenewedToken = true;
        try
        {
            if (!await _options.Credential.RenewAfterRejectionAsync(call.SentToken!, callToken).ConfigureAwait(false))
                return rejected;
        }
        catch (Exception e)
        {
            return Outcome.FromException<T>(e);
        }
        return await SendOnceAsync<T>(call, callToken).ConfigureAwait(false);
    }

    // The header for the token last sent: a token lives for days, so it is checked and built once.
    private AuthenticationHeaderValue? _bearer;

    private ValueTask AuthorizeAsync(Call call, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A credential usually has its token at hand (a fixed token, or one refreshed earlier): then
        // there is nothing to wait for, and no async state machine to build.
        var pending = _options.Credential.GetAccessTokenAsync(cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            Authorize(call, request, pending.Result);
            return default;
        }
        return AuthorizeWhenReadyAsync(call, request, pending);
    }

    private async ValueTask AuthorizeWhenReadyAsync(Call call, HttpRequestMessage request, ValueTask<string> pending) =>
        Authorize(call, request, await pending.ConfigureAwait(false));

    private void Authorize(Call call, HttpRequestMessage request, string token)
    {
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
}

/// <summary>Checks a bearer token's form without ever echoing it.</summary>
internal static class BearerToken
{
    /// <summary>Throws when <paramref name="token"/> is empty or could not travel in a header.</summary>
    /// <param name="token">The token to check.</param>
    /// <param name="source">Where the token came from, named in the message.</param>
    public static void EnsureValid(string? token, string source)
    {
        if (string.IsNullOrWhiteSpace(token))
            throw new InvalidOperationException($"{source} gave an empty access token.");
        foreach (var c in token)
        {
            // RFC 6750 b64token characters are visible ASCII; anything else (spaces, line breaks,
            // non-ASCII) would corrupt or split the header.
            if (c <= ' ' || c > '~')
                throw new InvalidOperationException($"{source} gave an access token with a character that cannot be sent in a header (whitespace, control or non-ASCII).");
        }
    }
}
