using System.Diagnostics;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// <see cref="AudienceInsightsBulkExtensions.GetAudienceInsightsForAdAccountsAsync"/> against the stub
/// over a real socket: every account accounted for, pacing by the configured budget and by what the
/// server reports, the daily-quota stop, cancellation and back-pressure.
/// </summary>
public class BulkTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;

    private static List<string> Accounts(int count) => [.. Enumerable.Range(0, count).Select(i => (549_700_000_000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private static PinterestStubServer Stub(int accounts, Action<PinterestStubServerOptions>? configure = null)
    {
        var options = new PinterestStubServerOptions { AdAccountIds = Accounts(accounts) };
        configure?.Invoke(options);
        return PinterestStubServer.Start(options);
    }

    private static async Task<List<AdAccountResult<AudienceInsightsResponse>>> ToListAsync(IAsyncEnumerable<AdAccountResult<AudienceInsightsResponse>> results)
    {
        var list = new List<AdAccountResult<AudienceInsightsResponse>>();
        await foreach (var result in results)
            list.Add(result);
        return list;
    }

    [Test]
    public async Task Each_account_gets_its_own_result_and_one_failure_does_not_stop_the_others()
    {
        using var stub = Stub(6);
        stub.SimulateForbiddenAccount(stub.AdAccountIds[2]);
        var client = stub.CreateClient(o => o.MaxRetries = 0);
        var ids = stub.AdAccountIds.Append("999999").Append(stub.AdAccountIds[0]).ToList();

        var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(ids, Total));

        var byAccount = results.ToDictionary(r => r.AdAccountId);
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(7), "six accounts and an unknown one; the duplicate is called once");
            Assert.That(stub.RequestCount, Is.EqualTo(7));
            Assert.That(byAccount["999999"].Error, Is.TypeOf<PinterestNotFoundException>());
            Assert.That(byAccount[stub.AdAccountIds[2]].Error, Is.TypeOf<PinterestPermissionException>());
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(5));
            Assert.That(results.Where(r => r.Succeeded).Select(r => r.Value!.Type), Is.All.EqualTo(Total));
            Assert.That(results.Where(r => r.Succeeded).Select(r => r.RequestId), Is.All.Not.Null);
            Assert.That(results.Select(r => r.WasCalled), Is.All.True);
        });
    }

    [Test]
    public async Task Every_id_is_checked_before_the_first_call()
    {
        using var stub = Stub(3);
        var client = stub.CreateClient();

        var e = Assert.Throws<ArgumentException>(() => client.GetAudienceInsightsForAdAccountsAsync([stub.AdAccountIds[0], stub.AdAccountIds[1], "12a"], Total));
        Assert.Throws<ArgumentException>(() => client.GetAudienceInsightsForAdAccountsAsync([stub.AdAccountIds[0], null!], Total));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { MaxConcurrency = 0 }));
        await Task.Delay(100);

        Assert.That(e!.Message, Does.Contain("#3").And.Contain("12a"));
        Assert.That(e.ParamName, Is.EqualTo("adAccountIds"));
        Assert.That(stub.RequestCount, Is.Zero);
    }

    [Test]
    public async Task Calls_are_spread_over_the_configured_budget_and_never_throttled()
    {
        // The stub allows 20 a second, as the budget says; 41 calls take 2 s when spaced evenly.
        using var stub = Stub(41, o => o.CallsPerSecond = 20);
        var client = stub.CreateClient(o => o.MaxRetries = 0);
        var watch = Stopwatch.StartNew();

        var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { CallsPerSecond = 20 }));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(41));
            Assert.That(stub.ThrottledRequestCount, Is.Zero);
            Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.9)), "no burst beyond the budget");
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(20)), "does not hang");
        });
    }

    [Test]
    public async Task A_server_limit_lower_than_the_budget_is_learned_from_its_headers()
    {
        // The default budget is 100 a second; the stub allows 10 and says so only in X-RateLimit-*.
        using var stub = Stub(31, o => o.CallsPerSecond = 10);
        var client = stub.CreateClient(o => o.MaxRetries = 3);
        var watch = Stopwatch.StartNew();

        var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(31));
            Assert.That(stub.ThrottledRequestCount, Is.LessThanOrEqualTo(1), "at most the first window's overrun");
            Assert.That(watch.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(2.5)));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(30)), "does not hang");
        });
    }

    [Test]
    public async Task A_spent_daily_quota_stops_new_calls_and_reports_the_rest_with_its_reset()
    {
        using var stub = Stub(30, o => o.CallsPerDay = 5);
        var client = stub.CreateClient();
        var options = new PinterestBulkOptions { MaxConcurrency = 2 };

        var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, options));

        var notCalled = results.Where(r => !r.WasCalled).ToList();
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow;
        Assert.Multiple(() =>
        {
            Assert.That(results, Has.Count.EqualTo(30), "every account accounted for");
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(5));
            Assert.That(stub.RequestCount, Is.LessThanOrEqualTo(5 + options.MaxConcurrency), "no calls after the quota ran out, but those in flight");
            Assert.That(notCalled, Has.Count.GreaterThanOrEqualTo(30 - 5 - options.MaxConcurrency));
            Assert.That(notCalled.Select(r => r.Error), Is.All.TypeOf<PinterestRateLimitException>());
            Assert.That(notCalled[0].Error!.RetryAfter!.Value, Is.EqualTo(untilMidnight).Within(TimeSpan.FromMinutes(1)));
            Assert.That(notCalled.Select(r => r.RequestId), Is.All.Null);
        });
    }

    [Test]
    public async Task A_refused_token_stops_the_run_instead_of_failing_every_account_one_call_at_a_time()
    {
        using var stub = Stub(40);
        stub.SimulateUnauthorized();
        var client = stub.CreateClient();

        var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { MaxConcurrency = 2 }));

        Assert.That(results, Has.Count.EqualTo(40));
        Assert.That(results.Select(r => r.Error), Is.All.TypeOf<PinterestAuthenticationException>());
        Assert.That(stub.RequestCount, Is.LessThanOrEqualTo(3));
    }

    [Test]
    public void Cancelling_ends_the_run_and_its_calls_in_flight()
    {
        using var stub = Stub(20);
        stub.SimulateSlowResponses(TimeSpan.FromSeconds(5));
        var client = stub.CreateClient();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();

        Assert.CatchAsync<OperationCanceledException>(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, cancellationToken: cancel.Token)));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "the 5 s calls were cancelled");
    }

    [Test]
    public async Task Stopping_early_cancels_the_calls_in_flight()
    {
        using var stub = Stub(20);
        var client = stub.CreateClient();
        var watch = Stopwatch.StartNew();

        await foreach (var result in client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total))
        {
            stub.SimulateSlowResponses(TimeSpan.FromSeconds(30));
            break;
        }

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        var requests = stub.RequestCount;
        await Task.Delay(300);
        Assert.That(stub.RequestCount, Is.EqualTo(requests), "no call starts after the reader left");
    }

    [Test]
    public async Task A_slow_reader_holds_back_new_calls_instead_of_buffering_results()
    {
        using var stub = Stub(100);
        var client = stub.CreateClient();
        var options = new PinterestBulkOptions { MaxConcurrency = 4 };
        var read = 0;

        await using var results = client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, options).GetAsyncEnumerator();
        while (read < 5 && await results.MoveNextAsync())
            read++;
        await Task.Delay(1000);

        // Results waiting to be read (the channel holds MaxConcurrency) plus calls whose result waits for room.
        Assert.That(stub.RequestCount, Is.LessThanOrEqualTo(read + 2 * options.MaxConcurrency + 1));
    }
}
