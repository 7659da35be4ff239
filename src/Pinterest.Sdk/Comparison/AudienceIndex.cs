namespace Pinterest.Sdk;

/// <summary>
/// One category or demographic value: your audiences' shares next to Pinterest's total audience, and
/// the index between them. An index of 100 means "as on Pinterest overall"; 150 means your audience
/// over-indexes by half; 50 means it under-indexes by half.
/// </summary>
/// <param name="Dimension">What the row describes.</param>
/// <param name="Key">Pinterest's key for the value (an age range, a country code, a category id).</param>
/// <param name="Name">Pinterest's display name for the value.</param>
/// <param name="YourShare">The share (0 to 1) of your total audience, when Pinterest reported it.</param>
/// <param name="EngagedShare">The share (0 to 1) of your engaged audience, when Pinterest reported it.</param>
/// <param name="PinterestShare">The share (0 to 1) of Pinterest's total audience, when Pinterest reported it.</param>
/// <param name="Index">100 × <paramref name="YourShare"/> / <paramref name="PinterestShare"/>; null when either is missing or Pinterest's is 0.</param>
/// <param name="EngagedIndex">100 × <paramref name="EngagedShare"/> / <paramref name="PinterestShare"/>; null likewise.</param>
public sealed record AudienceIndex(
    AudienceDimension Dimension,
    string Key,
    string Name,
    double? YourShare,
    double? EngagedShare,
    double? PinterestShare,
    double? Index,
    double? EngagedIndex);
