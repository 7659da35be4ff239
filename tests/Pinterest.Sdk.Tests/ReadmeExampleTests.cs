using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>The README's examples, run against the stub: if these break, the README is wrong.</summary>
public class ReadmeExampleTests
{
    [Test]
    public async Task Quickstart()
    {
        using var stub = new PinterestApiStub();
        var output = new StringWriter();

        var client = new AudienceInsightsClient(new PinterestClientOptions
        {
            AccessToken = PinterestApiStub.Token,
            BaseUrl = stub.BaseUrl,
        });

        try
        {
            AudienceInsightsResponse insights = await client.GetAudienceInsightsAsync(
                "549755885175", AudienceInsightType.YourEngagedAudience);

            output.WriteLine($"{insights.Size:N0} people (upper bound: {insights.SizeIsUpperBound})");
            foreach (var country in insights.Demographics?.Countries ?? [])
                output.WriteLine($"{country.Name,-20} {country.Ratio:P1}");
        }
        catch (PinterestRateLimitException e)
        {
            output.WriteLine($"Rate limited; retry after {e.RetryAfter}. Request id {e.RequestId}");
        }
        catch (PinterestApiException e)
        {
            output.WriteLine(e.Message);
        }

        Assert.That(output.ToString(), Does.Contain("United States").And.Contain("upper bound: True"));
    }

    [Test]
    public async Task Easing_off_before_a_429()
    {
        using var stub = new PinterestApiStub();
        stub.RespondJson(PinterestApiStub.InsightsPath(PinterestApiStub.AdAccountId), 200, "{}", (PinterestRateLimit.RemainingHeader, "3"));
        var client = stub.CreateClient();
        var eased = false;

        await client.GetAudienceInsightsAsync(PinterestApiStub.AdAccountId, AudienceInsightType.YourTotalAudience);
        if (client.RateLimit is { Remaining: < 10 })
            eased = true;

        Assert.That(eased, Is.True);
    }
}
