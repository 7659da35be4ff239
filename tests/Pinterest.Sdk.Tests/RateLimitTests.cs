using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

public class RateLimitTests : StubbedClientTest
{
    [Test]
    public async Task Successful_calls_expose_the_rate_limit_headers_on_theClient()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, "{}",
            (PinterestRateLimit.LimitHeader, "1000"), (PinterestRateLimit.RemainingHeader, "998"));
        var client = Stub.CreateClient();
        Assert.That(client.RateLimit, Is.Null, "nothing is known before the first call");

        await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(client.RateLimit!.Limit, Is.EqualTo(1000));
        Assert.That(client.RateLimit.Remaining, Is.EqualTo(998));
        Assert.That(client.RateLimit.RetryAfter, Is.Null);
    }

    [Test]
    public async Task TheClient_keeps_the_latest_state()
    {
        Stub.RespondInSequence(InsightsPath(AdAccountId),
            Json(200, "{}", (PinterestRateLimit.LimitHeader, "10"), (PinterestRateLimit.RemainingHeader, "5")),
            Json(200, "{}", (PinterestRateLimit.LimitHeader, "10"), (PinterestRateLimit.RemainingHeader, "4")));
        IAudienceInsightsClient client = Stub.CreateClient();

        await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);
        await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(client.RateLimit!.Remaining, Is.EqualTo(4));
    }

    [Test]
    public void A_429_carries_limit_remaining_and_retry_after()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 429, """{"code": 8, "message": "Too many requests"}""",
            (PinterestRateLimit.LimitHeader, "1000"), (PinterestRateLimit.RemainingHeader, "0"), ("Retry-After", "42"));
        var client = Stub.CreateClient();

        var e = Assert.ThrowsAsync<PinterestRateLimitException>(
            () => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.Multiple(() =>
        {
            Assert.That(e!.RateLimit!.Limit, Is.EqualTo(1000));
            Assert.That(e.RateLimit.Remaining, Is.Zero);
            Assert.That(e.RateLimit.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
            Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(42)));
            Assert.That(client.RateLimit, Is.EqualTo(e.RateLimit), "failures update the client's view too");
        });
    }

    [Test]
    public async Task Responses_without_rate_limit_headers_leave_the_last_known_state()
    {
        Stub.RespondInSequence(InsightsPath(AdAccountId),
            Json(200, "{}", (PinterestRateLimit.RemainingHeader, "7")),
            Json(200, "{}"));
        var client = Stub.CreateClient();

        await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);
        await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(client.RateLimit!.Remaining, Is.EqualTo(7));
        Assert.That(client.RateLimit.Limit, Is.Null);
    }

    /// <summary>Values a broken proxy may send: a call still ends with its model or its typed exception.</summary>
    [TestCase(200, "X-RateLimit-Reset", "NaN")]
    [TestCase(404, "X-RateLimit-Reset", "-Infinity")]
    [TestCase(200, "X-RateLimit-Reset", "Infinity")]
    [TestCase(404, "X-RateLimit-Limit", "100;w=NaN")]
    [TestCase(200, "X-RateLimit-Remaining", "lots")]
    [TestCase(404, "Retry-After", "NaN")]
    public void A_header_that_is_not_a_sensible_number_is_ignored_and_logged_at_debug(int status, string header, string value)
    {
        var logs = new CapturingLoggerProvider();
        Stub.RespondJson(InsightsPath(AdAccountId), status, status == 200 ? "{}" : """{"code": 2950, "message": "Ad account not found."}""",
            (header, value), header == "X-RateLimit-Limit" ? ("X-RateLimit-Remaining", "7") : ("X-RateLimit-Limit", "7"));
        var client = Stub.CreateClient(o => (o.LoggerFactory, o.MaxRetries) = (logs, 0));

        var call = client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        if (status == 200)
            Assert.DoesNotThrowAsync(() => call);
        else
            Assert.ThrowsAsync<PinterestNotFoundException>(() => call);
        Assert.That(header == "X-RateLimit-Limit" ? client.RateLimit!.Remaining : client.RateLimit!.Limit, Is.EqualTo(7), "the sensible header is still read");
        var debug = logs.Events.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Debug && e.EventId == 7).ToList();
        Assert.That(debug.Select(e => e.Values["Header"]), Does.Contain(header));
        Assert.That(debug.Select(e => e.Message), Has.None.Contain(value), "the value itself is not logged");
    }
}
