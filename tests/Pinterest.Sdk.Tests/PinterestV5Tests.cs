using System.Diagnostics;
using System.Net;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>The SDK behaves as Pinterest v5 does: its rate-limit headers and quotas, request ids, tokens, sandbox and sizes.</summary>
public class PinterestV5Tests : StubbedClientTest
{
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
            client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience));

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
        Stub.RespondInSequence(InsightsPath(AdAccountId),
            Json(429, """{"code": 8, "message": "Too many requests"}""", ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "1")),
            Json(200, """{"size": 7}"""));
        var client = Stub.CreateClient(o =>
        {
            o.MaxRetries = 1;
            o.RetryDelay = TimeSpan.FromSeconds(60);
        });

        var watch = Stopwatch.StartNew();
        var insights = await client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.That(insights.Size, Is.EqualTo(7));
        Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(20)), "the 1 s reset, not the 60 s backoff");
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
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "not waited out into a timeout");
        Assert.That(Stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_successful_call_gives_its_own_request_id_status_headers_and_rate_limit()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, """{"size": 3}""", ("x-pinterest-rid", "rid-123"), ("X-RateLimit-Remaining", "55"));

        var response = await Client.GetAudienceInsightsWithResponseAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Size, Is.EqualTo(3));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.RequestId, Is.EqualTo("rid-123"));
            Assert.That(response.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("55"));
            Assert.That(response.RateLimit!.Remaining, Is.EqualTo(55));
        });
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
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]));

        Assert.Multiple(() =>
        {
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
    public async Task An_app_token_from_client_credentials_is_fetched_once_for_many_calls()
    {
        using var stub = PinterestStubServer.Start();
        var (client, credential) = AppTokenClient(stub, "sample-app-secret");

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0])));
        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);

        Assert.That(stub.TokenRequestCount, Is.EqualTo(1));
        Assert.That(credential.AccessTokenExpiresAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddDays(29)));
        Assert.That(credential.ToString(), Does.Not.Contain(stub.AccessToken).And.Not.Contain("sample-app-secret"));
    }

    [Test]
    public void Refused_app_credentials_say_what_to_check()
    {
        using var stub = PinterestStubServer.Start();
        var (client, _) = AppTokenClient(stub, "wrong-secret");

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]));

        Assert.That(e!.Message, Does.Contain("client credentials").And.Contain("authorize the app again").And.Not.Contain("wrong-secret"));
        Assert.That(stub.RequestCount, Is.EqualTo(stub.TokenRequestCount), "no API call without a token");
    }

    [Test]
    public async Task A_refresh_can_leave_out_continuous_refresh()
    {
        using var stub = PinterestStubServer.Start();
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = "sample-app-secret",
            RefreshToken = "pinr_1",
            TokenUrl = stub.TokenUrl,
            ContinuousRefresh = false,
        });

        await credential.RefreshNowAsync();

        Assert.That(stub.TokenRequestCount, Is.EqualTo(1));
    }

    [Test]
    public async Task New_tokens_reach_a_store_whose_save_returns_a_task_and_with_async_one_that_returns_a_value_task()
    {
        using var stub = PinterestStubServer.Start();
        var saved = new List<string>();
        Task SaveAsTask(PinterestTokens tokens, CancellationToken ct)
        {
            saved.Add("task");
            return Task.CompletedTask;
        }
        ValueTask SaveAsValueTask(PinterestTokens tokens, CancellationToken ct)
        {
            saved.Add("value task");
            return default;
        }
        PinterestRefreshTokenCredential Credential(Func<PinterestTokens, CancellationToken, Task> tokensRefreshed) => new(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = "sample-app-secret",
            RefreshToken = "pinr_1",
            TokenUrl = stub.TokenUrl,
            TokensRefreshed = tokensRefreshed,
        });

        await Credential((tokens, ct) => SaveAsTask(tokens, ct)).RefreshNowAsync();
        await Credential(async (tokens, ct) => await SaveAsValueTask(tokens, ct)).RefreshNowAsync();

        Assert.That(saved, Is.EqualTo(new[] { "task", "value task" }));
    }

    [TestCase("https://api-sandbox.pinterest.com/v5/")]
    [TestCase("https://API-Sandbox.Pinterest.com/v5/")]
    [TestCase("https://api-sandbox.pinterest.com./v5/")]
    [TestCase("https://api-sandbox.pinterest.com:443/v5/")]
    [TestCase("https://api-sandbox.pinterest.com.:8443/v5/")]
    public void The_sandbox_is_refused_before_anything_is_sent_however_its_host_is_spelled(string baseUrl)
    {
        var handler = new CountingHandler();
        var client = new AudienceInsightsClient(new HttpClient(handler), new PinterestClientOptions
        {
            AccessToken = Token,
            BaseUrl = new Uri(baseUrl),
        });

        var e = Assert.ThrowsAsync<NotSupportedException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That(e!.Message, Does.Contain("sandbox").And.Contain("/ad_accounts/{ad_account_id}/audience_insights"));
        Assert.That(handler.Requests, Is.Zero);
    }

    [Test]
    public async Task An_audience_size_beyond_32_bits_reads()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, """{"size": 5000000000}""");

        var insights = await Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.PinterestTotalAudience);

        Assert.That(insights.Size, Is.EqualTo(5_000_000_000L));
    }

    /// <summary>A client of <paramref name="stub"/> whose only credential is an app token for the stub's app id and <paramref name="secret"/>.</summary>
    private static (AudienceInsightsClient Client, PinterestClientCredentialsCredential Credential) AppTokenClient(PinterestStubServer stub, string secret)
    {
        var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "sample-app-id",
            ClientSecret = secret,
            TokenUrl = stub.TokenUrl,
        });
        return (new AudienceInsightsClient(stub.ClientOptions(o => (o.AccessToken, o.Credential) = (null, credential))), credential);
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
