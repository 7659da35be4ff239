using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Auth;

/// <summary>
/// Renewal never interrupts a call: inside the renew window calls go on with the valid token while one
/// renewal runs in the background; a failed renewal keeps that token and is tried again after a pause;
/// only an expired token makes calls wait, and then they share one renewal and, while the pause lasts,
/// its failure. On a fake clock, against an in-process token endpoint.
/// </summary>
public class TokenRenewalTests
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    private FakeTimeProvider _clock = null!;
    private TokenEndpointStub _endpoint = null!;
    private CapturingLoggerProvider _logs = null!;
    private ServiceProvider _meters = null!;

    [SetUp]
    public void Start()
    {
        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        _endpoint = new TokenEndpointStub();
        _logs = new CapturingLoggerProvider();
        _meters = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    [TearDown]
    public void Stop()
    {
        _meters.Dispose();
        _endpoint.Dispose();
    }

    private PinterestRefreshTokenCredential Credential(string? access = "pina_start", TimeSpan? expiresIn = null) => new(new PinterestRefreshTokenOptions
    {
        ClientId = "1484234",
        ClientSecret = "app-secret",
        RefreshToken = _endpoint.ValidRefreshToken,
        AccessToken = access,
        AccessTokenExpiresAt = access is null ? null : _clock.GetUtcNow() + (expiresIn ?? TimeSpan.FromHours(1)),
        TokenUrl = TokenEndpointStub.Url,
        HttpClient = _endpoint.Client(),
        TimeProvider = _clock,
        LoggerFactory = _logs,
        RenewalRetryDelay = Pause,
    });

    private IMeterFactory MeterFactory => _meters.GetRequiredService<IMeterFactory>();

    private bool Failing(TimeSpan until, DateTimeOffset from) => _clock.GetUtcNow() - from < until;

    [Test]
    public async Task The_token_endpoint_failing_for_4_of_the_5_minutes_before_expiry_costs_no_call()
    {
        var start = _clock.GetUtcNow();
        _endpoint.Failure = () => Failing(TimeSpan.FromMinutes(4), start) ? 503 : null;
        var credential = Credential(expiresIn: TimeSpan.FromMinutes(5));
        var metrics = SdkMetrics.For(MeterFactory);
        using var failures = new MetricCollector<long>(MeterFactory, PinterestSdkDiagnostics.MeterName, "pinterest.token.renewal.failures");
        var sent = new List<string>();
        var failed = 0;

        // One call every 5 s through the renew window (5 minutes before expiry) to the expiry.
        for (var second = 0; second < 300; second += 5)
        {
            try
            {
                sent.Add(await credential.GetAccessTokenAsync(metrics, CancellationToken.None));
            }
            catch (PinterestApiException)
            {
                failed++;
            }
            await credential.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
            _clock.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(failed, Is.Zero, "no call failed: the valid token was used while the endpoint failed");
            Assert.That(sent.TakeWhile(t => t == "pina_start").Count(), Is.GreaterThanOrEqualTo(48), "the token in hand, for the 4 failing minutes");
            Assert.That(sent[^1], Is.EqualTo("pina_1"), "the renewed token once the endpoint answered");
            // Asked at 0 s, then once per 30 s pause until it answered at 4:00-4:30: 9 or 10 requests, not one per call.
            Assert.That(_endpoint.Requests, Is.InRange(9, 10));
            Assert.That(failures.GetMeasurementSnapshot(), Has.Count.EqualTo(_endpoint.Requests - 1).And.All.Matches<CollectedMeasurement<long>>(m => Equals(m.Tags["pinterest.token.kept"], true)),
                "each failed renewal counted, with the token kept");
            Assert.That(_logs.Events.Where(e => e.EventId == 30).ToList(), Has.Count.EqualTo(_endpoint.Requests - 1).And.All.Matches<CapturingLoggerProvider.LogEvent>(e => e.Level == LogLevel.Warning),
                "each failed renewal logged as a warning that says the token in hand stays");
        });
    }

    [Test]
    public void An_expired_token_and_a_failing_endpoint_fail_calls_with_the_endpoints_error()
    {
        _endpoint.Failure = () => 503;
        var credential = Credential(expiresIn: TimeSpan.FromMinutes(1));
        _clock.Advance(TimeSpan.FromMinutes(2));

        var e = Assert.ThrowsAsync<PinterestApiException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));

        Assert.That(e!.StatusCode, Is.EqualTo(503));
        Assert.That(e.Message, Does.Contain("Service unavailable"));
        Assert.That(_logs.Events.Where(l => l.EventId == 31).Select(l => l.Level), Is.EqualTo(new[] { LogLevel.Error }));
    }

    [Test]
    public async Task A_thousand_concurrent_calls_needing_a_token_cause_one_renewal()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _endpoint.Hold = release.Task;
        var credential = Credential(access: null);

        var calls = Enumerable.Range(0, 1000).Select(_ => Task.Run(async () => await credential.GetAccessTokenAsync(CancellationToken.None))).ToList();
        await Bounded.UntilAsync(() => _endpoint.Requests == 1, "the renewal reached the endpoint");
        await Task.Delay(50);
        release.SetResult();
        var tokens = await Task.WhenAll(calls).WithinBound();

        Assert.That(tokens, Is.All.EqualTo("pina_1"));
        Assert.That(_endpoint.Requests, Is.EqualTo(1));
    }

    [Test]
    public async Task A_thousand_concurrent_calls_in_the_renew_window_go_on_with_the_token_and_cause_one_renewal()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _endpoint.Hold = release.Task;
        var credential = Credential(expiresIn: TimeSpan.FromMinutes(3));

        var tokens = await Task.WhenAll(Enumerable.Range(0, 1000).Select(_ => Task.Run(async () => await credential.GetAccessTokenAsync(CancellationToken.None)))).WithinBound();
        release.SetResult();
        await credential.WaitForRenewalAsync().WaitAsync(Bounded.Limit);

        Assert.That(tokens, Is.All.EqualTo("pina_start"), "no call waited for the renewal");
        Assert.That(_endpoint.Requests, Is.EqualTo(1));
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
    }

    [Test]
    public async Task A_failing_token_endpoint_is_asked_at_most_once_per_pause_however_many_calls_need_a_token()
    {
        _endpoint.Failure = () => 503;
        var credential = Credential(access: null);

        for (var call = 0; call < 50; call++)
        {
            Assert.ThrowsAsync<PinterestApiException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromMilliseconds(500));
        }
        Assert.That(_endpoint.Requests, Is.EqualTo(1), "25 s of calls: one request");

        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.ThrowsAsync<PinterestApiException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));
        Assert.That(_endpoint.Requests, Is.EqualTo(2), "the pause over: asked again");

        _endpoint.Failure = () => null;
        _clock.Advance(Pause);
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
        await Task.CompletedTask;
    }

    [Test]
    public void A_client_retrying_its_call_does_not_ask_a_failing_token_endpoint_again_within_the_pause()
    {
        _endpoint.Failure = () => 503;
        using var api = new PinterestApiStub();
        var client = new AudienceInsightsClient(new PinterestClientOptions
        {
            Credential = Credential(access: null),
            BaseUrl = api.BaseUrl,
            MaxRetries = 4,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

        for (var call = 0; call < 10; call++)
            Assert.ThrowsAsync<PinterestApiException>(() => client.GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId));

        Assert.That(_endpoint.Requests, Is.EqualTo(1), "10 calls with up to 4 retries each: one token request");
        Assert.That(api.Requests, Is.Empty, "no call was sent without a token");
    }

    [Test]
    public async Task A_refused_refresh_token_is_not_sent_again()
    {
        var credential = Credential(expiresIn: TimeSpan.FromMinutes(2));
        var refused = _endpoint.ValidRefreshToken;
        _endpoint.Failure = () => 400;   // as Pinterest answers a revoked refresh token

        // In the renew window: the background renewal is refused, the token in hand stays in use.
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_start"));
        await credential.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
        for (var step = 0; step < 10; step++)
        {
            _clock.Advance(Pause + TimeSpan.FromSeconds(1));
            if (step < 3)
                Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_start"));
            else
                Assert.ThrowsAsync<PinterestAuthenticationException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));
            await credential.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
        }
        Assert.ThrowsAsync<PinterestAuthenticationException>(() => credential.RefreshNowAsync());

        Assert.That(_endpoint.RefreshTokensSent, Is.EqualTo(new[] { refused }), "sent once, and never again");
        Assert.That(_logs.Events.Where(e => e.EventId == 35).ToList(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_token_rejected_with_401_is_not_handed_out_again_while_its_renewal_fails()
    {
        _endpoint.Failure = () => 503;
        var credential = Credential();

        Assert.ThrowsAsync<PinterestApiException>(async () => await credential.RenewAfterRejectionAsync("pina_start", CancellationToken.None));
        Assert.ThrowsAsync<PinterestApiException>(async () => await credential.GetAccessTokenAsync(CancellationToken.None));

        Assert.That(_endpoint.Requests, Is.EqualTo(1));
        _endpoint.Failure = () => null;
        _clock.Advance(Pause);
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_1"));
    }

    [Test]
    public async Task An_app_token_is_renewed_in_the_background_too()
    {
        var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "1484234", ClientSecret = "app-secret", TokenUrl = TokenEndpointStub.Url,
            HttpClient = _endpoint.Client(), TimeProvider = _clock,
        });
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_app-1"));
        _clock.Advance(TimeSpan.FromMinutes(57));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _endpoint.Hold = release.Task;

        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_app-1"), "the call went on while the renewal waits");
        release.SetResult();
        await credential.WaitForRenewalAsync().WaitAsync(Bounded.Limit);
        Assert.That(await credential.GetAccessTokenAsync(CancellationToken.None), Is.EqualTo("pina_app-2"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void A_renewal_retry_delay_that_is_not_a_pause_is_refused(int seconds)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "1", ClientSecret = "s", RenewalRetryDelay = TimeSpan.FromSeconds(seconds),
        }));

        Assert.That(e!.Message, Does.Contain("PinterestClientCredentialsOptions.RenewalRetryDelay"));
    }
}
