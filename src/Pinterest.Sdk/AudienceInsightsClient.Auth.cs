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
        var token = await _options.Credential.GetAccessTokenAsync(_options.Metrics, cancellationToken).ConfigureAwait(false);
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
        return await _options.Credential.RenewAfterRejectionAsync(call.SentToken, _options.Metrics, cancellationToken).ConfigureAwait(false);
    }
}
