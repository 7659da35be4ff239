using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Newtonsoft.Json;

namespace Pinterest.Sdk;

/// <summary>
/// Pinterest's <c>POST /oauth/token</c> for the refresh-token grant. It is called directly rather than
/// generated: it is a form post with Basic authentication that shares nothing with the Audience
/// Insights operations, and keeping it out of <c>openapi/</c> keeps the generated surface to them.
/// </summary>
internal sealed class OAuthTokenEndpoint(HttpClient httpClient, Uri url, string clientId, string clientSecret, TimeSpan timeout, TimeProvider clock)
{
    private readonly AuthenticationHeaderValue _basic = new("Basic",
        Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + clientSecret)));

    public Uri Url => url;

    public async Task<PinterestTokens> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
    {
        using var timer = timeout == Timeout.InfiniteTimeSpan ? new CancellationTokenSource() : new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent(
            [
                new("grant_type", "refresh_token"),
                new("refresh_token", refreshToken),
            ]),
        };
        request.Headers.Authorization = _basic;
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", SdkUserAgent.Value);

        try
        {
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw Rejected(response, body);
            return Parse(response, body, refreshToken);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var timedOut = timer.IsCancellationRequested;
            throw new PinterestNetworkException(timedOut
                ? $"Refreshing the Pinterest access token timed out after {timeout.TotalSeconds:0.###} s."
                : $"Refreshing the Pinterest access token failed before a response arrived: {e.Message}", timedOut, e);
        }
    }

    private PinterestTokens Parse(HttpResponseMessage response, string body, string refreshTokenUsed)
    {
        var parsed = TokenResponse.Read(body);
        if (parsed is not { AccessToken: { Length: > 0 } access, ExpiresIn: > 0 })
        {
            throw PinterestApiException.FromResponse(Details(response, body),
                $"Pinterest's token endpoint answered HTTP {(int)response.StatusCode} without an access_token and expires_in. Request id: {RequestId(response) ?? "(none)"}.");
        }

        var now = clock.GetUtcNow();
        DateTimeOffset? refreshExpiresAt = parsed.RefreshTokenExpiresAt is { } at
            ? DateTimeOffset.FromUnixTimeSeconds(at)
            : parsed.RefreshTokenExpiresIn is { } inSeconds ? now.AddSeconds(inSeconds) : null;
        var rotated = string.IsNullOrEmpty(parsed.RefreshToken) ? refreshTokenUsed : parsed.RefreshToken;
        return new PinterestTokens(access, now.AddSeconds(parsed.ExpiresIn!.Value), rotated, refreshExpiresAt, parsed.Scope);
    }

    /// <summary>
    /// Pinterest refused the refresh: a 400 or 401 here means the refresh token or the app's
    /// credentials are no longer good, which the caller handles like any rejected token.
    /// </summary>
    private static PinterestApiException Rejected(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var (code, message) = AudienceInsightsClient.ParseError(body);
        var requestId = RequestId(response);
        var text = string.Create(CultureInfo.InvariantCulture,
            $"Refreshing the Pinterest access token failed with HTTP {status}{(message is null ? "" : ": " + message.TrimEnd('.'))}.{(code is null ? "" : $" Pinterest error code: {code}.")} Request id: {requestId ?? "(none)"}.");
        return PinterestApiException.FromResponse(Details(response, body) with { ErrorCode = code, ErrorMessage = message }, text, credentialRefused: true);
    }

    private static ResponseDetails Details(HttpResponseMessage response, string body) =>
        new((int)response.StatusCode, null, null, RequestId(response), null, body, null, null);

    private static string? RequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues(AudienceInsightsClient.RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;

    /// <summary>The fields of Pinterest's token response the SDK uses, read off the token stream.</summary>
    private sealed class TokenResponse
    {
        public string? AccessToken { get; private set; }
        public long? ExpiresIn { get; private set; }
        public string? RefreshToken { get; private set; }
        public long? RefreshTokenExpiresIn { get; private set; }
        public long? RefreshTokenExpiresAt { get; private set; }
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
                        case "refresh_token_expires_at": parsed.RefreshTokenExpiresAt = ReadSeconds(reader); break;
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

        private static long? ReadSeconds(JsonReader reader) => reader.ReadAsDouble() is { } seconds ? (long)seconds : null;
    }
}
