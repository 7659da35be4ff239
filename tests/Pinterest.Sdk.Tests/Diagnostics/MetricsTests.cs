using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Pinterest.Sdk.Testing;
using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests.Diagnostics;

/// <summary>
/// The <c>Pinterest.Sdk</c> meter, as a production dashboard reads it: a scripted run against the stub
/// (a success, a 404, a 429 then a success, a refused token renewal, a bulk run with failures), seen by
/// <see cref="MetricCollector{T}"/> and by OpenTelemetry's in-memory exporter. No attribute carries a
/// token, a secret or an ad account id.
/// </summary>
[NonParallelizable]
public class MetricsTests
{
    private const AudienceInsightType Total = AudienceInsightType.YourTotalAudience;
    private const string RefreshToken = "pinr_metrics-refresh";
    private const string Unknown = "549755885999";
    private const string WrongSecret = "revoked-app-secret";

    private PinterestStubServer _stub = null!;

    [SetUp]
    public void Start() => _stub = PinterestStubServer.Start(new PinterestStubServerOptions { CallsPerMinute = 1000 });

    [TearDown]
    public void Stop() => _stub.Dispose();

    /// <summary>The run every test here watches.</summary>
    private async Task ScriptedRunAsync(IMeterFactory? meterFactory = null)
    {
        var client = _stub.CreateClient(o => (o.MaxRetries, o.RetryDelay, o.MeterFactory) = (2, TimeSpan.FromMilliseconds(5), meterFactory));
        await client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], Total);
        Assert.ThrowsAsync<PinterestNotFoundException>(() => client.GetAudienceInsightsAsync(Unknown, Total));
        _stub.SimulateRateLimit(TimeSpan.FromMilliseconds(10), times: 1);
        await client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], Total);

        // The app's secret is no longer accepted: the renewal is refused.
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id", ClientSecret = WrongSecret, RefreshToken = RefreshToken, TokenUrl = _stub.TokenUrl,
        });
        Assert.ThrowsAsync<PinterestAuthenticationException>(() => credential.RefreshNowAsync());

        _stub.SimulateForbiddenAccount(_stub.AdAccountIds[1]);
        await foreach (var _ in client.GetAudienceInsightsForAdAccountsAsync([.. _stub.AdAccountIds.Take(3), Unknown], Total))
        {
        }
    }

    private static MetricCollector<T> Collect<T>(string instrument) where T : struct => new(null, PinterestSdkDiagnostics.MeterName, instrument);

    private static object? Tag<T>(CollectedMeasurement<T> measurement, string name) where T : struct =>
        measurement.Tags.TryGetValue(name, out var value) ? value : null;

    [Test]
    public async Task Each_call_records_its_duration_status_and_error_by_route_never_by_account()
    {
        using var duration = Collect<double>("pinterest.client.operation.duration");

        await ScriptedRunAsync();

        var calls = duration.GetMeasurementSnapshot().Where(m => Equals(Tag(m, "server.port"), _stub.BaseUrl.Port)).ToList();
        var api = calls.Where(m => (string?)Tag(m, "url.template") != "/oauth/token").ToList();
        Assert.Multiple(() =>
        {
            Assert.That(api, Has.Count.EqualTo(3 + 4), "three single calls and four bulk calls, each once however often it was sent");
            Assert.That(api.Select(m => m.Value), Is.All.GreaterThanOrEqualTo(0).And.All.LessThan(30), "seconds");
            Assert.That(api.Count(m => Tag(m, "error.type") is null && Equals(Tag(m, "http.response.status_code"), 200)), Is.EqualTo(4));
            Assert.That(api.Count(m => (string?)Tag(m, "error.type") == "404"), Is.EqualTo(2));
            Assert.That(api.Count(m => (string?)Tag(m, "error.type") == "403"), Is.EqualTo(1));
            Assert.That(api.Select(m => Tag(m, "url.template")), Is.All.EqualTo("/ad_accounts/{ad_account_id}/audience_insights"));
            Assert.That(api.Select(m => Tag(m, "http.request.method")), Is.All.EqualTo("GET"));
            Assert.That(calls.Where(m => (string?)Tag(m, "url.template") == "/oauth/token").Select(m => Tag(m, "error.type")), Is.EqualTo(new[] { "401" }), "the refused renewal");
        });
        AssertNoSecretOrId(calls.SelectMany(m => m.Tags));
    }

    [Test]
    public async Task Retries_and_throttling_are_counted_by_reason()
    {
        using var retries = Collect<long>("pinterest.client.retries");
        using var throttled = Collect<long>("pinterest.client.throttled");

        await ScriptedRunAsync();

        Assert.That(retries.GetMeasurementSnapshot().Select(m => Tag(m, "pinterest.retry.reason")), Is.EqualTo(new[] { "429" }));
        Assert.That(throttled.GetMeasurementSnapshot().Select(m => Tag(m, "pinterest.throttle.source")), Is.EqualTo(new[] { "server" }));
    }

    [Test]
    public async Task A_call_refused_ahead_of_a_spent_window_counts_as_predicted_throttling()
    {
        using var stub = PinterestStubServer.Start(new PinterestStubServerOptions { CallsPerMinute = 1 });
        using var throttled = Collect<long>("pinterest.client.throttled");
        var client = stub.CreateClient(o => (o.MaxRetries, o.MaxRetryAfter) = (0, TimeSpan.Zero));
        await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total);

        Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsAsync(stub.AdAccountIds[0], Total));

        Assert.That(throttled.GetMeasurementSnapshot().Select(m => Tag(m, "pinterest.throttle.source")), Is.EqualTo(new[] { "predicted" }));
        Assert.That(stub.ThrottledRequestCount, Is.Zero, "it was not sent");
    }

    [Test]
    public async Task Token_renewals_bulk_outcomes_and_the_latest_remaining_are_recorded()
    {
        using var refreshes = Collect<long>("pinterest.token.refreshes");
        using var accounts = Collect<long>("pinterest.bulk.accounts");
        using var remaining = Collect<int>("pinterest.rate_limit.remaining");

        await ScriptedRunAsync();
        remaining.RecordObservableInstruments();

        Assert.That(refreshes.GetMeasurementSnapshot().Select(m => (Tag(m, "pinterest.oauth.grant_type"), Tag(m, "pinterest.outcome"))),
            Is.EqualTo(new[] { ((object?)"refresh_token", (object?)"refused") }));
        Assert.That(accounts.GetMeasurementSnapshot().Select(m => (string?)Tag(m, "pinterest.outcome")).Order(),
            Is.EqualTo(new[] { "failed", "failed", "success", "success" }));
        var minute = remaining.GetMeasurementSnapshot().Where(m => (string?)Tag(m, "pinterest.rate_limit.window") == "60").ToList();
        Assert.That(minute, Is.Not.Empty, "the stub's per-minute window, named by its policy 1000;w=60");
        Assert.That(minute[^1].Value, Is.InRange(0, 999));
    }

    [Test]
    public async Task A_bulk_run_that_waits_for_its_budget_records_the_wait()
    {
        // On a fake clock shared by the client and the in-process stub, so the wait recorded is the
        // one the budget imposed (about 1.02 s between calls at 2 a second), however loaded the machine.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        using var stub = new PinterestStubHandler(new PinterestStubServerOptions { TimeProvider = clock, CallsPerMinute = int.MaxValue });
        using var waits = Collect<double>("pinterest.pacer.wait.duration");
        var client = stub.CreateClient(o => (o.TimeProvider, o.MaxRetries) = (clock, 0));
        var step = TimeSpan.FromMilliseconds(10);

        await FakeTime.RunAsync(clock, async () =>
        {
            await foreach (var _ in client.GetAudienceInsightsForAdAccountsAsync(stub.AdAccountIds.Take(3), Total, new PinterestBulkOptions { CallsPerSecond = 2 }))
            {
            }
            return 0;
        }, step);

        var recorded = waits.GetMeasurementSnapshot();
        var spacing = RateLimitPacer.Spacing(2, TimeSpan.FromSeconds(1)).TotalSeconds;
        Assert.That(recorded, Has.Count.EqualTo(2), "the second and third calls waited; the first went at once");
        Assert.That(recorded.Select(m => Tag(m, "pinterest.call.kind")), Is.All.EqualTo("bulk"));
        // The three ask for their turns together and go one spacing apart, so the second waited one
        // spacing and the third two, each less the little fake time that passed before it asked, and at
        // most one step of the fake clock more.
        var ordered = recorded.Select(m => m.Value).Order().ToList();
        Assert.That(ordered[0], Is.InRange(spacing - 0.1, spacing + step.TotalSeconds), "seconds");
        Assert.That(ordered[1], Is.InRange(2 * spacing - 0.1, 2 * spacing + step.TotalSeconds), "seconds");
    }

    /// <summary>The container's <see cref="IMeterFactory"/> makes the meter: a collector scoped to it sees the calls.</summary>
    [Test]
    public async Task With_dependency_injection_the_containers_meter_factory_is_used()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddPinterestSdk(o => (o.AccessToken, o.BaseUrl, o.MaxRetries) = (_stub.AccessToken, _stub.BaseUrl, 0));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        using var duration = new MetricCollector<double>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.client.operation.duration");

        await provider.GetRequiredService<IAudienceInsightsClient>().GetAudienceInsightsAsync(_stub.AdAccountIds[0], Total);

        Assert.That(duration.GetMeasurementSnapshot(), Has.Count.EqualTo(1));
    }

    /// <summary>
    /// A credential built outside the container and registered as the README shows: the token requests
    /// its client's calls need (the first token, the renewal after a 401) and the client's bulk run record
    /// on the container's meter, and none on the SDK's own.
    /// </summary>
    [Test]
    public async Task With_dependency_injection_token_requests_renewals_and_bulk_outcomes_record_on_the_containers_meter()
    {
        var credential = new PinterestRefreshTokenCredential(new PinterestRefreshTokenOptions
        {
            ClientId = "sample-app-id", ClientSecret = "sample-app-secret", RefreshToken = RefreshToken, TokenUrl = _stub.TokenUrl,
        });
        var services = new ServiceCollection();
        services.AddMetrics();
        services.AddSingleton<PinterestCredential>(credential);
        services.AddPinterestSdk(o => (o.BaseUrl, o.MaxRetries) = (_stub.BaseUrl, 0));
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        using var refreshes = new MetricCollector<long>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.token.refreshes");
        using var duration = new MetricCollector<double>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.client.operation.duration");
        using var accounts = new MetricCollector<long>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.bulk.accounts");
        using var sharedRefreshes = Collect<long>("pinterest.token.refreshes");
        using var sharedDuration = Collect<double>("pinterest.client.operation.duration");
        using var sharedAccounts = Collect<long>("pinterest.bulk.accounts");
        var client = provider.GetRequiredService<IAudienceInsightsClient>();

        await client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], Total);
        await foreach (var _ in client.GetAudienceInsightsForAdAccountsAsync([_stub.AdAccountIds[1], Unknown], Total))
        {
        }
        // Pinterest refuses the token: the client renews it once and sends again (refused again here).
        _stub.SimulateUnauthorized();
        Assert.ThrowsAsync<PinterestAuthenticationException>(() => client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], Total));

        Assert.Multiple(() =>
        {
            Assert.That(refreshes.GetMeasurementSnapshot().Select(m => (Tag(m, "pinterest.oauth.grant_type"), Tag(m, "pinterest.outcome"))),
                Is.EqualTo(new[] { ((object?)"refresh_token", (object?)"success"), ("refresh_token", "success") }), "the first token, then the renewal after the 401");
            Assert.That(duration.GetMeasurementSnapshot().Count(m => (string?)Tag(m, "url.template") == "/oauth/token"), Is.EqualTo(2));
            Assert.That(accounts.GetMeasurementSnapshot().Select(m => (string?)Tag(m, "pinterest.outcome")).Order(), Is.EqualTo(new[] { "failed", "success" }));
            Assert.That(sharedRefreshes.GetMeasurementSnapshot(), Is.Empty, "nothing on the SDK's own meter");
            Assert.That(sharedDuration.GetMeasurementSnapshot(), Is.Empty);
            Assert.That(sharedAccounts.GetMeasurementSnapshot(), Is.Empty);
        });
    }

    /// <summary>Without a container: the options' <see cref="PinterestClientOptions.MeterFactory"/> gets an app token's requests and the bulk run's outcomes.</summary>
    [Test]
    public async Task The_options_meter_factory_gets_app_token_requests_and_bulk_outcomes()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        using var refreshes = new MetricCollector<long>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.token.refreshes");
        using var accounts = new MetricCollector<long>(factory, PinterestSdkDiagnostics.MeterName, "pinterest.bulk.accounts");
        using var sharedRefreshes = Collect<long>("pinterest.token.refreshes");
        using var sharedAccounts = Collect<long>("pinterest.bulk.accounts");
        var credential = new PinterestClientCredentialsCredential(new PinterestClientCredentialsOptions
        {
            ClientId = "sample-app-id", ClientSecret = "sample-app-secret", Scope = "ads:read", TokenUrl = _stub.TokenUrl,
        });
        var client = new AudienceInsightsClient(new PinterestClientOptions { Credential = credential, BaseUrl = _stub.BaseUrl, MeterFactory = factory });

        await foreach (var _ in client.GetAudienceInsightsForAdAccountsAsync(_stub.AdAccountIds.Take(2), Total))
        {
        }

        Assert.That(refreshes.GetMeasurementSnapshot().Select(m => (Tag(m, "pinterest.oauth.grant_type"), Tag(m, "pinterest.outcome"))),
            Is.EqualTo(new[] { ((object?)"client_credentials", (object?)"success") }));
        Assert.That(accounts.GetMeasurementSnapshot().Select(m => (string?)Tag(m, "pinterest.outcome")), Is.EqualTo(new[] { "success", "success" }));
        Assert.That(sharedRefreshes.GetMeasurementSnapshot().Concat(sharedAccounts.GetMeasurementSnapshot()), Is.Empty, "nothing on the SDK's own meter");
    }

    /// <summary>
    /// On a meter nobody listens to, recording a token request, its duration or a bulk outcome is a flag
    /// check: no tag list, no box, nothing allocated.
    /// </summary>
    [Test]
    public void With_no_listener_token_requests_and_bulk_outcomes_allocate_nothing()
    {
        using var provider = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var metrics = SdkMetrics.For(provider.GetRequiredService<IMeterFactory>());
        var failure = new IOException("refused");
        var url = _stub.TokenUrl;
        void RecordAll()
        {
            metrics.TokenRequested("refresh_token", null);
            metrics.TokenRequested("client_credentials", failure);
            metrics.CallEnded("POST", "/oauth/token", url, TimeSpan.FromMilliseconds(20), 401, failure);
            metrics.BulkAccountFinished(succeeded: true, wasCalled: true);
            metrics.BulkAccountFinished(succeeded: false, wasCalled: false);
        }
        RecordAll();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
            RecordAll();

        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
    }

    /// <summary>What OpenTelemetry exports after the scripted run: every instrument, with the documented attributes.</summary>
    [Test]
    public async Task Opentelemetry_exports_every_instrument_with_its_documented_attributes()
    {
        var exported = new List<Metric>();
        using (var meters = global::OpenTelemetry.Sdk.CreateMeterProviderBuilder().AddMeter(PinterestSdkDiagnostics.MeterName).AddInMemoryExporter(exported).Build())
        {
            await ScriptedRunAsync();
            await foreach (var _ in _stub.CreateClient().GetAudienceInsightsForAdAccountsAsync(_stub.AdAccountIds.Take(2), Total, new PinterestBulkOptions { CallsPerSecond = 20 }))
            {
            }
            meters.ForceFlush();
        }

        var attributes = exported.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.SelectMany(Keys).ToHashSet());
        Assert.Multiple(() =>
        {
            Assert.That(attributes.Keys, Is.SupersetOf(new[]
            {
                "pinterest.client.operation.duration", "pinterest.client.retries", "pinterest.client.throttled", "pinterest.rate_limit.remaining",
                "pinterest.pacer.wait.duration", "pinterest.token.refreshes", "pinterest.bulk.accounts",
            }));
            Assert.That(attributes["pinterest.client.operation.duration"], Is.SupersetOf(new[] { "http.request.method", "url.template", "server.address", "server.port", "http.response.status_code", "error.type", "pinterest.error.code" }));
            Assert.That(attributes["pinterest.client.retries"], Is.EquivalentTo(new[] { "url.template", "pinterest.retry.reason" }));
            Assert.That(attributes["pinterest.client.throttled"], Is.EquivalentTo(new[] { "url.template", "pinterest.throttle.source" }));
            Assert.That(attributes["pinterest.rate_limit.remaining"], Is.EquivalentTo(new[] { "pinterest.rate_limit.window" }));
            Assert.That(attributes["pinterest.pacer.wait.duration"], Is.EquivalentTo(new[] { "pinterest.call.kind" }));
            Assert.That(attributes["pinterest.token.refreshes"], Is.EquivalentTo(new[] { "pinterest.oauth.grant_type", "pinterest.outcome" }));
            Assert.That(attributes["pinterest.bulk.accounts"], Is.EquivalentTo(new[] { "pinterest.outcome" }));
            Assert.That(exported.First(m => m.Name == "pinterest.client.operation.duration").Unit, Is.EqualTo("s"));
        });
        AssertNoSecretOrId(exported.SelectMany(Values));
    }

    private static IEnumerable<string> Keys(Metric metric)
    {
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
                yield return tag.Key;
        }
    }

    private static IEnumerable<KeyValuePair<string, object?>> Values(Metric metric)
    {
        var all = new List<KeyValuePair<string, object?>>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var tag in point.Tags)
                all.Add(tag);
        }
        return all;
    }

    private void AssertNoSecretOrId(IEnumerable<KeyValuePair<string, object?>> tags)
    {
        var values = tags.Select(t => t.Value?.ToString() ?? "").ToList();
        foreach (var secret in new List<string> { _stub.AccessToken, RefreshToken, WrongSecret, Unknown }.Concat(_stub.AdAccountIds))
            Assert.That(values, Has.None.Contains(secret), "no attribute carries a token, a secret or an ad account id");
    }
}
