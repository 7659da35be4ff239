using Pinterest.Sdk.Tests.Support;

namespace Pinterest.Sdk.Tests;

public class ConcurrencyTests
{
    [Test]
    public async Task One_client_serves_many_concurrent_calls_each_with_its_own_answer()
    {
        using var stub = new PinterestApiStub();
        var accounts = Enumerable.Range(1, 40).Select(i => (Id: (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), Size: i * 100)).ToList();
        foreach (var (id, size) in accounts)
            stub.RespondJson(PinterestApiStub.InsightsPath(id), 200, $$"""{"size": {{size}}}""");
        var calls = 0;
        var client = stub.CreateClient(o =>
        {
            o.AccessToken = null;
            o.AccessTokenProvider = _ => ValueTask.FromResult($"pina_{Interlocked.Increment(ref calls)}");
        });

        var results = await Task.WhenAll(accounts.Select(async a =>
            (a.Size, Got: (await client.GetAudienceInsightsAsync(a.Id, AudienceInsightType.YourTotalAudience)).Size)));

        Assert.That(results.Select(r => r.Got), Is.EqualTo(results.Select(r => (int?)r.Size)));
        Assert.That(stub.Requests.Select(r => r.Header("Authorization")).Distinct().Count(), Is.EqualTo(accounts.Count),
            "every request carries the token the provider gave for it");
    }
}
