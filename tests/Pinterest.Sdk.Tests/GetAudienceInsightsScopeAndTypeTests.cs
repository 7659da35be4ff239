using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

public class GetAudienceInsightsScopeAndTypeTests : StubbedClientTest
{
    [Test]
    public async Task Sends_the_documented_request()
    {
        await Stub.CreateClient().GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        var request = Stub.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.RequestMessage!.Method, Is.EqualTo("GET"));
            Assert.That(request.RequestMessage!.Path, Is.EqualTo(PinterestApiStub.AudiencesPath(PinterestApiStub.AdAccountId)));
            Assert.That(request.RequestMessage!.Query, Is.Null.Or.Empty);
            Assert.That(request.Header("Authorization"), Is.EqualTo("Bearer " + PinterestApiStub.Token));
            Assert.That(request.Header("Accept"), Is.EqualTo("application/json"));
            Assert.That(request.Header("User-Agent"), Does.StartWith("Pinterest.Sdk/"));
        });
    }

    [Test]
    public async Task Parses_every_item()
    {
        var audiences = await Stub.CreateClient().GetAudienceInsightsScopeAndTypeAsync(PinterestApiStub.AdAccountId);

        Assert.That(audiences.Items, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(audiences.Items![0].Date, Is.EqualTo("2022-10-09"));
            Assert.That(audiences.Items[0].Scope, Is.EqualTo("PARTNER"));
            Assert.That(audiences.Items[0].Type, Is.EqualTo("IMPRESSION_PLUS_ENGAGEMENT"));
            Assert.That(audiences.Items[1].Date, Is.Null, "date is nullable in the spec");
            Assert.That(audiences.Items[1].Scope, Is.EqualTo("PINTEREST"));
            Assert.That(audiences.Items[1].Type, Is.EqualTo("ENGAGEMENT"));
        });
    }
}
