using Pinterest.Sdk.Redis;
using Pinterest.Sdk.Tests.Support;
using StackExchange.Redis;

using Pinterest.Sdk.Tests.Shared;

namespace Pinterest.Sdk.Tests.Redis;

/// <summary>
/// <see cref="RedisRateLimitBudgetStore"/> against a real redis-server: two stores on two connections
/// stand for two processes, and each keeps the pacer's two rules for both.
/// </summary>
[NonParallelizable]
public class RedisBudgetStoreTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private RedisServer _redis = null!;

    [OneTimeSetUp]
    public void StartRedis() => _redis = RedisServer.Start();

    [OneTimeTearDown]
    public void StopRedis() => _redis.Dispose();

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private RedisRateLimitBudgetStore Process() => RedisRateLimitBudgetStore.Connect(_redis.ConnectionString);

    private static PinterestRateLimit Answer(int remaining, TimeSpan reset) => new(10, remaining, reset, null, DateTimeOffset.UtcNow);

    [Test]
    public async Task A_call_in_one_process_spaces_the_next_call_in_another()
    {
        using var one = Process();
        using var other = Process();
        var key = NewKey();
        var spacing = TimeSpan.FromSeconds(2);

        var first = await one.TryStartAsync(key, new RateLimitTurnRequest(spacing, Long, false), default);
        var second = await other.TryStartAsync(key, new RateLimitTurnRequest(spacing, Long, false), default);

        Assert.That(first.IsStarted, Is.True);
        Assert.That(first.Number, Is.Zero);
        Assert.That(second.IsStarted, Is.False, "the other process's call came too soon");
        Assert.That(second.Wait, Is.InRange(TimeSpan.FromSeconds(1.5), spacing));
    }

    [Test]
    public async Task Calls_are_numbered_across_processes_and_each_starts_once_its_spacing_is_over()
    {
        using var one = Process();
        using var other = Process();
        var key = NewKey();
        var request = new RateLimitTurnRequest(TimeSpan.FromMilliseconds(30), Long, false);

        var numbers = new List<long>();
        foreach (var store in new[] { one, other, one, other })
        {
            while (true)
            {
                var turn = await store.TryStartAsync(key, request, default);
                if (turn.IsStarted)
                {
                    numbers.Add(turn.Number);
                    break;
                }
                await Task.Delay(turn.Wait);
            }
        }

        Assert.That(numbers, Is.EqualTo(new long[] { 0, 1, 2, 3 }));
    }

    /// <summary>
    /// The pacer's schedule of slots, kept by the script: a turn taken late by at most a tenth of the
    /// spacing is recorded at its slot, so the next waits the spacing less that lateness; a later one
    /// is recorded when it started. (The previous call's start is written into the budget's hash, on
    /// the server's clock, so the lateness is exact.)
    /// </summary>
    [TestCase(500, true)]
    [TestCase(2000, false)]
    public async Task A_turn_late_by_at_most_a_tenth_of_the_spacing_is_credited_its_slot(int lateMs, bool credited)
    {
        using var store = Process();
        var key = NewKey();
        var spacing = TimeSpan.FromSeconds(10);
        var late = TimeSpan.FromMilliseconds(lateMs);
        var request = new RateLimitTurnRequest(spacing, Long, false);
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString))
        {
            await redis.GetDatabase().ScriptEvaluateAsync("""
                local t = redis.call('TIME')
                redis.call('HSET', KEYS[1], 'last', string.format('%.0f', tonumber(t[1]) * 1000000 + tonumber(t[2]) - tonumber(ARGV[1])))
                return 0
                """, [RedisRateLimitBudgetStore.DefaultKeyPrefix + key], [(long)(spacing + late).TotalMicroseconds]);
        }

        var turn = await store.TryStartAsync(key, request, default);
        var next = await store.TryStartAsync(key, request, default);

        Assert.That(turn.IsStarted, Is.True, "its slot has passed");
        var expected = credited ? spacing - late : spacing;
        Assert.That(next.Wait, Is.InRange(expected - TimeSpan.FromSeconds(0.5), expected), credited ? "counted from its slot" : "counted from when it started");
    }

    [Test]
    public async Task A_window_one_process_learned_is_spent_holds_the_other_process_until_its_reset()
    {
        using var one = Process();
        using var other = Process();
        var key = NewKey();
        var bulk = new RateLimitTurnRequest(TimeSpan.Zero, Long, false);
        var first = await one.TryStartAsync(key, bulk, default);
        await one.ObserveAsync(key, first.Number, Answer(remaining: 1, TimeSpan.FromSeconds(3)), default);

        var second = await other.TryStartAsync(key, bulk, default);
        var third = await other.TryStartAsync(key, bulk, default);

        Assert.That(second.IsStarted, Is.True, "one call was left");
        Assert.That(third.IsStarted, Is.False, "none is left until the reset");
        Assert.That(third.Wait, Is.InRange(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)));
    }

    /// <summary>
    /// A window held only because calls started since the answer that reported it (their answers may
    /// open it, and may come to other processes): the call asks again after a spacing. Once the latest
    /// call's own answer says it is spent, the call waits for the reset.
    /// </summary>
    [Test]
    public async Task A_window_that_calls_in_flight_may_reopen_is_asked_again_after_a_spacing_not_at_its_reset()
    {
        using var store = Process();
        var key = NewKey();
        var spacing = TimeSpan.FromMilliseconds(100);
        var request = new RateLimitTurnRequest(spacing, Long, false);
        var first = await store.TryStartAsync(key, request, default);
        await store.ObserveAsync(key, first.Number, Answer(remaining: 1, TimeSpan.FromSeconds(30)), default);
        var second = await store.TryStartAsync(key, request, default);
        while (!second.IsStarted)
        {
            await Task.Delay(second.Wait);
            second = await store.TryStartAsync(key, request, default);
        }

        var held = await store.TryStartAsync(key, request, default);
        await store.ObserveAsync(key, second.Number, Answer(remaining: 0, TimeSpan.FromSeconds(30)), default);
        var spent = await store.TryStartAsync(key, request, default);

        Assert.That(held.IsStarted, Is.False, "the window's last call went");
        Assert.That(held.Wait, Is.LessThanOrEqualTo(spacing), "the second call's answer may open it");
        Assert.That(spent.Wait, Is.InRange(TimeSpan.FromSeconds(25), TimeSpan.FromSeconds(30)), "the latest answer says it is spent");
    }

    [Test]
    public async Task A_single_call_whose_window_stays_spent_longer_than_it_may_wait_is_refused_and_a_bulk_call_goes()
    {
        using var store = Process();
        var key = NewKey();
        var first = await store.TryStartAsync(key, new RateLimitTurnRequest(TimeSpan.Zero, Long, false), default);
        await store.ObserveAsync(key, first.Number, Answer(remaining: 0, TimeSpan.FromHours(5)), default);

        var single = await store.TryStartAsync(key, new RateLimitTurnRequest(TimeSpan.Zero, TimeSpan.FromSeconds(60), true), default);
        var bulk = await store.TryStartAsync(key, new RateLimitTurnRequest(TimeSpan.Zero, TimeSpan.FromMinutes(10), false), default);

        Assert.That(single.IsRefused, Is.True);
        Assert.That(single.Wait, Is.InRange(TimeSpan.FromHours(5) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(5)));
        Assert.That(bulk.IsStarted, Is.True, "a spent daily quota is not waited for: the bulk call's 429 stops its run");
    }

    [Test]
    public async Task An_older_calls_answer_does_not_replace_the_window_a_later_call_reported()
    {
        using var store = Process();
        var key = NewKey();
        var bulk = new RateLimitTurnRequest(TimeSpan.Zero, Long, false);
        var first = await store.TryStartAsync(key, bulk, default);
        var second = await store.TryStartAsync(key, bulk, default);
        await store.ObserveAsync(key, second.Number, Answer(remaining: 0, TimeSpan.FromSeconds(30)), default);
        await store.ObserveAsync(key, first.Number, Answer(remaining: 50, TimeSpan.FromSeconds(30)), default);

        var third = await store.TryStartAsync(key, bulk, default);

        Assert.That(third.IsStarted, Is.False, "the later answer said none remain");
    }

    [Test]
    public async Task Budgets_are_apart_and_kept_under_the_prefix_by_the_key_alone()
    {
        using var store = RedisRateLimitBudgetStore.Connect(_redis.ConnectionString, new RedisRateLimitBudgetOptions { KeyPrefix = "test-prefix:" });
        var spaced = new RateLimitTurnRequest(TimeSpan.FromMinutes(1), Long, false);
        var (one, other) = (NewKey(), NewKey());

        Assert.That((await store.TryStartAsync(one, spaced, default)).IsStarted, Is.True);
        Assert.That((await store.TryStartAsync(other, spaced, default)).IsStarted, Is.True, "another credential's budget");

        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync("test-prefix:" + one);
        Assert.That(ttl, Is.InRange(TimeSpan.FromMinutes(59), TimeSpan.FromHours(1)), "an idle budget expires");
    }

    [Test]
    public void A_store_on_a_redis_that_is_down_fails_fast_rather_than_hanging()
    {
        var port = FreePort.Next();
        using var store = RedisRateLimitBudgetStore.Connect($"127.0.0.1:{port}");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.CatchAsync<Exception>(async () => await store.TryStartAsync(NewKey(), new RateLimitTurnRequest(TimeSpan.Zero, Long, true), default));
        var first = watch.Elapsed;
        watch.Restart();
        Assert.CatchAsync<Exception>(async () => await store.TryStartAsync(NewKey(), new RateLimitTurnRequest(TimeSpan.Zero, Long, true), default));

        Assert.That(first, Is.LessThan(TimeSpan.FromSeconds(5)), "the first call waits at most for the connect timeout");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)), "later calls are refused at once while it reconnects");
    }

    [Test]
    public void A_connection_string_that_names_no_server_is_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => RedisRateLimitBudgetStore.Connect(" "));
        Assert.Throws<ArgumentException>(() => RedisRateLimitBudgetStore.Connect("password=x"));
    }

    [Test]
    public void The_default_configuration_has_short_timeouts_and_queues_nothing_but_keeps_what_the_string_says()
    {
        var defaults = RedisRateLimitBudgetStore.Configuration("127.0.0.1:6379");
        var said = RedisRateLimitBudgetStore.Configuration("127.0.0.1:6379,connectTimeout=3000,asyncTimeout=2000");

        Assert.That((defaults.ConnectTimeout, defaults.AsyncTimeout, defaults.AbortOnConnectFail), Is.EqualTo((2000, 1000, false)));
        Assert.That(defaults.BacklogPolicy, Is.SameAs(BacklogPolicy.FailFast));
        Assert.That((said.ConnectTimeout, said.AsyncTimeout), Is.EqualTo((3000, 2000)));
    }
}
