using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Bulk;

/// <summary>
/// <see cref="AudienceInsightsBulkExtensions.GetAudienceInsightsForAdAccountsAsync"/>: every account
/// accounted for, pacing by the budget and by what the server reports, the stops, how a run ends, and
/// cancellation. Pacing runs on a fake clock shared by the client and the in-process stub; the runs
/// that cancel calls in flight use the stub server over a real socket.
/// </summary>
public class BulkTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;

    /// <summary>A budget no test reaches: calls start as fast as they can.</summary>
    private static readonly PinterestBulkOptions Unpaced = new() { CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private static List<string> Accounts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (549_700_000_000L + i).ToString(CultureInfo.InvariantCulture))];

    private PinterestStubHandler Handler(int accounts, Action<PinterestStubServerOptions>? configure = null)
    {
        // No budget unless a test sets one: the stub's own headers would pace the run.
        var options = new PinterestStubServerOptions { AdAccountIds = Accounts(accounts), TimeProvider = _clock, CallsPerMinute = int.MaxValue };
        configure?.Invoke(options);
        return new PinterestStubHandler(options);
    }

    private AudienceInsightsClient ClientOf(PinterestStubHandler stub, HttpMessageHandler? through = null) => through is null
        ? stub.CreateClient(o => (o.TimeProvider, o.MaxRetries) = (_clock, 0))
        : new AudienceInsightsClient(new HttpClient(through), stub.ClientOptions(o => (o.TimeProvider, o.MaxRetries) = (_clock, 0)));

    private static async Task<List<AdAccountResult<AudienceInsightsResponse>>> ToListAsync(IAsyncEnumerable<AdAccountResult<AudienceInsightsResponse>> results)
    {
        var list = new List<AdAccountResult<AudienceInsightsResponse>>();
        await foreach (var result in results)
            list.Add(result);
        return list;
    }

    /// <summary>Runs <paramref name="run"/> on the fake clock (<see cref="FakeTime"/>).</summary>
    private Task<(T Result, TimeSpan FakeElapsed)> OnFakeTimeAsync<T>(Func<Task<T>> run, TimeSpan? step = null) => FakeTime.RunAsync(_clock, run, step);

    [Test]
    public async Task Each_account_gets_its_own_result_over_a_real_socket_and_one_failure_does_not_stop_the_others()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { AdAccountIds = Accounts(6) });
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
    public void Every_id_is_checked_by_the_call_itself_before_anything_is_sent()
    {
        using var stub = Handler(3);
        var client = ClientOf(stub);

        var e = Assert.Throws<ArgumentException>(() => client.GetAudienceInsightsForAdAccountsAsync([stub.AdAccountIds[0], stub.AdAccountIds[1], "12a"], Total));
        Assert.Throws<ArgumentException>(() => client.GetAudienceInsightsForAdAccountsAsync([stub.AdAccountIds[0], null!], Total));
        Assert.Throws<ArgumentOutOfRangeException>(() => client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { MaxConcurrency = 0 }));

        Assert.That(e!.Message, Does.Contain("#3").And.Contain("12a"));
        Assert.That(e.ParamName, Is.EqualTo("adAccountIds"));
        Assert.That(stub.RequestCount, Is.Zero);
    }

    [Test]
    public void A_list_is_checked_as_a_run_checks_it_before_one_starts()
    {
        var ids = AudienceInsightsBulkExtensions.CheckAdAccountIds(["549755885175", "12", "549755885175"], Total);
        var bad = Assert.Throws<ArgumentException>(() => AudienceInsightsBulkExtensions.CheckAdAccountIds(["12", "1234567890123456789"], Total));
        // A type that is not defined is the type's fault, not the first id's.
        var type = Assert.Throws<ArgumentOutOfRangeException>(() => AudienceInsightsBulkExtensions.CheckAdAccountIds(["12"], (AudienceInsightType)99));

        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EqualTo(new[] { "549755885175", "12" }), "in order, each once");
            Assert.That(bad!.Message, Does.StartWith("Ad account id #2 is not valid: The value is 19 characters long"));
            Assert.That(type!.ParamName, Is.EqualTo("audienceInsightType"));
            Assert.That(type.Message, Does.Not.Contain("Ad account id"));
        });
    }

    [Test]
    public void Bulk_options_are_checked_before_a_run_and_name_the_wrong_setting()
    {
        new PinterestBulkOptions().Validate();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new PinterestBulkOptions { CallsPerSecond = 0 }.Validate());

        Assert.That(e!.Message, Does.StartWith("PinterestBulkOptions.CallsPerSecond must be at least 1."));
    }

    [Test]
    public async Task Calls_are_spread_over_the_configured_budget_and_never_throttled()
    {
        // The stub allows 20 a second, as the budget says: 41 calls, 40 gaps of 1.02 s / 19.
        using var stub = Handler(41, o => o.CallsPerSecond = 20);
        var client = ClientOf(stub);

        var (results, elapsed) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { CallsPerSecond = 20 })));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(41));
            Assert.That(stub.ThrottledRequestCount, Is.Zero);
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(40 * 1.02 / 19)), "no burst beyond the budget");
        });
    }

    [Test]
    public async Task A_server_limit_lower_than_the_budget_is_learned_from_its_headers()
    {
        // The default budget is 100 a second; the stub allows 10 and says so only in X-RateLimit-*.
        using var stub = Handler(31, o => o.CallsPerSecond = 10);
        var client = ClientOf(stub);

        var (results, elapsed) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total)));

        Assert.Multiple(() =>
        {
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(31 - stub.ThrottledRequestCount));
            Assert.That(stub.ThrottledRequestCount, Is.LessThanOrEqualTo(1), "at most the first window's overrun");
            Assert.That(elapsed, Is.GreaterThan(TimeSpan.FromSeconds(2.5)));
        });
    }

    [Test]
    public async Task Two_runs_side_by_side_on_one_client_share_its_budget()
    {
        using var stub = Handler(40, o => o.CallsPerSecond = 10);
        var client = ClientOf(stub);
        var options = new PinterestBulkOptions { CallsPerSecond = 10 };

        var (results, elapsed) = await OnFakeTimeAsync(async () => await Task.WhenAll(
            ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(20), Total, options)),
            ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Skip(20), Total, options))));

        Assert.Multiple(() =>
        {
            Assert.That(results.Sum(r => r.Count(x => x.Succeeded)), Is.EqualTo(40));
            Assert.That(stub.ThrottledRequestCount, Is.Zero, "together they stayed within 10 a second");
            Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(39 * 1.02 / 9)), "40 calls, one budget");
        });
    }

    [Test]
    public async Task A_spent_daily_quota_stops_new_calls_and_reports_the_rest_with_its_reset()
    {
        using var stub = Handler(30, o => o.CallsPerDay = 5);
        var client = ClientOf(stub);
        var options = new PinterestBulkOptions { MaxConcurrency = 2 };

        var (results, _) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, options)));

        var notCalled = results.Where(r => !r.WasCalled).ToList();
        var untilMidnight = _clock.GetUtcNow().Date.AddDays(1) - _clock.GetUtcNow();
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
        using var stub = Handler(40);
        stub.SimulateUnauthorized();
        var client = ClientOf(stub);

        var (results, _) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, new PinterestBulkOptions { MaxConcurrency = 2 })));

        Assert.That(results, Has.Count.EqualTo(40));
        Assert.That(results.Select(r => r.Error), Is.All.TypeOf<PinterestAuthenticationException>());
        Assert.That(stub.RequestCount, Is.LessThanOrEqualTo(3));
    }

    /// <summary>The producer's end once raced the reader's: some complete runs threw OperationCanceledException.</summary>
    [Test]
    public async Task A_thousand_runs_whose_results_were_all_delivered_all_end_normally()
    {
        using var stub = Handler(5);
        var client = ClientOf(stub);

        for (var run = 0; run < 1000; run++)
        {
            var results = await ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, Unpaced))
                .WaitAsync(TimeSpan.FromSeconds(30));
            Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(5), $"run {run}");
        }
    }

    /// <summary>A reset of three million years once overflowed a date: on a 200 the run threw, on a 404 or 429 it never ended.</summary>
    [TestCase(200)]
    [TestCase(404)]
    [TestCase(429)]
    public async Task An_enormous_reset_on_one_answer_ends_as_that_accounts_result(int status)
    {
        using var stub = Handler(12);
        var odd = stub.AdAccountIds[3];
        using var hostile = new RewritingHandler(stub, odd, status, ("X-RateLimit-Remaining", "900"), ("X-RateLimit-Reset", "99999999999999"));
        var client = ClientOf(stub, hostile);

        var (results, _) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total)));

        var others = results.Where(r => r.AdAccountId != odd).ToList();
        Assert.That(results, Has.Count.EqualTo(12));
        Assert.That(results.Single(r => r.AdAccountId == odd).Succeeded, Is.EqualTo(status == 200));
        if (status == 429)
        {
            // A 429 whose reset is that far away is a spent quota: the accounts not yet called say so.
            Assert.That(others.Where(r => !r.Succeeded).Select(r => (r.WasCalled, r.Error)), Is.All.Matches<(bool WasCalled, PinterestApiException? Error)>(r => !r.WasCalled && r.Error is PinterestRateLimitException));
        }
        else
        {
            Assert.That(others.Select(r => r.Succeeded), Is.All.True);
        }
    }

    /// <summary>A budget of 1,022 a second or more once stalled the run after its first calls.</summary>
    [TestCase(1_022, int.MaxValue)]
    [TestCase(100_000, 100_000)]
    [TestCase(int.MaxValue, 61_202)]
    public async Task A_high_budget_runs_every_account(int perSecond, int perMinute)
    {
        using var stub = Handler(1500);
        var client = ClientOf(stub);

        var (results, _) = await OnFakeTimeAsync(() => ToListAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total,
            new PinterestBulkOptions { CallsPerSecond = perSecond, CallsPerMinute = perMinute })));

        Assert.That(results.Count(r => r.Succeeded), Is.EqualTo(1500));
    }

    [Test]
    public void What_no_account_can_hold_stops_the_run_with_it_and_leaves_no_call_behind()
    {
        var started = 0;
        var ended = 0;
        var results = BulkRun.RunAsync<AudienceInsightsResponse>(Accounts(50), async (id, ct) =>
        {
            Interlocked.Increment(ref started);
            try
            {
                if (id.EndsWith('7'))
                    throw new InvalidOperationException("a failing callback");
                await Task.Delay(5, ct);
                using var response = new HttpResponseMessage();
                return new PinterestResponse<AudienceInsightsResponse>(new AudienceInsightsResponse(), response);
            }
            finally
            {
                Interlocked.Increment(ref ended);
            }
        }, Unpaced, CancellationToken.None);

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => ToListAsync(results).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.That(e!.Message, Is.EqualTo("a failing callback"));
        Assert.That(Volatile.Read(ref ended), Is.EqualTo(Volatile.Read(ref started)), "every call ended before the run did");
        Assert.That(started, Is.LessThan(50), "no new call after the failure");
    }

    [Test]
    public void Cancelling_ends_the_run_and_its_calls_in_flight()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { AdAccountIds = Accounts(20) });
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
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { AdAccountIds = Accounts(20) });
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
        // On the real clock, with no budget: only back-pressure can hold the run back.
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = Accounts(100), CallsPerMinute = int.MaxValue });
        var client = stub.CreateClient();
        var options = new PinterestBulkOptions { MaxConcurrency = 4, CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue };
        var read = 0;

        await using var results = client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds, Total, options).GetAsyncEnumerator();
        while (read < 5 && await results.MoveNextAsync())
            read++;
        await Task.Delay(500);

        // Results waiting to be read (the channel holds MaxConcurrency) plus calls whose result waits for room.
        Assert.That(stub.RequestCount, Is.LessThanOrEqualTo(read + 2 * options.MaxConcurrency + 1));
        Assert.That(stub.RequestCount, Is.GreaterThan(read), "the run went on while the reader was busy");
    }

    /// <summary>Sends to the stub, but answers one account with <paramref name="status"/> and extra headers.</summary>
    private sealed class RewritingHandler(HttpMessageHandler stub, string adAccountId, int status, params (string Name, string Value)[] headers)
        : DelegatingHandler(stub)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (!request.RequestUri!.AbsolutePath.Contains(adAccountId, StringComparison.Ordinal))
                return response;
            response.StatusCode = (System.Net.HttpStatusCode)status;
            if (status != 200)
                response.Content = new StringContent($$"""{"code": {{(status == 429 ? 8 : status)}}, "message": "odd"}""");
            foreach (var (name, value) in headers)
            {
                response.Headers.Remove(name);
                response.Headers.TryAddWithoutValidation(name, value);
            }
            return response;
        }
    }
}
