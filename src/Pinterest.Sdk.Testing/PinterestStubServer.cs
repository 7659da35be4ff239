using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
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
public sealed partial class PinterestStubServer : IDisposable
{
    /// <summary>The access token the stub accepts unless <see cref="PinterestStubServerOptions.AccessToken"/> says otherwise.</summary>
    public const string DefaultAccessToken = "pina_sample-access-token";

    /// <summary>The sample ad accounts the stub knows by default.</summary>
    public static IReadOnlyList<string> SampleAdAccountIds => SampleAudiences.AdAccountIds;

    private static readonly JsonSerializerSettings Json = new() { NullValueHandling = NullValueHandling.Ignore };
    private readonly WireMockServer _server;
    private readonly HashSet<string> _accounts;
    private readonly DateOnly _date;
    private readonly Scenarios _scenarios = new();
    private readonly RateLimitBudget _budget;
    private readonly string _basicCredentials;
    private int _tokenRequests;
    private Guid? _slowMapping;

    private PinterestStubServer(PinterestStubServerOptions options)
    {
        AccessToken = options.AccessToken;
        AdAccountIds = [.. options.AdAccountIds];
        _accounts = [.. options.AdAccountIds];
        _date = options.DataDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        _budget = new RateLimitBudget(options.CallsPerMinute, options.CallsPerDay, options.TimeProvider);
        _basicCredentials = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(options.ClientId + ":" + options.ClientSecret));
        _server = StartOnFreePort();
        BaseUrl = new Uri(_server.Url + "/v5/");
        _server.Given(AnyRoute()).AtPriority(10).RespondWith(Response.Create().WithCallback(Handle));
        _server.Given(Request.Create().WithPath("/v5/oauth/token").UsingPost()).AtPriority(10).RespondWith(Response.Create().WithCallback(IssueToken));
    }

    /// <summary>The stub's token endpoint, for <see cref="PinterestRefreshTokenOptions.TokenUrl"/> or <see cref="PinterestClientCredentialsOptions.TokenUrl"/>.</summary>
    public Uri TokenUrl => new(BaseUrl, "oauth/token");

    /// <summary>How many requests reached <see cref="TokenUrl"/>.</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    /// <summary>The base URL to give the SDK, such as <c>http://127.0.0.1:52311/v5/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The access token the stub accepts.</summary>
    public string AccessToken { get; }

    /// <summary>The ad accounts the stub knows.</summary>
    public IReadOnlyList<string> AdAccountIds { get; }

    /// <summary>How many requests reached the stub.</summary>
    public int RequestCount => _server.LogEntries.Count;

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
    public void SimulateUnauthorized() => _scenarios.Unauthorized = true;

    /// <summary>Requests for <paramref name="adAccountId"/> are refused with 403, as for an account the token's user may not read.</summary>
    /// <param name="adAccountId">The ad account.</param>
    public void SimulateForbiddenAccount(string adAccountId)
    {
        lock (_scenarios.Forbidden)
            _scenarios.Forbidden.Add(adAccountId);
    }

    /// <summary>Answers 429 with <c>Retry-After</c> to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="retryAfter">The wait to announce; sent in whole seconds, at least 1.</param>
    /// <param name="times">How many requests are throttled before the stub answers normally again.</param>
    public void SimulateRateLimit(TimeSpan retryAfter, int? times = null) =>
        _scenarios.Set(new Failure(429, 8, "Rate limit exceeded. Please try again later.", retryAfter), times);

    /// <summary>
    /// Spends today's budget, as a Trial app that made its 1,000 calls would have: every request
    /// answers 429 with code 8, no <c>Retry-After</c> and an <c>X-RateLimit-Reset</c> that runs to
    /// midnight UTC, until <see cref="Reset"/>.
    /// </summary>
    public void SimulateDailyQuotaExhausted() => _budget.ExhaustDay();

    /// <summary>Answers <paramref name="statusCode"/> (a 5xx) to the next <paramref name="times"/> requests (every request when null).</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="times">How many requests fail before the stub answers normally again.</param>
    public void SimulateServerError(int statusCode = 503, int? times = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        _scenarios.Set(new Failure(statusCode, 1, "Service unavailable. Please try again later.", null), times);
    }

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
        _scenarios.Clear();
        _budget.Clear();
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
        var authorization = request.Headers is { } h && h.TryGetValue("Authorization", out var values) ? values.FirstOrDefault() : null;
        if (_scenarios.Unauthorized || authorization != "Bearer " + AccessToken)
            return Error(401, 2, "Authentication failed.");

        var route = Route().Match(request.Path);
        if (!route.Success)
            return Error(404, 404, "Not found.");
        if (request.Method != "GET")
            return Error(405, 405, "Method not allowed.");

        var adAccountId = Uri.UnescapeDataString(route.Groups["account"].Value);
        if (!AdAccountIdPattern().IsMatch(adAccountId) || adAccountId.Length > 18)
            return Error(400, 1, $"Invalid ad_account_id '{adAccountId}': it must be up to 18 digits.");

        if (_scenarios.Take() is { } failure)
            return Error(failure.Status, failure.Code, failure.Message, failure.RetryAfter);
        var (rateLimit, spentUntil) = _budget.Spend();
        if (spentUntil is not null)
            return Error(429, 8, "You have exceeded your rate limit. Try again later.", rateLimitHeaders: rateLimit);

        bool forbidden;
        lock (_scenarios.Forbidden)
            forbidden = _scenarios.Forbidden.Contains(adAccountId);
        if (forbidden)
            return Error(403, 29, "You are not permitted to access that resource.", rateLimitHeaders: rateLimit);
        if (!_accounts.Contains(adAccountId))
            return Error(404, 2950, $"Ad account {adAccountId} not found.", rateLimitHeaders: rateLimit);

        if (route.Groups["route"].Value == "insights/audiences")
            return Ok(SampleAudiences.Definitions(_date), rateLimit);

        var typeName = request.Query is { } q && q.TryGetValue("audience_insight_type", out var types) ? types.FirstOrDefault() : null;
        if (typeName is null)
            return Error(400, 1, "Missing required parameter audience_insight_type.", rateLimitHeaders: rateLimit);
        if (ParseType(typeName) is not { } type)
            return Error(400, 1, $"Invalid audience_insight_type '{typeName}': expected YOUR_TOTAL_AUDIENCE, YOUR_ENGAGED_AUDIENCE or PINTEREST_TOTAL_AUDIENCE.", rateLimitHeaders: rateLimit);
        return Ok(SampleAudiences.Insights(adAccountId, type, _date), rateLimit);
    }

    private static AudienceInsightType? ParseType(string value) => value switch
    {
        "YOUR_TOTAL_AUDIENCE" => AudienceInsightType.YourTotalAudience,
        "YOUR_ENGAGED_AUDIENCE" => AudienceInsightType.YourEngagedAudience,
        "PINTEREST_TOTAL_AUDIENCE" => AudienceInsightType.PinterestTotalAudience,
        _ => null,
    };

    /// <summary>
    /// <c>POST /v5/oauth/token</c>: with the app's id and secret (HTTP Basic), the
    /// <c>client_credentials</c> grant gets an app token and the <c>refresh_token</c> grant new tokens
    /// (the stub's access token either way, so calls made with it succeed).
    /// </summary>
    private ResponseMessage IssueToken(IRequestMessage request)
    {
        Interlocked.Increment(ref _tokenRequests);
        var authorization = request.Headers is { } h && h.TryGetValue("Authorization", out var values) ? values.FirstOrDefault() : null;
        if (authorization != _basicCredentials)
            return Error(401, 2, "Authentication failed: wrong client id or secret.");
        var form = System.Web.HttpUtility.ParseQueryString(request.Body ?? "");
        return form["grant_type"] switch
        {
            "client_credentials" => Message(200, JsonConvert.SerializeObject(new
            {
                access_token = AccessToken, token_type = "bearer", expires_in = 2_592_000, scope = form["scope"] ?? "ads:read",
            }), null),
            "refresh_token" when !string.IsNullOrEmpty(form["refresh_token"]) => Message(200, JsonConvert.SerializeObject(new
            {
                access_token = AccessToken, token_type = "bearer", expires_in = 2_592_000, scope = "ads:read",
                refresh_token = form["refresh_token"], refresh_token_expires_in = 5_184_000,
            }), null),
            _ => Error(400, 1, "Unsupported or incomplete grant."),
        };
    }

    private static ResponseMessage Ok(object body, Dictionary<string, string> rateLimit) => Message(200, JsonConvert.SerializeObject(body, Json), null, rateLimit);

    private static ResponseMessage Error(int status, int code, string message, TimeSpan? retryAfter = null, Dictionary<string, string>? rateLimitHeaders = null) =>
        Message(status, JsonConvert.SerializeObject(new { code, message }), retryAfter, rateLimitHeaders);

    private static ResponseMessage Message(int status, string body, TimeSpan? retryAfter, Dictionary<string, string>? rateLimitHeaders = null)
    {
        var headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
        {
            ["Content-Type"] = new("application/json"),
            ["x-pinterest-rid"] = new(Guid.NewGuid().ToString("N")[..16]),
        };
        foreach (var (name, value) in rateLimitHeaders ?? [])
            headers[name] = new(value);
        if (retryAfter is { } wait)
            headers["Retry-After"] = new(RateLimitBudget.Seconds(wait));
        return new ResponseMessage
        {
            StatusCode = status,
            Headers = headers,
            BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = WireMock.Types.BodyType.String },
        };
    }

    private static WireMockServer StartOnFreePort()
    {
        // A port probed free can be taken before the stub binds it; try a few.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
                probe.Start();
                var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
                return WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], StartAdminInterface = false });
            }
            catch (Exception) when (attempt < 5)
            {
            }
        }
    }

    [GeneratedRegex("^/v5/ad_accounts/(?<account>[^/]*)/(?<route>audience_insights|insights/audiences)$")]
    private static partial Regex Route();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex AdAccountIdPattern();

    private sealed record Failure(int Status, int Code, string Message, TimeSpan? RetryAfter);

    /// <summary>The scenarios switched on; read by request threads, set by the test.</summary>
    private sealed class Scenarios
    {
        private readonly object _gate = new();
        private Failure? _failure;
        private int? _remaining;

        public volatile bool Unauthorized;

        public HashSet<string> Forbidden { get; } = [];

        public void Set(Failure failure, int? times)
        {
            if (times is < 1)
                throw new ArgumentOutOfRangeException(nameof(times), times, "times must be at least 1, or null for every request.");
            lock (_gate)
                (_failure, _remaining) = (failure, times);
        }

        /// <summary>The failure to answer with, counting it down; null when none is due.</summary>
        public Failure? Take()
        {
            lock (_gate)
            {
                if (_failure is null)
                    return null;
                var failure = _failure;
                if (_remaining is { } left && left <= 1)
                    (_failure, _remaining) = (null, null);
                else if (_remaining is not null)
                    _remaining--;
                return failure;
            }
        }

        public void Clear()
        {
            Unauthorized = false;
            lock (Forbidden)
                Forbidden.Clear();
            lock (_gate)
                (_failure, _remaining) = (null, null);
        }
    }
}
