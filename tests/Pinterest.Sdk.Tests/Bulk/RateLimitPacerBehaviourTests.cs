using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Bulk;

/// <summary>
/// The pacer's rules seen from the server's side: calls paced by <see cref="RateLimitPacer"/> against
/// the in-process stub's real rate-limit windows, on a fake clock, one call at a time as a bulk run
/// with <c>MaxConcurrency = 1</c> makes them. Each test fails when the rule it names is taken out
/// (the exact values are pinned in <see cref="RateLimitPacerTests"/>).
/// </summary>
public class RateLimitPacerBehaviourTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly PacerBudget Unpaced = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = int.MaxValue, CallsPerMinute = int.MaxValue });

    /// <summary>
    /// Calls <paramref name="count"/> accounts through <paramref name="stub"/>, each when the pacer
    /// allows it (the fake clock moves by the whole milliseconds the pacer's timer would wait), and
    /// teaches the pacer each answer's headers less <paramref name="hidden"/>. Returns when each call started.
    /// </summary>
    private static async Task<List<DateTimeOffset>> RunAsync(PinterestStubHandler stub, FakeTimeProvider clock, int count, params string[] hidden)
    {
        var pacer = new RateLimitPacer(clock);
        using var http = new HttpClient(stub, disposeHandler: false);
        var starts = new List<DateTimeOffset>();
        for (var i = 0; i < count; i++)
        {
            long call;
            for (var tries = 0; ; tries++)
            {
                Assert.That(tries, Is.LessThan(10), "the pacer keeps asking for more time");
                var wait = pacer.TryStart(Unpaced, out call);
                if (wait <= TimeSpan.Zero)
                    break;
                clock.Advance(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)));
            }
            starts.Add(clock.GetUtcNow());
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(stub.BaseUrl, $"ad_accounts/{stub.AdAccountIds[i % stub.AdAccountIds.Count]}/audience_insights?audience_insight_type=YOUR_TOTAL_AUDIENCE"));
            request.Headers.Authorization = new("Bearer", stub.AccessToken);
            using var response = await http.SendAsync(request);
            foreach (var name in hidden)
                response.Headers.Remove(name);
            pacer.Observe(call, PinterestRateLimit.From(response, clock));
        }
        return starts;
    }

    /// <summary>
    /// The 2% margin: a server whose clock runs 1.5% slow sees the calls 1.5% closer together. Spaced
    /// at exactly <c>window / (limit − 1)</c>, 101 of them land in one of its 60-second windows of 100
    /// and the 101st is throttled; with the margin, at most 99 do. (Remaining is hidden, so only the
    /// spacing learned from the policy <c>100;w=60</c> paces the run.)
    /// </summary>
    [Test]
    public async Task The_spacing_margin_absorbs_a_server_clock_running_slow()
    {
        var clock = new FakeTimeProvider(Start);
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions
        {
            AdAccountIds = ["549700000001", "549700000002"],
            CallsPerMinute = 100,
            TimeProvider = new SlowClock(clock, rate: 1 / 1.015),
        });

        var starts = await RunAsync(stub, clock, 300, PinterestRateLimit.RemainingHeader);

        Assert.That(stub.ThrottledRequestCount, Is.Zero, $"{stub.ThrottledRequestCount} of {stub.RequestCount} throttled");
        Assert.That(starts[^1] - starts[1], Is.LessThan(TimeSpan.FromMinutes(3.2)), "paced by the spacing, not slower");
    }

    /// <summary>
    /// The window in force: Pinterest said 0 remaining, so the next call waits for the reset. (Limit is
    /// hidden, so no spacing is learned; only Remaining and Reset hold the run.)
    /// </summary>
    [Test]
    public async Task After_the_last_call_a_window_allows_the_next_waits_for_its_reset()
    {
        var clock = new FakeTimeProvider(Start);
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions
        {
            AdAccountIds = ["549700000001"],
            CallsPerMinute = 5,
            TimeProvider = clock,
        });

        var starts = await RunAsync(stub, clock, 12, PinterestRateLimit.LimitHeader);

        Assert.That(stub.ThrottledRequestCount, Is.Zero, $"{stub.ThrottledRequestCount} of {stub.RequestCount} throttled");
        Assert.That(starts[4] - starts[0], Is.LessThan(TimeSpan.FromSeconds(1)), "the window's five calls go at once");
        Assert.That(starts[5] - starts[0], Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61)), "the sixth waits for the reset, and no longer");
        Assert.That(starts[10] - starts[5], Is.InRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(61)));
    }

    /// <summary>
    /// Timers count whole milliseconds: a wait of a quarter millisecond asks the clock for one timer of
    /// 1 ms. Rounded down, the wait would be a zero delay that ends at once, and the loop would spin
    /// without the clock moving; not rounded, the system timer would do the same.
    /// </summary>
    [Test]
    public async Task A_wait_under_a_millisecond_is_one_timer_of_a_whole_millisecond_not_a_spin()
    {
        var clock = new TimerLog(new FakeTimeProvider(Start));
        var pacer = new RateLimitPacer(clock);
        var budget = PacerBudget.Of(new PinterestBulkOptions { CallsPerSecond = 4000, CallsPerMinute = int.MaxValue });
        using var spinGuard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await pacer.WaitForTurnAsync(budget, spinGuard.Token);

        var second = Task.Run(() => pacer.WaitForTurnAsync(budget, spinGuard.Token).AsTask());
        await clock.WaitForTimerAsync(alongside: second);
        clock.Inner.Advance(TimeSpan.FromMilliseconds(1));
        await second;

        Assert.That(clock.DueTimes, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(1) }), "one timer, of one whole millisecond");
    }

    /// <summary>A server clock running at <paramref name="rate"/> times the client's, from the same start.</summary>
    private sealed class SlowClock(FakeTimeProvider clientClock, double rate) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Start + (clientClock.GetUtcNow() - Start) * rate;
    }
}
