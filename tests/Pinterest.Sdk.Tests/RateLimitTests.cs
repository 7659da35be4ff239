using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;
using System.Diagnostics;
using System.Net;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>Pinterest v5 rate limits as a caller sees them: the X-RateLimit-* headers (and the v3-era names), 429s, daily quotas and Retry-After, per call and on the client.</summary>
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

    [Test]
    public async Task The_v5_rate_limit_headers_give_limit_remaining_reset_and_policies()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, "{}",
            ("X-RateLimit-Limit", "100, 100;w=1, 1000;w=60"), ("X-RateLimit-Remaining", "97"), ("X-RateLimit-Reset", "42"));

        await Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        var rateLimit = Client.RateLimit!;
        Assert.Multiple(() =>
        {
            Assert.That(rateLimit.Limit, Is.EqualTo(100));
            Assert.That(rateLimit.Remaining, Is.EqualTo(97));
            Assert.That(rateLimit.Reset, Is.EqualTo(TimeSpan.FromSeconds(42)));
            Assert.That(rateLimit.Policies, Is.EqualTo(new[]
            {
                new PinterestRateLimitPolicy(100, TimeSpan.FromSeconds(1)),
                new PinterestRateLimitPolicy(1000, TimeSpan.FromSeconds(60)),
            }));
        });
    }

    [Test]
    public async Task The_v3_era_headers_are_still_read_when_the_v5_ones_are_absent()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, "{}", ("x-userendpoint-ratelimit-limit", "1000"), ("x-userendpoint-ratelimit-remaining", "12"));

        await Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That((Client.RateLimit!.Limit, Client.RateLimit.Remaining, Client.RateLimit.Policies.Count), Is.EqualTo((1000, 12, 0)));
    }

    [Test]
    public void A_spent_daily_quota_is_thrown_after_one_request_with_the_reset_to_reschedule_by()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { CallsPerDay = 1000 });
        var client = stub.CreateClient(o => o.MaxRetries = 3);
        stub.SimulateDailyQuotaExhausted();

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() =>
            client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience).WithinBound());

        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow;
        Assert.Multiple(() =>
        {
            Assert.That(stub.RequestCount, Is.EqualTo(1), "no retries into a quota that resets hours from now");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
            Assert.That(e!.ErrorCode, Is.EqualTo(8));
            Assert.That(e.RetryAfter!.Value, Is.EqualTo(untilMidnight).Within(TimeSpan.FromSeconds(5)));
            Assert.That(e.RateLimit!.Reset, Is.EqualTo(e.RetryAfter));
            Assert.That(e.Message, Does.Contain("Retry after"));
        });
    }

    [Test]
    public async Task A_429_without_retry_after_waits_for_the_rate_limit_reset_not_the_backoff()
    {
        var clock = new FakeClock();
        Stub.RespondInSequence(InsightsPath(AdAccountId),
            Json(429, """{"code": 8, "message": "Too many requests"}""", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1")),
            Json(200, """{"size": 7}"""));
        var client = Stub.CreateClient(o =>
        {
            clock.Configure(o);
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromSeconds(60);
        });

        // Waiting for a reset that never comes nearer (or for the 60 s backoff) fails the test within
        // seconds: the fake clock stops at 30 s.
        var insights = await clock.RunAsync(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience), fakeLimit: TimeSpan.FromSeconds(30));

        Assert.That(insights.Size, Is.EqualTo(7));
        Assert.That(clock.Gaps.Single(), Is.InRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)), "the 1 s reset, not the 60 s backoff");
    }

    [Test]
    public void A_retry_after_beyond_the_total_timeout_is_thrown_as_the_429_at_once()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 429, """{"code": 8, "message": "Too many requests"}""", ("Retry-After", "30"));
        var client = Stub.CreateClient(o =>
        {
            o.MaxRetries = 3;
            o.TotalTimeout = TimeSpan.FromSeconds(10);
        });

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound());

        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "not waited out into a timeout");
        Assert.That(Stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Concurrent_calls_each_get_their_own_rate_limit()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, "{}", ("X-RateLimit-Remaining", "10"));
        Stub.RespondJson(AudiencesPath(AdAccountId), 200, "{}", ("X-RateLimit-Remaining", "20"));

        var insights = Client.GetAudienceInsightsWithResponseAsync(AdAccountId, AudienceInsightType.YourTotalAudience);
        var audiences = Client.GetAudienceInsightsScopeAndTypeWithResponseAsync(AdAccountId);

        Assert.That((await insights).RateLimit!.Remaining, Is.EqualTo(10));
        Assert.That((await audiences).RateLimit!.Remaining, Is.EqualTo(20));
    }

    [Test]
    public async Task The_stub_counts_a_per_minute_budget_with_v5_headers()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { CallsPerMinute = 2 });
        var client = stub.CreateClient(o => o.MaxRetries = 0);

        var first = await client.GetAudienceInsightsScopeAndTypeWithResponseAsync(stub.AdAccountIds[0]);
        await client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]);
        // Another process on the same token (its own budget, which has not seen the spent window) draws the 429.
        var elsewhere = stub.CreateClient(o => o.MaxRetries = 0);
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => elsewhere.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]).WithinBound());

        Assert.Multiple(() =>
        {
            Assert.That(e!.IsPredicted, Is.False);
            Assert.That(first.RateLimit!.Limit, Is.EqualTo(2));
            Assert.That(first.RateLimit.Remaining, Is.EqualTo(1));
            Assert.That(first.RateLimit.Reset, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
            Assert.That(first.RequestId, Is.Not.Null.And.Not.Empty);
            Assert.That(e!.ErrorCode, Is.EqualTo(8));
            Assert.That(e.RateLimit!.Remaining, Is.Zero);
            Assert.That(e.RetryAfter, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(60)));
        });
    }

    [Test]
    public void A_retry_after_beyond_any_int_means_not_soon_and_is_thrown_at_once()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 503, """{"code": 1, "message": "Unavailable"}""", ("Retry-After", "99999999999"));
        var client = Stub.CreateClient(o => o.MaxRetries = 3);

        var e = Assert.ThrowsAsync<PinterestServerException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound());

        Assert.That(e!.RetryAfter, Is.GreaterThan(TimeSpan.FromDays(365)));
        Assert.That(Stub.Requests, Has.Count.EqualTo(1));
    }
}
