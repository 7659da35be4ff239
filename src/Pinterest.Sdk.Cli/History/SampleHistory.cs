namespace Pinterest.Sdk.Cli.History;

/// <summary>
/// A year of daily SAMPLE snapshots of a sample ad account, for <c>trend</c> without a token or a store:
/// each value drifts smoothly (its own direction and pace, a little seasonality and day-to-day noise)
/// towards today's sample answer, which the last day equals exactly, so <c>trend</c> and <c>insights</c>
/// agree. Demographic shares still sum to 1 every day. Deterministic: the same account gives the same year.
/// </summary>
internal static class SampleHistory
{
    private const int Days = 365;

    /// <summary>The sample history of <paramref name="adAccountId"/>, ending today (the context's clock, UTC).</summary>
    public static async Task<AudienceHistory> CreateAsync(IAudienceInsightsClient sampleClient, string adAccountId, TimeProvider clock, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var snapshots = new List<StoredSnapshot>();
        foreach (var type in new[] { AudienceInsightType.YourTotalAudience, AudienceInsightType.YourEngagedAudience, AudienceInsightType.PinterestTotalAudience })
        {
            var latest = await sampleClient.GetAudienceInsightsAsync(adAccountId, type, cancellationToken).ConfigureAwait(false);
            var rows = AudienceRow.From(adAccountId, type, latest, today.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc));
            // Pinterest's own audience barely moves; an engaged audience moves most.
            var pace = type switch { AudienceInsightType.PinterestTotalAudience => 0.15, AudienceInsightType.YourEngagedAudience => 1.4, _ => 1.0 };
            for (var day = 0; day < Days; day++)
            {
                var date = today.AddDays(day - (Days - 1));
                snapshots.Add(Snapshot(adAccountId, rows, date, (Days - 1 - day) / (double)(Days - 1), pace));
            }
        }
        return new AudienceHistory(adAccountId, [.. snapshots.OrderBy(s => s.SnapshotDate).ThenBy(s => s.Type, StringComparer.Ordinal)], []);
    }

    /// <param name="latest">Today's rows.</param>
    /// <param name="age">How far back the day is: 1 a year ago, 0 today.</param>
    private static StoredSnapshot Snapshot(string adAccountId, IReadOnlyList<AudienceRow> latest, DateOnly date, double age, double pace)
    {
        var fetchedAt = new DateTimeOffset(date.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero);
        var audience = latest[^1];
        var size = audience.Size is { } s ? (long?)Math.Round(s * Math.Exp(-Unit(adAccountId, "size") * 0.5 * pace * age) / 100) * 100 : null;
        if (age == 0)
            size = audience.Size;
        var factors = latest.Select(r => r.Dimension == AudienceRowDimension.Audience ? 1 : Factor(adAccountId, r, date, age, pace)).ToArray();
        var rows = new List<AudienceRow>(latest.Count);
        for (var i = 0; i < latest.Count; i++)
        {
            var row = latest[i];
            var ratio = row.Ratio * factors[i];
            if (IsDistribution(row.Dimension) && row.Ratio is not null)
            {
                // A distribution keeps its total: scale by the dimension's mean factor, weighted by share.
                var same = Enumerable.Range(0, latest.Count).Where(j => latest[j].Dimension == row.Dimension && latest[j].Ratio is not null).ToList();
                var total = same.Sum(j => latest[j].Ratio!.Value);
                var moved = same.Sum(j => latest[j].Ratio!.Value * factors[j]);
                ratio = moved > 0 ? row.Ratio * factors[i] * total / moved : row.Ratio;
            }
            ratio = ratio is { } r ? Math.Min(1, r) : null;
            var index = row.Index is { } ix && row.Ratio is > 0 && ratio is { } now ? ix * now / row.Ratio.Value : row.Index;
            rows.Add(row with { Date = date, Ratio = ratio, Index = index, Size = size, FetchedAt = fetchedAt });
        }
        return new StoredSnapshot(adAccountId, audience.Type, date, fetchedAt, rows, "SAMPLE");
    }

    private static bool IsDistribution(string dimension) => dimension is AudienceRowDimension.Age or AudienceRowDimension.Gender or AudienceRowDimension.Device
        or AudienceRowDimension.Country or AudienceRowDimension.Metro;

    /// <summary>How far a value's share stood from today's: its own drift over the year, a seasonal swing and a little noise; 1 today.</summary>
    private static double Factor(string adAccountId, AudienceRow row, DateOnly date, double age, double pace)
    {
        if (age == 0)
            return 1;
        var key = $"{row.Dimension}/{row.Key}";
        var drift = (Unit(adAccountId, key) - 0.5) * 0.9 * pace;                 // up to ±45% over the year
        var phase = Unit(adAccountId, key + "/phase") * 2 * Math.PI;
        var season = 0.04 * pace * (Math.Sin(2 * Math.PI * date.DayOfYear / 365.0 + phase) - Math.Sin(2 * Math.PI * date.AddDays((int)Math.Round(age * (Days - 1))).DayOfYear / 365.0 + phase));
        var noise = (Unit(adAccountId, key + "/" + date.DayNumber) - 0.5) * 0.02;
        return Math.Exp(-drift * age + season + noise);
    }

    /// <summary>A number in [0, 1) fixed by the text (FNV-1a): the same sample every run, on every machine.</summary>
    private static double Unit(string adAccountId, string text)
    {
        var hash = 2166136261u;
        foreach (var c in adAccountId + "|" + text)
            hash = (hash ^ c) * 16777619u;
        return (hash & 0xFFFFFF) / (double)0x1000000;
    }
}
