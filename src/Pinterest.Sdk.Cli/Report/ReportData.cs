using Pinterest.Sdk.Cli.History;

namespace Pinterest.Sdk.Cli.Report;

/// <summary>
/// Everything the report page shows, gathered by <see cref="ReportCommand"/> and drawn by <see cref="ReportPage"/>:
/// one of your audiences against Pinterest's total audience, value by value, and how it moved over the
/// stored snapshots. Strings in it come from Pinterest (names, keys, dates) and are escaped where drawn.
/// </summary>
/// <param name="AdAccountId">The ad account.</param>
/// <param name="Type">The audience set against Pinterest's: your total or your engaged audience.</param>
/// <param name="Sample">Whether the figures are the built-in sample data.</param>
/// <param name="MadeOn">The day the page was made (UTC).</param>
/// <param name="DataDate">Pinterest's date of the audience's figures, as Pinterest gave it.</param>
/// <param name="Sizes">The three audiences' sizes.</param>
/// <param name="Dimensions">Interest categories first, then ages, genders, devices, top countries and top metros.</param>
/// <param name="OverIndexed">The values that over-index most (index above 100), highest first.</param>
/// <param name="UnderIndexed">The values that under-index most (index below 100), lowest first.</param>
/// <param name="History">How the audience moved over the stored snapshots.</param>
internal sealed record ReportData(
    string AdAccountId,
    AudienceInsightType Type,
    bool Sample,
    DateOnly MadeOn,
    string? DataDate,
    IReadOnlyList<ReportSize> Sizes,
    IReadOnlyList<ReportDimension> Dimensions,
    IReadOnlyList<ReportValue> OverIndexed,
    IReadOnlyList<ReportValue> UnderIndexed,
    ReportHistory History)
{
    /// <summary>How many rows the top countries and metros show, and how many over- and under-indexed values.</summary>
    public const int TopRows = 10;

    /// <summary>How many over- and under-indexed values are listed.</summary>
    public const int Extremes = 5;

    /// <summary>How many categories the trend follows: the biggest moves.</summary>
    public const int Movers = 5;

    /// <summary>The report of a comparison and the account's history.</summary>
    /// <param name="comparison">Your audiences against Pinterest's (<see cref="AudienceComparisonExtensions.CompareAudiencesAsync"/>).</param>
    /// <param name="type">Which of your audiences: <see cref="AudienceInsightType.YourTotalAudience"/> or <see cref="AudienceInsightType.YourEngagedAudience"/>.</param>
    /// <param name="sample">Whether the comparison is sample data.</param>
    /// <param name="madeOn">Today.</param>
    /// <param name="history">The account's history of <paramref name="type"/> (<see cref="HistorySource"/>).</param>
    public static ReportData From(AudienceComparison comparison, AudienceInsightType type, bool sample, DateOnly madeOn, ShownHistory history)
    {
        var engaged = type == AudienceInsightType.YourEngagedAudience;
        ReportValue Value(AudienceIndex row) => new(row.Dimension, row.Key, row.Name,
            engaged ? row.EngagedShare : row.YourShare, row.PinterestShare, engaged ? row.EngagedIndex : row.Index);

        var categories = comparison.Categories.Select(Value).ToList();
        List<ReportValue> Of(AudienceDimension dimension) => [.. comparison.Of(dimension).Select(Value)];
        var dimensions = new List<ReportDimension>
        {
            new(AudienceDimension.Category, "Interest categories", categories),
            // Ages in their own order (18-24, 25-34, ..., 65+); the others biggest first.
            new(AudienceDimension.Age, "Ages", [.. Of(AudienceDimension.Age).OrderBy(v => v.Key, StringComparer.Ordinal)]),
            new(AudienceDimension.Gender, "Genders", BiggestFirst(Of(AudienceDimension.Gender))),
            new(AudienceDimension.Device, "Devices", BiggestFirst(Of(AudienceDimension.Device))),
            new(AudienceDimension.Country, "Top countries", [.. BiggestFirst(Of(AudienceDimension.Country)).Take(TopRows)]),
            new(AudienceDimension.Metro, "Top metros", [.. BiggestFirst(Of(AudienceDimension.Metro)).Take(TopRows)]),
        };

        var indexed = categories.Concat(comparison.Demographics.Select(Value)).Where(v => v.Index is not null).ToList();
        var over = indexed.Where(v => v.Index > 100).OrderByDescending(v => v.Index).ThenBy(v => v.Name, StringComparer.Ordinal).Take(Extremes).ToList();
        var under = indexed.Where(v => v.Index < 100).OrderBy(v => v.Index).ThenBy(v => v.Name, StringComparer.Ordinal).Take(Extremes).ToList();

        var yours = engaged ? comparison.YourEngaged : comparison.YourTotal;
        var sizes = new List<ReportSize>
        {
            new("Your total audience", comparison.YourTotal.Size, comparison.YourTotal.SizeIsUpperBound, !engaged),
            new("Your engaged audience", comparison.YourEngaged.Size, comparison.YourEngaged.SizeIsUpperBound, engaged),
            new("Pinterest's total audience", comparison.PinterestTotal.Size, comparison.PinterestTotal.SizeIsUpperBound, false),
        };

        var trend = AudienceTrend.Of(history.History, type, AudienceRowDimension.Category);
        return new ReportData(comparison.AdAccountId, type, sample, madeOn, yours.Date, sizes, dimensions, over, under,
            new ReportHistory(trend, history.Sample, history.Store.Directory));
    }

    /// <summary>Whose audience the page sets against Pinterest's, in words.</summary>
    public string AudienceName => Type == AudienceInsightType.YourEngagedAudience ? "Your engaged audience" : "Your total audience";

    private static List<ReportValue> BiggestFirst(List<ReportValue> values) =>
        [.. values.OrderByDescending(v => v.Share ?? -1).ThenBy(v => v.Name, StringComparer.Ordinal)];
}

/// <summary>One audience's size.</summary>
/// <param name="Label">Which audience.</param>
/// <param name="Size">Its size, when Pinterest gave one.</param>
/// <param name="IsUpperBound">Whether Pinterest gave the size as an upper bound.</param>
/// <param name="Compared">Whether it is the audience the page sets against Pinterest's.</param>
internal sealed record ReportSize(string Label, long? Size, bool? IsUpperBound, bool Compared);

/// <summary>The values of one dimension, in the order shown.</summary>
/// <param name="Dimension">Which.</param>
/// <param name="Title">The chart's title.</param>
/// <param name="Values">Its values.</param>
internal sealed record ReportDimension(AudienceDimension Dimension, string Title, IReadOnlyList<ReportValue> Values);

/// <summary>One value: its share of your audience and of Pinterest's, and the index between them.</summary>
/// <param name="Dimension">What it describes.</param>
/// <param name="Key">Pinterest's key.</param>
/// <param name="Name">Pinterest's display name.</param>
/// <param name="Share">Its share (0 to 1) of your audience.</param>
/// <param name="PinterestShare">Its share (0 to 1) of Pinterest's total audience.</param>
/// <param name="Index">100 × share / Pinterest's share; 100 = as on Pinterest.</param>
internal sealed record ReportValue(AudienceDimension Dimension, string Key, string Name, double? Share, double? PinterestShare, double? Index);

/// <summary>How the audience moved: its size on each snapshot day and the categories' paths, the biggest moves first.</summary>
/// <param name="Trend">The trend of the interest categories (<see cref="AudienceTrend.Of"/>); no sizes when nothing is stored.</param>
/// <param name="Sample">Whether it is a made-up SAMPLE history.</param>
/// <param name="Store">The store it was read from.</param>
internal sealed record ReportHistory(AudienceTrend Trend, bool Sample, string Store)
{
    /// <summary>Whether there is a trend to draw: at least two snapshot days.</summary>
    public bool HasTrend => Trend.Sizes.Count > 1;
}
