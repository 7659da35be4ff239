using System.Diagnostics;
using System.Text;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>
/// Bodies that arrive slowly, as through a congested link or a slow proxy, on a real loopback socket:
/// they must not hold a thread while they arrive, and a timeout or cancellation must end the read itself.
/// </summary>
[NonParallelizable]
public class SlowBodyTests
{
    private static readonly byte[] InsightsBody = Encoding.UTF8.GetBytes(PinterestApiStub.Payload("audience_insights.json"));

    [Test]
    public async Task Bodies_that_drip_in_do_not_hold_threads_so_other_calls_stay_fast()
    {
        using var slowServer = new RawHttpServer(RawBehaviour.DripBody, InsightsBody, dripTime: TimeSpan.FromSeconds(3));
        using var fastStub = new PinterestApiStub();
        var slowClient = PinterestApiStub.ClientFor(slowServer.BaseUrl);
        var fastClient = fastStub.CreateClient();
        await fastClient.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound(); // connection warm

        var all = Stopwatch.StartNew();
        var slowCalls = Enumerable.Range(0, 32)
            .Select(_ => slowClient.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience))
            .ToArray();
        await Task.Delay(500); // every slow body is now arriving
        var fast = Stopwatch.StartNew();
        var fastResult = await fastClient.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound();
        fast.Stop();
        var slowResults = await Task.WhenAll(slowCalls).WithinBound();
        all.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(fastResult.Categories, Is.Not.Empty);
            Assert.That(fast.Elapsed, Is.LessThan(TimeSpan.FromMilliseconds(500)), "a fast call made while 32 bodies drip in");
            Assert.That(slowResults.Select(r => r.Categories!.Count), Is.All.EqualTo(fastResult.Categories!.Count), "every dripped body parses in full");
            Assert.That(all.Elapsed, Is.LessThan(TimeSpan.FromSeconds(6)), "32 bodies of 3 s each, arriving side by side");
            Assert.That(slowServer.Requests, Is.EqualTo(32));
        });
    }

    [Test]
    public async Task A_body_without_a_length_is_read_to_the_end_of_the_connection()
    {
        using var server = new RawHttpServer(RawBehaviour.DripBody, InsightsBody, dripTime: TimeSpan.FromMilliseconds(300), declareLength: false);
        var client = PinterestApiStub.ClientFor(server.BaseUrl);

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound();

        Assert.That(insights.Categories, Is.Not.Empty);
    }

    [Test]
    public async Task Caller_cancellation_mid_body_ends_the_call_at_once_with_the_callers_token()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders); // 100 KB declared, a few bytes sent
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.MaxRetries = 3);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var watch = Stopwatch.StartNew();
        var call = client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience, cts.Token);
        await Bounded.EndsAsync(call); // a read that blocked would never see the cancellation
        watch.Stop();
        var e = Assert.CatchAsync<OperationCanceledException>(() => call);

        Assert.That(e!.CancellationToken, Is.EqualTo(cts.Token));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(0.8)), "cancelled at 0.5 s; no drain of the rest of the body");
    }

    /// <summary>
    /// A body declared over <see cref="PinterestClientOptions.MaxResponseBodySize"/> is refused without
    /// reading it; the little of it that arrived with the headers goes on the exception, and a peer
    /// that then stalls cannot turn the refusal into a timeout.
    /// </summary>
    [Test]
    public async Task A_declared_length_over_the_cap_is_refused_at_once_even_when_the_peer_stalls()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders, stalledLength: 10_000_000);
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => (o.MaxResponseBodySize, o.Timeout) = (1_000_000, TimeSpan.FromSeconds(60)));

        var watch = Stopwatch.StartNew();
        var call = client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
        await Bounded.EndsAsync(call);
        watch.Stop();
        var e = Assert.CatchAsync<PinterestApiException>(() => call);

        Assert.That(e, Is.Not.InstanceOf<PinterestNetworkException>(), e!.Message);
        Assert.That(e!.Message, Does.Contain("MaxResponseBodySize"));
        Assert.That(e.RequestId, Is.EqualTo("rid-stalled"));
        Assert.That(e.ResponseBody, Is.EqualTo(RawHttpServer.StalledBodyStart), "what came with the headers is kept");
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)), "refused within the short wait for the body's start, not the 60 s timeout");
    }

    /// <summary>An error whose body stalls is still that error, with what arrived of its body.</summary>
    [Test]
    public async Task An_error_whose_body_stalls_is_the_typed_error_not_a_timeout()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders, status: "404 Not Found");
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.Timeout = TimeSpan.FromSeconds(60));

        var call = client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
        await Bounded.EndsAsync(call);
        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => call);

        Assert.That(e!.ErrorCode, Is.EqualTo(8), "Pinterest's code, read from the part that arrived");
        Assert.That(e.RequestId, Is.EqualTo("rid-stalled"));
        Assert.That(e.ResponseBody, Is.EqualTo(RawHttpServer.StalledBodyStart));
    }

    [Test]
    public async Task A_token_endpoints_refusal_whose_body_stalls_is_a_refusal_not_a_timeout()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders, status: "400 Bad Request");
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "1484234", ClientSecret = "app-secret", RefreshToken = "pinr_1",
            TokenUrl = new Uri(server.BaseUrl, "oauth/token"), Timeout = TimeSpan.FromSeconds(60),
        });

        var call = credential.RefreshNowAsync();
        await Bounded.EndsAsync(call);
        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => call);

        Assert.That(e!.StatusCode, Is.EqualTo(400));
        Assert.That(e.ErrorCode, Is.EqualTo(8));
    }

    [Test]
    public async Task A_timeout_on_a_stalled_body_ends_the_attempt_at_the_timeout()
    {
        using var server = new RawHttpServer(RawBehaviour.StallAfterHeaders);
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.Timeout = TimeSpan.FromSeconds(1));

        var watch = Stopwatch.StartNew();
        var call = client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
        await Bounded.EndsAsync(call);
        watch.Stop();
        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => call);

        Assert.That(e!.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("timed out after 1 s"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1.6)));
    }

    [Test]
    public void A_body_over_the_size_cap_fails_with_an_error_that_names_the_setting()
    {
        using var declared = new RawHttpServer(RawBehaviour.DripBody, InsightsBody, dripTime: TimeSpan.FromMilliseconds(100));
        using var undeclared = new RawHttpServer(RawBehaviour.DripBody, InsightsBody, dripTime: TimeSpan.FromMilliseconds(100), declareLength: false);

        foreach (var server in new[] { declared, undeclared })
        {
            var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.MaxResponseBodySize = 1024);

            var e = Assert.ThrowsAsync<PinterestApiException>(() =>
                client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound());

            Assert.That(e!.StatusCode, Is.EqualTo(200));
            Assert.That(e.Message, Does.Contain("MaxResponseBodySize (1,024 bytes)"));
        }
    }

    [Test]
    public async Task A_body_exactly_at_the_cap_is_read()
    {
        using var server = new RawHttpServer(RawBehaviour.DripBody, InsightsBody, dripTime: TimeSpan.FromMilliseconds(100), declareLength: false);
        var client = PinterestApiStub.ClientFor(server.BaseUrl, o => o.MaxResponseBodySize = InsightsBody.Length);

        var insights = await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience).WithinBound();

        Assert.That(insights.Categories, Is.Not.Empty);
    }
}
