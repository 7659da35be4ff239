using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests.Http;

/// <summary>Both operations are idempotent GETs: transient failures are retried, permanent ones are not.</summary>
[TestFixtureSource(typeof(Route), nameof(Route.All))]
public class RetryTests(Route route)
{
    private const string Ok = """{"size": 1, "items": []}""";
    private const string Failure = """{"code": 1, "message": "try again"}""";

    private PinterestApiStub _stub = null!;
    private string _path = null!;

    [SetUp]
    public void SetUp()
    {
        _stub = new PinterestApiStub();
        _path = route.Path(AdAccountId);
    }

    [TearDown]
    public void TearDown() => _stub.Dispose();

    private AudienceInsightsClient FastRetryingClient(int maxRetries = 3, Action<PinterestClientOptions>? configure = null) =>
        _stub.CreateClient(o =>
        {
            o.MaxRetries = maxRetries;
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(o);
        });

    [TestCase(408)]
    [TestCase(429)]
    [TestCase(500)]
    [TestCase(502)]
    [TestCase(503)]
    [TestCase(504)]
    public async Task A_transient_status_is_retried_and_the_call_succeeds(int status)
    {
        _stub.RespondInSequence(_path, Json(status, Failure), Json(200, Ok));

        await route.CallAsync(FastRetryingClient());

        Assert.That(_stub.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Three_503s_then_success_within_three_retries()
    {
        _stub.RespondInSequence(_path, Json(503, Failure), Json(503, Failure), Json(503, Failure), Json(200, Ok));

        await route.CallAsync(FastRetryingClient(maxRetries: 3));

        Assert.That(_stub.Requests, Has.Count.EqualTo(4));
    }

    [Test]
    public void When_retries_run_out_the_last_typed_exception_is_thrown()
    {
        _stub.RespondJson(_path, 500, Failure, ("x-pinterest-rid", "rid-last"));

        var e = Assert.ThrowsAsync<PinterestServerException>(() => route.CallAsync(FastRetryingClient(maxRetries: 2)));

        Assert.That(e!.RequestId, Is.EqualTo("rid-last"));
        Assert.That(_stub.Requests, Has.Count.EqualTo(3), "one attempt and two retries");
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(409)]
    [TestCase(501)]
    public void Other_statuses_are_not_retried(int status)
    {
        _stub.RespondJson(_path, status, Failure);

        Assert.ThrowsAsync(Is.InstanceOf<PinterestApiException>(), () => route.CallAsync(FastRetryingClient()));

        Assert.That(_stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public void An_unreadable_success_body_is_not_retried()
    {
        _stub.RespondJson(_path, 200, "{ truncated");

        Assert.ThrowsAsync<PinterestApiException>(() => route.CallAsync(FastRetryingClient()));

        Assert.That(_stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Retry_after_in_seconds_wins_over_the_computed_backoff()
    {
        var clock = new FakeClock();
        _stub.RespondInSequence(_path, Json(429, Failure, ("Retry-After", "7")), Json(200, Ok));
        var client = _stub.CreateClient(o =>
        {
            clock.Configure(o);
            o.MaxRetries = 3;
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
            o.MaxRetryDelay = TimeSpan.FromSeconds(1);
        });

        await clock.RunAsync(() => route.CallAsync(client));

        Assert.That(clock.Gaps, Has.Count.EqualTo(1));
        Assert.That(clock.Gaps[0], Is.InRange(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(9)));
    }

    [Test]
    public async Task Retry_after_as_an_http_date_is_honoured()
    {
        var clock = new FakeClock();
        var at = clock.Time.GetUtcNow().AddSeconds(20).ToString("R");
        _stub.RespondInSequence(_path, Json(503, Failure, ("Retry-After", at)), Json(200, Ok));
        var client = _stub.CreateClient(o =>
        {
            clock.Configure(o);
            o.MaxRetries = 3;
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
        });

        await clock.RunAsync(() => route.CallAsync(client));

        Assert.That(clock.Gaps.Single(), Is.InRange(TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(22)));
    }

    [Test]
    public void A_retry_after_beyond_the_ceiling_is_not_waited_for_and_is_reported()
    {
        _stub.RespondJson(_path, 429, Failure, ("Retry-After", "3600"));
        var client = FastRetryingClient(configure: o => o.MaxRetryAfter = TimeSpan.FromSeconds(30));

        // Bounded: an SDK that waited out the hour would fail here, not hang the run.
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => route.CallAsync(client).WithinBound());

        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(_stub.Requests, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Backoff_grows_and_stays_within_the_cap()
    {
        var clock = new FakeClock();
        _stub.RespondInSequence(_path, Json(500, Failure), Json(500, Failure), Json(500, Failure), Json(500, Failure), Json(200, Ok));
        var client = _stub.CreateClient(o =>
        {
            clock.Configure(o);
            o.MaxRetries = 4;
            o.RetryDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromSeconds(3);
        });

        await clock.RunAsync(() => route.CallAsync(client));

        Assert.That(clock.Gaps, Has.Count.EqualTo(4));
        Assert.That(clock.Gaps, Has.All.InRange(TimeSpan.Zero, TimeSpan.FromSeconds(3.5)));
        Assert.That(clock.Gaps.Sum(g => g.TotalSeconds), Is.GreaterThan(1), "the waits are not all zero");
    }

    [Test]
    public async Task Backoff_grows_exponentially_from_the_first_delay()
    {
        var clock = new FakeClock();
        _stub.RespondInSequence(_path, [.. Enumerable.Repeat(Json(500, Failure), 10), Json(200, Ok)]);
        var client = _stub.CreateClient(o =>
        {
            clock.Configure(o);
            o.MaxRetries = 10;
            o.RetryDelay = TimeSpan.FromSeconds(1);
            o.MaxRetryDelay = TimeSpan.FromHours(10);
            o.Timeout = Timeout.InfiniteTimeSpan; // the fast fake clock must not time an attempt out
        });

        await clock.RunAsync(() => route.CallAsync(client), step: TimeSpan.FromSeconds(5));

        var gaps = clock.Gaps.Select(g => g.TotalSeconds).ToList();
        Assert.That(gaps, Has.Count.EqualTo(10));
        // Doubling from 1 s over ten retries reaches waits of minutes; Polly's jitter scatters each
        // wait widely, so single gaps are not compared. A constant backoff stays near 1 s and a
        // linear one under 11 s.
        Assert.That(gaps.Max(), Is.GreaterThan(30), string.Join(", ", gaps));
    }

    [Test]
    public void A_refused_connection_is_retried_then_reported_as_a_network_failure()
    {
        var attempts = 0;
        var client = new AudienceInsightsClient(new PinterestClientOptions
        {
            BaseUrl = UnreachableBaseUrl(),
            AccessTokenProvider = _ => { Interlocked.Increment(ref attempts); return ValueTask.FromResult(Token); },
            MaxRetries = 2,
            RetryDelay = TimeSpan.FromMilliseconds(5),
            MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        });

        Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(client));

        Assert.That(attempts, Is.EqualTo(3));
    }

    [Test]
    public async Task An_attempt_that_times_out_is_retried()
    {
        // WireMock logs no request whose client gave up, so attempts are counted at the token provider.
        var attempts = 0;
        _stub.RespondInSequence(_path,
            Response.Create().WithStatusCode(200).WithBody(Ok).WithDelay(TimeSpan.FromSeconds(1.5)),
            Json(200, Ok));
        var client = FastRetryingClient(configure: o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.AccessToken = null;
            o.AccessTokenProvider = _ => { Interlocked.Increment(ref attempts); return ValueTask.FromResult(Token); };
        });

        await route.CallAsync(client);

        Assert.That(attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Retries_also_apply_with_the_callers_http_client()
    {
        _stub.RespondInSequence(_path, Json(502, Failure), Json(200, Ok));
        using var http = new HttpClient();
        var client = new AudienceInsightsClient(http, new PinterestClientOptions
        {
            AccessToken = Token,
            BaseUrl = _stub.BaseUrl,
            RetryDelay = TimeSpan.FromMilliseconds(5),
        });

        await route.CallAsync(client);

        Assert.That(_stub.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Caller_cancellation_during_a_backoff_wait_ends_the_call_at_once()
    {
        _stub.RespondJson(_path, 503, Failure, ("Retry-After", "30"));
        var clock = new TimerLog(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var client = _stub.CreateClient(o => (o.MaxRetries, o.TimeProvider) = (3, clock));
        using var cts = new CancellationTokenSource();

        var call = route.CallAsync(client, ct: cts.Token);
        // Cancel once the first attempt has been answered and the client is waiting out Retry-After.
        await clock.WaitForTimerAsync(due => due >= TimeSpan.FromSeconds(29) && due <= TimeSpan.FromSeconds(31), alongside: call);
        Assert.That(call.IsCompleted, Is.False, "the client is in its backoff wait");
        var fired = Stopwatch.GetTimestamp();
        await cts.CancelAsync();

        var e = Assert.CatchAsync<OperationCanceledException>(() => call);
        var reaction = Stopwatch.GetElapsedTime(fired);

        Assert.That(e!.CancellationToken, Is.EqualTo(cts.Token));
        // The wait was 30 s; a bound of 1 s proves it was cut short and holds on a loaded machine.
        Assert.That(reaction, Is.LessThan(TimeSpan.FromSeconds(1)), "from the token firing to the exception");
        Assert.That(_stub.Requests, Has.Count.EqualTo(1), "no retry after cancellation");
    }

    [Test]
    public void The_total_timeout_bounds_all_attempts_and_waits()
    {
        _stub.RespondWith(_path, Response.Create().WithStatusCode(503).WithBody(Failure).WithDelay(TimeSpan.FromMilliseconds(150)));
        var client = _stub.CreateClient(o =>
        {
            o.MaxRetries = 5;
            o.RetryDelay = TimeSpan.FromMilliseconds(100);
            o.TotalTimeout = TimeSpan.FromMilliseconds(300);
        });

        var watch = Stopwatch.StartNew();
        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => route.CallAsync(client));

        Assert.That(e!.IsTimeout, Is.True);
        Assert.That(e.Message, Does.Contain("total timeout"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }
}
