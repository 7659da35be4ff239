using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// A local stand-in for the Pinterest REST API v5 Audience Insights endpoints, on 127.0.0.1 and a
/// free port. It answers both routes with realistic sample data for several ad accounts and all
/// three audience types, checks the access token and the ad account id as Pinterest does, counts a
/// per-minute (and optionally per-day) budget with v5's <c>X-RateLimit-*</c> headers and
/// <c>x-pinterest-rid</c> on every answer, issues tokens at <c>POST /v5/oauth/token</c>, and can be
/// switched into failure scenarios (unauthorized, forbidden account, rate limited, daily quota spent,
/// server error, slow).
/// </summary>
/// <remarks>
/// Error bodies are Pinterest's <c>{"code", "message"}</c>. The codes are representative, not a
/// promise about the live API: 1 (bad request, server error), 2 (authentication failed), 8 (rate
/// limited), 29 (not permitted), 2950 (ad account not found).
/// </remarks>
/// <example>
/// <code>
/// using var stub = PinterestStubServer.Start();
/// var client = stub.CreateClient();
/// var insights = await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);
/// stub.SimulateRateLimit(TimeSpan.FromSeconds(1), times: 1);   // the next call is throttled once
/// </code>
/// </example>
public sealed class PinterestStubServer : IDisposable
{
    /// <summary>The access token the stub accepts unless <see cref="PinterestStubServerOptions.AccessToken"/> says otherwise.</summary>
    public const string DefaultAccessToken = PinterestStubServerOptions.DefaultAccessToken;

    /// <summary>The sample ad accounts the stub knows by default.</summary>
    public static IReadOnlyList<string> SampleAdAccountIds => PinterestStubServerOptions.SampleAdAccountIds;

    private readonly WireMockServer _server;
    private readonly StubApi _api;
    private Guid? _slowMapping;

    private PinterestStubServer(PinterestStubServerOptions options)
    {
        _api = new StubApi(options);
        _server = StartOnFreePort();
        BaseUrl = new Uri(_server.Url + "/v5/");
        _server.Given(AnyRoute()).AtPriority(10).RespondWith(Response.Create().WithCallback(Handle));
        _server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithCallback(request => Message(_api.IssueToken(request.Body, Header(request, "Authorization")))));
        _server.Given(Request.Create().WithPath("/oauth/", "/oauth").UsingGet()).AtPriority(10)
            .RespondWith(Response.Create().WithCallback(request => Message(_api.Authorize(new Uri(request.AbsoluteUrl).Query))));
    }

    /// <summary>
    /// The stand-in for Pinterest's authorization page (<c>http://127.0.0.1:port/oauth/</c>), for
    /// <see cref="PinterestAuthorizationCodeOptions.AuthorizationUrl"/>: it checks <c>client_id</c>,
    /// <c>redirect_uri</c>, <c>response_type</c> and <c>scope</c> as Pinterest does, and, as if the
    /// user approved, redirects (302) to <c>redirect_uri</c> with a code <see cref="TokenUrl"/> accepts
    /// once and the request's <c>state</c>. Follow it with an <see cref="HttpClient"/>, as a browser would.
    /// </summary>
    public Uri AuthorizationUrl => new(BaseUrl, "/oauth/");

    /// <summary>The stub's token endpoint, for any credential's <see cref="PinterestTokenCredentialOptions.TokenUrl"/>.</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth/token");

    /// <summary>The authorization page stand-in redirects with <c>error=access_denied</c>, as when the user declines.</summary>
    public void SimulateAuthorizationDenied() => _api.Scenarios.AuthorizationDenied = true;

    /// <summary>The access tokens issued through the authorization-code flow so far are refused with 401 (revoked or expired); refreshing gets new ones.</summary>
    public void SimulateAccessTokensRevoked() => _api.RevokeIssuedAccessTokens();

    /// <summary>The refresh tokens issued through the authorization-code flow so far are refused (400), as when the user revokes the app.</summary>
    public void SimulateRefreshTokensRevoked() => _api.RevokeIssuedRefreshTokens();

    /// <summary>How many requests reached <see cref="TokenUrl"/>.</summary>
    public int TokenRequestCount => _api.TokenRequestCount;

    /// <summary>The base URL to give the SDK, such as <c>http://127.0.0.1:52311/v5/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The access token the stub accepts.</summary>
    public string AccessToken => _api.AccessToken;

    /// <summary>The ad accounts the stub knows.</summary>
    public IReadOnlyList<string> AdAccountIds => _api.AdAccountIds;

    /// <summary>How many requests were answered 429 because the rate-limit budget was spent (not by <c>SimulateRateLimit</c>).</summary>
    public int ThrottledRequestCount => _api.ThrottledRequestCount;

    /// <summary>How many requests reached the stub.</summary>
    public int RequestCount => _api.RequestCount;

    /// <summary>Starts a stub on a free loopback port.</summary>
    /// <param name="options">Token, accounts and data date; optional.</param>
    /// <returns>The running stub; dispose it to stop it.</returns>
    public static PinterestStubServer Start(PinterestStubServerOptions? options = null) => new(options ?? new PinterestStubServerOptions());

    /// <summary>Options for a client of this stub: its base URL and token, then <paramref name="configure"/>.</summary>
    /// <param name="configure">Further settings, such as <see cref="PinterestClientOptions.MaxRetries"/>.</param>
    /// <returns>The options.</returns>
    public PinterestClientOptions ClientOptions(Action<PinterestClientOptions>? configure = null)
    {
        var options = new PinterestClientOptions { AccessToken = AccessToken, BaseUrl = BaseUrl };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A client of this stub.</summary>
    /// <param name="configure">Further settings, such as <see cref="PinterestClientOptions.MaxRetries"/>.</param>
    /// <returns>The client.</returns>
    public AudienceInsightsClient CreateClient(Action<PinterestClientOptions>? configure = null) => new(ClientOptions(configure));

    /// <summary>From now on every request is refused with 401, as for an expired or revoked token.</summary>
    public void SimulateUnauthorized() => _api.Scenarios.Unauthorized = true;

    /// <summary>Requests for <paramref name="adAccountId"/> are refused with 403, as for an account the token's user may not read.</summary>
    /// <param name="adAccountId">The ad account.</param>
    public void SimulateForbiddenAccount(string adAccountId) => _api.Scenarios.Forbid(adAccountId);

    /// <summary>Answers 429 with <c>Retry-After</c> to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="retryAfter">The wait to announce; sent in whole seconds, at least 1.</param>
    /// <param name="times">How many requests are throttled before the stub answers normally again.</param>
    public void SimulateRateLimit(TimeSpan retryAfter, int? times = null) => _api.SimulateRateLimit(retryAfter, times);

    /// <summary>
    /// Spends today's budget, as a Trial app that made its 1,000 calls would have: every request
    /// answers 429 with code 8, no <c>Retry-After</c> and an <c>X-RateLimit-Reset</c> that runs to
    /// midnight UTC, until <see cref="Reset"/>.
    /// </summary>
    public void SimulateDailyQuotaExhausted() => _api.SimulateDailyQuotaExhausted();

    /// <summary>Answers <paramref name="statusCode"/> (a 5xx) to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="times">How many requests fail before the stub answers normally again.</param>
    public void SimulateServerError(int statusCode = 503, int? times = null) => _api.SimulateServerError(statusCode, times);

    /// <summary>Delays every answer by <paramref name="delay"/>, to exercise timeouts and cancellation.</summary>
    /// <param name="delay">The delay before the response starts.</param>
    public void SimulateSlowResponses(TimeSpan delay)
    {
        if (_slowMapping is { } old)
            _server.DeleteMapping(old);
        _slowMapping = Guid.NewGuid();
        _server.Given(AnyRoute()).WithGuid(_slowMapping.Value).AtPriority(1)
            .RespondWith(Response.Create().WithDelay(delay).WithCallback(Handle));
    }

    /// <summary>Ends every simulated scenario: the stub answers normally again.</summary>
    public void Reset()
    {
        _api.Reset();
        if (_slowMapping is { } slow)
            _server.DeleteMapping(slow);
        _slowMapping = null;
    }

    /// <summary>Stops the stub.</summary>
    public void Dispose() => _server.Stop();

    private static IRequestBuilder AnyRoute() =>
        Request.Create().WithPath(new WildcardMatcher("/v5/ad_accounts/*")).UsingAnyMethod();

    private ResponseMessage Handle(IRequestMessage request)
    {
        var type = request.Query is { } q && q.TryGetValue("audience_insight_type", out var types) ? types.FirstOrDefault() : null;
        return Message(_api.Answer(request.Method, request.Path, type, Header(request, "Authorization")));
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    private static ResponseMessage Message(StubAnswer answer)
    {
        var headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") };
        foreach (var (name, value) in answer.Headers)
            headers[name] = new(value);
        return new ResponseMessage
        {
            StatusCode = answer.Status,
            Headers = headers,
            BodyData = new WireMock.Util.BodyData { BodyAsString = answer.Body, DetectedBodyType = WireMock.Types.BodyType.String },
        };
    }

    /// <summary>
    /// A WireMock server on a free loopback port: the one place a stub binds a port (the SDK's own test
    /// stubs start theirs here too). A port probed free can be taken before the server binds it; try a few.
    /// </summary>
    /// <param name="keepRequestLog">Whether WireMock keeps its request log (it grows with every request).</param>
    internal static WireMockServer StartOnFreePort(bool keepRequestLog = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
                probe.Start();
                var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                return WireMockServer.Start(new WireMockServerSettings
                {
                    Urls = [$"http://127.0.0.1:{port}"],
                    StartAdminInterface = false,
                    MaxRequestLogCount = keepRequestLog ? null : 0,
                });
            }
            catch (Exception) when (attempt < 5)
            {
            }
        }
    }
}
