using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

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
}
