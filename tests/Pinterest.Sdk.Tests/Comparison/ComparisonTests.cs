using System.Diagnostics;
using Pinterest.Sdk.Testing;

namespace Pinterest.Sdk.Tests.Comparison;

public class ComparisonTests
{
    private static AudienceInsightsResponse Audience(AudienceInsightType type, int size, (string Key, double Ratio)[] categories, (string Key, double Ratio)[] ages) => new()
    {
        Type = type,
        Size = size,
        Categories = [.. categories.Select(c => new AudienceCategory { Key = c.Key, Name = c.Key + " name", Ratio = c.Ratio })],
        Demographics = new AudienceDemographics { Ages = [.. ages.Select(a => new AudienceDemographicValue { Key = a.Key, Name = a.Key, Ratio = a.Ratio })] },
    };

    private static readonly FakeClient Known = new(
        Audience(AudienceInsightType.YourTotalAudience, 1000, [("home", 0.6), ("travel", 0.1), ("garden", 0.2)], [("18-24", 0.5), ("25-34", 0.3), ("65+", 0.2)]),
        Audience(AudienceInsightType.YourEngagedAudience, 100, [("home", 0.9), ("travel", 0.05)], [("18-24", 0.6), ("25-34", 0.4)]),
        Audience(AudienceInsightType.PinterestTotalAudience, 500_000, [("home", 0.3), ("travel", 0.2), ("garden", 0)], [("18-24", 0.25), ("25-34", 0.5), ("65+", 0.25)]));

    [Test]
    public async Task Each_category_gets_your_share_pinterests_share_and_the_index_sorted_highest_first()
    {
        var comparison = await Known.CompareAudiencesAsync("549755885175");

        Assert.That(comparison.Categories, Is.EqualTo(new[]
        {
            new AudienceIndex(AudienceDimension.Category, "home", "home name", 0.6, 0.9, 0.3, 200, 300),
            new AudienceIndex(AudienceDimension.Category, "travel", "travel name", 0.1, 0.05, 0.2, 50, 25),
            // Pinterest's share is 0, so there is no index: listed last, not divided by zero.
            new AudienceIndex(AudienceDimension.Category, "garden", "garden name", 0.2, null, 0, null, null),
        }).Using<AudienceIndex>(Same));
    }

    [Test]
    public async Task Demographics_are_indexed_per_value_and_a_value_missing_from_an_audience_has_no_share()
    {
        var comparison = await Known.CompareAudiencesAsync("549755885175");

        Assert.That(comparison.Of(AudienceDimension.Age), Is.EqualTo(new[]
        {
            new AudienceIndex(AudienceDimension.Age, "18-24", "18-24", 0.5, 0.6, 0.25, 200, 240),
            new AudienceIndex(AudienceDimension.Age, "65+", "65+", 0.2, null, 0.25, 80, null),
            new AudienceIndex(AudienceDimension.Age, "25-34", "25-34", 0.3, 0.4, 0.5, 60, 80),
        }).Using<AudienceIndex>(Same));
        Assert.That(comparison.Of(AudienceDimension.Country), Is.Empty);
        Assert.That((comparison.YourTotal.Size, comparison.YourEngaged.Size, comparison.PinterestTotal.Size), Is.EqualTo((1000, 100, 500_000)));
    }

    [Test]
    public async Task The_three_audiences_are_fetched_concurrently()
    {
        var slow = new FakeClient(Known.Responses) { Delay = TimeSpan.FromMilliseconds(300) };

        await slow.CompareAudiencesAsync("549755885175");

        Assert.That(slow.MaxInFlight, Is.EqualTo(3));
    }

    [Test]
    public void A_failure_of_one_call_fails_the_comparison_with_that_exception()
    {
        using var stub = PinterestStubServer.Start();
        stub.SimulateForbiddenAccount(stub.AdAccountIds[0]);

        Assert.ThrowsAsync<PinterestPermissionException>(() => stub.CreateClient(o => o.MaxRetries = 0).CompareAudiencesAsync(stub.AdAccountIds[0]));
    }

    [Test]
    public async Task Against_the_stub_the_computed_index_agrees_with_pinterests_own_category_index()
    {
        using var stub = PinterestStubServer.Start();

        var comparison = await stub.CreateClient().CompareAudiencesAsync(stub.AdAccountIds[0]);

        Assert.That(comparison.Categories, Has.Count.EqualTo(comparison.YourTotal.Categories!.Count));
        Assert.That(comparison.Categories.Select(c => c.Index), Is.Ordered.Descending);
        foreach (var category in comparison.YourTotal.Categories!.Where(c => c.Ratio < 0.95))
            Assert.That(comparison.Categories.Single(c => c.Key == category.Key).Index, Is.EqualTo(category.Index * 100).Within(1), category.Name);
        Assert.That(comparison.Demographics.Select(d => d.Dimension).Distinct(), Is.EquivalentTo(Enum.GetValues<AudienceDimension>().Where(d => d != AudienceDimension.Category)));
    }

    private static bool Same(AudienceIndex a, AudienceIndex b) =>
        a.Dimension == b.Dimension && a.Key == b.Key && a.Name == b.Name
        && Close(a.YourShare, b.YourShare) && Close(a.EngagedShare, b.EngagedShare) && Close(a.PinterestShare, b.PinterestShare)
        && Close(a.Index, b.Index) && Close(a.EngagedIndex, b.EngagedIndex);

    private static bool Close(double? a, double? b) => a is null ? b is null : b is not null && Math.Abs(a.Value - b.Value) < 1e-9;

    [Test]
    public async Task Comparing_audiences_of_twenty_thousand_metros_joins_by_key()
    {
        var metros = Enumerable.Range(0, 20_000).Select(i => new AudienceDemographicValue { Key = $"m{i}", Name = $"Metro {i}", Ratio = 1.0 / 20_000 }).ToList();
        AudienceInsightsResponse Audience(AudienceInsightType type) => new() { Type = type, Demographics = new AudienceDemographics { Metros = metros } };
        var fake = new FakeClient(Audience(AudienceInsightType.YourTotalAudience), Audience(AudienceInsightType.YourEngagedAudience), Audience(AudienceInsightType.PinterestTotalAudience));

        var watch = Stopwatch.StartNew();
        var comparison = await fake.CompareAudiencesAsync("549755885175");

        Assert.That(comparison.Of(AudienceDimension.Metro).Count(), Is.EqualTo(20_000));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)), "linear, not quadratic (it took 20 s before)");
    }

    /// <summary>An <see cref="IAudienceInsightsClient"/> answering from memory, as a consumer's fake would.</summary>
    private sealed class FakeClient(params AudienceInsightsResponse[] responses) : IAudienceInsightsClient
    {
        private int _inFlight;

        public AudienceInsightsResponse[] Responses => responses;

        public TimeSpan Delay { get; init; }

        public int MaxInFlight { get; private set; }

        public PinterestRateLimit? RateLimit => null;

        public async Task<AudienceInsightsResponse> GetAudienceInsightsAsync(string adAccountId, AudienceInsightType audienceInsightType, CancellationToken cancellationToken = default)
        {
            lock (responses)
                MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            await Task.Delay(Delay, cancellationToken);
            lock (responses)
                _inFlight--;
            return responses.Single(r => r.Type == audienceInsightType);
        }

        public async Task<PinterestResponse<AudienceInsightsResponse>> GetAudienceInsightsWithResponseAsync(string adAccountId, AudienceInsightType audienceInsightType, CancellationToken cancellationToken = default) =>
            new(await GetAudienceInsightsAsync(adAccountId, audienceInsightType, cancellationToken), new HttpResponseMessage(System.Net.HttpStatusCode.OK));

        public Task<AudienceDefinitionResponse> GetAudienceInsightsScopeAndTypeAsync(string adAccountId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<PinterestResponse<AudienceDefinitionResponse>> GetAudienceInsightsScopeAndTypeWithResponseAsync(string adAccountId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
