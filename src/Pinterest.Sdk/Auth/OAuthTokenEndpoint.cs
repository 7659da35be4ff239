using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest's <c>POST /oauth/token</c>, for the authorization-code, refresh-token and
/// client-credentials grants. It is
/// called directly rather than generated: it is a form post with Basic authentication that shares
/// nothing with the Audience Insights operations, and keeping it out of <c>openapi/</c> keeps the
/// generated surface to them. Its exchange is guarded as an API call's is: the timeout on the
/// credential's clock, a capped asynchronous body read, a span and log events (never with the
/// form, which holds the secrets), and an answer it cannot use is a <see cref="PinterestApiException"/>
/// that says why without quoting a token. Each exchange records on the meter of the client whose call
/// needed the token (<see cref="SdkMetrics"/>), handed in by the caller: the credential that owns this
/// endpoint is shared by clients on different meters, and is often built before any of them.
/// </summary>
internal sealed class OAuthTokenEndpoint(HttpClient httpClient, Uri url, string clientId, string clientSecret, TimeSpan timeout, TimeProvider clock, ILogger logger)
{
    /// <summary>The route named in spans and logs.</summary>
    private const string Route = "/oauth/token";

    // A token answer is a few hundred bytes; a gateway page or a hostile answer is cut here.
    private const int MaxBodyBytes = 64 * 1024;

    // Pinterest's tokens live for days (access) or a year (refresh); a lifetime beyond this is not one.
    private static readonly TimeSpan LongestLifetime = TimeSpan.FromDays(10 * 366);

    private readonly AuthenticationHeaderValue _basic = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));

    public Uri Url => url;

    /// <summary>
    /// Exchanges a refresh token for new tokens. With <paramref name="continuousRefresh"/>, an app
    /// created before 25 September 2025 gets Pinterest's continuous refresh token (60 days,
    /// refreshable indefinitely) instead of the legacy one Pinterest no longer supports.
    /// </summary>
    public async Task<PinterestTokens> RefreshAsync(string refreshToken, bool continuousRefresh, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];
        if (continuousRefresh)
            form.Add(new("continuous_refresh", "true"));
        var tokens = await RequestAsync(form, "Refreshing the Pinterest access token", metrics, cancellationToken).ConfigureAwait(false);
        var rotated = string.IsNullOrEmpty(tokens.RefreshToken) ? refreshToken : tokens.RefreshToken;
        return new PinterestTokens(tokens.AccessToken!, tokens.AccessTokenExpiresAt(clock), rotated, tokens.RefreshTokenExpiresAt(clock), tokens.Scope);
    }

    /// <summary>
    /// Exchanges the code Pinterest's redirect brought for the user's tokens (the second step of the
    /// authorization-code flow). <paramref name="redirectUri"/> must be the one the authorization URL named.
    /// </summary>
    public async Task<PinterestTokens> AuthorizationCodeAsync(string code, Uri redirectUri, bool continuousRefresh, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri.AbsoluteUri)];
        if (continuousRefresh)
            form.Add(new("continuous_refresh", "true"));
        var tokens = await RequestAsync(form, "Exchanging the authorization code for Pinterest tokens", metrics, cancellationToken, needsRefreshToken: true).ConfigureAwait(false);
        return new PinterestTokens(tokens.AccessToken!, tokens.AccessTokenExpiresAt(clock), tokens.RefreshToken!, tokens.RefreshTokenExpiresAt(clock), tokens.Scope);
    }

    /// <summary>Gets an app token (no user involved) for <paramref name="scope"/>.</summary>
    public async Task<(string AccessToken, DateTimeOffset ExpiresAt)> ClientCredentialsAsync(string scope, SdkMetrics metrics, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "client_credentials"), new("scope", scope)];
        var tokens = await RequestAsync(form, "Getting a Pinterest app token (client credentials)", metrics, cancellationToken).ConfigureAwait(false);
        return (tokens.AccessToken!, tokens.AccessTokenExpiresAt(clock));
    }

    /// <summary>One exchange with its telemetry: every way it can fail ends as a <see cref="PinterestApiException"/>, recorded here.</summary>
    private async Task<TokenResponse> RequestAsync(List<KeyValuePair<string, string>> form, string what, SdkMetrics metrics, CancellationToken cancellationToken, bool needsRefreshToken = false)
    {
        using var telemetry = CallTelemetry.Start(metrics, logger, clock, HttpMethod.Post, url, Route);
        var grant = form[0].Value;
        try
        {
            var tokens = await ExchangeAsync(form, what, telemetry, needsRefreshToken, cancellationToken).ConfigureAwait(false);
            metrics.TokenRequested(grant, null);
            return tokens;
        }
        catch (PinterestApiException e)
        {
            telemetry.Failed(e);
            metrics.TokenRequested(grant, e);
            throw;
        }
    }

    /// <summary>Posts the form and reads a usable answer; a failure of any kind becomes a <see cref="PinterestApiException"/> that says which.</summary>
    private async Task<TokenResponse> ExchangeAsync(List<KeyValuePair<string, string>> form, string what, CallTelemetry telemetry, bool needsRefreshToken, CancellationToken cancellationToken)
    {
        using var attempt = TimeoutScope.Start(timeout, clock, cancellationToken);
        using var request = HttpTransport.Request(HttpMethod.Post, url);
        new Redirects.GuardedContent(form).SendOnlyWith(request);
        request.Headers.Authorization = _basic;
        try
        {
            telemetry.Sending();
            using var response = await HttpTransport.SendAsync(httpClient, request, attempt.Token).ConfigureAwait(false);
            telemetry.Received(response);
            if (Redirects.Target(response, url) is { } target)
                throw Redirected(response, target, what);
            using var stream = await response.Content.ReadAsStreamAsync(attempt.Token).ConfigureAwait(false);
            var declared = response.Content.Headers.ContentLength;
            if (!response.IsSuccessStatusCode || declared > MaxBodyBytes)
            {
                // A failure's body only describes it: whatever arrives at once, never a wait for more.
                using var start = await ResponseBody.ReadStartAsync(stream, PinterestErrorBody.MaxBytes, clock, attempt.Token).ConfigureAwait(false);
                throw response.IsSuccessStatusCode
                    ? Unusable(response, start.ToText(PinterestErrorBody.MaxBytes), $"with a body over {MaxBodyBytes / 1024} KiB")
                    : Rejected(response, start.ToText(PinterestErrorBody.MaxBytes), what);
            }
            using var read = await ResponseBody.ReadAsync(stream, declared, MaxBodyBytes, attempt.Token).ConfigureAwait(false);
            var body = read.ToText(MaxBodyBytes);
            if (read.Length > MaxBodyBytes)
                throw Unusable(response, body, $"with a body over {MaxBodyBytes / 1024} KiB");
            var tokens = Usable(TokenResponse.Read(body), response, body);
            if (needsRefreshToken && string.IsNullOrEmpty(tokens.RefreshToken))
                throw Unusable(response, body, "without a refresh_token");
            return tokens;
        }
        catch (Exception e) when (RedirectRefusedException.In(e) is { } refused)
        {
            // A redirect-following HttpClient was about to re-post the form elsewhere; it was stopped.
            throw PinterestApiException.FromResponse(new ResponseDetails(0, null, null, null, null, null, null, null),
                Redirects.Refused(what, url, refused.Target, "the token URL"), innerException: e);
        }
        catch (Exception e) when (HttpTransport.IsFailure(e, cancellationToken))
        {
            throw HttpTransport.Failure(what, e, attempt.TimedOut, timeout);
        }
    }

    /// <summary>An answer from somewhere other than the token URL: its tokens are not taken.</summary>
    private PinterestApiException Redirected(HttpResponseMessage response, Uri target, string what) =>
        PinterestApiException.FromResponse(Details(response, ""), Redirects.Refused(what, url, target, "the token URL"));

    /// <summary>The answer, if its tokens can be sent and its lifetimes are lifetimes; else why not.</summary>
    private TokenResponse Usable(TokenResponse? tokens, HttpResponseMessage response, string body)
    {
        if (tokens is null)
            throw Unusable(response, body, "with a body that is not one JSON object (only whitespace may follow it)");
        if (tokens is not { AccessToken.Length: > 0, ExpiresIn: not null })
            throw Unusable(response, body, "without an access_token and expires_in");
        if (BearerToken.Problem(tokens.AccessToken, "the token endpoint") is not null)
            throw Unusable(response, body, "with an access_token that cannot be sent in a header (whitespace, a line break, a control or non-ASCII character)");
        if (tokens.RefreshToken is { Length: > 0 } refresh && !BearerToken.IsWellFormed(refresh))
            throw Unusable(response, body, "with a refresh_token that cannot be stored and sent back (whitespace, a line break, a control or non-ASCII character)");
        if (!IsLifetime(tokens.ExpiresIn))
            throw Unusable(response, body, $"with an expires_in of {tokens.ExpiresIn} seconds, which is not a token's lifetime");
        if (tokens.RefreshTokenExpiresIn is { } refreshIn && !IsLifetime(refreshIn))
            throw Unusable(response, body, $"with a refresh_token_expires_in of {refreshIn} seconds, which is not a token's lifetime");
        if (tokens.RefreshTokenExpiresAtUnix is { } at && !IsLifetime(at - clock.GetUtcNow().ToUnixTimeSeconds()))
            throw Unusable(response, body, $"with a refresh_token_expires_at of {at}, which is not a time within a token's lifetime");
        return tokens;
    }

    private static bool IsLifetime(double? seconds) => seconds is > 0 and var s && s <= LongestLifetime.TotalSeconds;

    /// <summary>A 2xx answer the SDK cannot use; the body goes on the exception with its tokens hidden.</summary>
    private static PinterestApiException Unusable(HttpResponseMessage response, string body, string problem) =>
        PinterestApiException.FromResponse(Details(response, Redacted(body)), string.Create(CultureInfo.InvariantCulture,
            $"Pinterest's token endpoint answered HTTP {(int)response.StatusCode} {problem}. Request id: {PinterestRequestId.Of(response.Headers) ?? "(none)"}."));

    /// <summary><paramref name="body"/> with the value of every <c>*token</c> field replaced, when it is JSON.</summary>
    private static string Redacted(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "(\"[a-z_]*token\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?", "$1\"(redacted)\"");

    /// <summary>
    /// Pinterest refused the request: a 400 or 401 here means the refresh token or the app's
    /// credentials are no longer good, which the caller handles like any rejected token.
    /// </summary>
    private static PinterestApiException Rejected(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        var (code, message) = PinterestErrorBody.Parse(body);
        var requestId = PinterestRequestId.Of(response.Headers);
        var advice = status is 400 or 401
            ? " The app id and secret, or the refresh token, are no longer accepted: check the app's credentials, and if they are right, the user must authorize the app again to get a new refresh token."
            : "";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{what} failed with HTTP {status}{(message is null ? "" : ": " + message.TrimEnd('.'))}.{(code is null ? "" : $" Pinterest error code: {code}.")}{advice} Request id: {requestId ?? "(none)"}.");
        return PinterestApiException.FromResponse(Details(response, body) with { ErrorCode = code, ErrorMessage = message }, text, credentialRefused: true);
    }

    // The body kept on an exception is cut where an API call's error body is.
    private static ResponseDetails Details(HttpResponseMessage response, string body) =>
        new((int)response.StatusCode, null, null, PinterestRequestId.Of(response.Headers), null,
            PinterestErrorBody.Kept(body), null, null);

    /// <summary>The fields of Pinterest's token response the SDK uses, read off the token stream.</summary>
    private sealed class TokenResponse
    {
        public string? AccessToken { get; private set; }
        public double? ExpiresIn { get; private set; }
        public string? RefreshToken { get; private set; }
        public double? RefreshTokenExpiresIn { get; private set; }
        public double? RefreshTokenExpiresAtUnix { get; private set; }
        public string? Scope { get; private set; }

        /// <summary>The response, or <see langword="null"/> when the body is not one JSON object.</summary>
        public static TokenResponse? Read(string body)
        {
            try
            {
                using var reader = new JsonTextReader(new StringReader(body)) { DateParseHandling = DateParseHandling.None };
                if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
                    return null;
                var parsed = new TokenResponse();
                while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
                {
                    switch ((string)reader.Value!)
                    {
                        case "access_token": parsed.AccessToken = reader.ReadAsString(); break;
                        case "expires_in": parsed.ExpiresIn = ReadSeconds(reader); break;
                        case "refresh_token": parsed.RefreshToken = reader.ReadAsString(); break;
                        case "refresh_token_expires_in": parsed.RefreshTokenExpiresIn = ReadSeconds(reader); break;
                        case "refresh_token_expires_at": parsed.RefreshTokenExpiresAtUnix = ReadSeconds(reader); break;
                        case "scope": parsed.Scope = reader.ReadAsString(); break;
                        default: reader.Skip(); break;
                    }
                }
                return reader.TokenType == JsonToken.EndObject && JsonValues.AfterValue(reader, out _) is null ? parsed : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // Checked by Usable first: every lifetime is within LongestLifetime, so no date overflows.
        public DateTimeOffset AccessTokenExpiresAt(TimeProvider clock) => clock.GetUtcNow().AddSeconds(ExpiresIn ?? 0);

        public DateTimeOffset? RefreshTokenExpiresAt(TimeProvider clock) =>
            RefreshTokenExpiresAtUnix is { } at ? DateTimeOffset.FromUnixTimeSeconds((long)at)
            : RefreshTokenExpiresIn is { } inSeconds ? clock.GetUtcNow().AddSeconds(inSeconds)
            : null;

        // Read as every number the SDK reads: from its text, without a box (JsonValues).
        private static double? ReadSeconds(JsonReader reader)
        {
            JsonValues.Read(reader, out double? seconds);
            return seconds;
        }
    }
}
