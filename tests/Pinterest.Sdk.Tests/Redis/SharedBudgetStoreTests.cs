using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Redis;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Tests.Redis;

/// <summary>
/// The seam (<see cref="IRateLimitBudgetStore"/>, <see cref="PinterestClientOptions.RateLimitBudgetStore"/>):
/// clients that share nothing but a token and a Redis take their turns from one budget; a store that
/// fails never fails a call (it falls back to the process's own pacer, is logged once and counted);
/// the budget's key is a hash of the credential's identity.
/// </summary>
[NonParallelizable]
public class SharedBudgetStoreTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;

    private static List<string> Accounts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (549_600_000_000L + i).ToString(CultureInfo.InvariantCulture))];

    private static async Task<int> SucceededAsync(IAsyncEnumerable<AdAccountResult<AudienceInsightsResponse>> results)
    {
        var succeeded = 0;
        await foreach (var result in results)
            succeeded += result.Succeeded ? 1 : 0;
        return succeeded;
    }

    /// <summary>
    /// Four "processes" (four options objects: four credentials, four in-process pacers) on one token, each
    /// told the full budget of 10 a second, against a server that allows 10 a second and says so only
    /// with a plain X-RateLimit-Limit: through Redis they keep it together and none is throttled.
    /// </summary>
    [Test]
    public async Task Four_processes_on_one_token_keep_one_budget_through_redis()
    {
        using var redis = RedisServer.Start();
        using var store = RedisRateLimitBudgetStore.Connect(redis.ConnectionString);
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions
        {
            AdAccountIds = Accounts(40), CallsPerSecond = 10, CallsPerMinute = int.MaxValue, ReportRateLimitPolicies = false,
        });
        var budget = new PinterestBulkOptions { CallsPerSecond = 10 };
        AudienceInsightsClient Process() => new(new HttpClient(stub, disposeHandler: false), stub.ClientOptions(o => (o.MaxRetries, o.RateLimitBudgetStore) = (0, store)));

        var succeeded = await Task.WhenAll(stub.AdAccountIds.Chunk(10).Select(accounts =>
            SucceededAsync(Process().GetAudienceInsightsForAdAccountsAsync(accounts, Total, budget)))).WaitAsync(Bounded.Limit);

        Assert.That(succeeded.Sum(), Is.EqualTo(40));
        Assert.That(stub.ThrottledRequestCount, Is.Zero, $"{stub.ThrottledRequestCount} of {stub.RequestCount} throttled");
    }

    /// <summary>Redis goes away in the middle of two processes' runs: every account is still fetched (the calls fall back to each process's own pacer).</summary>
    [Test]
    public async Task Redis_stopped_in_the_middle_of_a_run_fails_no_account()
    {
        var redis = RedisServer.Start();
        using var store = RedisRateLimitBudgetStore.Connect(redis.ConnectionString);
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { AdAccountIds = Accounts(30), CallsPerSecond = 10, CallsPerMinute = int.MaxValue });
        var budget = new PinterestBulkOptions { CallsPerSecond = 10 };
        AudienceInsightsClient Process() => new(new HttpClient(stub, disposeHandler: false), stub.ClientOptions(o => o.RateLimitBudgetStore = store));

        var runs = Task.WhenAll(
            SucceededAsync(Process().GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(15), Total, budget)),
            SucceededAsync(Process().GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Skip(15), Total, budget)));
        while (stub.RequestCount < 8 && !runs.IsCompleted)
            await Task.Delay(20);
        redis.Dispose();
        var succeeded = await runs.WaitAsync(Bounded.Limit);

        Assert.That(stub.RequestCount, Is.GreaterThanOrEqualTo(8), "Redis stopped while the runs went on");
        Assert.That(succeeded.Sum(), Is.EqualTo(30));
    }

    /// <summary>A Redis that is down from the start: every call succeeds, each is counted as fallen back, and the outage is logged once.</summary>
    [Test]
    public async Task With_redis_down_calls_succeed_on_the_process_budget_counted_and_logged_once()
    {
        using var store = RedisRateLimitBudgetStore.Connect($"127.0.0.1:{FreePort.Next()}");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var fallbacks = new MetricCollector<long>(meters, PinterestSdkDiagnostics.MeterName, "pinterest.pacer.store.fallbacks");
        var logs = new CapturingLoggerProvider();
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => (o.RateLimitBudgetStore, o.MeterFactory, o.LoggerFactory) = (store, meters, logs));

        for (var i = 0; i < 5; i++)
            await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total).WaitAsync(Bounded.Limit);

        Assert.That(fallbacks.GetMeasurementSnapshot().Sum(m => m.Value), Is.EqualTo(5), "every call fell back");
        var warnings = logs.Events.Where(e => e.EventId == 20).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1), "logged once for the outage");
        Assert.That(warnings[0].Level, Is.EqualTo(LogLevel.Warning));
        Assert.That(warnings[0].Message, Does.Contain("RedisRateLimitBudgetStore").And.Contain("own budget"));
    }

    /// <summary>After a failure the store rests for a second (on the client's clock): a dead store is not asked once per call; then it is asked again, and its return is logged.</summary>
    [Test]
    public async Task A_failed_store_rests_for_a_second_then_is_asked_again()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var store = new FlakyStore { Failing = true };
        var logs = new CapturingLoggerProvider();
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = clock });
        var client = stub.CreateClient(o => (o.RateLimitBudgetStore, o.TimeProvider, o.LoggerFactory) = (store, clock, logs));

        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);
        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);
        Assert.That(store.Asked, Is.EqualTo(1), "resting: the second call did not ask");

        store.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);

        Assert.That(store.Asked, Is.EqualTo(2));
        Assert.That(store.Observed, Is.EqualTo(1), "the call it started taught it the answer");
        Assert.That(logs.Events.Select(e => e.EventId), Is.EqualTo(new[] { 20, 21 }).Or.SupersetOf(new[] { 20, 21 }));
    }

    /// <summary>
    /// An answer is taught to the store before it wakes the process's waiting call: woken first, the call
    /// would ask the store before the store knew the answer, find the window it opens still held, and
    /// sleep until that window's reset, as no other process's answer can wake it.
    /// </summary>
    [Test]
    public async Task A_call_woken_by_an_answer_asks_the_store_only_once_the_store_has_learned_it()
    {
        var store = new SlowLearningStore();
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => o.RateLimitBudgetStore = store);

        var succeeded = await SucceededAsync(client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(3), Total, new PinterestBulkOptions())).WaitAsync(Bounded.Limit);

        Assert.That(succeeded, Is.EqualTo(3));
        Assert.That(store.AskedBeforeItLearned, Is.Zero, "the call waiting for the process's first answer asked before the store had it");
    }

    /// <summary>A store's refusal of a single call (its window spent past MaxRetryAfter, as another process learned) is the SDK's predicted 429, and nothing is sent.</summary>
    [Test]
    public void A_single_call_the_store_refuses_is_not_sent()
    {
        var store = new FlakyStore { Answer = RateLimitTurn.Refused(TimeSpan.FromHours(3)) };
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => o.RateLimitBudgetStore = store);

        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));

        Assert.That(e!.IsPredicted, Is.True);
        Assert.That(e.RetryAfter, Is.EqualTo(TimeSpan.FromHours(3)));
        Assert.That(stub.RequestCount, Is.Zero);
    }

    [Test]
    public void A_static_tokens_budget_key_is_a_hash_shared_by_every_options_object_with_that_token()
    {
        static string? KeyOf(string token) => new PinterestClientOptions { AccessToken = token }.Validate().Credential.RateLimitBudgetKey;

        var key = KeyOf("pina_one-token");

        Assert.That(key, Does.Match("^[0-9A-F]{32}$"));
        Assert.That(KeyOf("pina_one-token"), Is.EqualTo(key), "another process with the same token");
        Assert.That(KeyOf("pina_other-token"), Is.Not.EqualTo(key));
        Assert.That(new PinterestClientOptions { AccessToken = "pina_one-token" }.Validate().Credential.RateLimitBudgetName, Does.Not.Contain("pina_one-token"));
    }

    [Test]
    public void A_refreshing_credential_shares_a_budget_only_when_named_and_an_app_token_by_its_app()
    {
        PinterestRefreshTokenCredential Refreshing(string refreshToken, string? name = null) => new(new PinterestRefreshTokenOptions
        {
            ClientId = "app-1", ClientSecret = "secret", RefreshToken = refreshToken,
        })
        { RateLimitBudgetName = name };
        PinterestClientCredentialsCredential App(string id) => new(new PinterestClientCredentialsOptions { ClientId = id, ClientSecret = "secret" });

        Assert.That(Refreshing("pinr_one").RateLimitBudgetKey, Is.Null, "its user is unknown: in process only");
        Assert.That(Refreshing("pinr_one", "app-1/user 42").RateLimitBudgetKey, Is.EqualTo(Refreshing("pinr_two", "app-1/user 42").RateLimitBudgetKey), "rotated refresh token, same user");
        Assert.That(App("app-1").RateLimitBudgetKey, Is.EqualTo(App("app-1").RateLimitBudgetKey).And.Not.EqualTo(App("app-2").RateLimitBudgetKey));
        Assert.That(new PinterestClientOptions { AccessTokenProvider = _ => new("pina_x") }.Validate().Credential.RateLimitBudgetKey, Is.Null);
    }

    /// <summary>Dependency injection: the registered store reaches the options, so every typed client takes its turns from it.</summary>
    [Test]
    public void A_registered_redis_budget_reaches_the_clients_options()
    {
        var services = new ServiceCollection();
        services.AddPinterestSdk(o => o.AccessToken = "pina_di");
        services.AddPinterestRedisRateLimitBudget("127.0.0.1:1");
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<PinterestClientOptions>>().Value;

        Assert.That(options.RateLimitBudgetStore, Is.InstanceOf<RedisRateLimitBudgetStore>());
        Assert.That(options.RateLimitBudgetStore, Is.SameAs(provider.GetRequiredService<IRateLimitBudgetStore>()));
        Assert.Throws<ArgumentException>(() => new ServiceCollection().AddPinterestRedisRateLimitBudget(""));
    }

    /// <summary>A store that takes a while to learn an answer, and counts the turns asked for between its first turn and the first answer it learned.</summary>
    private sealed class SlowLearningStore : IRateLimitBudgetStore
    {
        private long _next;
        private volatile bool _learned;

        public int AskedBeforeItLearned { get; private set; }

        public ValueTask<RateLimitTurn> TryStartAsync(string budgetKey, RateLimitTurnRequest request, CancellationToken cancellationToken)
        {
            if (_next > 0 && !_learned)
                AskedBeforeItLearned++;
            return new(RateLimitTurn.Started(_next++));
        }

        public async ValueTask ObserveAsync(string budgetKey, long turn, PinterestRateLimit rateLimit, CancellationToken cancellationToken)
        {
            await Task.Delay(50, cancellationToken);
            _learned = true;
        }
    }

    /// <summary>A store that fails while told to, or answers <see cref="Answer"/>.</summary>
    private sealed class FlakyStore : IRateLimitBudgetStore
    {
        private long _next;

        public bool Failing { get; set; }

        public RateLimitTurn? Answer { get; set; }

        public int Asked { get; private set; }

        public int Observed { get; private set; }

        public ValueTask<RateLimitTurn> TryStartAsync(string budgetKey, RateLimitTurnRequest request, CancellationToken cancellationToken)
        {
            Asked++;
            if (Failing)
                throw new InvalidOperationException("the store is down");
            return new(Answer ?? RateLimitTurn.Started(_next++));
        }

        public ValueTask ObserveAsync(string budgetKey, long turn, PinterestRateLimit rateLimit, CancellationToken cancellationToken)
        {
            Observed++;
            return ValueTask.CompletedTask;
        }
    }
}
