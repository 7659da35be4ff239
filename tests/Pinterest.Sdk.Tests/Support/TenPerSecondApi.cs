using System.Globalization;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace Pinterest.Sdk.Tests.Support;

/// <summary>
/// An API that allows <see cref="PerSecond"/> requests in each clock second and says so only through
/// <c>X-RateLimit-Limit</c> (a single number), <c>-Remaining</c> and <c>-Reset</c> (whole seconds,
/// rounded up): no policies, no <c>Retry-After</c> on its 429s. Accounts it does not know answer 404.
/// </summary>
internal sealed class TenPerSecondApi : IDisposable
{
    public const int PerSecond = 10;
    private const string Insights = """{"type":"YOUR_TOTAL_AUDIENCE","date":"2026-11-22","size":120000,"size_is_upper_bound":true,"categories":[{"key":"918530398158","name":"home decor","ratio":0.41,"index":1.2}],"demographics":{"ages":[{"key":"18-24","name":"18-24","ratio":0.6},{"key":"25-34","name":"25-34","ratio":0.4}]}}""";
    private readonly WireMockServer _server;
    private readonly HashSet<string> _accounts;
    private readonly object _gate = new();
    private long _second;
    private int _used;
    private int _requests;
    private int _throttled;

    public TenPerSecondApi(IEnumerable<string> accounts, string token)
    {
        _accounts = [.. accounts];
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{PinterestApiStub.FreeLoopbackPort()}"], StartAdminInterface = false, MaxRequestLogCount = 0 });
        _server.Given(Request.Create().WithPath(new WildcardMatcher("/v5/ad_accounts/*")).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => Answer(request, token)));
    }

    public Uri BaseUrl => new(_server.Url + "/v5/");

    public int RequestCount => Volatile.Read(ref _requests);

    public int ThrottledCount => Volatile.Read(ref _throttled);

    public void Dispose() => _server.Stop();

    private ResponseMessage Answer(IRequestMessage request, string token)
    {
        Interlocked.Increment(ref _requests);
        var now = DateTimeOffset.UtcNow;
        int remaining;
        lock (_gate)
        {
            var second = now.ToUnixTimeSeconds();
            if (second != _second)
                (_second, _used) = (second, 0);
            remaining = PerSecond - _used;
            if (remaining > 0)
                _used++;
        }
        var reset = (int)Math.Ceiling(1 - now.ToUnixTimeMilliseconds() % 1000 / 1000.0);
        var headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
        {
            ["Content-Type"] = new("application/json"),
            ["X-RateLimit-Limit"] = new(PerSecond.ToString(CultureInfo.InvariantCulture)),
            ["X-RateLimit-Remaining"] = new(Math.Max(0, remaining - 1).ToString(CultureInfo.InvariantCulture)),
            ["X-RateLimit-Reset"] = new(reset.ToString(CultureInfo.InvariantCulture)),
        };
        string body;
        int status;
        var account = request.Path.Split('/')[3];
        if (request.Headers?["Authorization"].FirstOrDefault() != "Bearer " + token)
            (status, body) = (401, """{"code":2,"message":"Authentication failed."}""");
        else if (remaining <= 0)
        {
            Interlocked.Increment(ref _throttled);
            (status, body) = (429, """{"code":8,"message":"Rate limit exceeded."}""");
        }
        else if (!_accounts.Contains(account))
            (status, body) = (404, $$"""{"code":2950,"message":"Ad account {{account}} not found."}""");
        else
            (status, body) = (200, Insights);
        return new ResponseMessage
        {
            StatusCode = status,
            Headers = headers,
            BodyData = new WireMock.Util.BodyData { BodyAsString = body, DetectedBodyType = WireMock.Types.BodyType.String },
        };
    }
}
