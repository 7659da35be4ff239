using System.Globalization;

namespace Pinterest.Sdk.History;

/// <summary>
/// One row of audience data: an account's audience of one type, one dimension and value, as Pinterest
/// reported it at <see cref="FetchedAt"/>. The one row shape of every tabular output: the CSV and
/// Parquet exports and the history store all write it, column for column
/// (<c>account,type,date,dimension,key,name,ratio,index,size,size_is_upper_bound</c>, plus <c>fetched_at</c>
/// where the format can type it). Each account and type has one <see cref="AudienceRowDimension.Audience"/>
/// row after its values, so an audience with no values is still there, and every row carries the
/// audience's <see cref="Size"/>: <c>Size × Ratio</c> is a number of people.
/// </summary>
/// <param name="AdAccountId">The ad account (column <c>account</c>).</param>
/// <param name="Type">The audience type's wire value, for example <c>YOUR_TOTAL_AUDIENCE</c> (column <c>type</c>).</param>
/// <param name="Date">The date Pinterest generated the insights for, when it said (column <c>date</c>).</param>
/// <param name="Dimension">What the row describes: one of <see cref="AudienceRowDimension"/>'s values.</param>
/// <param name="Key">Pinterest's key of the value (a category id, an age range, a country code); none on the audience row.</param>
/// <param name="Name">Pinterest's display name of the value; none on the audience row.</param>
/// <param name="Ratio">The value's share of the audience, 0 to 1.</param>
/// <param name="Index">Pinterest's affinity index of a category or subcategory (100: as on Pinterest overall).</param>
/// <param name="Size">The audience's size.</param>
/// <param name="SizeIsUpperBound">Whether Pinterest rounded <paramref name="Size"/> up to a boundary.</param>
/// <param name="FetchedAt">When the answer was fetched (column <c>fetched_at</c>, UTC).</param>
public sealed record AudienceRow(
    string AdAccountId,
    string Type,
    DateOnly? Date,
    string Dimension,
    string? Key,
    string? Name,
    double? Ratio,
    double? Index,
    long? Size,
    bool? SizeIsUpperBound,
    DateTimeOffset FetchedAt)
{
    /// <summary>
    /// The day this row's snapshot is of: Pinterest's own <see cref="Date"/> when it gave one, else the UTC
    /// day it was fetched. The one rule for live snapshots, imports and reading the store.
    /// </summary>
    public DateOnly SnapshotDate => SnapshotDateOf(Date, FetchedAt);

    /// <summary>The day a snapshot is of: <paramref name="date"/> when Pinterest gave one, else the UTC day of <paramref name="fetchedAt"/>.</summary>
    /// <param name="date">Pinterest's date of the insights.</param>
    /// <param name="fetchedAt">When they were fetched.</param>
    /// <returns>The snapshot's day.</returns>
    public static DateOnly SnapshotDateOf(DateOnly? date, DateTimeOffset fetchedAt) => date ?? DateOnly.FromDateTime(fetchedAt.UtcDateTime);

    /// <summary>Pinterest's <c>date</c> (<c>yyyy-MM-dd</c>) as a date; <see langword="null"/> when it is missing or not a date.</summary>
    /// <param name="date">The response's <c>date</c>.</param>
    /// <returns>The date.</returns>
    public static DateOnly? ParseDate(string? date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    /// <summary>
    /// The rows of one answer: each category followed by its subcategories, then ages, genders, devices,
    /// countries and metros, then the audience row.
    /// </summary>
    /// <param name="adAccountId">The ad account the answer is for.</param>
    /// <param name="type">The audience type asked for.</param>
    /// <param name="response">Pinterest's answer.</param>
    /// <param name="fetchedAt">When it was fetched.</param>
    /// <returns>The rows, in that order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="adAccountId"/> or <paramref name="response"/> is null.</exception>
    public static IReadOnlyList<AudienceRow> From(string adAccountId, AudienceInsightType type, AudienceInsightsResponse response, DateTimeOffset fetchedAt)
    {
        ArgumentNullException.ThrowIfNull(adAccountId);
        ArgumentNullException.ThrowIfNull(response);
        var wireType = type.ToWireValue();
        var date = ParseDate(response.Date);
        var size = response.Size;
        var upperBound = response.SizeIsUpperBound;
        var at = fetchedAt.ToUniversalTime();
        var rows = new List<AudienceRow>(64);
        void Add(string dimension, string? key, string? name, double? ratio, double? index) =>
            rows.Add(new AudienceRow(adAccountId, wireType, date, dimension, key, name, ratio, index, size, upperBound, at));

        foreach (var category in response.Categories ?? [])
        {
            Add(AudienceRowDimension.Category, category.Key, category.Name, category.Ratio, category.Index);
            foreach (var subcategory in category.Subcategories ?? [])
                Add(AudienceRowDimension.Subcategory, subcategory.Key, subcategory.Name, subcategory.Ratio, subcategory.Index);
        }
        var demographics = response.Demographics;
        foreach (var (dimension, values) in new[]
        {
            (AudienceRowDimension.Age, demographics?.Ages), (AudienceRowDimension.Gender, demographics?.Genders),
            (AudienceRowDimension.Device, demographics?.Devices), (AudienceRowDimension.Country, demographics?.Countries),
            (AudienceRowDimension.Metro, demographics?.Metros),
        })
        {
            foreach (var value in values ?? [])
                Add(dimension, value.Key, value.Name, value.Ratio, null);
        }
        Add(AudienceRowDimension.Audience, null, null, null, null);
        return rows;
    }
}
