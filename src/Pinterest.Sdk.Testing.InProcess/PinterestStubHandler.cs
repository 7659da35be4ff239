using System.Net;
using System.Text;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// The <c>PinterestStubServer</c> (Pinterest.Sdk.Testing)'s answers without a server: an <see cref="HttpMessageHandler"/>
/// that serves the same sample data, checks and rate-limit budget in process, with no socket and no
/// start-up cost. Use it where a real socket does not matter (the CLI's sample mode, fast unit tests);
/// use <c>PinterestStubServer</c> (Pinterest.Sdk.Testing) to exercise the network.
/// </summary>
/// <example>
/// <code>
/// using var stub = new PinterestStubHandler();
/// var client = stub.CreateClient();
/// var insights = await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);
/// </code>
/// </example>
public sealed class PinterestStubHandler : HttpMessageHandler
{
    private readonly StubApi _api;
    private readonly HttpClient _httpClient;
    private readonly TimeProvider _clock;
    private long _delayTicks;

    /// <summary>Creates the handler.</summary>
    /// <param name="options">Token, accounts, data date, budget and clock; optional.</param>
    public PinterestStubHandler(PinterestStubServerOptions? options = null)
    {
        options ??= new PinterestStubServerOptions();
        _api = new StubApi(options);
        _clock = options.TimeProvider;
        _httpClient = new HttpClient(this, disposeHandler: false);
    }

    /// <summary>The base URL to give the SDK: <c>http://localhost/v5/</c> (nothing is sent there; this handler answers).</summary>
    public Uri BaseUrl { get; } = new("http://localhost/v5/");

    /// <summary>The access token the stub accepts.</summary>
    public string AccessToken => _api.AccessToken;

    /// <summary>The ad accounts the stub knows.</summary>
    public IReadOnlyList<string> AdAccountIds => _api.AdAccountIds;

    /// <summary>How many requests were answered 429 because the rate-limit budget was spent (not by <c>SimulateRateLimit</c>).</summary>
    public int ThrottledRequestCount => _api.ThrottledRequestCount;

    /// <summary>How many requests reached the handler.</summary>
    public int RequestCount => _api.RequestCount;

    /// <summary>Options for a client of this stub: its base URL and token, then <paramref name="configure"/>.</summary>
    /// <param name="configure">Further settings.</param>
    /// <returns>The options.</returns>
    public PinterestClientOptions ClientOptions(Action<PinterestClientOptions>? configure = null)
    {
        var options = new PinterestClientOptions { AccessToken = AccessToken, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client that sends through this handler.</summary>
    /// <param name="configure">Further settings.</param>
    /// <returns>The client.</returns>
    public AudienceInsightsClient CreateClient(Action<PinterestClientOptions>? configure = null) => new(_httpClient, ClientOptions(configure));

    /// <summary>From now on every request is refused with 401, as for an expired or revoked token.</summary>
    public void SimulateUnauthorized() => _api.Scenarios.Unauthorized = true;

    /// <summary>Requests for <paramref name="adAccountId"/> are refused with 403.</summary>
    /// <param name="adAccountId">The ad account.</param>
    public void SimulateForbiddenAccount(string adAccountId) => _api.Scenarios.Forbid(adAccountId);

    /// <summary>Spends today's budget: every request answers 429 with code 8 and a reset at midnight UTC, until <see cref="Reset"/>.</summary>
    public void SimulateDailyQuotaExhausted() => _api.SimulateDailyQuotaExhausted();

    /// <summary>Answers 429 with <c>Retry-After</c> to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="retryAfter">The wait to announce; sent in whole seconds, at least 1.</param>
    /// <param name="times">How many requests are throttled before the stub answers normally again.</param>
    public void SimulateRateLimit(TimeSpan retryAfter, int? times = null) => _api.SimulateRateLimit(retryAfter, times);

    /// <summary>Answers <paramref name="statusCode"/> (a 5xx) to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="times">How many requests fail before the stub answers normally again.</param>
    public void SimulateServerError(int statusCode = 503, int? times = null) => _api.SimulateServerError(statusCode, times);

    /// <summary>
    /// Delays every answer by <paramref name="delay"/>, measured on <see cref="PinterestStubServerOptions.TimeProvider"/>
    /// (a fake clock moves it on), to exercise timeouts and cancellation; <see cref="TimeSpan.Zero"/> ends it.
    /// </summary>
    /// <param name="delay">The delay before the response starts.</param>
    public void SimulateSlowResponses(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Volatile.Write(ref _delayTicks, delay.Ticks);
    }

    /// <summary>The authorization page stand-in redirects with <c>error=access_denied</c>, as when the user declines.</summary>
    public void SimulateAuthorizationDenied() => _api.Scenarios.AuthorizationDenied = true;

    /// <summary>The access tokens issued through the authorization-code flow so far are refused with 401 (revoked or expired); refreshing gets new ones.</summary>
    public void SimulateAccessTokensRevoked() => _api.RevokeIssuedAccessTokens();

    /// <summary>The refresh tokens issued through the authorization-code flow so far are refused (400), as when the user revokes the app.</summary>
    public void SimulateRefreshTokensRevoked() => _api.RevokeIssuedRefreshTokens();

    /// <summary>Ends every simulated scenario.</summary>
    public void Reset()
    {
        _api.Reset();
        Volatile.Write(ref _delayTicks, 0);
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        if (Volatile.Read(ref _delayTicks) is > 0 and var delay)
            await Task.Delay(TimeSpan.FromTicks(delay), _clock, cancellationToken).ConfigureAwait(false);
        var url = request.RequestUri ?? throw new ArgumentException("The request has no URL.", nameof(request));
        var authorization = request.Headers.Authorization?.ToString();
        StubAnswer answer;
        if (url.AbsolutePath == "/v5/oauth/token" && request.Method == HttpMethod.Post)
        {
            var form = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            answer = _api.IssueToken(form, authorization);
        }
        else if (url.AbsolutePath is "/oauth/" or "/oauth" && request.Method == HttpMethod.Get)
        {
            answer = _api.Authorize(url.Query);
        }
        else if (url.AbsolutePath.StartsWith("/v5/ad_accounts/", StringComparison.Ordinal))
        {
            var insightType = System.Web.HttpUtility.ParseQueryString(url.Query)["audience_insight_type"];
            answer = _api.Answer(request.Method.Method, url.AbsolutePath, insightType, authorization);
        }
        else
        {
            answer = new StubAnswer(404, """{"code":404,"message":"Not found."}""", []);
        }

        var contentType = answer.Headers.TryGetValue("Content-Type", out var type) ? type : "application/json";
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new StringContent(answer.Body, Encoding.UTF8),
        };
        response.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in answer.Headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)))
            response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _httpClient.Dispose();
        base.Dispose(disposing);
    }
}
