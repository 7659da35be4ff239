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

    /// <summary>Answers a request for <c>/v5/ad_accounts/…</c>.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The URL path, still escaped.</param>
    /// <param name="audienceInsightType">The <c>audience_insight_type</c> query parameter, if any.</param>
    /// <param name="authorization">The <c>Authorization</c> header, if any.</param>
    public StubAnswer Answer(string method, string path, string? audienceInsightType, string? authorization)
    {
        Interlocked.Increment(ref _requests);
        if (Scenarios.Unauthorized || authorization != "Bearer " + AccessToken)
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
    /// <c>client_credentials</c> grant gets an app token and the <c>refresh_token</c> grant new tokens
    /// (the stub's access token either way, so calls made with it succeed).
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
        var grant = fields["grant_type"];
        if (grant is not ("client_credentials" or "refresh_token") || (grant == "refresh_token" && string.IsNullOrEmpty(fields["refresh_token"])))
            return Error(400, 1, "Unsupported or incomplete grant.");
        return new StubAnswer(200, Json(writer =>
        {
            writer.WriteStartObject();
            Property(writer, "access_token", AccessToken);
            Property(writer, "token_type", "bearer");
            Property(writer, "expires_in", 2_592_000);
            Property(writer, "scope", grant == "client_credentials" ? fields["scope"] ?? "ads:read" : "ads:read");
            if (grant == "refresh_token")
            {
                Property(writer, "refresh_token", fields["refresh_token"]);
                Property(writer, "refresh_token_expires_in", 5_184_000);
            }
            writer.WriteEndObject();
        }), Headers(null, null));
    }

    private static AudienceInsightType? ParseType(string value) => value switch
    {
        "YOUR_TOTAL_AUDIENCE" => AudienceInsightType.YourTotalAudience,
        "YOUR_ENGAGED_AUDIENCE" => AudienceInsightType.YourEngagedAudience,
        "PINTEREST_TOTAL_AUDIENCE" => AudienceInsightType.PinterestTotalAudience,
        _ => null,
    };

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

    public bool Unauthorized
    {
        get => _unauthorized;
        set => _unauthorized = value;
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
        lock (_gate)
        {
            _forbidden.Clear();
            (_failure, _remaining) = (null, null);
        }
    }
}
