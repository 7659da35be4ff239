using Microsoft.Extensions.Time.Testing;

namespace Pinterest.Sdk.Tests.Bulk;

/// <summary>
/// Each rule of the bulk pacer (<c>RateLimitPacer</c>'s summary states them) under a fake clock: when a
/// call may start, from the run's budget and from what Pinterest's headers report, and that no header
/// value makes it throw or wait past the reported reset or <see cref="PinterestBulkOptions.MaxQuotaWait"/>.
/// </summary>
public class RateLimitPacerTests
{
    private static readonly PacerBudget Default = PacerBudget.Of(new PinterestBulkOptions());

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    private RateLimitPacer NewPacer() => new(_clock);

    /// <summary>What <see cref="PinterestRateLimit"/> reads from an answer with these headers, on the fake clock.</summary>
    internal static PinterestRateLimit? Answer(TimeProvider clock, params (string Name, string Value)[] headers)
    {
        using var response = new HttpResponseMessage();
        foreach (var (name, value) in headers)
            response.Headers.TryAddWithoutValidation(name, value);
        return PinterestRateLimit.From(response, clock);
    }

    private static long Start(RateLimitPacer pacer, PacerBudget budget)
    {
        var wait = pacer.TryStart(budget, out var call);
        Assert.That(wait, Is.LessThanOrEqualTo(TimeSpan.Zero), "the call may start now");
        return call;
    }

    [Test]
    public void The_budget_spaces_calls_evenly_with_one_call_of_each_window_in_reserve()
    {
        var pacer = NewPacer();
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = 11, CallsPerMinute = 100_000 });

        Start(pacer, budget);
        var wait = pacer.TryStart(budget, out _);

        // 11 a second: 1.02 s / 9.9 apart, so any 11 calls in a row span more than 1.02 s (even with the
        // first a tenth of the spacing late), and no second holds all 11.
        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(1.02 / 9.9)).Within(TimeSpan.FromTicks(1)));
        _clock.Advance(wait - TimeSpan.FromMilliseconds(1));
        Assert.That(pacer.TryStart(budget, out _), Is.EqualTo(TimeSpan.FromMilliseconds(1)));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(pacer.TryStart(budget, out var second), Is.EqualTo(TimeSpan.Zero));
        Assert.That(second, Is.EqualTo(1));
    }

    /// <summary>A hundred calls, each woken 10 ms after its slot (a tenth of the 103 ms spacing is 10.3 ms): only the last one's lateness shows.</summary>
    [Test]
    public void Calls_that_wake_a_little_late_keep_the_schedule_and_do_not_push_later_calls_back()
    {
        var pacer = NewPacer();
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = 11, CallsPerMinute = 100_000 });
        var late = TimeSpan.FromMilliseconds(10);
        var first = _clock.GetUtcNow();
        Start(pacer, budget);

        for (var i = 0; i < 100; i++)
        {
            _clock.Advance(pacer.TryStart(budget, out _) + late);
            Start(pacer, budget);
        }

        Assert.That(_clock.GetUtcNow() - first, Is.EqualTo(budget.Spacing * 100 + late), "not 100 × (spacing + 10 ms)");
    }

    /// <summary>A call late by at most a tenth of the spacing is recorded at its slot; one later than that, when it started.</summary>
    [TestCase(10.3, true)]
    [TestCase(10.32, false)]
    [TestCase(500, false)]
    public void Only_lateness_up_to_a_tenth_of_the_spacing_is_credited(double lateMs, bool credited)
    {
        var pacer = NewPacer();
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = 11, CallsPerMinute = 100_000 });
        Start(pacer, budget);

        _clock.Advance(budget.Spacing + TimeSpan.FromMilliseconds(lateMs));
        Start(pacer, budget);

        var nextWait = credited ? budget.Spacing - TimeSpan.FromMilliseconds(lateMs) : budget.Spacing;
        Assert.That(pacer.TryStart(budget, out _), Is.EqualTo(nextWait).Within(TimeSpan.FromTicks(2)));
    }

    /// <summary>
    /// The worst case of the schedule: each window's first call as late as is credited (a tenth of the
    /// spacing), the rest on time. No second holds more than the limit less the one call kept in reserve (one call for a limit of 1).
    /// </summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(10)]
    [TestCase(100)]
    public void Calls_woken_as_late_as_is_credited_never_put_more_than_the_limit_in_a_window(int limit)
    {
        var pacer = NewPacer();
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = limit, CallsPerMinute = 100_000 });
        var starts = new List<DateTimeOffset>();
        for (var i = 0; i < 5 * (limit + 1); i++)
        {
            var wait = pacer.TryStart(budget, out _);
            if (wait > TimeSpan.Zero)
            {
                _clock.Advance(wait + (i % (limit + 1) == 0 ? budget.Spacing / 10 : TimeSpan.Zero));
                Start(pacer, budget);
            }
            starts.Add(_clock.GetUtcNow());
        }

        var most = starts.Max(s => starts.Count(t => t >= s && t < s + TimeSpan.FromSeconds(1)));
        Assert.That(most, Is.LessThanOrEqualTo(Math.Max(1, limit - 1)));
    }

    [Test]
    public void The_slower_of_the_per_second_and_per_minute_budgets_wins()
    {
        var perMinute = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = 100, CallsPerMinute = 61 });

        Assert.That(perMinute.Spacing, Is.EqualTo(TimeSpan.FromSeconds(60 * 1.02 / 59.9)).Within(TimeSpan.FromTicks(1)));
        Assert.That(Default.Spacing, Is.EqualTo(TimeSpan.FromSeconds(60 * 1.02 / 998.9)).Within(TimeSpan.FromTicks(1)));
    }

    [Test]
    public void A_policy_of_x_rate_limit_limit_slows_the_client_to_that_window()
    {
        var pacer = NewPacer();
        var call = Start(pacer, Default);
        pacer.Observe(call, Answer(_clock, ("X-RateLimit-Limit", "100, 10;w=1, 1000;w=60")));

        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(TimeSpan.FromSeconds(1.02 / 8.9)).Within(TimeSpan.FromTicks(2)));
    }

    [Test]
    public void A_plain_limit_is_paced_over_the_longest_reset_seen_in_whole_seconds()
    {
        var pacer = NewPacer();
        var call = Start(pacer, Default);
        pacer.Observe(call, Answer(_clock, ("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "9"), ("X-RateLimit-Reset", "0.4")));

        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(TimeSpan.FromSeconds(1.02 / 8.9)).Within(TimeSpan.FromTicks(2)), "a 0.4 s reset: a window of 1 s");
    }

    [Test]
    public void A_spent_window_holds_calls_until_its_reset()
    {
        var pacer = NewPacer();
        var fast = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue });
        var first = Start(pacer, fast);
        pacer.Observe(first, Answer(_clock, ("X-RateLimit-Remaining", "2"), ("X-RateLimit-Reset", "5")));

        Start(pacer, fast);
        Start(pacer, fast);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var wait = pacer.TryStart(fast, out _);

        Assert.That(wait, Is.EqualTo(TimeSpan.FromSeconds(4)), "two calls were left; both started; the reset is 4 s away");
        _clock.Advance(wait);
        Assert.That(pacer.TryStart(fast, out _), Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void A_reset_beyond_max_quota_wait_is_not_waited_for_and_its_429_stops_the_run_instead()
    {
        var pacer = NewPacer();
        var budget = Default with { MaxQuotaWait = TimeSpan.FromMinutes(1) };
        var first = Start(pacer, budget);
        pacer.Observe(first, Answer(_clock, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "36000")));

        Assert.That(pacer.TryStart(budget, out _), Is.EqualTo(budget.Spacing), "only the budget's spacing");
    }

    [Test]
    public void An_answer_to_an_earlier_call_does_not_override_what_a_later_one_reported()
    {
        var pacer = NewPacer();
        var fast = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue });
        var first = Start(pacer, fast);
        var second = Start(pacer, fast);

        pacer.Observe(second, Answer(_clock, ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "3")));
        pacer.Observe(first, Answer(_clock, ("X-RateLimit-Remaining", "50"), ("X-RateLimit-Reset", "3")));

        Assert.That(pacer.TryStart(fast, out _), Is.EqualTo(TimeSpan.FromSeconds(3)));
    }

    [Test]
    public void A_spacing_learned_from_pinterest_never_exceeds_max_quota_wait()
    {
        var pacer = NewPacer();
        var budget = Default with { MaxQuotaWait = TimeSpan.FromSeconds(2) };
        var call = Start(pacer, budget);
        pacer.Observe(call, Answer(_clock, ("X-RateLimit-Limit", "1, 1;w=60")));

        Assert.That(pacer.TryStart(budget, out _), Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void A_wall_clock_set_back_never_lengthens_a_wait()
    {
        var clock = new SettableClock { Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero) };
        var pacer = new RateLimitPacer(clock);
        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(TimeSpan.Zero));

        clock.Now = clock.Now.AddHours(-1);

        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(Default.Spacing));
    }

    /// <summary>A minute between calls: were the wait on real time, the second call would not start within the test's 10 seconds.</summary>
    [Test]
    public async Task Waiting_for_a_turn_runs_on_the_clients_clock()
    {
        var pacer = NewPacer();
        var slow = PacerBudget.Of(new PinterestBulkOptions { CallsPerMinute = 1 });
        await pacer.WaitForTurnAsync(slow, CancellationToken.None);

        var second = pacer.WaitForTurnAsync(slow, CancellationToken.None).AsTask();
        _clock.Advance(slow.Spacing - TimeSpan.FromMilliseconds(1));
        Assert.That(second.IsCompleted, Is.False, "its turn is a millisecond away on the fake clock");
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(await second.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(1));
    }

    [Test]
    public async Task An_answer_that_opens_a_held_window_wakes_the_waiting_call()
    {
        var pacer = NewPacer();
        var fast = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue });
        var first = Start(pacer, fast);
        // A 50-second window (under MaxQuotaWait, so calls wait for it): only the answer, not time
        // (fake or real), can open it within the test.
        pacer.Observe(first, Answer(_clock, ("X-RateLimit-Remaining", "1"), ("X-RateLimit-Reset", "50")));
        var second = Start(pacer, fast);

        var third = pacer.WaitForTurnAsync(fast, CancellationToken.None).AsTask();
        Assert.That(third.IsCompleted, Is.False, "the window is spent until the second call's answer says otherwise");
        pacer.Observe(second, Answer(_clock, ("X-RateLimit-Remaining", "9"), ("X-RateLimit-Reset", "50")));

        Assert.That(await third.WaitAsync(TimeSpan.FromSeconds(10)), Is.EqualTo(2), "started with no time passing");
    }

    [Test]
    public void Waiting_for_a_turn_ends_when_cancelled()
    {
        var pacer = NewPacer();
        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(TimeSpan.Zero));
        using var cancel = new CancellationTokenSource();

        var waiting = pacer.WaitForTurnAsync(Default, cancel.Token).AsTask();
        cancel.Cancel();

        Assert.CatchAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Header values a broken proxy or a hostile server may send, each on its own and with sane ones.</summary>
    [TestCase("X-RateLimit-Reset", "NaN")]
    [TestCase("X-RateLimit-Reset", "-Infinity")]
    [TestCase("X-RateLimit-Reset", "Infinity")]
    [TestCase("X-RateLimit-Reset", "-5")]
    [TestCase("X-RateLimit-Reset", "99999999999999")]
    [TestCase("X-RateLimit-Reset", "1e400")]
    [TestCase("X-RateLimit-Reset", "soon")]
    [TestCase("X-RateLimit-Remaining", "-1")]
    [TestCase("X-RateLimit-Remaining", "99999999999999")]
    [TestCase("X-RateLimit-Limit", "100;w=NaN")]
    [TestCase("X-RateLimit-Limit", "100;w=-1, 0;w=1, 5;w=0")]
    [TestCase("X-RateLimit-Limit", "100;w=99999999999999")]
    [TestCase("X-RateLimit-Limit", ";;;,,,w=,;w")]
    [TestCase("Retry-After", "NaN")]
    public void No_header_value_makes_it_throw_or_wait_past_max_quota_wait(string name, string value)
    {
        var pacer = NewPacer();
        var budget = Default with { MaxQuotaWait = TimeSpan.FromSeconds(30) };
        var call = Start(pacer, budget);
        (string, string)[] sane = [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "10")];
        var rateLimit = Answer(_clock, [.. sane.Where(h => h.Item1 != name), (name, value)]);

        Assert.DoesNotThrow(() => pacer.Observe(call, rateLimit));
        var wait = pacer.TryStart(budget, out _);

        Assert.That(wait, Is.LessThanOrEqualTo(TimeSpan.FromSeconds(30)));
        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.That(pacer.TryStart(budget, out _), Is.EqualTo(TimeSpan.Zero), "the wait ended");
    }

    [Test]
    public void A_plain_limit_does_not_override_the_windows_a_server_named()
    {
        var pacer = NewPacer();
        var call = Start(pacer, Default);
        pacer.Observe(call, Answer(_clock, ("X-RateLimit-Limit", "4, 4;w=5"), ("X-RateLimit-Reset", "5")));
        pacer.Observe(call, Answer(_clock, ("X-RateLimit-Limit", "50"), ("X-RateLimit-Reset", "5")));

        Assert.That(pacer.TryStart(Default, out _), Is.EqualTo(TimeSpan.FromSeconds(5 * 1.02 / 2.9)).Within(TimeSpan.FromTicks(2)));
    }

    [Test]
    public void A_limit_sent_as_two_header_lines_is_one_list()
    {
        var rateLimit = Answer(_clock, ("X-RateLimit-Limit", "100"), ("X-RateLimit-Limit", "100;w=1, 1000;w=60"));

        Assert.That(rateLimit!.Limit, Is.EqualTo(100));
        Assert.That(rateLimit.Policies, Is.EqualTo(new[]
        {
            new PinterestRateLimitPolicy(100, TimeSpan.FromSeconds(1)),
            new PinterestRateLimitPolicy(1000, TimeSpan.FromSeconds(60)),
        }));
    }

    [TestCase("NaN")]
    [TestCase("-Infinity")]
    [TestCase("Infinity")]
    [TestCase("-3")]
    public void A_reset_or_retry_after_that_is_not_a_finite_number_of_seconds_is_absent(string value)
    {
        var rateLimit = Answer(_clock, ("X-RateLimit-Reset", value), ("Retry-After", value), ("X-RateLimit-Limit", $"1000, 100;w={value}"), ("X-RateLimit-Remaining", "3"));

        Assert.Multiple(() =>
        {
            Assert.That(rateLimit!.Reset, Is.Null);
            Assert.That(rateLimit.RetryAfter, Is.Null);
            Assert.That(rateLimit.Remaining, Is.EqualTo(3));
            Assert.That(rateLimit.Policies, Is.EqualTo(new[] { new PinterestRateLimitPolicy(100, null) }));
        });
    }

    /// <summary>A wall clock that can be set back, as an administrator or NTP may.</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
