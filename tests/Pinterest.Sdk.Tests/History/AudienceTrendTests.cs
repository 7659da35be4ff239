using static Pinterest.Sdk.Tests.History.HistoryData;

namespace Pinterest.Sdk.Tests.History;

/// <summary>A trend compares the first snapshot in range with the last, biggest moves first, and follows each value's path.</summary>
public class AudienceTrendTests
{
    private const string Account = "549755885175";

    private static async Task<AudienceHistory> HistoryAsync(string folder, params (string Date, double HomeDecor)[] days)
    {
        var store = new AudienceHistoryStore(folder);
        foreach (var (date, homeDecor) in days)
            await store.WriteAsync([Snapshot(Account, date, homeDecor)]);
        return await store.ReadAsync(Account);
    }

    [Test]
    public async Task Each_value_is_compared_first_against_last_and_the_biggest_move_comes_first()
    {
        var folder = Directory.CreateTempSubdirectory("pinterest-trend-").FullName;
        try
        {
            var history = await HistoryAsync(folder, ("2026-03-01", 0.30), ("2026-03-02", 0.50), ("2026-03-03", 0.36));

            var trend = AudienceTrend.Of(history, AudienceInsightType.YourTotalAudience, AudienceRowDimension.Category);

            Assert.That((trend.FirstDate, trend.LastDate), Is.EqualTo(((DateOnly?)new DateOnly(2026, 3, 1), (DateOnly?)new DateOnly(2026, 3, 3))));
            Assert.That(trend.Values.Select(v => v.Name), Is.EqualTo(new[] { "home decor", "travel" }), "home decor moved 6 points, travel none");
            var homeDecor = trend.Values[0];
            Assert.That((homeDecor.FirstShare, homeDecor.LastShare, homeDecor.FirstIndex, homeDecor.LastIndex), Is.EqualTo(((double?)0.30, (double?)0.36, (double?)2.1, (double?)2.1)));
            Assert.That(homeDecor.ChangePoints, Is.EqualTo(6).Within(1e-9));
            Assert.That(homeDecor.Path.Select(p => p.Share), Is.EqualTo(new double?[] { 0.30, 0.50, 0.36 }), "the path goes through the middle day");
            Assert.That(trend.Sizes.Select(s => s.Size), Is.EqualTo(new long?[] { 1_000_000, 1_000_000, 1_000_000 }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void A_value_that_appears_counts_from_zero_and_one_that_disappears_falls_to_zero()
    {
        var at = new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);
        AudienceRow Row(string key, double ratio, int day) => new(Account, "YOUR_TOTAL_AUDIENCE", new DateOnly(2026, 3, day), "age", key, key, ratio, null, 10, true, at);
        StoredSnapshot Day(int day, params AudienceRow[] rows) => new(Account, "YOUR_TOTAL_AUDIENCE", new DateOnly(2026, 3, day), at, [.. rows, Row("", 0, day) with { Dimension = "audience", Key = null, Name = null, Ratio = null }], "f");
        var history = new AudienceHistory(Account, [Day(1, Row("65+", 0.1, 1)), Day(2, Row("18-24", 0.3, 2))], []);

        var trend = AudienceTrend.Of(history, AudienceInsightType.YourTotalAudience, AudienceRowDimension.Age);

        Assert.That(trend.Values.Select(v => (v.Key, v.FirstShare, v.LastShare)), Is.EqualTo(new[] { ("18-24", (double?)null, (double?)0.3), ("65+", (double?)0.1, (double?)null) }));
        Assert.That(trend.Values.Select(v => Math.Round(v.ChangePoints!.Value, 9)), Is.EqualTo(new[] { 30.0, -10.0 }));
    }

    [Test]
    public void Only_a_dimension_with_values_can_be_followed()
    {
        var history = new AudienceHistory(Account, [], []);

        Assert.That(() => AudienceTrend.Of(history, AudienceInsightType.YourTotalAudience, "audience"), Throws.ArgumentException.With.Message.Contains("not a dimension with values"));
        Assert.That(AudienceTrend.Of(history, AudienceInsightType.YourTotalAudience, "age").Sizes, Is.Empty);
    }
}
