using System.Net;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Tests.Testing;

public class PinterestStubServerTests
{
    private PinterestStubServer _stub = null!;
    private AudienceInsightsClient _client = null!;

    [SetUp]
    public void Start()
    {
        _stub = PinterestStubServer.Start();
        _client = _stub.CreateClient(o => o.MaxRetries = 0);
    }

    [TearDown]
    public void Stop() => _stub.Dispose();

    private static readonly AudienceInsightType[] Types =
        [AudienceInsightType.YourTotalAudience, AudienceInsightType.YourEngagedAudience, AudienceInsightType.PinterestTotalAudience];

    private static IEnumerable<TestCaseData> AccountsAndTypes() =>
        from account in PinterestStubServer.SampleAdAccountIds
        from type in Types
        select new TestCaseData(account, type);

    [TestCaseSource(nameof(AccountsAndTypes))]
    public async Task Every_demographic_list_sums_to_one_and_has_its_values(string adAccountId, AudienceInsightType type)
    {
        var insights = await _client.GetAudienceInsightsAsync(adAccountId, type);

        var d = insights.Demographics!;
        Assert.Multiple(() =>
        {
            Assert.That(insights.Type, Is.EqualTo(type));
            Assert.That(insights.Date, Does.Match(@"^\d{4}-\d{2}-\d{2}$"));
            foreach (var list in new[] { d.Ages, d.Genders, d.Devices, d.Countries, d.Metros })
            {
                Assert.That(list, Is.Not.Empty);
                Assert.That(list!.Sum(v => v.Ratio!.Value), Is.EqualTo(1).Within(0.005));
                Assert.That(list, Has.All.Matches<AudienceDemographicValue>(v => v.Key is not null && v.Name is not null && v.Ratio is > 0 and < 1));
            }
            Assert.That(d.Genders!.Select(g => g.Key), Is.EquivalentTo(new[] { "female", "male", "unspecified" }));
        });
    }

    [Test]
    public async Task Subcategories_belong_to_their_category_and_ratios_are_shares()
    {
        var insights = await _client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);

        var keys = insights.Categories!.SelectMany(c => c.Subcategories!.Select(s => s.Key)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(insights.Categories, Has.Count.GreaterThanOrEqualTo(5));
            Assert.That(keys, Is.Unique, "a subcategory appears under one category only");
            Assert.That(insights.Categories!.Single(c => c.Name == "home decor").Subcategories!.Select(s => s.Name), Does.Contain("living room decor"));
            Assert.That(insights.Categories!.Single(c => c.Name == "travel").Subcategories!.Select(s => s.Name), Does.Not.Contain("living room decor"));
            Assert.That(insights.Categories, Has.All.Matches<AudienceCategory>(c => c.Ratio is > 0 and < 1 && c.Subcategories!.All(s => s.Ratio is > 0 and < 1)));
        });
    }

    [Test]
    public async Task Sizes_differ_by_type_and_the_api_index_matches_the_shares()
    {
        var account = _stub.AdAccountIds[1];
        var total = await _client.GetAudienceInsightsAsync(account, AudienceInsightType.YourTotalAudience);
        var engaged = await _client.GetAudienceInsightsAsync(account, AudienceInsightType.YourEngagedAudience);
        var pinterest = await _client.GetAudienceInsightsAsync(account, AudienceInsightType.PinterestTotalAudience);

        Assert.That(pinterest.Size, Is.GreaterThan(total.Size!.Value));
        Assert.That(total.Size, Is.GreaterThan(engaged.Size!.Value));
        Assert.That(pinterest.Categories!.Select(c => c.Index), Has.All.EqualTo(1.0), "Pinterest against itself");
        foreach (var category in total.Categories!.Where(c => c.Ratio < 0.95))
        {
            var all = pinterest.Categories!.Single(c => c.Key == category.Key);
            Assert.That(category.Ratio / all.Ratio, Is.EqualTo(category.Index).Within(0.01), category.Name);
        }
    }

    [Test]
    public async Task The_same_account_gets_the_same_data_and_accounts_differ()
    {
        var first = await _client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);
        var again = await _client.GetAudienceInsightsAsync(_stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);
        var other = await _client.GetAudienceInsightsAsync(_stub.AdAccountIds[2], AudienceInsightType.YourTotalAudience);

        Assert.That(again.Size, Is.EqualTo(first.Size));
        Assert.That(again.Demographics!.Ages!.Select(a => a.Ratio), Is.EqualTo(first.Demographics!.Ages!.Select(a => a.Ratio)));
        Assert.That(other.Size, Is.Not.EqualTo(first.Size));
    }

    [Test]
    public async Task The_audiences_route_lists_the_scopes()
    {
        var audiences = await _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]);

        Assert.That(audiences.Items!.Select(i => i.Scope), Is.EquivalentTo(new[] { "PARTNER", "PINTEREST" }));
    }

    [Test]
    public void A_wrong_token_is_refused_like_pinterest_does()
    {
        var client = new AudienceInsightsClient(new PinterestClientOptions { AccessToken = "pina_someone-else", BaseUrl = _stub.BaseUrl, MaxRetries = 0 });

        var e = Assert.ThrowsAsync<PinterestAuthenticationException>(() => client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));

        Assert.That(e!.ErrorCode, Is.EqualTo(2));
        Assert.That(e.RequestId, Is.Not.Null);
    }

    [Test]
    public async Task A_request_without_a_token_is_refused()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(_stub.BaseUrl, $"ad_accounts/{_stub.AdAccountIds[0]}/insights/audiences"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_malformed_account_id_or_type_is_a_bad_request()
    {
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new("Bearer", _stub.AccessToken);

        using var badAccount = await http.GetAsync(new Uri(_stub.BaseUrl, "ad_accounts/12ab/insights/audiences"));
        using var badType = await http.GetAsync(new Uri(_stub.BaseUrl, $"ad_accounts/{_stub.AdAccountIds[0]}/audience_insights?audience_insight_type=EVERYONE"));
        using var noType = await http.GetAsync(new Uri(_stub.BaseUrl, $"ad_accounts/{_stub.AdAccountIds[0]}/audience_insights"));

        Assert.That(new[] { badAccount.StatusCode, badType.StatusCode, noType.StatusCode }, Has.All.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await badType.Content.ReadAsStringAsync(), Does.Contain("EVERYONE"));
    }

    [Test]
    public void An_unknown_account_is_not_found()
    {
        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => _client.GetAudienceInsightsScopeAndTypeAsync("123456789"));

        Assert.That(e!.ErrorMessage, Does.Contain("123456789"));
    }

    [Test]
    public async Task Unauthorized_scenario_refuses_even_the_right_token_until_reset()
    {
        _stub.SimulateUnauthorized();
        Assert.ThrowsAsync<PinterestAuthenticationException>(() => _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));

        _stub.Reset();
        var audiences = await _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]);
        Assert.That(audiences.Items, Is.Not.Empty);
    }

    [Test]
    public async Task A_forbidden_account_is_refused_and_others_still_work()
    {
        _stub.SimulateForbiddenAccount(_stub.AdAccountIds[1]);

        Assert.ThrowsAsync<PinterestPermissionException>(() => _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[1]));
        Assert.That((await _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0])).Items, Is.Not.Empty);
    }

    [Test]
    public async Task Rate_limiting_sends_retry_after_and_the_sdk_waits_it_out()
    {
        _stub.SimulateRateLimit(TimeSpan.FromSeconds(1), times: 1);
        var noRetries = _stub.CreateClient(o => o.MaxRetries = 0);
        var e = Assert.ThrowsAsync<PinterestRateLimitException>(() => noRetries.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));
        Assert.That(e!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));

        _stub.SimulateRateLimit(TimeSpan.FromSeconds(1), times: 1);
        var retrying = _stub.CreateClient(o => o.MaxRetries = 2);
        var before = _stub.RequestCount;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var audiences = await retrying.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]);
        watch.Stop();

        Assert.That(audiences.Items, Is.Not.Empty);
        Assert.That(_stub.RequestCount - before, Is.EqualTo(2), "one 429, then the answer");
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.95)), "the SDK waited the announced second before the second request");
    }

    [Test]
    public void A_server_error_scenario_answers_the_chosen_status_every_time()
    {
        _stub.SimulateServerError(502);

        var e = Assert.ThrowsAsync<PinterestServerException>(() => _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));
        Assert.That(e!.StatusCode, Is.EqualTo(502));
        Assert.ThrowsAsync<PinterestServerException>(() => _client.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));
    }

    [Test]
    public void Slow_responses_trip_the_sdks_timeout()
    {
        _stub.SimulateSlowResponses(TimeSpan.FromSeconds(5));
        var impatient = _stub.CreateClient(o =>
        {
            o.MaxRetries = 0;
            o.Timeout = TimeSpan.FromMilliseconds(200);
        });

        var e = Assert.ThrowsAsync<PinterestNetworkException>(() => impatient.GetAudienceInsightsScopeAndTypeAsync(_stub.AdAccountIds[0]));

        Assert.That(e!.IsTimeout, Is.True);
    }

    [Test]
    public void Scenario_arguments_are_checked()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _stub.SimulateServerError(404));
        Assert.Throws<ArgumentOutOfRangeException>(() => _stub.SimulateRateLimit(TimeSpan.FromSeconds(1), times: 0));
    }
}
