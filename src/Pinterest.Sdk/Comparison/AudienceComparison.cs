namespace Pinterest.Sdk;

/// <summary>
/// An ad account's total and engaged audiences compared with Pinterest's total audience, value by
/// value: the "over/under-indexes" view. Made by <see cref="AudienceComparisonExtensions.CompareAudiencesAsync"/>.
/// </summary>
public sealed class AudienceComparison
{
    internal AudienceComparison(
        string adAccountId,
        AudienceInsightsResponse yourTotal,
        AudienceInsightsResponse yourEngaged,
        AudienceInsightsResponse pinterestTotal,
        IReadOnlyList<AudienceIndex> categories,
        IReadOnlyList<AudienceIndex> demographics)
    {
        AdAccountId = adAccountId;
        YourTotal = yourTotal;
        YourEngaged = yourEngaged;
        PinterestTotal = pinterestTotal;
        Categories = categories;
        Demographics = demographics;
    }

    /// <summary>The ad account compared.</summary>
    public string AdAccountId { get; }

    /// <summary>The account's total audience, as Pinterest returned it.</summary>
    public AudienceInsightsResponse YourTotal { get; }

    /// <summary>The account's engaged audience, as Pinterest returned it.</summary>
    public AudienceInsightsResponse YourEngaged { get; }

    /// <summary>Pinterest's total audience, as Pinterest returned it.</summary>
    public AudienceInsightsResponse PinterestTotal { get; }

    /// <summary>Interest categories, highest <see cref="AudienceIndex.Index"/> first; rows without an index last.</summary>
    public IReadOnlyList<AudienceIndex> Categories { get; }

    /// <summary>Every demographic value (ages, genders, devices, countries, metros), highest index first; rows without an index last.</summary>
    public IReadOnlyList<AudienceIndex> Demographics { get; }

    /// <summary>The rows of one dimension, highest index first.</summary>
    /// <param name="dimension">The dimension.</param>
    /// <returns>The rows, in the order of <see cref="Categories"/> or <see cref="Demographics"/>.</returns>
    public IEnumerable<AudienceIndex> Of(AudienceDimension dimension) =>
        (dimension == AudienceDimension.Category ? Categories : Demographics).Where(row => row.Dimension == dimension);
}
