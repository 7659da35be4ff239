namespace Pinterest.Sdk;

/// <summary>Compares an ad account's audiences with Pinterest's total audience.</summary>
public static class AudienceComparisonExtensions
{
    /// <summary>
    /// Fetches the account's total and engaged audiences and Pinterest's total audience concurrently,
    /// and indexes each category and demographic value of the account against Pinterest's.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="adAccountId">The ad account id (digits only).</param>
    /// <param name="cancellationToken">Cancels all three calls.</param>
    /// <returns>The comparison, each list sorted by index, highest first.</returns>
    /// <exception cref="PinterestApiException">One of the three calls failed.</exception>
    public static async Task<AudienceComparison> CompareAudiencesAsync(this IAudienceInsightsClient client, string adAccountId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var yourTotal = client.GetAudienceInsightsAsync(adAccountId, AudienceInsightType.YourTotalAudience, cancellationToken);
        var yourEngaged = client.GetAudienceInsightsAsync(adAccountId, AudienceInsightType.YourEngagedAudience, cancellationToken);
        var pinterestTotal = client.GetAudienceInsightsAsync(adAccountId, AudienceInsightType.PinterestTotalAudience, cancellationToken);
        await Task.WhenAll(yourTotal, yourEngaged, pinterestTotal).ConfigureAwait(false);
        return Compare(adAccountId, await yourTotal.ConfigureAwait(false), await yourEngaged.ConfigureAwait(false), await pinterestTotal.ConfigureAwait(false));
    }

    /// <summary>The comparison of three responses already fetched.</summary>
    internal static AudienceComparison Compare(string adAccountId, AudienceInsightsResponse yourTotal, AudienceInsightsResponse yourEngaged, AudienceInsightsResponse pinterestTotal)
    {
        var categories = Index(AudienceDimension.Category,
            Shares(yourTotal.Categories), Shares(yourEngaged.Categories), Shares(pinterestTotal.Categories));
        var demographics = new List<AudienceIndex>();
        foreach (var (dimension, select) in Dimensions)
        {
            demographics.AddRange(Index(dimension,
                Shares(select(yourTotal.Demographics)), Shares(select(yourEngaged.Demographics)), Shares(select(pinterestTotal.Demographics))));
        }
        return new AudienceComparison(adAccountId, yourTotal, yourEngaged, pinterestTotal, Sorted(categories), Sorted(demographics));
    }

    private static readonly (AudienceDimension, Func<AudienceDemographics?, IReadOnlyList<AudienceDemographicValue>?>)[] Dimensions =
    [
        (AudienceDimension.Age, d => d?.Ages),
        (AudienceDimension.Gender, d => d?.Genders),
        (AudienceDimension.Device, d => d?.Devices),
        (AudienceDimension.Country, d => d?.Countries),
        (AudienceDimension.Metro, d => d?.Metros),
    ];

    /// <summary>A value's key, name and share; the key falls back to the name when Pinterest sent none.</summary>
    private readonly record struct Share(string Key, string Name, double? Ratio);

    private static List<Share> Shares(IReadOnlyList<AudienceCategory>? values) =>
        values?.Where(v => (v.Key ?? v.Name) is not null).Select(v => new Share((v.Key ?? v.Name)!, v.Name ?? v.Key!, v.Ratio)).ToList() ?? [];

    private static List<Share> Shares(IReadOnlyList<AudienceDemographicValue>? values) =>
        values?.Where(v => (v.Key ?? v.Name) is not null).Select(v => new Share((v.Key ?? v.Name)!, v.Name ?? v.Key!, v.Ratio)).ToList() ?? [];

    /// <summary>One row per key that appears in any of the three lists, in first-seen order; joined by key in linear time.</summary>
    private static List<AudienceIndex> Index(AudienceDimension dimension, List<Share> yours, List<Share> engaged, List<Share> pinterest)
    {
        var (yourShares, engagedShares, pinterestShares) = (ByKey(yours), ByKey(engaged), ByKey(pinterest));
        var keys = yours.Concat(engaged).Concat(pinterest).DistinctBy(s => s.Key, StringComparer.Ordinal);
        return keys.Select(k =>
        {
            var your = yourShares.GetValueOrDefault(k.Key);
            var eng = engagedShares.GetValueOrDefault(k.Key);
            var all = pinterestShares.GetValueOrDefault(k.Key);
            return new AudienceIndex(dimension, k.Key, k.Name, your, eng, all, Ratio(your, all), Ratio(eng, all));
        }).ToList();
    }

    /// <summary>Each key's share; the first wins when Pinterest lists a key twice.</summary>
    private static Dictionary<string, double?> ByKey(List<Share> shares)
    {
        var byKey = new Dictionary<string, double?>(shares.Count, StringComparer.Ordinal);
        foreach (var share in shares)
            byKey.TryAdd(share.Key, share.Ratio);
        return byKey;
    }

    private static double? Ratio(double? share, double? pinterestShare) =>
        share is { } s && pinterestShare is { } p && p > 0 ? 100 * s / p : null;

    private static List<AudienceIndex> Sorted(List<AudienceIndex> rows) =>
        [.. rows.OrderBy(r => r.Index is null).ThenByDescending(r => r.Index).ThenBy(r => r.Dimension).ThenBy(r => r.Name, StringComparer.Ordinal)];
}
