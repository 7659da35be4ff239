using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Bulk;

/// <summary>
/// Pinterest meters calls per token: one budget per credential, spent and taught by every client, DI
/// resolution, wrapper and single call that uses it (<see cref="PinterestCredential"/>), and
/// independent processes kept in line by Pinterest's own <c>X-RateLimit-Remaining</c>.
/// </summary>
public class SharedBudgetTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;
    private const string Account = "549755885175";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private static List<string> Accounts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (549_700_000_000L + i).ToString(CultureInfo.InvariantCulture))];

    private Task<(T Result, TimeSpan FakeElapsed)> OnFakeTimeAsync<T>(Func<Task<T>> run) => FakeTime.RunAsync(_clock, run);

    private static async Task<List<AdAccountResult<AudienceInsightsResponse>>> ToListAsync(IAsyncEnumerable<AdAccountResult<AudienceInsightsResponse>> results)
    {
        var list = new List<AdAccountResult<AudienceInsightsResponse>>();
        await foreach (var result in results)
            list.Add(result);
        return list;
    }

    /// <summary>Answers every call with a small audience; the first answer says what <paramref name="firstHeaders"/> say. Notes when (on the fake clock) each request came.</summary>
    private sealed class Scripted(TimeProvider clock, params (string Name, string Value)[] firstHeaders) : HttpMessageHandler
    {
        private readonly List<DateTimeOffset> _arrivals = [];

        public IReadOnlyList<DateTimeOffset> Arrivals
        {
            get
            {
                lock (_arrivals)
                    return [.. _arrivals];
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            bool first;
            lock (_arrivals)
            {
                first = _arrivals.Count == 0;
                _arrivals.Add(clock.GetUtcNow());
            }
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                RequestMessage = request,
                Content = new StringContent("""{"type": "YOUR_TOTAL_AUDIENCE", "size": 5}""", Encoding.UTF8, "application/json"),
            };
            foreach (var (name, value) in first ? firstHeaders : [("X-RateLimit-Limit", "1000"), ("X-RateLimit-Remaining", "998"), ("X-RateLimit-Reset", "60")])
                response.Headers.TryAddWithoutValidation(name, value);
            return Task.FromResult(response);
        }
    }

    private AudienceInsightsClient ClientOver(HttpMessageHandler handler) => new(new HttpClient(handler), new PinterestClientOptions
    {
        AccessToken = "pina_single-calls",
        BaseUrl = new Uri("http://127.0.0.1:9/v5/"),
        MaxRetries = 0,
        TimeProvider = _clock,
    });

    [Test]
    public async Task A_single_call_after_pinterest_said_none_remain_waits_for_the_reset_and_succeeds()
    {
        var server = new Scripted(_clock, ("X-RateLimit-Limit", "1000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "3"));
        var client = ClientOver(server);
        await client.GetAudienceInsightsAsync(Account, Total);

        var (second, _) = await OnFakeTimeAsync(() => client.GetAudienceInsightsAsync(Account, Total));

        Assert.That(second.Size, Is.EqualTo(5));
        // The fake clock moves on while the call gets going, so "after" has a loose bound; "not before" is exact.
        Assert.That(server.Arrivals[1] - server.Arrivals[0], Is.InRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4)), "sent once the window reset, not before");
    }

    [Test]
    public void A_single_call_whose_window_stays_spent_longer_than_it_may_wait_fails_at_once_without_sending()
    {
        var server = new Scripted(_clock, ("X-RateLimit-Limit", "1000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "3600"));
        var client = ClientOver(server);
        Assert.DoesNotThrowAsync(() => client.GetAudienceInsightsAsync(Account, Total));

        var call = client.GetAudienceInsightsAsync(Account, Total);

        Assert.That(call.IsCompleted, Is.True, "refused at once: the clock never moved");
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => call);
        Assert.That(e!.IsPredicted, Is.True);
        Assert.That(e.StatusCode, Is.EqualTo(429));
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3600)));
        Assert.That(e.RateLimit!.Remaining, Is.Zero);
        Assert.That(e.Message, Does.Contain("Not sent").And.Contain("MaxRetryAfter"));
        Assert.That(server.Arrivals, Has.Count.EqualTo(1), "nothing was sent");
    }

    /// <summary>
    /// A caller waits out <see cref="PinterestApiException.RetryAfter"/> before calling again: refused
    /// 20 minutes after Pinterest said the window resets in an hour, the wait is the 40 minutes left,
    /// not the hour Pinterest first reported.
    /// </summary>
    [Test]
    public void A_refusal_some_time_after_the_spent_answer_reports_the_time_still_left_until_the_reset()
    {
        var server = new Scripted(_clock, ("X-RateLimit-Limit", "1000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "3600"));
        var client = ClientOver(server);
        Assert.DoesNotThrowAsync(() => client.GetAudienceInsightsAsync(Account, Total));

        _clock.Advance(TimeSpan.FromMinutes(20));
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(Account, Total).WaitAsync(Bounded.Limit));

        Assert.That(e!.IsPredicted, Is.True);
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(40)));
        Assert.That(e.Message, Does.Contain("Retry after 2400 s."));
        Assert.That(server.Arrivals, Has.Count.EqualTo(1), "nothing was sent");
    }

    /// <summary>Clients made from one options object share its token's budget: two bulk runs on two clients stay within it together.</summary>
    [Test]
    public async Task Clients_made_from_one_options_object_share_one_budget()
    {
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = Accounts(40), CallsPerSecond = 10, CallsPerMinute = int.MaxValue, TimeProvider = _clock });
        var options = stub.ClientOptions(o => (o.TimeProvider, o.MaxRetries) = (_clock, 0));
        var budget = new PinterestBulkOptions { CallsPerSecond = 10 };

        var (results, elapsed) = await OnFakeTimeAsync(async () => await Task.WhenAll(
            ToListAsync(new AudienceInsightsClient(new HttpClient(stub), options).GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(20), Total, budget)),
            ToListAsync(new AudienceInsightsClient(new HttpClient(stub), options).GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Skip(20), Total, budget))));

        Assert.That(results.Sum(r => r.Count(x => x.Succeeded)), Is.EqualTo(40));
        Assert.That(stub.ThrottledRequestCount, Is.Zero);
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(39 * 1.02 / 9)), "40 calls, one budget of 10 a second");
    }

    /// <summary>
    /// The case: a web application's two requests (two DI scopes, two typed-client
    /// resolutions) pull insights side by side with one token. One budget: none throttled, and
    /// together no faster than it allows.
    /// </summary>
    [Test]
    public async Task Two_di_scopes_running_bulk_side_by_side_share_their_tokens_budget()
    {
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = Accounts(60), CallsPerSecond = 10, CallsPerMinute = int.MaxValue, TimeProvider = _clock });
        var services = new ServiceCollection();
        services.AddPinterestSdk(o => (o.AccessToken, o.BaseUrl, o.TimeProvider, o.MaxRetries) = (stub.AccessToken, stub.BaseUrl, _clock, 0))
            .ConfigurePrimaryHttpMessageHandler(() => new NotDisposing(stub));
        using var provider = services.BuildServiceProvider();
        using var first = provider.CreateScope();
        using var second = provider.CreateScope();
        var budget = new PinterestBulkOptions { CallsPerSecond = 10 };

        var (results, elapsed) = await OnFakeTimeAsync(async () => await Task.WhenAll(
            ToListAsync(first.ServiceProvider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(30), Total, budget)),
            ToListAsync(second.ServiceProvider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Skip(30), Total, budget))));

        Assert.That(results.Sum(r => r.Count(x => x.Succeeded)), Is.EqualTo(60));
        Assert.That(stub.ThrottledRequestCount, Is.Zero, $"{stub.ThrottledRequestCount} of {stub.RequestCount} throttled");
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(59 * 1.02 / 9)), "60 calls at 10 a second between them");
    }

    /// <summary>A wrapper around the client (logging, caching, a test fake) runs bulk on the client's budget and clock, not a stranger's.</summary>
    [Test]
    public async Task A_bulk_run_through_a_wrapper_is_paced_by_the_wrapped_clients_budget_and_clock()
    {
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = Accounts(40), CallsPerSecond = 10, CallsPerMinute = int.MaxValue, TimeProvider = _clock });
        var inner = stub.CreateClient(o => (o.TimeProvider, o.MaxRetries) = (_clock, 0));
        IAudienceInsightsClient wrapper = new Wrapper(inner);
        var budget = new PinterestBulkOptions { CallsPerSecond = 10 };

        var (results, elapsed) = await OnFakeTimeAsync(async () => await Task.WhenAll(
            ToListAsync(wrapper.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(20), Total, budget)),
            ToListAsync(inner.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Skip(20), Total, budget))));

        Assert.That(results.Sum(r => r.Count(x => x.Succeeded)), Is.EqualTo(40));
        Assert.That(stub.ThrottledRequestCount, Is.Zero);
        // On another clock (the system's), the fake time would run to hundreds of seconds.
        Assert.That(elapsed, Is.InRange(TimeSpan.FromSeconds(39 * 1.02 / 9), TimeSpan.FromSeconds(2 * 39 * 1.02 / 9)), "paced on the fake clock, both runs on one budget");
    }

    /// <summary>
    /// Two processes on one token (two clients with their own options: separate budgets) against one
    /// server budget, over a real socket. Neither knows of the other; Pinterest's Remaining, shared by
    /// both, keeps them in line.
    /// </summary>
    [Test]
    public async Task Two_independent_clients_on_one_token_stay_within_the_servers_budget()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { AdAccountIds = Accounts(150), CallsPerSecond = 50, CallsPerMinute = int.MaxValue });
        var budget = new PinterestBulkOptions { CallsPerSecond = 50 };
        var one = stub.CreateClient();
        var other = stub.CreateClient();

        var results = await Task.WhenAll(
            ToListAsync(one.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, budget)),
            ToListAsync(other.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, budget))).WaitAsync(TimeSpan.FromMinutes(2));

        TestContext.Out.WriteLine($"{stub.RequestCount} requests, {stub.ThrottledRequestCount} throttled");
        Assert.That(results.Sum(r => r.Count(x => x.Succeeded)), Is.EqualTo(300), "every account succeeds, for both");
        Assert.That(stub.ThrottledRequestCount, Is.LessThanOrEqualTo(stub.RequestCount * 2 / 100), $"{stub.ThrottledRequestCount} of {stub.RequestCount} throttled");
    }

    /// <summary>The handler the container gets: the stub outlives the factory's handler rotation.</summary>
    private sealed class NotDisposing(HttpMessageHandler inner) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(inner, disposeHandler: false);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _inner.SendAsync(request, cancellationToken);
    }

    /// <summary>A decorator, as a caller would write one.</summary>
    private sealed class Wrapper(IAudienceInsightsClient inner) : IAudienceInsightsClient
    {
        public PinterestRateLimit? RateLimit => inner.RateLimit;

        public Task<AudienceInsightsResponse> GetAudienceInsightsAsync(string adAccountId, AudienceInsightType audienceInsightType, CancellationToken cancellationToken = default) =>
            inner.GetAudienceInsightsAsync(adAccountId, audienceInsightType, cancellationToken);

        public Task<PinterestResponse<AudienceInsightsResponse>> GetAudienceInsightsWithResponseAsync(string adAccountId, AudienceInsightType audienceInsightType, CancellationToken cancellationToken = default) =>
            inner.GetAudienceInsightsWithResponseAsync(adAccountId, audienceInsightType, cancellationToken);

        public Task<AudienceDefinitionResponse> GetAudienceInsightsScopeAndTypeAsync(string adAccountId, CancellationToken cancellationToken = default) =>
            inner.GetAudienceInsightsScopeAndTypeAsync(adAccountId, cancellationToken);

        public Task<PinterestResponse<AudienceDefinitionResponse>> GetAudienceInsightsScopeAndTypeWithResponseAsync(string adAccountId, CancellationToken cancellationToken = default) =>
            inner.GetAudienceInsightsScopeAndTypeWithResponseAsync(adAccountId, cancellationToken);
    }
}
