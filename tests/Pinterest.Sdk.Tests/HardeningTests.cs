using System.Diagnostics;
using System.Text;
using Pinterest.Sdk.Tests.Support;
using WireMock.ResponseBuilders;
using static Pinterest.Sdk.Tests.Support.PinterestApiStub;

namespace Pinterest.Sdk.Tests;

/// <summary>What a hostile run found: odd bodies and headers, a disposed client, large comparisons.</summary>
public class HardeningTests : StubbedClientTest
{
    [Test]
    public void An_error_body_after_a_byte_order_mark_still_gives_pinterests_code_and_message()
    {
        var body = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("""{"code": 2950, "message": "Ad account not found."}""")).ToArray();
        Stub.RespondWith(InsightsPath(AdAccountId), Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json").WithBody(body));

        var e = Assert.ThrowsAsync<PinterestNotFoundException>(() => Client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That((e!.ErrorCode, e.ErrorMessage), Is.EqualTo(((int?)2950, "Ad account not found.")));
    }

    [Test]
    public void A_retry_after_beyond_any_int_means_not_soon_and_is_thrown_at_once()
    {
        Stub.RespondJson(InsightsPath(AdAccountId), 503, """{"code": 1, "message": "Unavailable"}""", ("Retry-After", "99999999999"));
        var client = Stub.CreateClient(o => o.MaxRetries = 3);

        var e = Assert.ThrowsAsync<PinterestServerException>(() => client.GetAudienceInsightsAsync(AdAccountId, AudienceInsightType.YourTotalAudience));

        Assert.That(e!.RetryAfter, Is.GreaterThan(TimeSpan.FromDays(365)));
        Assert.That(Stub.Requests, Has.Count.EqualTo(1));
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
