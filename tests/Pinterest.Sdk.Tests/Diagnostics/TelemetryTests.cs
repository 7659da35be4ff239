using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.Diagnostics;

public class TelemetryTests : StubbedClientTest
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private ActivityListener _listener = null!;
    private CapturingLoggerProvider _logs = null!;

    [SetUp]
    public void Listen()
    {
        _logs = new CapturingLoggerProvider();
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PinterestSdkDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    /// <summary>
    /// The spans of calls to this test's stub. The listener is process-wide, so calls other tests
    /// left running would otherwise show up here too.
    /// </summary>
    private List<Activity> StubSpans() =>
        _spans.Where(s => s.GetTagItem("server.port") is int port && port == Stub.BaseUrl.Port).ToList();

    private AudienceInsightsClient LoggingClient(int maxRetries = 0) => Stub.CreateClient(o =>
    {
        o.LoggerFactory = _logs;
        o.MaxRetries = maxRetries;
        o.RetryDelay = TimeSpan.FromMilliseconds(5);
    });

    [Test]
    public async Task A_call_is_one_client_span_with_the_http_semantic_attributes()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, "{}", ("x-pinterest-rid", "rid-span"));

        await LoggingClient().GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        var span = StubSpans().Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.DisplayName, Is.EqualTo("GET /ad_accounts/{ad_account_id}/audience_insights"));
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(span.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(span.GetTagItem("url.template"), Is.EqualTo("/ad_accounts/{ad_account_id}/audience_insights"));
            Assert.That(span.GetTagItem("url.full"), Is.EqualTo(new Uri(Stub.BaseUrl, $"ad_accounts/{AdAccountId}/audience_insights?audience_insight_type=YOUR_TOTAL_AUDIENCE").AbsoluteUri));
            Assert.That(span.GetTagItem("server.address"), Is.EqualTo(Stub.BaseUrl.Host));
            Assert.That(span.GetTagItem("server.port"), Is.EqualTo(Stub.BaseUrl.Port));
            Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(span.GetTagItem("pinterest.request_id"), Is.EqualTo("rid-span"));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public void A_failed_call_marks_its_span_as_an_error_with_the_resend_count()
    {
        Stub.RespondJson(AudiencesPath(AdAccountId), 503, """{"code": 1, "message": "down"}""");

        Assert.ThrowsAsync<PinterestServerException>(() => LoggingClient(maxRetries: 2).GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        var span = StubSpans().Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(span.GetTagItem("error.type"), Is.EqualTo("503"));
            Assert.That(span.GetTagItem("http.request.resend_count"), Is.EqualTo(2));
        });
    }

    [Test]
    public void A_call_with_no_answer_is_a_timeout_or_a_network_failure_in_the_span_and_the_log()
    {
        Stub.RespondWith(AudiencesPath(AdAccountId),
            WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromSeconds(2)));
        var slow = Stub.CreateClient(o =>
        {
            o.LoggerFactory = _logs;
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.Timeout = TimeSpan.FromMilliseconds(200);
        });

        Assert.ThrowsAsync<PinterestNetworkException>(() => slow.GetAudienceInsightsScopeAndTypeAsync(AdAccountId));

        Assert.Multiple(() =>
        {
            Assert.That(StubSpans().Single().GetTagItem("error.type"), Is.EqualTo("timeout"), "a value OpenTelemetry's conventions name");
            Assert.That(_logs.Events.Single(e => e.EventId == 3).Message, Does.Contain("failed (timeout) on attempt 1"));
        });
    }

    [Test]
    public async Task Logs_each_attempt_with_route_status_attempt_duration_and_request_id()
    {
        Stub.RespondInSequence(InsightsPath(AdAccountId),
            Json(429, """{"code": 8, "message": "slow down"}""", ("x-pinterest-rid", "rid-1")),
            Json(200, "{}", ("x-pinterest-rid", "rid-2")));

        await LoggingClient(maxRetries: 2).GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        var events = _logs.Events.ToList();
        Assert.That(events.Select(e => e.EventId), Is.EqualTo(new[] { 1, 2, 3, 1, 2 }), "send, answer, retry, send, answer");
        Assert.That(events, Has.All.Property(nameof(CapturingLoggerProvider.LogEvent.Category)).EqualTo("Pinterest.Sdk.AudienceInsightsClient"));
        var answered = events.Where(e => e.EventId == 2).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(answered[0].Values["Route"], Is.EqualTo("/ad_accounts/{ad_account_id}/audience_insights"));
            Assert.That(answered[0].Values["StatusCode"], Is.EqualTo(429));
            Assert.That(answered[0].Values["RequestId"], Is.EqualTo("rid-1"));
            Assert.That(answered[1].Values["StatusCode"], Is.EqualTo(200));
            Assert.That(answered[1].Values["Attempt"], Is.EqualTo(2));
            Assert.That(answered[1].Values["ElapsedMs"], Is.TypeOf<double>());
            Assert.That(events.Single(e => e.EventId == 3).Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(events.Single(e => e.EventId == 3).Message, Does.Contain("HTTP 429").And.Contain("attempt 1"));
        });
    }

    [Test]
    public void A_final_failure_is_logged_once_with_code_and_request_id()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 404, """{"code": 2950, "message": "no such account"}""", ("x-pinterest-rid", "rid-404"));

        Assert.ThrowsAsync<PinterestNotFoundException>(() => LoggingClient().GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        var failed = _logs.Events.Single(e => e.EventId == 4);
        Assert.That(failed.Values["ErrorCode"], Is.EqualTo(2950));
        Assert.That(failed.Values["RequestId"], Is.EqualTo("rid-404"));
        Assert.That(failed.Message, Does.Contain("HTTP 404"));
    }

    /// <summary>Every kind of failure a call can end in, made to happen on the stub.</summary>
    private static IEnumerable<TestCaseData> FailureKinds()
    {
        yield return new TestCaseData(401, TimeSpan.Zero).SetName("token refused (401)");
        yield return new TestCaseData(404, TimeSpan.Zero).SetName("not found (404)");
        yield return new TestCaseData(503, TimeSpan.Zero).SetName("server error after retries (503)");
        yield return new TestCaseData(200, TimeSpan.FromSeconds(2)).SetName("attempt timeout");
        yield return new TestCaseData(-1, TimeSpan.Zero).SetName("unreadable body");
    }

    [TestCaseSource(nameof(FailureKinds))]
    public void No_log_event_span_tag_span_status_or_exception_text_contains_the_token(int status, TimeSpan delay)
    {
        var response = WireMock.ResponseBuilders.Response.Create()
            .WithStatusCode(status < 0 ? 200 : status).WithHeader("Content-Type", "application/json")
            .WithBody(status < 0 ? "{\"size\": [" : $$"""{"code": 3, "message": "failure {{status}}"}""");
        if (delay > TimeSpan.Zero)
            response = response.WithDelay(delay);
        Stub.RespondWith(InsightsPath(AdAccountId), response);
        var client = Stub.CreateClient(o =>
        {
            o.LoggerFactory = _logs;
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromMilliseconds(10);
            o.Timeout = TimeSpan.FromMilliseconds(300);
        });

        var e = Assert.CatchAsync<PinterestApiException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        var spans = StubSpans();
        var everything = _logs.Events.Select(l => l.Message + string.Join("|", l.Values.Values))
            .Concat(spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")))
            .Concat(spans.Select(s => s.StatusDescription ?? ""))
            .Append(e!.ToString())
            .Append(client.ToString() ?? "")
            .ToList();
        Assert.That(spans.Select(s => s.StatusDescription), Has.Some.Not.Null, "the span's status carries the failure");
        Assert.That(everything, Has.None.Contains(Token));
    }

    [Test]
    public async Task A_span_the_listener_does_not_sample_records_nothing_and_the_call_still_works()
    {
        _listener.Dispose();
        using var declining = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PinterestSdkDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.None,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(declining);
        Stub.RespondJson(InsightsPath(AdAccountId), 200, """{"categories": []}""");

        var insights = await Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Categories, Is.Empty);
        Assert.That(StubSpans(), Is.Empty);
    }
}
