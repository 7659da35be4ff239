using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Newtonsoft.Json;

namespace Pinterest.Sdk.Testing;

/// <summary>
/// What the stub answers, whichever way requests reach it (<c>PinterestStubServer</c> (Pinterest.Sdk.Testing) over a
/// socket, <see cref="PinterestStubHandler"/> in process): the two routes with sample data, the token
/// endpoint, Pinterest's checks of the token and the ad account id, the rate-limit budget and the
/// simulated failures. Answers are written without reflection, so the Native AOT CLI can serve them.
/// </summary>
internal sealed partial class StubApi
{
    private readonly HashSet<string> _accounts;
    private readonly DateOnly _date;
    private readonly RateLimitBudget _budget;
    private readonly string _basicCredentials;
    private readonly string _clientId;
    private readonly UserGrants _grants = new();
    private int _tokenRequests;
    private int _throttled;
    private int _requests;

    public StubApi(PinterestStubServerOptions options)
    {
        AccessToken = options.AccessToken;
        AdAccountIds = [.. options.AdAccountIds];
        _accounts = [.. options.AdAccountIds];
        _date = options.DataDate ?? DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-1));
        _budget = new RateLimitBudget(options.CallsPerSecond, options.CallsPerMinute, options.CallsPerDay, options.TimeProvider, options.ReportRateLimitPolicies);
        _basicCredentials = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(options.ClientId + ":" + options.ClientSecret));
        _clientId = options.ClientId;
    }

    public string AccessToken { get; }

    public IReadOnlyList<string> AdAccountIds { get; }

    public Scenarios Scenarios { get; } = new();

    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    public int ThrottledRequestCount => Volatile.Read(ref _throttled);

    public int RequestCount => Volatile.Read(ref _requests);

    public void SimulateDailyQuotaExhausted() => _budget.ExhaustDay();

    public void SimulateRateLimit(TimeSpan retryAfter, int? times) =>
        Scenarios.Set(new Failure(429, 8, "Rate limit exceeded. Please try again later.", retryAfter), times);

    public void SimulateServerError(int statusCode, int? times)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        Scenarios.Set(new Failure(statusCode, 1, "Service unavailable. Please try again later.", null), times);
    }

    public void Reset()
    {
        Scenarios.Clear();
        _budget.Clear();
    }

    /// <summary>Every access token issued to a user so far stops working (401), as when Pinterest revokes or expires them.</summary>
    public void RevokeIssuedAccessTokens() => _grants.RevokeAccessTokens();

    /// <summary>Every refresh token issued so far is refused (400), as when the user revokes the app.</summary>
    public void RevokeIssuedRefreshTokens() => _grants.RevokeRefreshTokens();

    /// <summary>
    /// <c>GET /oauth/</c>, the stand-in for Pinterest's authorization page: checks the request as
    /// Pinterest does, then "the user approves" at once and it redirects to <c>redirect_uri</c> with a
    /// one-time code and the same <c>state</c> (or with <c>error=access_denied</c> after
    /// <see cref="Scenarios.AuthorizationDenied"/>). A request it refuses gets 400 and no redirect.
    /// </summary>
    /// <param name="query">The query string, with or without its leading <c>?</c>.</param>
    public StubAnswer Authorize(string? query)
    {
        Interlocked.Increment(ref _requests);
        var fields = System.Web.HttpUtility.ParseQueryString(query ?? "");
        if (fields["client_id"] != _clientId)
            return Page(400, "Unknown client_id.");
        if (!Uri.TryCreate(fields["redirect_uri"], UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https") || redirect.Fragment.Length > 0)
            return Page(400, "redirect_uri must be an absolute http or https URL without a fragment.");
        if (fields["response_type"] != "code")
            return Page(400, "response_type must be code.");
        if (!(fields["scope"] ?? "").Split(',').Contains("ads:read"))
            return Page(400, "scope must include ads:read.");
        if (string.IsNullOrEmpty(fields["state"]))
            return Page(400, "state is required.");

        var answer = Scenarios.AuthorizationDenied
            ? "error=access_denied&error_description=" + Uri.EscapeDataString("The user denied access.")
            : "code=" + _grants.NewCode(redirect.AbsoluteUri);
        var location = redirect.AbsoluteUri + (redirect.Query.Length > 1 ? "&" : "?") + answer + "&state=" + Uri.EscapeDataString(fields["state"]!);
        return new StubAnswer(302, "", new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Location"] = location, ["Content-Type"] = "text/plain" });
    }

    /// <summary>Answers a request for <c>/v5/ad_accounts/…</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The URL path, still escaped.</param>
    /// <param name="audienceInsightType">The <c>audience_insight_type</c> query parameter, if any.</param>
    /// <param name="authorization">The <c>Authorization</c> header, if any.</param>
    public StubAnswer Answer(string method, string path, string? audienceInsightType, string? authorization)
    {
        Interlocked.Increment(ref _requests);
        if (Scenarios.Unauthorized || !(authorization == "Bearer " + AccessToken || _grants.Accepts(authorization)))
            return Error(401, 2, "Authentication failed.");

        var route = Route().Match(path);
        if (!route.Success)
            return Error(404, 404, "Not found.");
        if (method != "GET")
            return Error(405, 405, "Method not allowed.");

        var adAccountId = Uri.UnescapeDataString(route.Groups["account"].Value);
        if (!AdAccountIdPattern().IsMatch(adAccountId) || adAccountId.Length > 18)
            return Error(400, 1, $"Invalid ad_account_id '{adAccountId}': it must be up to 18 digits.");

        if (Scenarios.Take() is { } failure)
            return Error(failure.Status, failure.Code, failure.Message, failure.RetryAfter);
        var (rateLimit, spentUntil) = _budget.Spend();
        if (spentUntil is not null)
        {
            Interlocked.Increment(ref _throttled);
            return Error(429, 8, "You have exceeded your rate limit. Try again later.", rateLimitHeaders: rateLimit);
        }

        if (Scenarios.IsForbidden(adAccountId))
            return Error(403, 29, "You are not permitted to access that resource.", rateLimitHeaders: rateLimit);
        if (!_accounts.Contains(adAccountId))
            return Error(404, 2950, $"Ad account {adAccountId} not found.", rateLimitHeaders: rateLimit);

        if (route.Groups["route"].Value == "insights/audiences")
            return Ok(SampleAudiences.Definitions(_date), rateLimit);

        if (audienceInsightType is null)
            return Error(400, 1, "Missing required parameter audience_insight_type.", rateLimitHeaders: rateLimit);
        if (ParseType(audienceInsightType) is not { } type)
            return Error(400, 1, $"Invalid audience_insight_type '{audienceInsightType}': expected YOUR_TOTAL_AUDIENCE, YOUR_ENGAGED_AUDIENCE or PINTEREST_TOTAL_AUDIENCE.", rateLimitHeaders: rateLimit);
        return Ok(SampleAudiences.Insights(adAccountId, type, _date), rateLimit);
    }

    /// <summary>
    /// <c>POST /v5/oauth/token</c>: with the app's id and secret (HTTP Basic), the
    /// <c>client_credentials</c> grant gets an app token; the <c>authorization_code</c> grant takes a
    /// code from <see cref="Authorize"/> once, with the same <c>redirect_uri</c>, and gets a user's own
    /// tokens; the <c>refresh_token</c> grant rotates such tokens (the old refresh token stops
    /// working) and, for any other refresh token, answers the stub's access token and the same refresh token.
    /// </summary>
    /// <param name="form">The form-encoded body.</param>
    /// <param name="authorization">The <c>Authorization</c> header, if any.</param>
    public StubAnswer IssueToken(string? form, string? authorization)
    {
        Interlocked.Increment(ref _tokenRequests);
        Interlocked.Increment(ref _requests);
        if (authorization != _basicCredentials)
            return Error(401, 2, "Authentication failed: wrong client id or secret.");
        var fields = System.Web.HttpUtility.ParseQueryString(form ?? "");
        switch (fields["grant_type"])
        {
            case "client_credentials":
                return Tokens(AccessToken, fields["scope"] ?? "ads:read", refreshToken: null);
            case "authorization_code":
                return _grants.Redeem(fields["code"], fields["redirect_uri"]) is { } issued
                    ? Tokens(issued.AccessToken, "ads:read", issued.RefreshToken)
                    : Error(400, 1, "Invalid authorization code: unknown, already used, or for another redirect_uri.");
            case "refresh_token" when !string.IsNullOrEmpty(fields["refresh_token"]):
                var refreshToken = fields["refresh_token"]!;
                if (!_grants.Issued(refreshToken))
                    return Tokens(AccessToken, "ads:read", refreshToken);
                return _grants.Rotate(refreshToken) is { } rotated
                    ? Tokens(rotated.AccessToken, "ads:read", rotated.RefreshToken)
                    : Error(400, 1, "Invalid refresh token: revoked, expired or already rotated.");
            default:
                return Error(400, 1, "Unsupported or incomplete grant.");
        }
    }

    private static AudienceInsightType? ParseType(string value) => value switch
    {
        "YOUR_TOTAL_AUDIENCE" => AudienceInsightType.YourTotalAudience,
        "YOUR_ENGAGED_AUDIENCE" => AudienceInsightType.YourEngagedAudience,
        "PINTEREST_TOTAL_AUDIENCE" => AudienceInsightType.PinterestTotalAudience,
        _ => null,
    };

    private static StubAnswer Tokens(string accessToken, string scope, string? refreshToken) =>
        new(200, Json(writer =>
        {
            writer.WriteStartObject();
            Property(writer, "access_token", accessToken);
            Property(writer, "token_type", "bearer");
            Property(writer, "expires_in", 2_592_000);
            Property(writer, "scope", scope);
            if (refreshToken is not null)
            {
                Property(writer, "refresh_token", refreshToken);
                Property(writer, "refresh_token_expires_in", 5_184_000);
            }
            writer.WriteEndObject();
        }), Headers(null, null));

    /// <summary>A plain-text answer of the authorization page stand-in.</summary>
    private static StubAnswer Page(int status, string text) =>
        new(status, text, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/plain; charset=utf-8" });

    private static StubAnswer Ok<T>(T body, Dictionary<string, string> rateLimit)
        where T : class, IJsonModel<T> =>
        new(200, Json(body.WriteJson), Headers(null, rateLimit));

    private static StubAnswer Error(int status, int code, string message, TimeSpan? retryAfter = null, Dictionary<string, string>? rateLimitHeaders = null) =>
        new(status, Json(writer =>
        {
            writer.WriteStartObject();
            Property(writer, "code", code);
            Property(writer, "message", message);
            writer.WriteEndObject();
        }), Headers(retryAfter, rateLimitHeaders));

    private static Dictionary<string, string> Headers(TimeSpan? retryAfter, Dictionary<string, string>? rateLimitHeaders)
    {
        var headers = new Dictionary<string, string>(rateLimitHeaders ?? [], StringComparer.OrdinalIgnoreCase)
        {
            ["x-pinterest-rid"] = Guid.NewGuid().ToString("N")[..16],
        };
        if (retryAfter is { } wait)
            headers["Retry-After"] = RateLimitBudget.Seconds(wait);
        return headers;
    }

    private static string Json(Action<JsonWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text))
            write(writer);
        return text.ToString();
    }

    private static void Property(JsonWriter writer, string name, string? value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    private static void Property(JsonWriter writer, string name, long value)
    {
        writer.WritePropertyName(name);
        writer.WriteValue(value);
    }

    [GeneratedRegex("^/v5/ad_accounts/(?<account>[^/]*)/(?<route>audience_insights|insights/audiences)$")]
    private static partial Regex Route();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex AdAccountIdPattern();
}

/// <summary>One answer of the stub: status, JSON body and headers (besides <c>Content-Type</c>).</summary>
internal sealed record StubAnswer(int Status, string Body, Dictionary<string, string> Headers);

/// <summary>A simulated failure: its status, Pinterest code and message, and <c>Retry-After</c>.</summary>
internal sealed record Failure(int Status, int Code, string Message, TimeSpan? RetryAfter);

/// <summary>The scenarios switched on; read by request threads, set by the test.</summary>
internal sealed class Scenarios
{
    private readonly object _gate = new();
    private readonly HashSet<string> _forbidden = [];
    private Failure? _failure;
    private int? _remaining;
    private volatile bool _unauthorized;
    private volatile bool _authorizationDenied;

    public bool Unauthorized
    {
        get => _unauthorized;
        set => _unauthorized = value;
    }

    /// <summary>Whether the authorization page stand-in answers as if the user clicked "Decline" (<c>error=access_denied</c>).</summary>
    public bool AuthorizationDenied
    {
        get => _authorizationDenied;
        set => _authorizationDenied = value;
    }

    public void Forbid(string adAccountId)
    {
        lock (_gate)
            _forbidden.Add(adAccountId);
    }

    public bool IsForbidden(string adAccountId)
    {
        lock (_gate)
            return _forbidden.Contains(adAccountId);
    }

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
        _unauthorized = false;
        _authorizationDenied = false;
        lock (_gate)
        {
            _forbidden.Clear();
            (_failure, _remaining) = (null, null);
        }
    }
}
