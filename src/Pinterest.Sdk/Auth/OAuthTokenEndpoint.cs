using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest's <c>POST /oauth/token</c>, for the refresh-token and client-credentials grants. It is
/// called directly rather than generated: it is a form post with Basic authentication that shares
/// nothing with the Audience Insights operations, and keeping it out of <c>openapi/</c> keeps the
/// generated surface to them.
/// </summary>
internal sealed class OAuthTokenEndpoint(HttpClient httpClient, Uri url, string clientId, string clientSecret, TimeSpan timeout, TimeProvider clock)
{
    private readonly AuthenticationHeaderValue _basic = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));

    public Uri Url => url;

    /// <summary>
    /// Exchanges a refresh token for new tokens. With <paramref name="continuousRefresh"/>, an app
    /// created before 25 September 2025 gets Pinterest's continuous refresh token (60 days,
    /// refreshable indefinitely) instead of the legacy one Pinterest no longer supports.
    /// </summary>
    public async Task<PinterestTokens> RefreshAsync(string refreshToken, bool continuousRefresh, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)];
        if (continuousRefresh)
            form.Add(new("continuous_refresh", "true"));
        var tokens = await RequestAsync(form, "Refreshing the Pinterest access token", cancellationToken).ConfigureAwait(false);
        var rotated = string.IsNullOrEmpty(tokens.RefreshToken) ? refreshToken : tokens.RefreshToken;
        return new PinterestTokens(tokens.AccessToken!, tokens.AccessTokenExpiresAt(clock), rotated, tokens.RefreshTokenExpiresAt(clock), tokens.Scope);
    }

    /// <summary>Gets an app token (no user involved) for <paramref name="scope"/>.</summary>
    public async Task<(string AccessToken, DateTimeOffset ExpiresAt)> ClientCredentialsAsync(string scope, CancellationToken cancellationToken)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "client_credentials"), new("scope", scope)];
        var tokens = await RequestAsync(form, "Getting a Pinterest app token (client credentials)", cancellationToken).ConfigureAwait(false);
        return (tokens.AccessToken!, tokens.AccessTokenExpiresAt(clock));
    }

    private async Task<TokenResponse> RequestAsync(List<KeyValuePair<string, string>> form, string what, CancellationToken cancellationToken)
    {
        using var timer = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = _basic;
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", SdkUserAgent.Value);

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Rejected(response, body, what);
            var tokens = TokenResponse.Read(body);
            if (tokens is not { AccessToken.Length: > 0, ExpiresIn: > 0 })
            {
                throw PinterestApiException.FromResponse(Details(response, body),
                    $"Pinterest's token endpoint answered HTTP {(int)response.StatusCode} without an access_token and expires_in. Request id: {AudienceInsightsClient.RequestId(response.Headers) ?? "(none)"}.");
            }
            return tokens;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var timedOut = timer.IsCancellationRequested;
            throw new PinterestNetworkException(timedOut
                ? $"{what} timed out after {timeout.TotalSeconds:0.###} s."
                : $"{what} failed before a response arrived: {e.Message}", timedOut, e);
        }
    }

    /// <summary>
    /// Pinterest refused the request: a 400 or 401 here means the refresh token or the app's
    /// credentials are no longer good, which the caller handles like any rejected token.
    /// </summary>
    private static PinterestApiException Rejected(HttpResponseMessage response, string body, string what)
    {
        var status = (int)response.StatusCode;
        var (code, message) = AudienceInsightsClient.ParseError(body);
        var requestId = AudienceInsightsClient.RequestId(response.Headers);
        var advice = status is 400 or 401
            ? " The app id and secret, or the refresh token, are no longer accepted: check the app's credentials, and if they are right, the user must authorize the app again to get a new refresh token."
            : "";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{what} failed with HTTP {status}{(message is null ? "" : ": " + message.TrimEnd('.'))}.{(code is null ? "" : $" Pinterest error code: {code}.")}{advice} Request id: {requestId ?? "(none)"}.");
        return PinterestApiException.FromResponse(Details(response, body) with { ErrorCode = code, ErrorMessage = message }, text, credentialRefused: true);
    }

    private static ResponseDetails Details(HttpResponseMessage response, string body) =>
        new((int)response.StatusCode, null, null, AudienceInsightsClient.RequestId(response.Headers), null, body, null, null);

    /// <summary>The fields of Pinterest's token response the SDK uses, read off the token stream.</summary>
    private sealed class TokenResponse
    {
        public string? AccessToken { get; private set; }
        public long? ExpiresIn { get; private set; }
        public string? RefreshToken { get; private set; }
        public long? RefreshTokenExpiresIn { get; private set; }
        public long? RefreshTokenExpiresAtUnix { get; private set; }
        public string? Scope { get; private set; }

        /// <summary>The response, or <see langword="null"/> when the body is not a JSON object.</summary>
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
                return parsed;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public DateTimeOffset AccessTokenExpiresAt(TimeProvider clock) => clock.GetUtcNow().AddSeconds(ExpiresIn ?? 0);

        public DateTimeOffset? RefreshTokenExpiresAt(TimeProvider clock) =>
            RefreshTokenExpiresAtUnix is { } at ? DateTimeOffset.FromUnixTimeSeconds(at)
            : RefreshTokenExpiresIn is { } inSeconds ? clock.GetUtcNow().AddSeconds(inSeconds)
            : null;

        private static long? ReadSeconds(JsonReader reader) => reader.ReadAsDouble() is { } seconds ? (long)seconds : null;
    }
}
