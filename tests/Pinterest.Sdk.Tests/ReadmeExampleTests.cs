using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

/// <summary>
/// What the README's examples do, run against a stub (they cannot run as written: they call the real API).
/// The README's own blocks are compiled by <see cref="ReadmeCompilationTests"/>.
/// </summary>
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

    [Test]
    public async Task Comparing_audiences_in_code()
    {
        using var stub = Pinterest.Sdk.Testing.PinterestStubServer.Start();
        var client = stub.CreateClient();
        var output = new StringWriter();

        AudienceComparison comparison = await client.CompareAudiencesAsync("549755885175");
        foreach (AudienceIndex row in comparison.Categories.Take(5))
            output.WriteLine($"{row.Name}: you {row.YourShare:P1}, Pinterest {row.PinterestShare:P1}, index {row.Index:0}");

        Assert.That(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(5).And.All.Contain("index"));
    }

    [Test]
    public async Task Testing_your_code_without_pinterest()
    {
        using var stub = Pinterest.Sdk.Testing.PinterestStubServer.Start();
        IAudienceInsightsClient client = stub.CreateClient(o => o.MaxRetries = 0);

        var insights = await client.GetAudienceInsightsAsync(stub.AdAccountIds[0], AudienceInsightType.YourTotalAudience);
        stub.SimulateRateLimit(TimeSpan.FromSeconds(1), times: 1);
        var throttled = Assert.ThrowsAsync<PinterestRateLimitException>(() => client.GetAudienceInsightsScopeAndTypeAsync(stub.AdAccountIds[0]));
        stub.SimulateForbiddenAccount("549755885176");
        Assert.ThrowsAsync<PinterestPermissionException>(() => client.GetAudienceInsightsScopeAndTypeAsync("549755885176"));
        stub.Reset();

        Assert.That(insights.Size, Is.GreaterThan(0));
        Assert.That(throttled!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That((await client.GetAudienceInsightsScopeAndTypeAsync("549755885176")).Items, Is.Not.Empty);
    }
}
