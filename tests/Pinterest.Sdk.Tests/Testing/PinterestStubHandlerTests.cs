using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Testing;

/// <summary><see cref="PinterestStubHandler"/> has the server's failure scenarios, in process.</summary>
public class PinterestStubHandlerTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;

    [Test]
    public async Task A_simulated_rate_limit_answers_429_with_its_retry_after_the_given_number_of_times()
    {
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => o.MaxRetries = 0);
        stub.SimulateRateLimit(TimeSpan.FromSeconds(7), times: 1);

        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));
        var after = await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);

        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(e.ErrorCode, Is.EqualTo(8));
        Assert.That(after.Type, Is.EqualTo(Total));
    }

    [Test]
    public void A_simulated_server_error_answers_its_status_until_reset()
    {
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => o.MaxRetries = 0);
        stub.SimulateServerError(502);

        var first = Assert.ThrowsAsync<PinterestServerException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));
        var second = Assert.ThrowsAsync<PinterestServerException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));
        stub.Reset();

        Assert.That(new[] { first!.StatusCode, second!.StatusCode }, Is.All.EqualTo(502));
        Assert.DoesNotThrowAsync(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));
        Assert.Throws<ArgumentOutOfRangeException>(() => stub.SimulateServerError(404));
    }

    [Test]
    public async Task Simulated_slow_responses_wait_on_the_stubs_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var stubClock = new TimerLog(clock);
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = stubClock });
        var client = stub.CreateClient(o => (o.TimeProvider, o.Timeout) = (clock, TimeSpan.FromSeconds(100)));
        stub.SimulateSlowResponses(TimeSpan.FromSeconds(30));

        // 30 s of fake time: on real time, the call would not end within the test's 10 seconds.
        var call = client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);
        await stubClock.WaitForTimerAsync();
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.That(call.IsCompleted, Is.False, "a second of fake time is left");
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.That((await call.WaitAsync(TimeSpan.FromSeconds(10))).Type, Is.EqualTo(Total));
    }

    [Test]
    public void A_slow_response_ends_with_the_callers_cancellation()
    {
        using var stub = new PinterestStubHandler();
        var client = stub.CreateClient(o => o.MaxRetries = 0);
        stub.SimulateSlowResponses(TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        Assert.CatchAsync<OperationCanceledException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total, cancel.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
