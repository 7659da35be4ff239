using Pinterest.Sdk.Tests.Support;
using System.Diagnostics;
using System.Net;
using System.Text;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>A call as users make it: the model, its request id and rate limit, checks before sending (the sandbox), and odd answers (a BOM before an error body, a size beyond 32 bits, a disposed HttpClient).</summary>
public class GetAudienceInsightsTests : StubbedClientTest
{
    [TestCase(AudienceInsightType.YourTotalAudience, "YOUR_TOTAL_AUDIENCE")]
    [TestCase(AudienceInsightType.YourEngagedAudience, "YOUR_ENGAGED_AUDIENCE")]
    [TestCase(AudienceInsightType.PinterestTotalAudience, "PINTEREST_TOTAL_AUDIENCE")]
    public async Task Sends_the_audience_type_as_its_wire_value(AudienceInsightType type, string wireValue)
    {
        await Client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, type);

        var request = Stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.RequestMessage!.Method, Is.EqualTo("GET"));
            Assert.That(request.RequestMessage!.Path, Is.EqualTo(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId)));
            Assert.That(request.Query("audience_insight_type"), Is.EqualTo(wireValue));
        });
    }

    [Test]
    public async Task Sends_bearer_token_accept_and_user_agent()
    {
        await Client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);

        var request = Stub.Requests.Single();
        var version = typeof(AudienceInsightsClient).Assembly.GetName().Version!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + PinterestApiStub.Token));
            Assert.That(request.Header("Accept"), Is.EqualTo("application/json"));
            Assert.That(request.Header("User-Agent"), Is.EqualTo($"Pinterest.Sdk/{version.ToString(3)} (.NET {Environment.Version})"));
        });
    }

    [Test]
    public async Task Parses_every_field_of_the_response()
    {
        var insights = await Client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourEngagedAudience);

        Assert.Multiple(() =>
        {
            Assert.That(insights.Type, Is.EqualTo(AudienceInsightType.YourEngagedAudience));
            Assert.That(insights.Date, Is.EqualTo("2022-10-09"), "a date-like string must stay as sent, not become a DateTime");
            Assert.That(insights.Size, Is.EqualTo(184000));
            Assert.That(insights.SizeIsUpperBound, Is.True);
            Assert.That(insights.AdditionalProperties, Is.Empty);
        });

        var decor = insights.Categories![0];
        Assert.Multiple(() =>
        {
            Assert.That(insights.Categories, Has.Count.EqualTo(2));
            Assert.That(decor.Id, Is.EqualTo("935541271955"));
            Assert.That(decor.Key, Is.EqualTo("935541271955"));
            Assert.That(decor.Name, Is.EqualTo("home decor"));
            Assert.That(decor.Index, Is.EqualTo(1.87));
            Assert.That(decor.Ratio, Is.EqualTo(0.412));
            Assert.That(decor.Subcategories!.Select(s => s.Name), Is.EqualTo(new[] { "living room decor", "bedroom ideas" }));
            Assert.That(decor.Subcategories![0].Id, Is.EqualTo("958862518888"));
            Assert.That(decor.Subcategories![0].Key, Is.EqualTo("958862518888"));
            Assert.That(decor.Subcategories![0].Index, Is.EqualTo(2.05));
            Assert.That(decor.Subcategories![0].Ratio, Is.EqualTo(0.482));
            Assert.That(insights.Categories![1].Name, Is.EqualTo("travel"));
        });

        var demographics = insights.Demographics!;
        Assert.Multiple(() =>
        {
            Assert.That(demographics.Ages!.Select(a => a.Key), Is.EqualTo(new[] { "18-24", "25-34", "35-44" }));
            Assert.That(demographics.Countries![0].Key, Is.EqualTo("us"));
            Assert.That(demographics.Countries![0].Name, Is.EqualTo("United States"));
            Assert.That(demographics.Countries![0].Ratio, Is.EqualTo(0.551));
            Assert.That(demographics.Devices!.Select(d => d.Name), Is.EqualTo(new[] { "Android mobile", "iPhone", "Web" }));
            Assert.That(demographics.Genders!.Sum(g => g.Ratio), Is.EqualTo(1.0).Within(1e-9));
            Assert.That(demographics.Metros!.Select(m => m.Name), Is.EqualTo(new[] { "New York, NY", "Los Angeles, CA" }));
        });
    }

    [Test]
    public async Task A_successful_call_gives_its_own_request_id_status_headers_and_rate_limit()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, """{"size": 3}""", ("x-pinterest-rid", "rid-123"), ("X-RateLimit-Remaining", "55"));

        var response = await Client.GetAudienceInsightsWithResponseAsync(AdAccountId, AudienceInsightType.YourTotalAudience);

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Size, Is.EqualTo(3));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.RequestId, Is.EqualTo("rid-123"));
            Assert.That(response.Headers.GetValues("X-RateLimit-Remaining").Single(), Is.EqualTo("55"));
            Assert.That(response.RateLimit!.Remaining, Is.EqualTo(55));
        });
    }

    [TestCase("https://api-sandbox.pinterest.com/v5/")]
    [TestCase("https://API-Sandbox.Pinterest.com/v5/")]
    [TestCase("https://api-sandbox.pinterest.com./v5/")]
    [TestCase("https://api-sandbox.pinterest.com:443/v5/")]
    [TestCase("https://api-sandbox.pinterest.com.:8443/v5/")]
    public void The_sandbox_is_refused_before_anything_is_sent_however_its_host_is_spelled(string baseUrl)
    {
        using var handler = new Pinterest.Sdk.Testing.PinterestStubHandler();
        var client = new AudienceInsightsClient(new HttpClient(handler), handler.ClientOptions(o => o.BaseUrl = new Uri(baseUrl)));

        var e = Assert.ThrowsAsync<NotSupportedException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That(e!.Message, Does.Contain("sandbox").And.Contain("/ad_accounts/{ad_account_id}/audience_insights"));
        Assert.That(handler.RequestCount, Is.Zero);
    }

    [Test]
    public async Task An_audience_size_beyond_32_bits_reads()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 200, """{"size": 5000000000}""");

        var insights = await Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.PinterestTotalAudience);

        Assert.That(insights.Size, Is.EqualTo(5_000_000_000L));
    }

    [Test]
    public void An_error_body_after_a_byte_order_mark_still_gives_pinterests_code_and_message()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"code": 2950, "message": "Ad account not found."}""")).ToArray();
        Stub.RespondWith(InsightsPath(AdAccountId), Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody(body));

        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That((e!.ErrorCode, e.ErrorMessage), Is.EqualTo(((int?)2950, "Ad account not found.")));
    }

    [Test]
    public void A_callers_disposed_http_client_is_not_retried_as_a_network_failure()
    {
        var http = new HttpClient();
        var client = new AudienceInsightsClient(http, new PinterestClientOptions { AccessToken = Token, BaseUrl = Stub.BaseUrl, MaxRetries = 3 });
        http.Dispose();

        var watch = Stopwatch.StartNew();
        Assert.CatchAsync<ObjectDisposedException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "no backoff: the caller's own client is gone");
    }
}
